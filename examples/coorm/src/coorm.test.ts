import { definePlugin, IntervalSet, PluginRegistry, type OarPlugin } from '@oar-sched/core';
import { scenarioFromJson, scheduleScenario } from '@oar-sched/scenario';
import assignDefault from '@oar-sched/plugin-assign-default';
import findDefault from '@oar-sched/plugin-find-default';
import sortFifo from '@oar-sched/plugin-sort-fifo';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

const quiet = { info: () => {}, warn: () => {} };

function registry(...extra: OarPlugin[]): PluginRegistry {
  const r = new PluginRegistry(quiet);
  for (const builtIn of [findDefault, assignDefault, sortFifo]) r.use(builtIn, { source: 'built-in' });
  r.use(plugin, { source: 'dependency', packageName: '@oar-sched/example-coorm' });
  for (const p of extra) r.use(p, { source: 'config' });
  return r;
}

const scenario = (types: Record<string, string>) =>
  scenarioFromJson({
    now: 0,
    config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id', 'node'] },
    resources: [
      { ids: '1-4', properties: { node: 'n1' } },
      { ids: '5-8', properties: { node: 'n2' } },
    ],
    jobs: [
      { id: 1, state: 'Running', startTime: 0, resources: '2', moldables: [{ walltime: 30, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] },
      { id: 2, types, moldables: [{ walltime: 60, request: [{ levels: [{ level: 'node', count: 1 }] }] }, { walltime: 20, request: [{ levels: [{ level: 'resource_id', count: 8 }] }] }] },
    ],
  });

const REMOTE = 'coorm:tcp:127.0.0.1:13950:timeout=5';

describe('coorm falls back to default', () => {
  it.each([
    ['assign', { assign: REMOTE }],
    ['find', { find: REMOTE }],
    ['assign and find', { assign: REMOTE, find: REMOTE }],
  ])('%s=coorm places the job as without it', async (_, types) => {
    const plain = await scheduleScenario(scenario({}), registry());
    const coorm = await scheduleScenario(scenario(types), registry());
    // Moldable 1 (all 8 resources for 20 s) at 30 finishes before moldable 0 (node n2 for 60 s at 0).
    expect(plain.result.jobs['2']).toEqual({ scheduled: true, startTime: 30, endTime: 49, moldableIndex: 1, resources: '1-8' });
    expect(coorm.result.jobs['2']).toEqual(plain.result.jobs['2']);
  });
});

describe('coorm goes through the hooks', () => {
  /** Overrides `default` find: the highest free positions of the first part's first level count. */
  const highest = definePlugin({
    name: 'test-highest-default',
    setup(api) {
      api.find('default', (ctx) => {
        const n = ctx.parts[0]?.levels[0]?.count;
        const free = [...ctx.available.intersect(ctx.parts[0]!.constraint).values()];
        return typeof n === 'number' && free.length >= n ? IntervalSet.fromValues(free.slice(free.length - n)) : null;
      });
    },
  });
  /** Overrides `default` assign: refuses every job with its own reason. */
  const refuse = definePlugin({
    name: 'test-refuse-default',
    setup(api) {
      api.assign('default', () => ({ placed: false, reason: { code: 'PLUGIN_DECLINED', message: 'refused by the override' } }));
    },
  });

  it('find coorm honours an override of the default find', async () => {
    const job = { find: REMOTE };
    const single = scenarioFromJson({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'] },
      resources: [{ ids: '1-8' }],
      jobs: [{ id: 1, types: job, moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 3 }] }] }] }],
    });
    const { result } = await scheduleScenario(single, registry(highest));
    expect(result.jobs['1']).toMatchObject({ scheduled: true, resources: '6-8' });
  });

  it('assign coorm honours an override of the default assign', async () => {
    const { result } = await scheduleScenario(scenario({ assign: REMOTE }), registry(refuse));
    expect(result.jobs['2']).toEqual({ scheduled: false, reason: 'refused by the override', reasonCode: 'PLUGIN_DECLINED' });
  });
});
