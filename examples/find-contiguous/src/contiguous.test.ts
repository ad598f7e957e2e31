import { IntervalSet } from '@oar-sched/core';
import { closeAllHarnesses, createHarness, harnessDatabases, ids, type HarnessConfig } from '@oar-sched/harness';
import { afterEach, describe, expect, it } from 'vitest';
import { bestFitRun, firstFitRun } from './contiguous.js';

const set = (...pairs: [number, number][]) => IntervalSet.fromIntervals(pairs);
const NOW = 1_700_000_000;

describe('firstFitRun / bestFitRun', () => {
  // Sets of harness §6.6 and §6.7 (positions; the functions do not care what they stand for).
  const table: [string, IntervalSet, number, string | null, string | null][] = [
    ['skips a too-short first interval', set([1, 8], [17, 32]), 10, '17-26', '17-26'],
    ['best fit takes the shortest long-enough interval', set([1, 2], [4, 12], [14, 22], [24, 29]), 5, '4-8', '24-28'],
    ['best fit keeps position order on equal lengths', set([0, 9], [20, 29], [40, 44]), 8, '0-7', '0-7'],
    ['an exact-length interval fits', set([3, 5]), 3, '3-5', '3-5'],
    ['nothing long enough', set([1, 2], [4, 5]), 3, null, null],
    ['empty set', IntervalSet.EMPTY, 1, null, null],
    ['a count below 1 never fits', set([0, 9]), 0, null, null],
  ];
  it.each(table)('%s', (_, available, n, first, best) => {
    expect(firstFitRun(available, n)?.toString() ?? null).toBe(first);
    expect(bestFitRun(available, n)?.toString() ?? null).toBe(best);
  });
});

afterEach(closeAllHarnesses);

for (const target of await harnessDatabases()) {
  describe.skipIf(!target.available)(`find contiguous_1h / contiguous_sorted_1h on ${target.label}`, () => {
    /** `count` resources, one per node (ids 1…count); no security time, as the core-level tests of §6. */
    async function harness(count = 32, config: HarnessConfig = {}) {
      const h = await createHarness({ db: target.url, plugins: import.meta.url, now: NOW, config: { jobSecurityTime: 0, ...config } });
      await h.cluster({ nodes: count });
      return h;
    }

    // Ports §6.6 test_find_contiguous_1h; the constraint set {1-8, 17-32} is the job's -p.
    it('§6.6 contiguous_1h takes the first interval of constraint ∩ free with 10 consecutive resources', async () => {
      const h = await harness();
      const j = await h.submit('-l "/resource_id=10,walltime=0:1:0" -p "resource_id <= 8 OR resource_id >= 17" -t find=contiguous_1h');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, end: NOW + 59, resources: ids('17-26') });
    });

    // Ports §6.7 test_find_contiguous_sorted_1h; constraints as -p.
    it('§6.7 contiguous_sorted_1h takes the shortest interval holding 5', async () => {
      const h = await harness();
      const j = await h.submit('-l "/resource_id=5,walltime=0:1:0" -p "resource_id NOT IN (3, 13, 23, 30, 31, 32)" -t find=contiguous_sorted_1h');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('24-28') });
    });

    it('§6.7 the same request with contiguous_1h takes the first long-enough interval', async () => {
      const h = await harness();
      const j = await h.submit('-l "/resource_id=5,walltime=0:1:0" -p "resource_id NOT IN (3, 13, 23, 30, 31, 32)" -t find=contiguous_1h');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('4-8') });
    });

    // Ports §6.12 test_find_contiguous_sorted_1h_2; the pre-placed job on 10-20 during [5, 14] is an advance
    // reservation accepted by a first round (a round plans its waiting jobs before it places new reservations).
    it('§6.12 waits for the window where 16 consecutive resources are free', async () => {
      const h = await harness();
      const ar = await h.submit({ l: '/resource_id=11,walltime=0:0:10', p: 'resource_id BETWEEN 10 AND 20', r: NOW + 5 });
      await h.round();
      const j = await h.submit('-l "/resource_id=16,walltime=0:1:0" -t find=contiguous_sorted_1h');
      const r = await h.round();
      expect(r.plan[ar]).toMatchObject({ start: NOW + 5, end: NOW + 14, resources: ids('10-20') });
      expect(r.plan[j]).toMatchObject({ start: NOW + 15, resources: ids('1-16') });
    });

    it('works on positions: with resource_id DESC the run is of consecutive positions, reported as ids', async () => {
      const h = await harness(10, { resourceOrder: 'resource_id DESC' });
      // Positions 0..9 are ids 10..1; id 9 (position 1) is excluded: first run of 3 = positions 2-4 = ids 8, 7, 6.
      const j = await h.submit('-l /resource_id=3 -p "resource_id <> 9" -t find=contiguous_1h');
      expect((await h.round()).plan[j]).toMatchObject({ resources: ids('6-8') });
    });

    it.each(['contiguous_1h', 'contiguous_sorted_1h'])('%s leaves a request on another level unscheduled', async (find) => {
      const h = await harness(8);
      const j = await h.submit(`-l /nodes=1 -t find=${find}`);
      const r = await h.round();
      expect(r.states[j]).toBe('Waiting');
      expect(r.explain(j)).toMatchObject({ code: 'NO_WINDOW' });
    });
  });
}
