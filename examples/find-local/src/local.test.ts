import { DEFAULT_AVAILABLE_UPTO, IntervalSet, PluginRegistry } from '@oar-sched/core';
import { scenarioFromJson, scheduleScenario } from '@oar-sched/scenario';
import assignDefault from '@oar-sched/plugin-assign-default';
import findDefault from '@oar-sched/plugin-find-default';
import sortFifo from '@oar-sched/plugin-sort-fifo';
import { describe, expect, it } from 'vitest';
import { leastAvailableBlock } from './local-block.js';
import plugin from './plugin.js';

const s = (...pairs: [number, number][]) => IntervalSet.fromIntervals(pairs);
/** Last second of the default resource availability (`availableUpto` 2^31 - 1 is exclusive). */
const HORIZON = DEFAULT_AVAILABLE_UPTO - 1;
const quiet = { info: () => {}, warn: () => {} };

function registry(): PluginRegistry {
  const r = new PluginRegistry(quiet);
  for (const builtIn of [findDefault, assignDefault, sortFifo]) r.use(builtIn, { source: 'built-in' });
  r.use(plugin, { source: 'dependency', packageName: '@oar-sched/example-find-local' });
  return r;
}

async function run(scenario: unknown) {
  return scheduleScenario(scenarioFromJson(scenario), registry(), { check: true, slots: true });
}

/** 32 resources on 4 nodes of 8 (ids 1-8 = n1, …), as in harness §6.8. */
const nodes = [
  { ids: '1-8', properties: { node: 'n1' } },
  { ids: '9-16', properties: { node: 'n2' } },
  { ids: '17-24', properties: { node: 'n3' } },
  { ids: '25-32', properties: { node: 'n4' } },
];
const config = { jobSecurityTime: 0, hierarchyLabels: ['resource_id', 'node'] };
const levels = (...pairs: [string, number][]) => pairs.map(([level, count]) => ({ level, count }));
const running = (id: number, resources: string) => ({
  id,
  state: 'Running',
  startTime: 0,
  resources,
  moldables: [{ walltime: 100, request: [{ levels: levels(['resource_id', 1]) }] }],
});

describe('leastAvailableBlock', () => {
  const blocks = [s([0, 7]), s([8, 15]), s([16, 23])];
  const table: [string, IntervalSet, number, string | null][] = [
    ['all equal: the first block', s([0, 23]), 4, '0-3'],
    ['prefers the least available block that has n', s([0, 7], [9, 15], [16, 23]), 4, '9-12'],
    ['skips blocks with fewer than n', s([0, 7], [8, 9], [16, 23]), 4, '0-3'],
    // Available sizes 8, 3, 5 in block order. OAR3's slip (testing the k-th size in ORIGINAL
    // order) would pick block 0; the intended reading picks block 2, the least available with ≥ 4.
    ['tests each visited block against its own size', s([0, 7], [8, 10], [16, 20]), 4, '16-19'],
    ['takes the smallest positions of a fragmented block', s([0, 7], [9, 10], [13, 14]), 3, '9-10 13'],
    ['no block has n', s([0, 2], [8, 10]), 4, null],
    ['n below 1', s([0, 23]), 0, null],
  ];
  it.each(table)('%s', (_, available, n, expected) => {
    expect(leastAvailableBlock(available, blocks, n)?.toString() ?? null).toBe(expected);
  });
});

