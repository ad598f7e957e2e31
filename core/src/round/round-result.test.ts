/**
 * `runRound` returns plain, complete, frozen data: placements with resource ids, the plan of every
 * slot set with free ids per slot, the applied property changes; no engine object.
 */
import { definePlugin, type ExtraMetaschedContext } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { runRound } from './run-round.js';
import { NOW, registryWith, resources, snapshot, waiting } from './test-kit.js';

describe('the round result', () => {
  it('gives placements as plain data with resource ids as set text (positions kept)', async () => {
    const round = await runRound(
      snapshot({ config: { resourceOrder: 'resource_id DESC', jobSecurityTime: 60 }, jobs: [waiting(2, 3, { walltimes: [100, 40] }), waiting(1, 2)] }),
      registryWith(),
    );
    // resource order DESC: positions 0-1 are ids 8 and 7
    expect(round.decisions.get(1)).toEqual({
      scheduled: true,
      placement: { start: NOW, end: NOW + 119, walltime: 120, moldableIndex: 0, resourceIds: '7-8', resources: expect.objectContaining({}) },
    });
    const two = round.decisions.get(2);
    expect(two?.scheduled && two.placement).toMatchObject({ start: NOW, end: NOW + 99, walltime: 100, moldableIndex: 1, resourceIds: '4-6' });
    expect(two?.scheduled && two.placement.resources.toString()).toBe('2-4');
    const one = round.decisions.get(1);
    if (!one?.scheduled) throw new Error('job 1 is not placed');
    expect(round.platform.idsOf(one.placement.resources).toString()).toBe('7-8');
    expect(round.platform.resourceIds).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect([...round.decisions.keys()]).toEqual([1, 2]);
  });

  it("carries the karma a sorting policy reported for a planned job (SortContext.reportKarma), and none otherwise", async () => {
    const karmaSort = definePlugin({
      name: 'karma-sort',
      setup(api) {
        api.jobsSorting('by-karma', (ctx) => {
          for (const job of ctx.jobs) if (job.id !== 3) ctx.reportKarma?.(job, job.id / 10);
          return ctx.jobs;
        });
      },
    });
    const jobs = [waiting(1, 2), waiting(2, 99), waiting(3, 2)];
    const round = await runRound(snapshot({ config: { sorting: { policy: 'CUSTOM', custom: { name: 'by-karma' } } }, jobs }), registryWith(karmaSort));
    expect(round.decisions.get(1)).toMatchObject({ scheduled: true, karma: 0.1 });
    // Not planned: OAR writes a karma only with a plan.
    expect(round.decisions.get(2)).not.toHaveProperty('karma');
    expect(round.decisions.get(3)).toMatchObject({ scheduled: true });
    expect(round.decisions.get(3)).not.toHaveProperty('karma');
    const fifo = await runRound(snapshot({ jobs }), registryWith());
    expect(fifo.decisions.get(1)).not.toHaveProperty('karma');
  });

  it('gives the plan of each slot set: free resource ids per slot, and a slot count', async () => {
    const container = { ...waiting(1, 4, { walltimes: [200] }), types: { container: 'box' } };
    const inner = { ...waiting(2, 1, { walltimes: [50] }), types: { inner: 'box' } };
    const round = await runRound(snapshot({ jobs: [container, inner] }), registryWith());
    expect([...round.slotSets.keys()]).toEqual(['default', 'box']);
    const plan = round.slotSets.get('default')!;
    expect(plan).toMatchObject({ name: 'default', begin: NOW, end: 2 ** 31, slotCount: 3 });
    expect(plan.slots).toEqual([
      { begin: NOW, end: NOW + 199, free: '5-8' },
      { begin: NOW + 200, end: 2 ** 31 - 2, free: '1-8' },
      // resources are available up to 2^31 - 1 (exclusive)
      { begin: 2 ** 31 - 1, end: 2 ** 31, free: '' },
    ]);
    expect(round.slotSets.get('box')!.slots[0]).toEqual({ begin: NOW, end: NOW + 49, free: '2-4' });
    expect(plan).not.toHaveProperty('first');
  });

  it('is data: structuredClone (e.g. to a worker) keeps decisions, plans, changes and warnings', async () => {
    const round = await runRound(snapshot({ jobs: [waiting(1, 2), waiting(2, 99)] }), registryWith());
    const copy = structuredClone(round);
    expect(copy.decisions.get(1)).toMatchObject({ scheduled: true, placement: { start: NOW, end: NOW + 59, resourceIds: '1-2' } });
    expect(copy.decisions.get(2)).toEqual(round.decisions.get(2));
    expect(copy.slotSets.get('default')!.slots).toEqual(round.slotSets.get('default')!.slots);
    expect(copy.platform.resourceIds).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('cannot be changed by whoever holds it', async () => {
    const round = await runRound(snapshot({ jobs: [waiting(1, 1), waiting(2, 99)] }), registryWith());
    expect(() => (round.decisions as Map<number, unknown>).set(3, {})).toThrow(TypeError);
    expect(() => (round.decisions as Map<number, unknown>).delete(1)).toThrow(TypeError);
    expect(() => (round.slotSets as Map<string, unknown>).clear()).toThrow(TypeError);
    const placed = round.decisions.get(1)!;
    const refused = round.decisions.get(2)!;
    for (const value of [round, placed, placed.scheduled && placed.placement, !refused.scheduled && refused.reason, round.warnings, round.propertyChanges, round.slotSets.get('default')!.slots]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
  });
});

describe('extraMetasched property changes', () => {
  const setter = (options: { id?: number; fail?: boolean; late?: (ctx: ExtraMetaschedContext) => void } = {}) =>
    definePlugin({
      name: 'setter',
      setup(api) {
        api.extraMetasched('mark', async (ctx) => {
          if (ctx.prevQueues !== null) return;
          ctx.setResourceProperty(options.id ?? 3, 'deploy', 'YES');
          // buffered: the hook itself still sees the old value
          if (ctx.platform.resources.some((r) => r.properties.deploy !== 'NO')) throw new Error('not buffered');
          options.late?.(ctx);
          if (options.fail) throw new Error('ldap timeout');
        });
      },
    });
  const deployable = (config: object = {}) =>
    snapshot({
      resources: resources(4, () => ({ deploy: 'NO' })),
      jobs: [waiting(1, 1, { property: "deploy = 'YES'" })],
      ...config,
    });
  const options = { extraMetasched: { name: 'mark', config: '' } };

  it('are applied when the hook returns: the group sees them, the result lists them', async () => {
    const round = await runRound(deployable(), registryWith(setter()), options);
    expect(round.decisions.get(1)).toMatchObject({ scheduled: true, placement: { resourceIds: '3' } });
    expect(round.propertyChanges).toEqual([{ resourceId: 3, property: 'deploy', value: 'YES', queues: ['default'] }]);
    expect(round.warnings).toEqual([]);
  });

  it('are dropped with a warning when the hook throws', async () => {
    const round = await runRound(deployable(), registryWith(setter({ fail: true })), options);
    expect(round.decisions.get(1)).toMatchObject({ scheduled: false, reason: { code: 'CONSTRAINT_EMPTY' } });
    expect(round.propertyChanges).toEqual([]);
    expect(round.warnings).toEqual([
      'extraMetasched plugin "mark" (@acme/setter) failed: ldap timeout',
      'extraMetasched "mark" failed, so the 1 resource property change it asked for was dropped: resource 3 deploy="YES"',
    ]);
  });

  it('on an unknown resource, or after the hook returned, are ignored with a warning', async () => {
    let keep: ExtraMetaschedContext | undefined;
    const round = await runRound(deployable(), registryWith(setter({ id: 42, late: (ctx) => (keep = ctx) })), options);
    keep!.setResourceProperty(1, 'deploy', 'YES');
    expect(round.propertyChanges).toEqual([]);
    expect(round.warnings).toEqual(['extraMetasched "mark" changed properties of unknown resource 42: ignored']);
    expect(round.decisions.get(1)).toMatchObject({ scheduled: false });
  });

  it('with a value that is not a string or a number are refused at once', async () => {
    const bad = definePlugin({
      name: 'bad',
      setup: (api) => api.extraMetasched('mark', (ctx) => ctx.setResourceProperty(1, 'deploy', { yes: true } as never)),
    });
    const round = await runRound(deployable(), registryWith(bad), options);
    expect(round.warnings).toEqual(['extraMetasched "mark": property change resource 1 deploy={"yes":true} ignored: the value is not a string or a finite number']);
  });
});
