import { describe, expect, it } from 'vitest';
import type { JobOutcome, SimulationRun } from './engine.js';
import { boundedSlowdown, computeReport, percentile } from './metrics.js';

const job = (id: number, submit: number, start: number, end: number, extra: Partial<JobOutcome> = {}): JobOutcome => ({ id, user: 1, queue: 'default', processors: 1, submit, start, end, ...extra });
const run = (outcomes: JobOutcome[], resources = 2): SimulationRun => ({ outcomes, dropped: [], neverStarted: [], timeline: [], resources, rounds: 0, roundsSkipped: 0, elapsedMs: 0 });

describe('percentile (nearest rank)', () => {
  it.each([
    [[], 50, 0],
    [[5], 99, 5],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 75, 3],
    [[1, 2, 3, 4], 76, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99, 10],
    [[1, 2, 3], 0, 1],
  ])('%j p%i = %i', (values, p, expected) => {
    expect(percentile(values, p)).toBe(expected);
  });
});

describe('boundedSlowdown', () => {
  it.each([
    ['no wait', job(1, 0, 0, 100), 1],
    ['waited as long as it ran', job(1, 0, 100, 200), 2],
    ['short job: the run counts as 10 s', job(1, 0, 20, 25), 2.5],
    ['never below 1', job(1, 0, 0, 2), 1],
  ])('%s', (_, o, expected) => {
    expect(boundedSlowdown(o)).toBe(expected);
  });
});

describe('computeReport', () => {
  it('waits, slowdown, makespan and utilisation', () => {
    const r = computeReport('x', run([job(1, 0, 0, 100, { processors: 2 }), job(2, 10, 100, 150, { user: 2, queue: 'q' })]));
    expect(r).toMatchObject({ jobs: 2, meanWait: 45, p50Wait: 0, p90Wait: 90, p99Wait: 90, maxWait: 90, makespan: 150, resources: 2 });
    expect(r.meanBoundedSlowdown).toBeCloseTo((1 + 140 / 50) / 2, 12);
    expect(r.utilisation).toBeCloseTo(250 / 300, 12);
    expect(r.queues).toEqual([
      { name: 'default', jobs: 1, meanWait: 0, meanBoundedSlowdown: 1 },
      { name: 'q', jobs: 1, meanWait: 90, meanBoundedSlowdown: 2.8 },
    ]);
    expect(r.users.map((u) => u.name)).toEqual(['user1', 'user2']);
  });

  it('users: the most active first, at most ten', () => {
    const outcomes = Array.from({ length: 14 }, (_, i) => job(i + 1, 0, 0, 1, { user: i < 3 ? 99 : i }));
    const r = computeReport('x', run(outcomes));
    expect(r.users).toHaveLength(10);
    expect(r.users[0]).toMatchObject({ name: 'user99', jobs: 3 });
    expect(r.usersTotal).toBe(12);
  });

  it('no job: zeros, not NaN', () => {
    expect(computeReport('x', run([]))).toMatchObject({ jobs: 0, meanWait: 0, p99Wait: 0, utilisation: 0, makespan: 0, meanBoundedSlowdown: 0 });
  });
});