describe('find local (harness §6.8, §6.9)', () => {
  it('§6.8 takes 4 resources on the first node having 4 available (node 1 has only 3 allowed)', async () => {
    const { mismatches } = await run({
      now: 0,
      config,
      resources: nodes,
      jobs: [{ id: 1, types: { find: 'local' }, moldables: [{ walltime: 60, request: [{ levels: levels(['node', 1], ['resource_id', 4]), property: 'resource_id >= 6' }] }] }],
      expect: {
        jobs: { '1': { startTime: 0, resources: '9-12' } },
        slots: [
          { begin: 0, end: 59, resources: '1-8 13-32' },
          { begin: 60, end: HORIZON, resources: '1-32' },
        ],
      },
    });
    expect(mismatches).toEqual([]);
  });

  it.each(['local', 'resource_hierarchies_scattered_local'])('§6.9 %s prefers the partially available node 2', async (find) => {
    const { mismatches } = await run({
      now: 0,
      config,
      resources: nodes,
      jobs: [
        {
          id: 1,
          types: { find },
          moldables: [{ walltime: 60, request: [{ levels: levels(['node', 1], ['resource_id', 4]), property: 'resource_id <= 12 OR resource_id >= 15' }] }],
        },
      ],
      expect: {
        jobs: { '1': { startTime: 0, resources: '9-12' } },
        slots: [
          { begin: 0, end: 59, resources: '1-8 13-32' },
          { begin: 60, end: HORIZON, resources: '1-32' },
        ],
      },
    });
    expect(mismatches).toEqual([]);
  });

  it('uses the intended reading of the size test: free sizes 8, 3, 5, 8 → node 3', async () => {
    const { mismatches } = await run({
      now: 0,
      config,
      resources: nodes,
      jobs: [
        running(1, '12-16 22-24'),
        { id: 2, types: { find: 'local' }, moldables: [{ walltime: 60, request: [{ levels: levels(['node', 1], ['resource_id', 4]) }] }] },
      ],
      expect: { jobs: { '2': { startTime: 0, resources: '17-20' } } },
    });
    expect(mismatches).toEqual([]);
  });

  it('with a single level, applies the built-in rule: the first whole nodes free', async () => {
    const { mismatches } = await run({
      now: 0,
      config,
      resources: nodes,
      jobs: [running(1, '3'), { id: 2, types: { find: 'local' }, moldables: [{ walltime: 60, request: [{ levels: levels(['node', 2]) }] }] }],
      expect: { jobs: { '2': { startTime: 0, resources: '9-24' } } },
    });
    expect(mismatches).toEqual([]);
  });

  it('solves each part on its own and returns their union', async () => {
    const { mismatches } = await run({
      now: 0,
      config,
      resources: nodes,
      jobs: [
        running(1, '1-4'),
        {
          id: 2,
          types: { find: 'local' },
          moldables: [
            {
              walltime: 60,
              request: [
                { levels: levels(['node', 1], ['resource_id', 2]), property: "node = 'n1'" },
                { levels: levels(['node', 1], ['resource_id', 3]), property: "node = 'n3'" },
              ],
            },
          ],
        },
      ],
      expect: { jobs: { '2': { startTime: 0, resources: '5-6 17-19' } } },
    });
    expect(mismatches).toEqual([]);
  });

  it('leaves the job unscheduled when one part can never fit', async () => {
    const { result } = await run({
      now: 0,
      config,
      resources: nodes,
      jobs: [
        {
          id: 1,
          types: { find: 'local' },
          moldables: [
            {
              walltime: 60,
              request: [
                { levels: levels(['node', 1], ['resource_id', 2]), property: "node = 'n1'" },
                { levels: levels(['node', 1], ['resource_id', 9]), property: "node = 'n3'" },
              ],
            },
          ],
        },
      ],
    });
    expect(result.jobs['1']).toMatchObject({ scheduled: false, reasonCode: 'NO_WINDOW' });
  });
});

describe('find resource_n_h_local[:h]', () => {
  /** Two switches of two nodes each: hierarchy resource_id, switch, node. */
  const switches = nodes.map((r, i) => ({ ...r, properties: { ...r.properties, switch: i < 2 ? 's1' : 's2' } }));
  const scenario = (find: string, request: { level: string; count: number }[]) => ({
    now: 0,
    config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id', 'switch', 'node'] },
    resources: switches,
    jobs: [running(1, '9-13'), { id: 2, types: { find }, moldables: [{ walltime: 60, request: [{ levels: request }] }] }],
  });
  const threeLevels = levels(['switch', 1], ['node', 1], ['resource_id', 4]);

  it.each([
    // h = 0: top blocks are switches (s1 has 11 free, s2 16); n = the node count, 1 resource.
    ['resource_n_h_local', '1'],
    ['resource_n_h_local:0', '1'],
    // h = 1: top blocks are nodes (n2 has 3 free, too few); n = the resource_id count, 4.
    ['resource_n_h_local:1', '1-4'],
  ])('%s → %s', async (find, resources) => {
    const { result } = await run(scenario(find, threeLevels));
    expect(result.jobs['2']).toMatchObject({ scheduled: true, startTime: 0, resources });
  });

  it('never fits a request without level h + 1', async () => {
    const { result } = await run(scenario('resource_n_h_local:2', threeLevels));
    expect(result.jobs['2']).toMatchObject({ scheduled: false, reasonCode: 'NO_WINDOW' });
    const single = await run(scenario('resource_n_h_local', levels(['node', 1])));
    expect(single.result.jobs['2']).toMatchObject({ scheduled: false });
  });

  it('refuses a malformed level argument with a reason naming it', async () => {
    const { result } = await run(scenario('resource_n_h_local:top', threeLevels));
    expect(result.jobs['2']).toMatchObject({ scheduled: false, reasonCode: 'PLUGIN_ERROR' });
    expect(result.jobs['2']).toHaveProperty('reason', expect.stringContaining('got "top"'));
  });
});
