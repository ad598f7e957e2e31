/**
 * `oar-sched explain` through the real binary, text and JSON, on small scenarios whose answer is
 * known by hand: a job blocked by a dependency, a quota rule, a property filter, a reservation,
 * besteffort invisibility (both sides) and `available_upto`; plus the database path, which must
 * leave the database byte-identical.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'cli', 'bin', 'oar-sched.js');
const NOW = 1_700_000_000;
const H = 3600;

function run(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, OARCONFFILE: '', OAR_DB_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** 4 nodes of 2 resources (ids 1-8); node-4 has a GPU. */
const RESOURCES = [1, 2, 3, 4].map((n) => ({ ids: `${2 * n - 1}-${2 * n}`, properties: { network_address: `node-${n}`, gpu: n === 4 ? 'YES' : 'NO' } }));
const nodes = (count: number, walltime = H, property = '') => [{ walltime, request: [{ levels: [{ level: 'network_address', count }], property }] }];

function scenario(extra: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oar-explain-'));
  writeFileSync(join(dir, 's.json'), JSON.stringify({ now: NOW, config: { jobSecurityTime: 0 }, resources: RESOURCES, ...extra }));
  return dir;
}

function explain(dir: string, job: number, more: string[] = []) {
  const text = run(dir, ['explain', String(job), '--scenario', 's.json', ...more]);
  const json = run(dir, ['explain', String(job), '--scenario', 's.json', '--json', ...more]);
  expect(text.code, text.stderr).toBe(0);
  expect(json.code, json.stderr).toBe(0);
  return { text: text.stdout, json: JSON.parse(json.stdout) as Record<string, any> };
}

