import { describe, expect, it } from 'vitest';
import { UsageError, defaultPackageName, parseCliArgs, parseHooks, policySlug } from './options.js';

describe('parseCliArgs', () => {
  it('reads the folder and every flag', () => {
    expect(parseCliArgs(['my-plugin', '--name', '@site/oar-plugin-gpu', '--hooks', 'sorting,find', '--yes', '--force'])).toEqual({
      dir: 'my-plugin',
      name: '@site/oar-plugin-gpu',
      hooks: ['find', 'sorting'],
      yes: true,
      force: true,
      help: false,
    });
  });

  it('leaves unanswered questions undefined', () => {
    expect(parseCliArgs([])).toMatchObject({ dir: undefined, name: undefined, hooks: undefined, yes: false, force: false });
  });

  it.each([
    [['--hooks', 'find,scoring'], /--hooks: unknown hook kind "scoring" \(expected find, assign, sorting, extra-metasched\)/],
    [['--hooks', ','], /--hooks: expected one or more of/],
    [['--name', 'My Plugin'], /--name: "My Plugin" is not a valid npm package name/],
    [['a', 'b'], /expected at most one folder, got 2: a b/],
    [['--colour'], /Unknown option '--colour'/],
    [['--name'], /--name/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('names', () => {
  it('orders and dedupes hook kinds', () => {
    expect(parseHooks('extra-metasched, find,find')).toEqual(['find', 'extra-metasched']);
  });

  it('derives a package name from the folder', () => {
    expect(defaultPackageName('/tmp/x/Oar Plugin GPU/')).toBe('oar-plugin-gpu');
    expect(defaultPackageName('___')).toBe('oar-plugin-example');
  });

  it('derives the policy name from the package name', () => {
    expect(policySlug('oar-plugin-gpu-first')).toBe('gpu_first');
    expect(policySlug('@site/oar-sched-plugin-pack.end')).toBe('pack_end');
    expect(policySlug('2fast')).toBe('p_2fast');
    expect(policySlug('oar-plugin-')).toBe('example');
  });
});
