import { DEFAULT_AVAILABLE_UPTO, definePlugin, IntervalSet, PluginRegistry } from '@oar-sched/core';
import { scenarioFromJson, scheduleScenario } from '@oar-sched/scenario';
import findContiguous from '@oar-sched/example-find-contiguous';
import assignDefault from '@oar-sched/plugin-assign-default';
import findDefault from '@oar-sched/plugin-find-default';
import sortFifo from '@oar-sched/plugin-sort-fifo';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

/** Last second of the default resource availability (`availableUpto` 2^31 - 1 is exclusive). */
const HORIZON = DEFAULT_AVAILABLE_UPTO - 1;
const quiet = { info: () => {}, warn: () => {} };

/**
 * Test-only find `last`: the `n` highest free positions, ignoring the request's constraints.
 * Disagrees with `default` on resources while agreeing on time, to observe tie-breaking.
 */
const lastFind = definePlugin({
  name: 'test-find-last',
  setup(api) {
    api.find('last', (ctx) => {
      const n = ctx.parts[0]?.levels[0]?.count;
      const free = [...ctx.available.values()];
      return typeof n === 'number' && free.length >= n ? IntervalSet.fromValues(free.slice(free.length - n)) : null;
    });
  },
});

function registry(): PluginRegistry {
  const r = new PluginRegistry(quiet);
  for (const builtIn of [findDefault, assignDefault, sortFifo]) r.use(builtIn, { source: 'built-in' });
  r.use(plugin, { source: 'dependency', packageName: '@oar-sched/example-assign-one-time-find' });
  r.use(findContiguous, { source: 'dependency', packageName: '@oar-sched/example-find-contiguous' });
  r.use(lastFind, { source: 'config' });
  return r;
}

async function run(scenario: unknown) {
  return scheduleScenario(scenarioFromJson(scenario), registry(), { check: true, slots: true });
}

type Level = { level: string; count: number };
const rid = (count: number): Level[] => [{ level: 'resource_id', count }];
const moldable = (levels: Level[], property = '') => ({ walltime: 60, request: [{ levels, property }] });

/** 32 resources, 4 nodes of 8 (harness §6.2 hierarchy). */
const cluster = (jobs: unknown[], expect?: unknown) => ({
  now: 0,
  config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id', 'node'] },
  resources: [
    { ids: '1-8', properties: { node: 'n1' } },
    { ids: '9-16', properties: { node: 'n2' } },
    { ids: '17-24', properties: { node: 'n3' } },
    { ids: '25-32', properties: { node: 'n4' } },
  ],
  jobs,
  ...(expect ? { expect } : {}),
});

/** Harness §6.10: a running job holds 10-20 during [5, 14]. */
const busy = { id: 1, state: 'Running', startTime: 5, resources: '10-20', moldables: [{ walltime: 10, request: [{ levels: rid(1) }] }] };

describe('with the default find, the assigns place as the default assign (harness §6.2–§6.5)', () => {
  it.each([
    ['§6.2 assign=default', { assign: 'default' }],
    ['§6.3 find=default', { find: 'default' }],
    ['§6.4 assign=one_time_find, find=default', { assign: 'one_time_find', find: 'default' }],
    ['§6.5 assign=one_time_find_mld, find=default', { assign: 'one_time_find_mld', find: 'default' }],
    ['assign=one_time_find without find', { assign: 'one_time_find' }],
  ])('%s: two nodes at 0', async (_, types) => {
    const { mismatches } = await run(
      cluster([{ id: 1, types, moldables: [moldable([{ level: 'node', count: 2 }])] }], {
        jobs: { '1': { startTime: 0, resources: '1-16', moldableIndex: 0 } },
        slots: [
          { begin: 0, end: 59, resources: '17-32' },
          { begin: 60, end: HORIZON, resources: '1-32' },
        ],
      }),
    );
    expect(mismatches).toEqual([]);
  });
});

