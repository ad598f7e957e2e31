import { IntervalSet, PluginRegistry } from '@oar-sched/core';
import { scenarioFromJson, scheduleScenario } from '@oar-sched/scenario';
import assignDefault from '@oar-sched/plugin-assign-default';
import findDefault from '@oar-sched/plugin-find-default';
import sortFifo from '@oar-sched/plugin-sort-fifo';
import { describe, expect, it } from 'vitest';
import { keepParity, parityOf } from './even-or-odd.js';
import plugin from './plugin.js';

const quiet = { info: () => {}, warn: () => {} };

function registry(): PluginRegistry {
  const r = new PluginRegistry(quiet);
  for (const builtIn of [findDefault, assignDefault, sortFifo]) r.use(builtIn, { source: 'built-in' });
  r.use(plugin, { source: 'dependency', packageName: '@oar-sched/example-find-even-or-odd' });
  return r;
}

async function run(scenario: unknown) {
  return scheduleScenario(scenarioFromJson(scenario), registry(), { check: true });
}

const NOW = 1_700_000_000;

/** Harness §7: 5 resources on `localhost`, queues default (3) and besteffort (0), security time 60. */
const platform = (config: Record<string, unknown> = {}) => ({
  now: NOW,
  config: { jobSecurityTime: 60, hierarchyLabels: ['resource_id', 'network_address'], ...config },
  queues: [
    { name: 'default', priority: 3 },
    { name: 'besteffort', priority: 0 },
  ],
  resources: [{ ids: '1-5', properties: { network_address: 'localhost' } }],
});

const job = (id: number, count: number, types: Record<string, string> = {}) => ({
  id,
  types,
  moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count }] }] }],
});

describe('parityOf / keepParity', () => {
  it.each([
    [['odd'], 'odd'],
    [['even'], 'even'],
    [[], 'even'],
    [['ODD'], 'even'],
    [['1'], 'even'],
  ] as const)('args %j → %s', (args, parity) => {
    expect(parityOf(args)).toBe(parity);
  });

  it.each([
    ['odd', '1 3 5 7 9'],
    ['even', '0 2 4 6 8'],
  ] as const)('%s positions of 0-9 → %s', (parity, expected) => {
    expect(keepParity(IntervalSet.range(0, 9), parity).toString()).toBe(expected);
  });
});

describe('find find_even_or_odd (harness §7.1, §7.2, §7.5)', () => {
  it('§7.1 :odd takes odd positions (ids 2, 4), :even even positions (ids 1, 3)', async () => {
    const { mismatches } = await run({
      ...platform(),
      jobs: [job(1, 2, { find: 'find_even_or_odd:odd' }), job(2, 2, { find: 'find_even_or_odd:even' })],
      expect: {
        jobs: {
          '1': { startTime: NOW, resources: '2 4' },
          '2': { startTime: NOW, resources: '1 3' },
        },
      },
    });
    expect(mismatches).toEqual([]);
  });

  it('§7.2 parity is of positions: with resource_id DESC, :odd means ids 4 and 2', async () => {
    const { mismatches } = await run({
      ...platform({ resourceOrder: 'resource_id DESC' }),
      // Job 1 takes positions 0, 1 (ids 5, 4); odd position 1 is busy until NOW + 120.
      jobs: [job(1, 2), job(2, 2, { find: 'find_even_or_odd:odd' })],
      expect: {
        jobs: {
          '1': { startTime: NOW, resources: '4-5' },
          '2': { startTime: NOW + 120, resources: '2 4' },
        },
      },
    });
    expect(mismatches).toEqual([]);
  });

  it('without an argument, uses even positions', async () => {
    const { mismatches } = await run({
      ...platform(),
      jobs: [job(1, 3, { find: 'find_even_or_odd' })],
      expect: { jobs: { '1': { startTime: NOW, resources: '1 3 5' } } },
    });
    expect(mismatches).toEqual([]);
  });

  it('never fits more resources than the parity has', async () => {
    const { result } = await run({ ...platform(), jobs: [job(1, 3, { find: 'find_even_or_odd:odd' })] });
    expect(result.jobs['1']).toMatchObject({ scheduled: false });
  });

  it('§7.5 an unknown find name leaves that job unscheduled, the others are scheduled', async () => {
    const { result } = await run({
      ...platform(),
      jobs: [job(1, 2, { find: 'find_even_or_od:odd' }), job(2, 2)],
    });
    expect(result.jobs['1']).toMatchObject({ scheduled: false, reasonCode: 'UNKNOWN_FIND_PLUGIN' });
    expect(result.jobs['2']).toMatchObject({ scheduled: true, startTime: NOW, resources: '1-2' });
  });
});
