/**
 * A plugin that throws during a round costs its own job (or its group, for a sorting) a
 * `PLUGIN_ERROR` reason that names it: `reason.plugin` and the message say which hook, which
 * name, which plugin and which package.
 */
import { definePlugin, IntervalSet } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { runRound } from './run-round.js';
import { NOW, registryWith, snapshot, waiting } from './test-kit.js';

const thrower = definePlugin({
  name: 'thrower',
  setup(api) {
    api.find('flaky', (ctx) => {
      throw new Error(`flaky find exploded on job ${ctx.job.id}`);
    });
    api.assign('greedy', (ctx) => {
      ctx.searchMoldable(0);
      throw new Error('greedy assign gave up');
    });
    api.assign('searching', (ctx) => {
      const found = ctx.searchMoldable(0, { find: 'flaky' });
      return found.found ? ctx.place(found) : { placed: false, reason: found.reason };
    });
    api.jobsSorting('explode', () => {
      throw new Error('no accounting database');
    });
  },
});

const plugin = (hook: string, key: string) => ({ name: 'thrower', packageName: '@acme/thrower', hook, key });

describe('PLUGIN_ERROR names the plugin', () => {
  it('a find that throws inside the default assign: the find is blamed, the other jobs are scheduled', async () => {
    const round = await runRound(
      snapshot({ jobs: [waiting(1, 2), waiting(2, 2, { types: { find: 'flaky' } }), waiting(3, 2)] }),
      registryWith(thrower),
    );
    expect(round.decisions.get(2)).toEqual({
      scheduled: false,
      reason: {
        code: 'PLUGIN_ERROR',
        kind: 'error',
        message: 'find plugin "flaky" (@acme/thrower) failed: flaky find exploded on job 2',
        plugin: plugin('find', 'flaky'),
      },
    });
    expect(round.decisions.get(1)).toMatchObject({ scheduled: true, placement: { start: NOW } });
    expect(round.decisions.get(3)).toMatchObject({ scheduled: true, placement: { start: NOW } });
  });

  it('a find that throws inside a custom assign is still the find’s fault', async () => {
    const round = await runRound(snapshot({ jobs: [waiting(1, 1, { types: { assign: 'searching' } })] }), registryWith(thrower));
    expect(round.decisions.get(1)).toMatchObject({ reason: { code: 'PLUGIN_ERROR', plugin: plugin('find', 'flaky') } });
  });

  it('an assign that throws', async () => {
    const round = await runRound(snapshot({ jobs: [waiting(1, 8, { types: { assign: 'greedy' } }), waiting(2, 8)] }), registryWith(thrower));
    expect(round.decisions.get(1)).toMatchObject({
      scheduled: false,
      reason: { code: 'PLUGIN_ERROR', message: 'assign plugin "greedy" (@acme/thrower) failed: greedy assign gave up', plugin: plugin('assign', 'greedy') },
    });
    expect(round.decisions.get(2)).toMatchObject({ scheduled: true, placement: { start: NOW } });
  });

  it('a job sorting that throws: its whole group', async () => {
    const round = await runRound(
      snapshot({ config: { sorting: { policy: 'CUSTOM', custom: { name: 'explode' } } }, jobs: [waiting(1, 1), waiting(2, 1)] }),
      registryWith(thrower),
    );
    for (const id of [1, 2]) {
      expect(round.decisions.get(id)).toMatchObject({
        scheduled: false,
        reason: {
          code: 'PLUGIN_ERROR',
          message: 'job sorting plugin "explode" (@acme/thrower) failed: no accounting database',
          plugin: plugin('jobsSorting', 'explode'),
        },
      });
    }
  });

  it('a default find override that throws on a reservation: the reservation is refused, the round goes on', async () => {
    const picky = definePlugin({
      name: 'picky',
      setup: (api) =>
        api.find('default', (ctx) => {
          if (ctx.job.id === 2) throw new Error('reservations are not my job');
          return undefined;
        }),
    });
    const reservation = { ...waiting(2, 1), reservation: 'toSchedule' as const, startTime: NOW + 60 };
    const round = await runRound(snapshot({ jobs: [waiting(1, 1), reservation] }), registryWith(picky));
    expect(round.decisions.get(1)).toMatchObject({ scheduled: true });
    expect(round.decisions.get(2)).toMatchObject({
      scheduled: false,
      reason: {
        code: 'PLUGIN_ERROR',
        message: 'find plugin "default" (@acme/picky) failed: reservations are not my job',
        plugin: { name: 'picky', packageName: '@acme/picky', hook: 'find', key: 'default' },
      },
    });
  });
});