describe('oar-sched explain (real binary)', () => {
  it('a dependency: the job waits for a job that is not planned, or starts when it ends', () => {
    const dir = scenario({
      jobs: [
        { id: 1, state: 'Running', startTime: NOW - 600, resources: '1-8', moldables: nodes(4, H) },
        { id: 2, moldables: nodes(1) },
        { id: 3, moldables: nodes(1), dependencies: [2] },
        { id: 4, state: 'Hold', moldables: nodes(1) },
        { id: 5, moldables: nodes(1), dependencies: [4] },
      ],
    });
    const blocked = explain(dir, 5);
    expect(blocked.json.status).toBe('not-planned');
    expect(blocked.json.decision.reason.code).toBe('DEPENDENCY');
    expect(blocked.json.dependencies).toEqual([{ job: 4, state: 'Hold', exitCode: null }]);
    expect(blocked.text).toContain('not planned: DEPENDENCY');
    expect(blocked.text).toContain('job 4: Hold');
    const after = explain(dir, 3);
    expect(after.json.dependencies[0]).toMatchObject({ job: 2, state: 'Waiting', start: NOW - 600 + H, end: NOW - 600 + 2 * H });
    expect(after.json.decision).toMatchObject({ scheduled: true, start: NOW - 600 + 2 * H });
    expect(after.text).toContain('job 2: Waiting, planned');
  });

  it('a quota rule: the rule, its limit and the count the job would reach', () => {
    const dir = scenario({
      config: { jobSecurityTime: 0, quotas: { enabled: true, rules: { quotas: { '*,*,*,alice': [4, -1, -1] } } } },
      jobs: [{ id: 1, user: 'alice', moldables: [{ walltime: H, request: [{ levels: [{ level: 'resource_id', count: 6 }] }] }] }],
    });
    const { text, json } = explain(dir, 1);
    expect(json.decision.reason.code).toBe('QUOTA_EXCEEDED');
    expect(json.quota).toMatchObject({ key: '*,*,*,alice', limit: 'resources', max: 4 });
    expect(text).toMatch(/quota rule \*,\*,\*,alice: resources limited to 4/);
  });

  it('a property filter: nodes excluded by it, the one that matches busy until a job ends', () => {
    const dir = scenario({
      jobs: [
        { id: 1, state: 'Running', startTime: NOW, resources: '7-8', moldables: nodes(1, 2 * H) },
        { id: 2, moldables: nodes(1, H, "gpu = 'YES'") },
      ],
    });
    const { text, json } = explain(dir, 2);
    expect(json.decision).toMatchObject({ scheduled: true, start: NOW + 2 * H, resourceIds: '7-8' });
    const windows = json.placement[0].parts[0].windows;
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ from: NOW, total: 4, fit: 0, needed: 1 });
    expect(windows[0].causes).toEqual([
      { cause: 'busy', count: 1, until: NOW + 2 * H, untilLatest: NOW + 2 * H, jobs: [1] },
      { cause: 'filter', count: 3, filter: "gpu = 'YES'" },
    ]);
    expect(text).toContain("0/4 nodes fit (1 needed): 1 busy until 2023-11-15 00:13 (jobs 1), 3 excluded by gpu = 'YES'");
  });

  it('a reservation: no window of the walltime ends before it starts', () => {
    const dir = scenario({
      jobs: [
        { id: 20, state: 'Waiting', reservation: 'Scheduled', startTime: NOW + 1800, resources: '1-8', moldables: nodes(4, H) },
        { id: 21, moldables: nodes(1, H) },
      ],
    });
    const { text, json } = explain(dir, 21);
    expect(json.decision).toMatchObject({ scheduled: true, start: NOW + 1800 + H });
    expect(json.occupants).toEqual({ 20: 'reservation' });
    expect(json.placement[0].parts[0].windows[0].causes).toEqual([{ cause: 'busy', count: 4, until: NOW + 1800 + H, untilLatest: NOW + 1800 + H, jobs: [20] }]);
    expect(text).toContain('0/4 nodes fit (1 needed): 4 busy until 2023-11-14 23:43 (reservation 20)');
  });

  it('besteffort invisibility: a default job does not see a running besteffort job; a besteffort job waits behind both', () => {
    const dir = scenario({
      queues: [
        { name: 'default', priority: 3 },
        { name: 'besteffort', priority: 0 },
      ],
      jobs: [
        { id: 30, queue: 'besteffort', types: { besteffort: '' }, state: 'Running', startTime: NOW - 60, resources: '1-4', moldables: nodes(2, 10 * H) },
        { id: 31, moldables: nodes(4, H) },
        { id: 32, queue: 'besteffort', types: { besteffort: '' }, moldables: nodes(1, H) },
      ],
    });
    const normal = explain(dir, 31);
    expect(normal.json.decision).toMatchObject({ scheduled: true, start: NOW });
    expect(normal.json.invisibleBesteffort).toEqual([{ job: 30, resourceIds: '1-4', overlapsPlacement: true }]);
    expect(normal.text).toContain('besteffort jobs 30 are invisible to this queue group');
    expect(normal.text).toContain('to be killed');
    const be = explain(dir, 32);
    expect(be.json.decision).toMatchObject({ scheduled: true, start: NOW + H });
    expect(be.json.invisibleBesteffort).toEqual([]);
    expect(be.json.placement[0].parts[0].windows[0].causes[0]).toMatchObject({ cause: 'busy', count: 4, jobs: [30, 31] });
    expect(be.text).toContain('planned this round 31; besteffort 30');
  });

  it('available_upto: nodes powered off before the window ends', () => {
    const dir = scenario({
      resources: RESOURCES.map((r, i) => (i >= 2 ? { ...r, state: 'Absent', availableUpto: NOW + 1800 } : r)),
      jobs: [
        { id: 1, state: 'Running', startTime: NOW, resources: '1-2', moldables: nodes(1, 2 * H) },
        { id: 2, moldables: nodes(2, H) },
      ],
    });
    const { text, json } = explain(dir, 2);
    // node-3 and node-4 are off from NOW + 1800: the job waits for node-1.
    expect(json.decision).toMatchObject({ scheduled: true, start: NOW + 2 * H, resourceIds: '1-4' });
    expect(json.placement[0].parts[0].windows[0]).toMatchObject({ from: NOW, fit: 1, total: 4 });
    const causes = json.placement[0].parts[0].windows[0].causes;
    expect(causes).toContainEqual({ cause: 'offline', count: 2, from: NOW + 1800 });
    expect(causes).toContainEqual({ cause: 'busy', count: 1, until: NOW + 2 * H, untilLatest: NOW + 2 * H, jobs: [1] });
    expect(text).toContain('2 unavailable from 2023-11-14 22:43 (available_upto)');
  });

  it('a job that is not waiting: its state and where it runs, exit 0; an unknown id: exit 2 naming it and the source', () => {
    const dir = scenario({ jobs: [{ id: 1, state: 'Running', startTime: NOW, resources: '1-2', moldables: nodes(1) }] });
    const { text, json } = explain(dir, 1);
    expect(json).toMatchObject({ status: 'not-waiting', runs: { resourceIds: '1-2', start: NOW, end: NOW + H } });
    expect(text).toContain('not waiting: state Running on resources 1-2');
    const unknown = run(dir, ['explain', '99', '--scenario', 's.json']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('job 99 is not in scenario s.json');
  });

  it('MULTIFACTOR reports its factors per job', () => {
    const dir = scenario({
      config: { jobSecurityTime: 0, sorting: { policy: 'MULTIFACTOR', multifactor: { ageWeight: 1, ageCoef: 1, qosWeight: 100 } } },
      jobs: [
        { id: 1, submissionTime: NOW - 100, moldables: nodes(4) },
        { id: 2, submissionTime: NOW - 10, qos: 1, moldables: nodes(4) },
      ],
    });
    const { text, json } = explain(dir, 1);
    expect(json.queueGroup).toMatchObject({ policy: 'MULTIFACTOR', position: 2, of: 2, ahead: [2] });
    expect(json.queueGroup.factors['1']).toMatchObject({ age: 100, qos: 0, priority: 100 });
    expect(json.queueGroup.factors['2']).toMatchObject({ age: 10, qos: 100, priority: 110 });
    expect(text).toContain('position 2 of 2, after 2');
    expect(text).toContain('factors: age 100, queue 0, karma 0, qos 0, nice 0, priority 100');
  });
});

