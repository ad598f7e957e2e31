import { describe, expect, it } from 'vitest';
import { createSchedulerSetup } from '../setup.js';
import { idsOf, simulate } from './engine.js';
import { platformFromJson } from './platform.js';
import type { SwfJob } from './swf.js';

/** A seeded workload: `n` jobs on up to `procs` processors, arrivals close enough for a queue to form. */
function workload(n: number, procs: number): SwfJob[] {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let t = 0;
  return Array.from({ length: n }, (_, i) => {
    t += Math.floor(random() * 40);
    const runTime = 1 + Math.floor(random() * 300);
    return { id: i + 1, line: i + 1, submit: t, runTime, processors: 1 + Math.floor(random() * procs), walltime: runTime + Math.floor(random() * 100), user: i % 3, queue: -1 };
  });
}

describe('idsOf', () => {
  it.each([
    ['', []],
    ['3', [3]],
    ['1-3 7 9-10', [1, 2, 3, 7, 9, 10]],
  ])('%j', (text, ids) => {
    expect(idsOf(text)).toEqual(ids);
  });
});

describe('simulate', () => {
  it('skipping the rounds that cannot start a job changes no outcome', async () => {
    const setup = await createSchedulerSetup({ cwd: '/' });
    const jobs = workload(150, 8);
    const platform = platformFromJson({ nodes: 4, coresPerNode: 2 }, 'platform.json', jobs.map((j) => j.queue), undefined);
    const skipping = await simulate(jobs, platform, setup.registry);
    const every = await simulate(jobs, platform, setup.registry, { skipIdleRounds: false });
    expect(skipping.roundsSkipped).toBeGreaterThan(0);
    expect(every.roundsSkipped).toBe(0);
    expect(skipping.outcomes).toEqual(every.outcomes);
    expect(skipping.outcomes).toHaveLength(150);
  });

  it('never more processors busy than the cluster has, and every job runs min(run, walltime)', async () => {
    const setup = await createSchedulerSetup({ cwd: '/' });
    const jobs = workload(100, 8).map((j, i) => (i % 4 === 0 ? { ...j, walltime: Math.max(1, j.runTime - 5) } : j));
    const platform = platformFromJson({ nodes: 8 }, 'platform.json', [], undefined);
    const run = await simulate(jobs, platform, setup.registry);
    expect(Math.max(...run.timeline.map((p) => p.busy))).toBeLessThanOrEqual(8);
    const byId = new Map(jobs.map((j) => [j.id, j]));
    for (const o of run.outcomes) {
      const j = byId.get(o.id)!;
      expect(o.end - o.start).toBe(Math.min(j.runTime, j.walltime));
      expect(o.start).toBeGreaterThanOrEqual(o.submit);
    }
  });

  it('drops a job larger than the usable resources', async () => {
    const setup = await createSchedulerSetup({ cwd: '/' });
    const platform = platformFromJson({ resources: [{ ids: '1-3' }, { id: 4, state: 'Dead' }] }, 'platform.json', [], undefined);
    const job = (id: number, processors: number): SwfJob => ({ id, line: id, submit: 0, runTime: 10, processors, walltime: 10, user: 1, queue: -1 });
    const run = await simulate([job(1, 4), job(2, 3)], platform, setup.registry);
    expect(run.dropped).toEqual([{ id: 1, line: 1, processors: 4 }]);
    expect(run.outcomes.map((o) => [o.id, o.start, o.end])).toEqual([[2, 0, 10]]);
    expect(run.resources).toBe(3);
  });
});
