/**
 * One builder makes every find context: a job's window search, a new reservation's check and the
 * "could it ever fit" question all hand the find the same fields, `platform` included.
 */
import { definePlugin, type FindContext } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { runRound } from './run-round.js';
import { NOW, registryWith, resources, snapshot, waiting } from './test-kit.js';

/** A site find in front of the built-in `default`: records what it sees, then lets the built-in answer. */
function recorder(seen: { job: number; beginning: boolean; ids: number[]; racks: unknown[]; args: readonly string[]; delegated: string | null }[]) {
  return definePlugin({
    name: 'recorder',
    setup(api) {
      api.find('default', (ctx: FindContext) => {
        const positions = [...ctx.available.values()].slice(0, 2);
        seen.push({
          job: ctx.job.id,
          beginning: ctx.beginning,
          ids: positions.map((p) => ctx.platform.resources[p]!.id),
          racks: positions.map((p) => ctx.platform.resources[p]!.properties.rack),
          args: ctx.args,
          delegated: ctx.job.id === 3 ? (ctx.delegate('lowest')?.toString() ?? null) : null,
        });
        return undefined;
      });
      api.find('lowest', (ctx) => ctx.available.firstN(1));
    },
  });
}

describe('find contexts', () => {
  it('carry the platform (ids and properties by position) for jobs, reservations and the unsatisfiable check', async () => {
    const seen: Parameters<typeof recorder>[0] = [];
    const reservation = { ...waiting(3, 2), reservation: 'toSchedule' as const, startTime: NOW + 30 };
    const round = await runRound(
      snapshot({
        resources: resources(4, (id) => ({ rack: `r${Math.ceil(id / 2)}` })),
        config: { resourceOrder: 'resource_id DESC' },
        jobs: [waiting(1, 1, { types: { find: 'default:fast' } }), waiting(2, 9), reservation],
      }),
      registryWith(recorder(seen)),
    );
    expect(round.decisions.get(1)).toMatchObject({ scheduled: true });
    expect(round.decisions.get(2)).toMatchObject({ scheduled: false, reason: { code: 'REQUEST_UNSATISFIABLE' } });
    expect(round.decisions.get(3)).toMatchObject({ scheduled: true });
    // positions follow the resource order (ids descending): position 0 is resource 4, on rack r2
    expect(seen.find((s) => s.job === 1)).toEqual({ job: 1, beginning: true, ids: [4, 3], racks: ['r2', 'r2'], args: ['fast'], delegated: null });
    // job 2 never fits: the last call is the unsatisfiable check on the whole (idle) platform
    expect(seen.filter((s) => s.job === 2).at(-1)).toEqual({ job: 2, beginning: true, ids: [4, 3], racks: ['r2', 'r2'], args: [], delegated: null });
    // the reservation (job 1 holds position 0 then) has a working delegate (it used to answer null)
    expect(seen.find((s) => s.job === 3)).toMatchObject({ ids: [3, 2], delegated: '1' });
  });
});