describe('oar-sched explain --db (real binary)', () => {
  it('explains from an SQLite OAR database and leaves it byte-identical', () => {
    const dir = scenario({
      jobs: [
        { id: 1, state: 'Running', startTime: NOW, resources: '7-8', moldables: nodes(1, 2 * H) },
        { id: 2, moldables: nodes(1, H, "gpu = 'YES'") },
      ],
    });
    const imported = run(dir, ['db', 'import', '--scenario', 's.json', '--db', 'sqlite:oar.sqlite']);
    expect(imported.code, imported.stderr).toBe(0);
    const digest = () => createHash('sha256').update(readFileSync(join(dir, 'oar.sqlite'))).digest('hex');
    const before = digest();
    const text = run(dir, ['explain', '2', '--db', 'sqlite:oar.sqlite', '--now', String(NOW)]);
    const json = run(dir, ['explain', '2', '--db', 'sqlite:oar.sqlite', '--now', String(NOW), '--json']);
    expect(text.code, text.stderr).toBe(0);
    expect(json.code, json.stderr).toBe(0);
    expect(digest()).toBe(before);
    const e = JSON.parse(json.stdout) as Record<string, any>;
    expect(e.source).toContain('oar.sqlite');
    // The database round's default security time (60 s) lengthens the running job.
    expect(e.decision).toMatchObject({ scheduled: true, start: NOW + 2 * H + 60, resourceIds: '7-8' });
    expect(e.placement[0].parts[0].windows[0].causes).toContainEqual(expect.objectContaining({ cause: 'filter', count: 3 }));
    expect(text.stdout).toContain('1 busy until 2023-11-15 00:14 (jobs 1)');
    const missing = run(dir, ['explain', '99', '--db', 'sqlite:oar.sqlite']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('job 99 is not in database');
    const running = run(dir, ['explain', '1', '--db', 'sqlite:oar.sqlite', '--now', String(NOW)]);
    expect(running.code, running.stderr).toBe(0);
    expect(running.stdout).toContain('not waiting: state Running');
    expect(digest()).toBe(before);
  });
});
