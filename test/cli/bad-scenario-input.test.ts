/**
 * Bad input from a new-user audit, through the real `oar-sched` binary. Each case is refused with
 * exit 2 and one short message naming the file, the JSON path and what was expected, or, where
 * OAR itself accepts the input, scheduled with a warning on stderr and in the result's
 * `warnings`. None prints a stack trace.
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
    [
      'an unknown job state',
      scenario({ jobs: [job({ state: 'Wating' })] }),
      [
        'expected an OAR job state: Waiting, Hold, toLaunch, toError, toAckReservation, Launching, Running, Suspended, Resuming, Finishing, Terminated, Error (got "Wating")',
        '→ at jobs[0].state',
      ],
    ],
    [
      'a walltime of 0 with no job security time',
      scenario({ config: { jobSecurityTime: 0 }, jobs: [job({ moldables: [{ walltime: 0, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] })] }),
      ['expected a walltime ≥ 1 second', '→ at jobs[0].moldables[0].walltime'],
    ],
    ['resource id 0 inside a range', scenario({ resources: [{ ids: '0-3' }] }), ['expected a resource id ≥ 1, but "0-3" includes 0', '→ at resources[0].ids']],
    ['resource id 0 alone, in the same words', scenario({ resources: [{ id: 0 }] }), ['expected a resource id ≥ 1', '→ at resources[0].id']],
    [
      'duplicate queue names',
      scenario({ queues: [{ name: 'default' }, { name: 'besteffort' }, { name: 'default' }] }),
      ['queue "default" is declared twice (queues[0] and queues[2])', '→ at queues[2].name'],
    ],
    [
      'a malformed timesharing type',
      scenario({ jobs: [job({ types: { timesharing: 'user' } })] }),
      ['expected two comma-separated fields, each "*", "user" or "name"', '"user,*"', 'got "user"', '→ at jobs[0].types.timesharing'],
    ],
    ['timesharing naming the same field twice', scenario({ jobs: [job({ types: { timesharing: 'user,user' } })] }), ['got "user,user"', '→ at jobs[0].types.timesharing']],
    ['a negative job id', scenario({ jobs: [job({ id: -4 })] }), ['expected a job id ≥ 1', '→ at jobs[0].id']],
    ['a negative dependency id', scenario({ jobs: [job({ dependencies: [-1] })] }), ['expected a job id ≥ 1', '→ at jobs[0].dependencies[0]']],
    ['an empty property name', scenario({ resources: [{ ids: '1-4', properties: { '': 'x' } }] }), ['expected non-empty property names', '→ at resources[0].properties']],
    ['a self-dependency', scenario({ jobs: [job({ id: 3, dependencies: [3] })] }), ['job 3 depends on itself', '→ at jobs[0].dependencies[0]']],
    [
      'two overlapping ranges of 50,001 ids',
      scenario({ resources: [{ ids: '1-100000' }, { ids: '50000-100000' }] }),
      ['resource ids 50000-100000 are declared twice (resources[0] and resources[1]) → at resources[1].ids'],
    ],
    [
      'thirty mistyped fields',
      scenario({ jobs: Array.from({ length: 30 }, (_, i) => job({ id: i + 1, user: 7 })) }),
      ['→ at jobs[0].user', '→ at jobs[19].user', '… and 10 more'],
    ],
  ])('%s', (_what, input, fragments) => {
    const r = run(input);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(r.file);
    for (const fragment of fragments) expect(r.stderr).toContain(fragment);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    // One message: the file line, at most 20 problems and the "… and N more" line.
    expect(r.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(22);
  });

  it('refuses a huge range without expanding it first', () => {
    const r = run(scenario({ resources: [{ ids: '100-10000000' }] }));
    expect(r.code).toBe(2);
    // Expanding the range took 75 s; counting its intervals takes nothing beyond startup.
    expect(r.ms).toBeLessThan(15_000);
  });
});

describe('oar-sched schedules input OAR accepts, with a warning on stderr and in the result', () => {
  type Result = { jobs: Record<string, { scheduled: boolean; reason?: string; reasonCode?: string }>; warnings?: string[] };

  it.each<[string, object, string[]]>([
    [
      'a walltime of 0 (the job security time still applies)',
      scenario({ jobs: [job({ moldables: [{ walltime: 0, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] })] }),
      ['job 1 has walltime 0 (expected at least 1 second), so it occupies only the job security time (60 s)', '→ at jobs[0].moldables[0].walltime'],
    ],
    [
      'a running job that starts after now',
      { now: 100, resources: [{ ids: '1-4' }], jobs: [job({ id: 7, state: 'Running', startTime: 500, resources: '1-2' }), job({ id: 8 })] },
      ['job 7 is Running but its startTime 500 is after now (100)', '→ at jobs[0].startTime'],
    ],
    [
      'waiting jobs that depend on each other',
      scenario({ jobs: [job({ id: 3, dependencies: [5] }), job({ id: 5, dependencies: [3] })] }),
      ['jobs 3 → 5 → 3 depend on each other, so none of them can be scheduled', '→ at jobs[0].dependencies'],
    ],
  ])('%s', (_what, input, fragments) => {
    const r = run(input);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const result = JSON.parse(r.stdout) as Result;
    expect(result.warnings).toHaveLength(1);
    const warning = result.warnings![0]!;
    expect(warning).toContain(r.file);
    for (const fragment of fragments) expect(warning).toContain(fragment);
    expect(r.stderr).toContain(`oar-sched: warning: ${warning}\n`);
  });

  it('gives every job of a dependency cycle a DEPENDENCY reason naming the cycle', () => {
    const r = run(
      scenario({
        jobs: [
          job({ id: 3, dependencies: [5] }),
          job({ id: 5, dependencies: [9] }),
          job({ id: 6, dependencies: [3] }),
          job({ id: 9, dependencies: [3] }),
        ],
      }),
    );
    expect(r.code).toBe(0);
    const { jobs } = JSON.parse(r.stdout) as Result;
    expect(jobs['3']).toEqual({ scheduled: false, reasonCode: 'DEPENDENCY', reason: 'jobs 3 → 5 → 9 → 3 depend on each other' });
    expect(jobs['5']).toEqual({ scheduled: false, reasonCode: 'DEPENDENCY', reason: 'jobs 5 → 9 → 3 → 5 depend on each other' });
    expect(jobs['9']).toEqual({ scheduled: false, reasonCode: 'DEPENDENCY', reason: 'jobs 9 → 3 → 5 → 9 depend on each other' });
    // Job 6 is not on the cycle: it keeps the usual message.
    expect(jobs['6']).toEqual({ scheduled: false, reasonCode: 'DEPENDENCY', reason: 'waiting for job 3, which is not planned yet' });
  });
});
