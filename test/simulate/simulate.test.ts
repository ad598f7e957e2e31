/**
 * `oar-sched simulate` through the real binary, on traces small enough to replay by hand
 * (fixtures/small.swf: the comments in the tests give the schedule).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const bin = resolve(here, '..', '..', 'cli', 'bin', 'oar-sched.js');
const fixtures = join(here, 'fixtures');
const out = mkdtempSync(join(tmpdir(), 'oar-simulate-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, 'simulate', ...args], { cwd: fixtures, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  config: string;
  jobs: number;
  meanWait: number;
  p50Wait: number;
  p90Wait: number;
  p99Wait: number;
  maxWait: number;
  meanBoundedSlowdown: number;
  utilisation: number;
  makespan: number;
  queues: { name: string; jobs: number; meanWait: number }[];
  users: { name: string; jobs: number; meanWait: number }[];
  dropped: number[];
  neverStarted: number[];
}

describe('simulate small.swf on 4 processors (FIFO, conservative backfilling)', () => {
  // job  submit  start  end   procs  wait   why
  //  1      0      0    100    4      0
  //  2     10    100    150    2     90    run 50 of 60 requested
  //  3     20    100    130    2     80
  //  4     30    150    350    4    120    planned at 160 (job 2's walltime), starts when job 2 ends early
  //  5     40    130    150    1     90    backfilled at 130, in front of job 4
  //  6    400    400    410    1      0    requested time unknown: its run time
  //  7    400    400    405    1      0
  //  9    (8 processors: dropped)
  // 10    410    410    450    3      0
  // work = 400+100+60+800+20+10+5+120 = 1515 processor-seconds; makespan 450; 4 × 450 = 1800
  const r = run('--platform', 'platform.json', '--trace', 'small.swf', '--json', '--quiet');
  const report = JSON.parse(r.stdout || '{}') as Report;

  it('exits 0, reporting the malformed line by its number and the dropped job', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('small.swf: 1 malformed line(s) skipped:\n  line 13: 17 fields, expected 18\n');
    expect(report.dropped).toEqual([9]);
    expect(report.neverStarted).toEqual([]);
  });

  it('wait times, mean and percentiles', () => {
    expect(report).toMatchObject({ config: 'defaults', jobs: 8, meanWait: 380 / 8, p50Wait: 0, p90Wait: 120, p99Wait: 120, maxWait: 120 });
  });

  it('makespan, utilisation, bounded slowdown', () => {
    expect(report.makespan).toBe(450);
    expect(report.utilisation).toBeCloseTo(1515 / 1800, 12);
    // (1 + 140/50 + 110/30 + 320/200 + 110/20 + 1 + 1 + 1) / 8
    expect(report.meanBoundedSlowdown).toBeCloseTo((1 + 2.8 + 110 / 30 + 1.6 + 5.5 + 3) / 8, 12);
  });

  it('per queue and per user', () => {
    expect(report.queues.map((q) => [q.name, q.jobs, q.meanWait])).toEqual([
      ['q1', 5, 380 / 5],
      ['q2', 3, 0],
    ]);
    expect(report.users.map((u) => [u.name, u.jobs, u.meanWait])).toEqual([
      ['user1', 3, 80 / 3],
      ['user2', 3, 180 / 3],
      ['user3', 2, 60],
    ]);
  });

  it('--strict stops at the malformed line, exit 2', () => {
    const s = run('--platform', 'platform.json', '--trace', 'small.swf', '--strict');
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('line 13: 17 fields, expected 18');
    expect(s.stdout).toBe('');
  });

  it('the table for people', () => {
    const t = run('--platform', 'platform.json', '--trace', 'small.swf', '--quiet');
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/^mean wait\s+47\.5 s$/m);
    expect(t.stdout).toMatch(/^makespan\s+7m 30s$/m);
    expect(t.stdout).toMatch(/^utilisation\s+84\.2 %$/m);
    expect(t.stdout).toContain('1 job(s) larger than the cluster (4 resources) dropped: 9');
  });

  it('progress: a line per tenth when stderr is not a terminal', () => {
    const p = run('--platform', 'platform.json', '--trace', 'small.swf', '--json');
    expect(p.stderr).toContain('oar-sched: simulate: defaults: 100% (8/8 jobs)');
  });
});

describe('simulate --vs: shortest-job-first against FIFO, two worker threads', () => {
  it('SJF has the lower mean wait (hand-computed: FIFO 684 s, SJF 90 s), and --out writes both reports', () => {
    const dir = join(out, 'vs');
    const r = run('--platform', 'one-node.json', '--trace', 'sjf.swf', '--config', 'fifo.config.json', '--vs', 'sjf.config.json', '--json', '--quiet', '--out', dir);
    expect(r.code, r.stderr).toBe(0);
    const [fifo, sjf] = JSON.parse(r.stdout) as Report[];
    expect(fifo!.config).toBe('fifo.config.json');
    expect(sjf!.config).toBe('sjf.config.json');
    expect(fifo!.meanWait).toBe(684);
    expect(sjf!.meanWait).toBe(90);
    expect(sjf!.meanWait).toBeLessThan(fifo!.meanWait);
    expect(fifo!.makespan).toBe(sjf!.makespan);

    const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { reports: Report[] };
    expect(json.reports.map((x) => x.meanWait)).toEqual([684, 90]);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    // One series per config in each of the two plots.
    expect(html.match(/<path class="series" data-config="fifo.config.json"/g)).toHaveLength(2);
    expect(html.match(/<path class="series" data-config="sjf.config.json"/g)).toHaveLength(2);
  });

  it('an error in a worker (an unknown sorting policy) is one message, exit 2', () => {
    const r = run('--platform', 'one-node.json', '--trace', 'sjf.swf', '--vs', 'missing.config.json', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^oar-sched: .*missing\.config\.json/m);
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('simulate: fair share sees the accounting of the jobs already run', () => {
  it('FIFO starts job 2 (user1) first; FAIRSHARE starts job 3 (user2, no usage) first', () => {
    const r = run('--platform', 'one-node-100s-accounting.json', '--trace', 'fairshare.swf', '--config', 'fifo.config.json', '--vs', 'fairshare.config.json', '--json', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    const [fifo, fairshare] = JSON.parse(r.stdout) as Report[];
    const waits = (x: Report) => Object.fromEntries(x.users.map((u) => [u.name, u.meanWait]));
    // FIFO: 2 runs 1000–1010 (wait 990), 3 runs 1010–1020 (wait 990). FAIRSHARE: 3 at 1000 (980), 2 at 1010 (1000).
    expect(waits(fifo!)).toEqual({ user1: 990 / 2, user2: 990 });
    expect(waits(fairshare!)).toEqual({ user1: 1000 / 2, user2: 980 });
  });
});

describe('simulate --metrics', () => {
  it('OpenMetrics that a real parser reads, with the figures of the reports', () => {
    const file = join(out, 'sim.prom');
    const r = run('--platform', 'one-node.json', '--trace', 'sjf.swf', '--config', 'fifo.config.json', '--vs', 'sjf.config.json', '--json', '--quiet', '--metrics', file);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('# EOF\n')).toBe(true);
    const families = parsePrometheusTextFormat(text);
    for (const f of families) expect(f.name).toMatch(/^oar_sched_simulate_[a-z_]+$/);
    const value = (name: string, labels: Record<string, string>) =>
      Number(families.find((f) => f.name === name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value);
    expect(value('oar_sched_simulate_wait_seconds', { config: 'fifo.config.json', stat: 'mean' })).toBe(684);
    expect(value('oar_sched_simulate_wait_seconds', { config: 'sjf.config.json', stat: 'mean' })).toBe(90);
    expect(value('oar_sched_simulate_jobs', { config: 'sjf.config.json' })).toBe(5);
    expect(value('oar_sched_simulate_makespan_seconds', { config: 'fifo.config.json' })).toBe(1130);
    expect(value('oar_sched_simulate_queue_jobs', { config: 'fifo.config.json', queue: 'default' })).toBe(5);
  });
});

describe('simulate: wrong input', () => {
  it.each([
    [['--trace', 'small.swf'], '--platform FILE is required'],
    [['--platform', 'platform.json'], '--trace FILE is required'],
    [['--trace', 'nope.swf', '--platform', 'platform.json'], 'cannot read the trace nope.swf'],
    [['--trace', 'small.swf', '--platform', 'platform.json', '--limit', '0'], '--limit must be a positive integer'],
    [['--trace', 'small.swf', '--platform', 'small.swf'], 'small.swf'],
  ])('%j: exit 2, %s', (args, message) => {
    const r = run(...args, '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('--limit replays the first N jobs', () => {
    const r = run('--platform', 'platform.json', '--trace', 'small.swf', '--limit', '2', '--json', '--quiet');
    expect((JSON.parse(r.stdout) as Report).jobs).toBe(2);
    expect(existsSync(bin)).toBe(true);
  });
});
