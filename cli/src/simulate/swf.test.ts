import { describe, expect, it } from 'vitest';
import { formatProblems, parseSwf } from './swf.js';

const line = (fields: Record<number, number | string>) => {
  const f: (number | string)[] = Array.from({ length: 18 }, () => -1);
  for (const [k, v] of Object.entries(fields)) f[Number(k) - 1] = v;
  return f.join(' ');
};

describe('parseSwf', () => {
  it('reads the fields the simulator uses, skipping comments and blank lines', () => {
    const text = ['; Version: 2.2', '', line({ 1: 7, 2: 100, 4: 50, 5: 3, 8: 4, 9: 60, 12: 5, 15: 2 })].join('\n');
    expect(parseSwf(text)).toEqual({
      jobs: [{ id: 7, line: 3, submit: 100, runTime: 50, processors: 4, walltime: 60, user: 5, queue: 2 }],
      malformed: [],
      skipped: [],
    });
  });

  it.each([
    ['requested processors unknown: the allocated ones', { 1: 1, 2: 0, 4: 10, 5: 3, 9: 20 }, { processors: 3, walltime: 20 }],
    ['requested time unknown: the run time', { 1: 1, 2: 0, 4: 10, 8: 2 }, { processors: 2, walltime: 10 }],
    ['a run time of 0 and no requested time: a walltime of 1 s', { 1: 1, 2: 0, 4: 0, 8: 1 }, { runTime: 0, walltime: 1 }],
    ['fractions are rounded, processors up', { 1: 1, 2: 0.4, 4: 9.6, 8: 1.2, 9: 30 }, { submit: 0, runTime: 10, processors: 2 }],
  ])('%s', (_, fields, expected) => {
    expect(parseSwf(line(fields)).jobs[0]).toMatchObject(expected);
  });

  it.each([
    ['17 fields', line({ 1: 1, 2: 0, 4: 1, 8: 1 }).replace(/ -1$/, ''), '17 fields, expected 18'],
    ['a word', line({ 1: 1, 2: 'abc', 4: 1, 8: 1 }), 'field 2 is not a number: "abc"'],
    ['job number 0', line({ 1: 0, 2: 0, 4: 1, 8: 1 }), 'job number must be a positive integer, got 0'],
    ['job number 1.5', line({ 1: 1.5, 2: 0, 4: 1, 8: 1 }), 'job number must be a positive integer, got 1.5'],
  ])('malformed: %s', (_, text, message) => {
    expect(parseSwf(`; header\n${text}`)).toEqual({ jobs: [], malformed: [{ line: 2, message }], skipped: [] });
  });

  it('a repeated job number is malformed, naming the first line', () => {
    const l = line({ 1: 3, 2: 0, 4: 1, 8: 1 });
    expect(parseSwf(`${l}\n${l}`).malformed).toEqual([{ line: 2, message: 'job number 3 already used on line 1' }]);
  });

  it.each([
    ['submit time unknown', { 1: 4, 4: 1, 8: 1 }],
    ['run time unknown', { 1: 4, 2: 0, 8: 1 }],
    ['processors unknown', { 1: 4, 2: 0, 4: 1 }],
  ])('skipped, not malformed: %s', (message, fields) => {
    expect(parseSwf(line(fields))).toEqual({ jobs: [], malformed: [], skipped: [{ line: 1, message: `job 4: ${message}` }] });
  });
});

describe('formatProblems', () => {
  it('lists the first ten, then how many more', () => {
    const problems = Array.from({ length: 13 }, (_, i) => ({ line: i + 1, message: 'x' }));
    const lines = formatProblems(problems);
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('line 1: x');
    expect(lines[10]).toBe('… and 3 more');
    expect(formatProblems(problems.slice(0, 2))).toEqual(['line 1: x', 'line 2: x']);
  });
});
