/**
 * `oar-sched explain` through the real binary, text and JSON, on small scenarios whose answer is
 * known by hand: a job blocked by a dependency, a quota rule, a property filter, a reservation,
 * besteffort invisibility (both sides) and `available_upto`; a window that fits by count refused
 * by the find (the level that falls short) or by a quota rule; timesharing and placeholder
 * shares; inner jobs confined to their container; plus the database path, which must leave the
 * database byte-identical.
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

/** 2 switches of 2 nodes of 4 resources (ids 1-16): sw1 = node-1 (1-4), node-2 (5-8); sw2 = node-3, node-4. */
const SWITCHED = [1, 2, 3, 4].map((n) => ({ ids: `${4 * n - 3}-${4 * n}`, properties: { network_address: `node-${n}`, switch: n <= 2 ? 'sw1' : 'sw2' } }));
const SWITCH_LABELS = ['resource_id', 'network_address', 'switch'];

describe('oar-sched explain: why a window that fits by count was refused (real binary)', () => {
  it('the find: the level of a hierarchical request that falls short', () => {
    const dir = scenario({
      config: { jobSecurityTime: 0, hierarchyLabels: SWITCH_LABELS },
      resources: SWITCHED,
      jobs: [
        // Half of node-1 and half of node-3: each switch keeps 6 free resources but one whole node.
        { id: 1, state: 'Running', startTime: NOW, resources: '1-2 9-10', moldables: nodes(1, H) },
        {
          id: 2,
          moldables: [{ walltime: H, request: [{ levels: [{ level: 'switch', count: 1 }, { level: 'network_address', count: 2 }, { level: 'resource_id', count: 3 }] }] }],
        },
      ],
    });
    const { text, json } = explain(dir, 2);
    expect(json.decision).toMatchObject({ scheduled: true, start: NOW + H });
    const windows = json.placement[0].parts[0].windows;
    expect(windows).toHaveLength(1);
    // By count both switches fit (6 free resources each, 6 needed per switch) ...
    expect(windows[0]).toMatchObject({ from: NOW, level: 'switch', total: 2, fit: 2, needed: 1, causes: [] });
    // ... but the find needs 2 nodes with 3 free resources in one switch: each has 1.
    expect(windows[0].verdict).toEqual({
      accepted: false,
      find: {
        find: 'default',
        levels: [
          { level: 'switch', count: 1, qualifying: 0, total: 2 },
          { level: 'network_address', count: 2, qualifying: 2, total: 4, mostInOneParent: 1 },
          { level: 'resource_id', count: 3, qualifying: 12, total: 16, mostInOneParent: 4 },
        ],
      },
    });
    expect(text).toContain(
      '2/2 switch blocks fit (1 needed) — enough by count, but the find refused it: no switch has 2 nodes with 3 free resources each (2 nodes have 3 free resources, at most 1 in one switch)',
    );
    expect(text).not.toContain('finer levels');
  });

  it('the quotas: the rule that refused the window, its limit and the count the job would reach', () => {
    const dir = scenario({
      config: { jobSecurityTime: 0, quotas: { enabled: true, rules: { quotas: { '*,*,*,alice': [4, -1, -1] } } } },
      jobs: [
        { id: 1, user: 'alice', state: 'Running', startTime: NOW, resources: '1-4', moldables: nodes(2, H) },
        { id: 2, user: 'alice', moldables: nodes(1) },
      ],
    });
    const { text, json } = explain(dir, 2);
    // Planned once job 1 ends: no reason, so no job-level quota rule; the window says it.
    expect(json.decision).toMatchObject({ scheduled: true, start: NOW + H });
    expect(json.quota).toBeUndefined();
    const [window] = json.placement[0].parts[0].windows;
    expect(window).toMatchObject({ from: NOW, fit: 2, needed: 1 });
    expect(window.verdict).toEqual({ accepted: false, quota: { key: '*,*,*,alice', ruleSet: null, limit: 'resources', max: 4, count: 6 } });
    expect(text).toContain(
      '2/4 nodes fit (1 needed): 2 busy until 2023-11-14 23:13 (jobs 1) — enough by count, but quota rule *,*,*,alice refused it: resources limited to 4, the job would bring it to 6',
    );
  });
});

