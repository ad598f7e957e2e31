import { DEFAULT_AVAILABLE_UPTO, PluginRegistry } from '@oar-sched/core';
import { scenarioFromJson, scheduleScenario } from '@oar-sched/scenario';
import assignDefault from '@oar-sched/plugin-assign-default';
import findDefault from '@oar-sched/plugin-find-default';
import sortFifo from '@oar-sched/plugin-sort-fifo';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

/** Last second of the default resource availability (`availableUpto` 2^31 - 1 is exclusive). */
const HORIZON = DEFAULT_AVAILABLE_UPTO - 1;
const quiet = { info: () => {}, warn: () => {} };

function registry(): PluginRegistry {
  const r = new PluginRegistry(quiet);
  for (const builtIn of [findDefault, assignDefault, sortFifo]) r.use(builtIn, { source: 'built-in' });
  r.use(plugin, { source: 'dependency', packageName: '@oar-sched/example-find-begin' });
  return r;
}

async function run(scenario: unknown) {
  return scheduleScenario(scenarioFromJson(scenario), registry(), { check: true, slots: true });
}

const beginJob = (id: number, count: number, walltime = 60) => ({
  id,
  types: { find: 'begin' },
  moldables: [{ walltime, request: [{ levels: [{ level: 'resource_id', count }] }] }],
});

describe('find begin (harness §6.13)', () => {
  it('uses the default find in the first window, the fixed positions 1-16 afterwards', async () => {
    const { mismatches } = await run({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'] },
      resources: [{ ids: '1-62' }],
      jobs: [beginJob(1, 32), beginJob(2, 32)],
      // Job 2: the first window [0, 59] has only 30 resources free → no fit; the next window
      // is not at the beginning → positions 1-16, i.e. resource ids 2-17 (the harness, which
      // uses positions as ids, asserts "1-16").
      expect: {
        jobs: {
          '1': { startTime: 0, resources: '1-32' },
          '2': { startTime: 60, resources: '2-17' },
        },
        slots: [
          { begin: 0, end: 59, resources: '33-62' },
          { begin: 60, end: 119, resources: '1 18-62' },
          { begin: 120, end: HORIZON, resources: '1-62' },
        ],
      },
    });
    expect(mismatches).toEqual([]);
  });

  it('at the beginning, behaves as the default find (request and availability respected)', async () => {
    const { mismatches } = await run({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'] },
      resources: [{ ids: '1-62' }],
      jobs: [{ ...beginJob(1, 4), moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 4 }], property: 'resource_id > 40' }] }] }],
      expect: { jobs: { '1': { startTime: 0, resources: '41-44' } } },
    });
    expect(mismatches).toEqual([]);
  });

  it('is trusted: after the first window its set is not checked against the request', async () => {
    // 5 resources, all busy during [0, 59]; job 2 asks for 1 resource but gets positions 1-16,
    // of which only 1-4 exist (ids 2-5).
    const { mismatches } = await run({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'] },
      resources: [{ ids: '1-5' }],
      jobs: [beginJob(1, 5), beginJob(2, 1)],
      expect: {
        jobs: {
          '1': { startTime: 0, resources: '1-5' },
          '2': { startTime: 60, resources: '2-5' },
        },
      },
    });
    expect(mismatches).toEqual([]);
  });
});
