/**
 * A plugin that throws during a round costs its own job (or its group, for a sorting) a
 * `PLUGIN_ERROR` reason that names it: `reason.plugin` and the message say which hook, which
 * name, which plugin and which package.
 */
import { definePlugin } from '@oar-sched/plugin-api';
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
