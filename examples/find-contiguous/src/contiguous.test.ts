import { DEFAULT_AVAILABLE_UPTO, IntervalSet, PluginRegistry } from '@oar-sched/core';
import { scenarioFromJson, scheduleScenario } from '@oar-sched/scenario';
import assignDefault from '@oar-sched/plugin-assign-default';
import findDefault from '@oar-sched/plugin-find-default';
import sortFifo from '@oar-sched/plugin-sort-fifo';
import { describe, expect, it } from 'vitest';
import { bestFitRun, firstFitRun } from './contiguous.js';
import plugin from './plugin.js';

const set = (...pairs: [number, number][]) => IntervalSet.fromIntervals(pairs);
/** Last second of the default resource availability (`availableUpto` 2^31 - 1 is exclusive). */
const HORIZON = DEFAULT_AVAILABLE_UPTO - 1;
const quiet = { info: () => {}, warn: () => {} };

function registry(): PluginRegistry {
  const r = new PluginRegistry(quiet);
  for (const builtIn of [findDefault, assignDefault, sortFifo]) r.use(builtIn, { source: 'built-in' });
  r.use(plugin, { source: 'dependency', packageName: '@oar-sched/example-find-contiguous' });
  return r;
}

async function run(scenario: unknown) {
  return scheduleScenario(scenarioFromJson(scenario), registry(), { check: true, slots: true });
}

const job = (id: number, find: string, count: number, property = '', level = 'resource_id') => ({
  id,
  types: { find },
  moldables: [{ walltime: 60, request: [{ levels: [{ level, count }], property }] }],
});

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

describe('find contiguous_1h / contiguous_sorted_1h (harness §6.6, §6.7, §6.12)', () => {
  it('§6.6 contiguous_1h takes the first interval of constraint ∩ free with 10 consecutive resources', async () => {
    const { result, mismatches } = await run({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'] },
      resources: [{ ids: '1-32' }],
      jobs: [job(1, 'contiguous_1h', 10, 'resource_id <= 8 OR resource_id >= 17')],
      expect: {
        jobs: { '1': { startTime: 0, resources: '17-26' } },
        slots: [
          { begin: 0, end: 59, resources: '1-16 27-32' },
          { begin: 60, end: HORIZON, resources: '1-32' },
        ],
      },
    });
    expect(mismatches).toEqual([]);
    expect(result.jobs['1']).toMatchObject({ scheduled: true, resources: '17-26' });
  });

  it('§6.7 contiguous_sorted_1h takes the shortest interval holding 5', async () => {
    const { mismatches } = await run({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'] },
      resources: [{ ids: '1-32' }],
      jobs: [
        job(1, 'contiguous_sorted_1h', 5, 'resource_id IN (1,2,4,5,6,7,8,9,10,11,12,14,15,16,17,18,19,20,21,22,24,25,26,27,28,29)'),
      ],
      expect: { jobs: { '1': { startTime: 0, resources: '24-28' } } },
    });
    expect(mismatches).toEqual([]);
  });

  it('§6.7 the same request with contiguous_1h takes the first long-enough interval', async () => {
    const { mismatches } = await run({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'] },
      resources: [{ ids: '1-32' }],
      jobs: [job(1, 'contiguous_1h', 5, 'resource_id IN (1,2,4,5,6,7,8,9,10,11,12,14,15,16,17,18,19,20,21,22,24,25,26,27,28,29)')],
      expect: { jobs: { '1': { startTime: 0, resources: '4-8' } } },
    });
    expect(mismatches).toEqual([]);
  });

  it('§6.12 waits for the window where 16 consecutive resources are free', async () => {
    const { mismatches } = await run({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'] },
      resources: [{ ids: '1-32' }],
      jobs: [
        { id: 2, state: 'Running', startTime: 5, resources: '10-20', moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] },
        job(1, 'contiguous_sorted_1h', 16),
      ],
      expect: {
        jobs: { '1': { startTime: 15, resources: '1-16' } },
        slots: [
          { begin: 0, end: 4, resources: '1-32' },
          { begin: 5, end: 14, resources: '1-9 21-32' },
          { begin: 15, end: 74, resources: '17-32' },
          { begin: 75, end: HORIZON, resources: '1-32' },
        ],
      },
    });
    expect(mismatches).toEqual([]);
  });

  it('works on positions: with resource_id DESC the run is of consecutive positions, reported as ids', async () => {
    const { mismatches } = await run({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'], resourceOrder: 'resource_id DESC' },
      resources: [{ ids: '1-10' }],
      jobs: [job(1, 'contiguous_1h', 3, 'resource_id <> 9')],
      // Positions 0..9 are ids 10..1; id 9 (position 1) is excluded: first run of 3 = positions 2-4 = ids 8, 7, 6.
      expect: { jobs: { '1': { startTime: 0, resources: '6-8' } } },
    });
    expect(mismatches).toEqual([]);
  });

  it.each(['contiguous_1h', 'contiguous_sorted_1h'])('%s leaves a request on another level unscheduled', async (find) => {
    const { result } = await run({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id', 'node'] },
      resources: [{ ids: '1-8', properties: { node: 'n1' } }],
      jobs: [job(1, find, 1, '', 'node')],
      expect: { jobs: { '1': { scheduled: false } } },
    });
    expect(result.jobs['1']).toMatchObject({ scheduled: false, reasonCode: 'NO_WINDOW' });
  });
});