describe('oar-sched explain: shares and containers, as the engine sees them (real binary)', () => {
  it('timesharing: a compatible timesharing job\'s resources are not busy for the job; an incompatible one waits for them', () => {
    const dir = scenario({
      jobs: [
        { id: 1, user: 'alice', types: { timesharing: 'user,*' }, state: 'Running', startTime: NOW, resources: '1-4', moldables: nodes(2, 2 * H) },
        { id: 2, user: 'bob', state: 'Running', startTime: NOW, resources: '5-8', moldables: nodes(2, H) },
        { id: 3, user: 'alice', types: { timesharing: 'user,*' }, moldables: nodes(3) },
        { id: 4, user: 'carol', types: { timesharing: 'user,*' }, moldables: nodes(3) },
      ],
    });
    const shares = explain(dir, 3);
    expect(shares.json.decision).toMatchObject({ scheduled: true, start: NOW + H });
    const [window] = shares.json.placement[0].parts[0].windows;
    expect(window).toMatchObject({ from: NOW, fit: 2, needed: 3 });
    expect(window.causes).toEqual([{ cause: 'busy', count: 2, until: NOW + H, untilLatest: NOW + H, jobs: [2] }]);
    expect(window.shared).toEqual({ resources: 4, timesharing: [1], placeholder: [] });
    expect(shares.text).toContain('2/4 nodes fit (3 needed): 2 busy until 2023-11-14 23:13 (jobs 2), 4 resources shared from timesharing jobs 1');
    // carol's key admits no share with alice's job: it waits for job 1 (and for job 3, planned first).
    const other = explain(dir, 4);
    expect(other.json.decision).toMatchObject({ scheduled: true, start: NOW + 2 * H });
    expect(other.json.placement[0].parts[0].windows[0].causes).toEqual([{ cause: 'busy', count: 4, until: NOW + H, untilLatest: NOW + 2 * H, jobs: [1, 2] }]);
    expect(other.json.placement[0].parts[0].windows[0].shared).toBeUndefined();
  });

  it('placeholders: an allow= job may use its placeholder\'s resources; for a plain job they are busy', () => {
    const dir = scenario({
      jobs: [
        { id: 1, types: { placeholder: 'ph1' }, state: 'Running', startTime: NOW, resources: '1-4', moldables: nodes(2, 2 * H) },
        { id: 2, state: 'Running', startTime: NOW, resources: '5-8', moldables: nodes(2, H) },
        { id: 3, types: { allow: 'ph1' }, moldables: nodes(3) },
        { id: 4, moldables: nodes(3) },
      ],
    });
    const allowed = explain(dir, 3);
    expect(allowed.json.decision).toMatchObject({ scheduled: true, start: NOW + H });
    const [window] = allowed.json.placement[0].parts[0].windows;
    expect(window).toMatchObject({ from: NOW, fit: 2, needed: 3 });
    expect(window.causes).toEqual([{ cause: 'busy', count: 2, until: NOW + H, untilLatest: NOW + H, jobs: [2] }]);
    expect(window.shared).toEqual({ resources: 4, timesharing: [], placeholder: [1] });
    expect(allowed.text).toContain('2/4 nodes fit (3 needed): 2 busy until 2023-11-14 23:13 (jobs 2), 4 resources shared from placeholder jobs 1');
    const plain = explain(dir, 4);
    expect(plain.json.placement[0].parts[0].windows[0]).toMatchObject({ fit: 0, causes: [{ cause: 'busy', count: 4, until: NOW + H, untilLatest: NOW + 2 * H, jobs: [1, 2] }] });
    expect(plain.text).toContain('0/4 nodes fit (3 needed): 4 busy until 2023-11-14 23:13…2023-11-15 00:13 (jobs 1, 2)');
  });

  it('inner jobs: windows within the container\'s resources and time span; a container that is not planned is the block', () => {
    const dir = scenario({
      jobs: [
        { id: 10, types: { container: '' }, state: 'Running', startTime: NOW, resources: '1-4', moldables: nodes(2, 2 * H) },
        { id: 11, types: { inner: '10' }, state: 'Running', startTime: NOW, resources: '1-2', moldables: nodes(1, H) },
        { id: 12, types: { inner: '10' }, moldables: nodes(2) },
        { id: 13, types: { inner: '10' }, moldables: nodes(1, 3 * H) },
        { id: 20, types: { container: 'c2' }, moldables: nodes(5) },
        { id: 21, types: { inner: 'c2' }, moldables: nodes(1) },
      ],
    });
    const scope = { name: '10', containers: [{ job: 10, status: 'running', start: NOW, end: NOW + 2 * H, resourceIds: '1-4' }] };
    // Job 12 waits for job 11 inside container 10; nodes 3 and 4 are not the container's.
    const waits = explain(dir, 12);
    expect(waits.json.decision).toMatchObject({ scheduled: true, start: NOW + H, resourceIds: '1-4' });
    expect(waits.json.container).toEqual(scope);
    expect(waits.json.placement[0].parts[0].windows).toEqual([
      {
        from: NOW,
        to: NOW,
        windows: 1,
        level: 'network_address',
        total: 4,
        fit: 1,
        needed: 2,
        causes: [
          { cause: 'busy', count: 1, until: NOW + H, untilLatest: NOW + H, jobs: [11] },
          { cause: 'outside', count: 2, container: '10' },
        ],
      },
    ]);
    expect(waits.text).toContain('inner job of container "10"');
    expect(waits.text).toContain('container job 10: running, 2023-11-14 22:13 → 2023-11-15 00:13, resources 1-4');
    expect(waits.text).toContain('1/4 nodes fit (2 needed): 1 busy until 2023-11-14 23:13 (jobs 11), 2 outside container "10"');
    // Job 13 is longer than what is left of its container: every window leaves it.
    const tooLong = explain(dir, 13);
    expect(tooLong.json.decision.reason.code).toBe('NO_WINDOW');
    expect(tooLong.json.placement[0].parts[0].windows).toEqual([
      { from: NOW, to: NOW + 2 * H, windows: 3, level: 'network_address', total: 4, fit: 0, needed: 1, causes: [{ cause: 'outside', count: 4, container: '10' }] },
    ]);
    expect(tooLong.text).toContain('(3 windows): 0/4 nodes fit (1 needed): 4 outside container "10"');
    // Job 21's container cannot be planned (5 nodes on a 4-node cluster): no slot set, no window.
    const orphan = explain(dir, 21);
    expect(orphan.json.decision.reason.code).toBe('NO_SLOT_SET');
    expect(orphan.json.container).toMatchObject({ name: 'c2', containers: [{ job: 20, status: 'not-planned', reason: { code: 'REQUEST_UNSATISFIABLE' } }] });
    expect(orphan.json.placement).toEqual([]);
    expect(orphan.json.placementNote).toContain('the container is the block');
    expect(orphan.text).toContain('container job 20: not planned: REQUEST_UNSATISFIABLE');
    expect(orphan.text).toContain('the inner slot set "c2" does not exist when the job is decided');
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
