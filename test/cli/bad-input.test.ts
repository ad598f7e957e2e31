/**
 * Bad input from a new-user audit, through the real `oar-sched` binary. Each case is refused with
 * exit 2 and one short message naming the file, the JSON path and what was expected. None prints
 * a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node_modules', '.bin', 'oar-sched');
const dir = mkdtempSync(join(tmpdir(), 'oar-bad-input-'));

const job = (extra: object = {}) => ({
  id: 1,
  moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }],
  ...extra,
});
const scenario = (extra: object = {}) => ({ now: 0, resources: [{ ids: '1-4' }], jobs: [job()], ...extra });

/** `{"now": 0, …, "config": {"quotas": {…, "rules": {"quotas": {"*,*,*,*": [[[…1…]]]}}}}}`, 50,000 arrays deep. */
const deeplyNested = `{"now": 0, "resources": [{"ids": "1-4"}], "config": {"quotas": {"enabled": true, "rules": {"quotas": {"*,*,*,*": ${'['.repeat(50_000)}1${']'.repeat(50_000)}}}}}}`;

let count = 0;
function run(input: object | string, timeout = 30_000) {
  const file = join(dir, `scenario-${++count}.json`);
  writeFileSync(file, typeof input === 'string' ? input : JSON.stringify(input));
  const started = Date.now();
  const r = spawnSync(bin, ['schedule', '--scenario', file], { cwd: root, encoding: 'utf8', timeout });
  return { file, code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

describe('oar-sched refuses bad input with exit 2 and one message (file, path, expectation)', () => {
  it.each<[string, object | string, string[]]>([
    [
      'a range over 100,000,000 resource ids',
      scenario({ resources: [{ ids: '1-100000000' }] }),
      ['expected at most 1000000 resources in a scenario', 'range 1-100000000', '→ at resources[0].ids'],
    ],
    [
      'a mistyped range (100-10000000 for 100-1000)',
      scenario({ resources: [{ ids: '1-16' }, { ids: '100-10000000' }] }),
      ['expected at most 1000000 resources in a scenario', 'brings the count to 9999917', 'range 100-10000000', '→ at resources[1].ids'],
    ],
    ['nesting 50,000 levels deep under config.quotas.rules', deeplyNested, ['expected at most 64 levels of nested arrays and objects', '→ at config.quotas.rules.quotas']],
    ['an unclosed array nested 100,000 levels deep', `{"now": 0, "resources": ${'['.repeat(100_000)}`, ['not valid JSON', 'but found end of input at line 1']],
    ['resource id 0 inside a range', scenario({ resources: [{ ids: '0-3' }] }), ['expected a resource id ≥ 1, but "0-3" includes 0', '→ at resources[0].ids']],
    ['resource id 0 alone, in the same words', scenario({ resources: [{ id: 0 }] }), ['expected a resource id ≥ 1', '→ at resources[0].id']],
    [
      'two overlapping ranges of 50,001 ids',
      scenario({ resources: [{ ids: '1-100000' }, { ids: '50000-100000' }] }),
      ['resource ids 50000-100000 are declared twice (resources[0] and resources[1]) → at resources[1].ids'],
    ],
  ])('%s', (_what, input, fragments) => {
    const r = run(input);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(r.file);
    for (const fragment of fragments) expect(r.stderr).toContain(fragment);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    // One message, not one line per resource id.
    expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(3);
  });

  it('refuses a huge range without expanding it first', () => {
    const r = run(scenario({ resources: [{ ids: '100-10000000' }] }));
    expect(r.code).toBe(2);
    // Expanding the range took 75 s; counting its intervals takes nothing beyond startup.
    expect(r.ms).toBeLessThan(15_000);
  });
});
