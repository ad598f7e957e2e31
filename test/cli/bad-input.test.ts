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
    ['nesting 50,000 levels deep under config.quotas.rules', deeplyNested, ['expected at most 64 levels of nested arrays and objects', '→ at config.quotas.rules.quotas']],
    ['an unclosed array nested 100,000 levels deep', `{"now": 0, "resources": ${'['.repeat(100_000)}`, ['not valid JSON', 'but found end of input at line 1']],
  ])('%s', (_what, input, fragments) => {
    const r = run(input);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(r.file);
    for (const fragment of fragments) expect(r.stderr).toContain(fragment);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(3);
  });
});
