/**
 * The reload rule's file states: which paths a setup's config lookup depends on, and which of
 * them changed since (created, removed, rewritten with the same size, replaced).
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_SEARCH_PLACES } from '../config/load-config.js';
import { changedSince, configPaths, fingerprintOf } from './watched-files.js';

const root = mkdtempSync(join(tmpdir(), 'oar-watched-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('configPaths', () => {
  it('with --config: that file only', () => {
    expect(configPaths('/etc/oar-sched/oar.config.ts', root)).toEqual(['/etc/oar-sched/oar.config.ts']);
  });

  it('without: every search place of every folder from the current one up to the project root, and what ends the search', () => {
    const project = join(root, 'project');
    const nested = join(project, 'sub', 'dir');
    mkdirSync(nested, { recursive: true });
    writeFileSync(join(project, 'package.json'), '{}');
    const paths = configPaths(undefined, nested);
    for (const dir of [nested, dirname(nested), project]) {
      for (const place of [...CONFIG_SEARCH_PLACES, 'package.json', 'package.yaml']) expect(paths).toContain(join(dir, place));
    }
    expect(paths.filter((p) => !p.startsWith(project))).toEqual([]);
  });
});

describe('changedSince', () => {
  const file = (name: string) => join(root, name);
  it.each([
    ['created', (p: string) => writeFileSync(p, 'x'), false],
    ['removed', (p: string) => rmSync(p), true],
    ['rewritten, same size, later modification time', (p: string) => {
      writeFileSync(p, 'b');
      utimesSync(p, new Date(), new Date(Date.now() + 5000));
    }, true],
    ['replaced by another file (rename over it)', (p: string) => {
      writeFileSync(`${p}.new`, 'a');
      renameSync(`${p}.new`, p);
    }, true],
  ] as const)('%s: changed', (name, change, existed) => {
    const p = file(name.replace(/\W+/g, '-'));
    if (existed) writeFileSync(p, 'a');
    const fingerprint = fingerprintOf([p, file('untouched')]);
    change(p);
    expect(changedSince(fingerprint)).toEqual([p]);
  });

  it('nothing touched: nothing changed', () => {
    writeFileSync(file('still'), 'a');
    expect(changedSince(fingerprintOf([file('still'), file('never-there')]))).toEqual([]);
  });
});