describe('a find result is checked against the free set of its window', () => {
  /** Always answers positions 0-1, free or not (resources 1 and 2 in the default order). */
  const grabby = definePlugin({
    name: 'grabby',
    setup(api) {
      api.find('contiguous_1h', () => IntervalSet.range(0, 1));
      api.find('beyond', () => IntervalSet.range(7, 20)); // 8 resources: positions 8-20 do not exist
      api.find('text', () => 'nodes 1-2' as unknown as IntervalSet);
    },
  });

  it('positions that are taken: PLUGIN_ERROR naming the plugin, and nothing double-booked', async () => {
    const round = await runRound(
      snapshot({ jobs: [waiting(1, 8), waiting(2, 2, { types: { find: 'contiguous_1h' } })] }),
      registryWith(grabby),
    );
    expect(round.decisions.get(1)).toMatchObject({ scheduled: true, placement: { start: NOW } });
    // The first window of job 2 is [NOW, NOW+59], where job 1 holds everything: the find's answer
    // is refused, the job is not placed there (nor anywhere).
    expect(round.decisions.get(2)).toEqual({
      scheduled: false,
      reason: {
        code: 'PLUGIN_ERROR',
        kind: 'error',
        message: 'find plugin "contiguous_1h" (@acme/grabby) returned resources outside the free set of the window',
        plugin: { name: 'grabby', packageName: '@acme/grabby', hook: 'find', key: 'contiguous_1h' },
      },
    });
    expect(round.slotSets.get('default')!.slots[0]).toEqual({ begin: NOW, end: NOW + 59, free: '' });
  });

  it('the same answer when it is free is accepted', async () => {
    const round = await runRound(snapshot({ jobs: [waiting(2, 2, { types: { find: 'contiguous_1h' } })] }), registryWith(grabby));
    expect(round.decisions.get(2)).toMatchObject({ scheduled: true, placement: { start: NOW } });
  });

  it('positions past the last resource do not exist and are tolerated (they occupy nothing)', async () => {
    const round = await runRound(snapshot({ jobs: [waiting(1, 1, { types: { find: 'beyond' } })] }), registryWith(grabby));
    expect(round.decisions.get(1)).toMatchObject({ scheduled: true, placement: { start: NOW } });
  });

  it('something that is not a resource set is refused with its own message', async () => {
    const round = await runRound(snapshot({ jobs: [waiting(1, 1, { types: { find: 'text' } })] }), registryWith(grabby));
    expect(round.decisions.get(1)).toMatchObject({
      scheduled: false,
      reason: { code: 'PLUGIN_ERROR', message: 'find plugin "text" (@acme/grabby) returned something that is not a resource set (IntervalSet)' },
    });
  });

  it('a reservation gets the same check', async () => {
    const override = definePlugin({ name: 'override', setup: (api) => api.find('default', (ctx) => (ctx.job.id === 2 ? IntervalSet.range(0, 0) : undefined)) });
    const reservation = { ...waiting(2, 1), reservation: 'toSchedule' as const, startTime: NOW + 10 };
    const round = await runRound(snapshot({ jobs: [waiting(1, 8), reservation] }), registryWith(override));
    expect(round.decisions.get(2)).toMatchObject({
      scheduled: false,
      reason: { code: 'PLUGIN_ERROR', message: 'find plugin "default" (@acme/override) returned resources outside the free set of the window' },
    });
  });
});