describe('assign one_time_find (harness §6.10, §7.3)', () => {
  it('§6.10 keeps the default find placement when it finishes first', async () => {
    const { mismatches } = await run(
      cluster([busy, { id: 2, types: { assign: 'one_time_find', find: 'contiguous_1h' }, moldables: [moldable(rid(16))] }], {
        // contiguous_1h alone: 1-16 at 15 (ends 74); default: 1-9 21-27 at 0 (ends 59).
        jobs: { '2': { startTime: 0, resources: '1-9 21-27', moldableIndex: 0 } },
        slots: [
          { begin: 0, end: 4, resources: '10-20 28-32' },
          { begin: 5, end: 14, resources: '28-32' },
          { begin: 15, end: 59, resources: '10-20 28-32' },
          { begin: 60, end: HORIZON, resources: '1-32' },
        ],
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it('§6.10 control: the job find alone places later', async () => {
    const { mismatches } = await run(
      cluster([busy, { id: 2, types: { find: 'contiguous_1h' }, moldables: [moldable(rid(16))] }], {
        jobs: { '2': { startTime: 15, resources: '1-16' } },
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it('keeps the job find placement on equal finishes', async () => {
    const { mismatches } = await run(
      cluster([{ id: 1, types: { assign: 'one_time_find', find: 'last' }, moldables: [moldable(rid(3))] }], {
        jobs: { '1': { startTime: 0, resources: '30-32' } },
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it('is unscheduled when the job find finds no window', async () => {
    const { result } = await run(
      cluster([{ id: 1, types: { assign: 'one_time_find', find: 'contiguous_1h' }, moldables: [moldable(rid(33))] }]),
    );
    expect(result.jobs['1']).toMatchObject({ scheduled: false, reasonCode: 'NO_WINDOW' });
    expect(result.jobs['1']).toHaveProperty('reason', expect.stringContaining("with the job's find"));
  });

  it('is unscheduled when the default find finds no window, even if the job find did (OAR3 parity)', async () => {
    const { result } = await run(
      cluster([{ id: 1, types: { assign: 'one_time_find', find: 'last' }, moldables: [moldable(rid(2), 'resource_id > 100')] }]),
    );
    expect(result.jobs['1']).toMatchObject({ scheduled: false });
    expect(result.jobs['1']).toHaveProperty('reason', expect.stringContaining('with the default find'));
  });

  it('§7.3 with contiguous_1h, then a contiguous_sorted_1h job (8 resources, security time 60)', async () => {
    const now = 1_700_000_000;
    const { mismatches } = await run({
      now,
      config: { jobSecurityTime: 60, hierarchyLabels: ['resource_id', 'network_address'] },
      queues: [
        { name: 'default', priority: 3 },
        { name: 'besteffort', priority: 0 },
      ],
      resources: [{ ids: '1-8', properties: { network_address: 'localhost' } }],
      jobs: [
        { id: 1, types: { assign: 'one_time_find', find: 'contiguous_1h' }, moldables: [moldable(rid(3))] },
        { id: 2, types: { find: 'contiguous_sorted_1h' }, moldables: [moldable(rid(4))] },
      ],
      expect: {
        jobs: {
          '1': { startTime: now, resources: '1-3' },
          '2': { startTime: now, resources: '4-7' },
        },
      },
    });
    expect(mismatches).toEqual([]);
  });
});

describe('assign one_time_find_mld (harness §6.11)', () => {
  it('§6.11 the second moldable (default find) wins by finishing first', async () => {
    const { mismatches } = await run(
      cluster([busy, { id: 2, types: { assign: 'one_time_find_mld', find: 'contiguous_1h' }, moldables: [moldable(rid(16)), moldable(rid(16))] }], {
        jobs: { '2': { startTime: 0, resources: '1-9 21-27', moldableIndex: 1 } },
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it('keeps the earlier moldable on equal finishes', async () => {
    const { mismatches } = await run(
      cluster([{ id: 1, types: { assign: 'one_time_find_mld', find: 'last' }, moldables: [moldable(rid(3)), moldable(rid(3))] }], {
        jobs: { '1': { startTime: 0, resources: '30-32', moldableIndex: 0 } },
      }),
    );
    expect(mismatches).toEqual([]);
  });

  it('is unscheduled when any moldable has no window, where the default assign skips that moldable', async () => {
    const moldables = [moldable(rid(2)), moldable(rid(64))];
    const { result } = await run(
      cluster([
        { id: 1, types: { assign: 'one_time_find_mld', find: 'default' }, moldables },
        { id: 2, types: {}, moldables },
      ]),
    );
    expect(result.jobs['1']).toMatchObject({ scheduled: false });
    expect(result.jobs['1']).toHaveProperty('reason', expect.stringContaining('moldable 1'));
    expect(result.jobs['2']).toMatchObject({ scheduled: true, startTime: 0, moldableIndex: 0, resources: '1-2' });
  });
});
