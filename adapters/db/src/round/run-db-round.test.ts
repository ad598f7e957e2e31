/**
 * The database round end to end on both engines, for the behaviours the scenario suite
 * (test/db-round) does not isolate: the engine's decisions reach the tables, filters are
 * evaluated by the database (safely), a hook's property writes are seen by the same round, and a
 * failure leaves the database untouched.
 */
import { definePlugin, PluginRegistry, schedulerConfigSchema } from '@oar-sched/core';
import assignDefault from '@oar-sched/plugin-assign-default';
import findDefault from '@oar-sched/plugin-find-default';
import sortFairshare from '@oar-sched/plugin-sort-fairshare';
import sortFifo from '@oar-sched/plugin-sort-fifo';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initSchema } from '../schema/migrate.js';
import { dumpData, testDatabases, type TestDatabase } from '../testing/index.js';
import { addResourceColumn } from '../resources.js';
import { insertJob, insertQueue, insertResources } from '../writers.js';
import { runDbRound } from './run-db-round.js';
import { logGanttChanges, takeGanttChanges } from './test-kit.js';

const N = 1_000_000;

function registry(extra?: Parameters<typeof definePlugin>[0]): PluginRegistry {
  const r = new PluginRegistry();
  for (const builtIn of [findDefault, assignDefault, sortFifo, sortFairshare]) r.use(builtIn, { source: 'built-in' });
  if (extra) r.use(definePlugin(extra), { source: 'config' });
  return r;
}

const config = schedulerConfigSchema.parse({ hierarchyLabels: ['resource_id', 'network_address'] });

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`runDbRound on ${target.label}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create();
      await initSchema(t.db);
      await addResourceColumn(t.db, 'deploy2', 'VARCHAR(255)');
      await insertQueue(t.db, { name: 'default', priority: 3 });
      await insertResources(t.db, [1, 2, 3, 4, 5].map(() => ({ network_address: 'localhost' })));
    });
    afterEach(() => t.dispose());

    const one = (count: number, walltime = 60) => [{ walltime, groups: [{ levels: [{ label: 'resource_id', value: count }] }] }];

    it('launches a job planned at now: state, start, assigned moldable and resources, gantt, visu, state log', async () => {
      const { jobId, moldableIds } = await insertJob(t.db, { user: 'alice', moldables: one(4) });
      const round = await runDbRound(t.db, { config, registry: registry(), now: N });
      expect(round.exitCode).toBe(0);
      const job = await t.db.kysely.selectFrom('jobs').selectAll().where('job_id', '=', jobId).executeTakeFirstOrThrow();
      expect([job.state, job.start_time, job.assigned_moldable_job, job.message]).toEqual(['toLaunch', N, moldableIds[0], 'R=4,W=120,J=P,Q=default']);
      const assigned = await t.db.kysely.selectFrom('assigned_resources').select('resource_id').where('moldable_job_id', '=', moldableIds[0]!).orderBy('resource_id').execute();
      expect(assigned.map((r) => r.resource_id)).toEqual([1, 2, 3, 4]);
      const visu = await t.db.kysely.selectFrom('gantt_jobs_resources_visu').select('resource_id').orderBy('resource_id').execute();
      expect(visu.map((r) => r.resource_id)).toEqual([1, 2, 3, 4]);
      const logs = await t.db.kysely.selectFrom('job_state_logs').select(['job_state', 'date_start', 'date_stop']).where('job_id', '=', jobId).execute();
      expect(logs).toEqual([{ job_state: 'toLaunch', date_start: N, date_stop: 0 }]);
    });

    it('a second round with nothing changed writes no gantt row; one where a job ends writes only its rows', async () => {
      await insertJob(t.db, { user: 'alice', moldables: one(2) });
      const later = await insertJob(t.db, { user: 'bob', moldables: one(3, 600) });
      await runDbRound(t.db, { config, registry: registry(), now: N });
      await logGanttChanges(t.db);
      await runDbRound(t.db, { config, registry: registry(), now: N });
      expect(await takeGanttChanges(t.db)).toEqual({});
      // bob's job ends: its prediction and its 3 resource rows go, in the gantt and in the copy.
      await t.db.kysely.updateTable('jobs').set({ state: 'Terminated' }).where('job_id', '=', later.jobId).execute();
      await runDbRound(t.db, { config, registry: registry(), now: N + 10 });
      expect(await takeGanttChanges(t.db)).toEqual({
        'gantt_jobs_predictions DELETE': 1,
        'gantt_jobs_resources DELETE': 3,
        'gantt_jobs_predictions_visu DELETE': 1,
        'gantt_jobs_resources_visu DELETE': 3,
      });
    });

    it('a gantt row deleted by hand between rounds is written back by the next round (no count is trusted past a foreign write)', async () => {
      await insertJob(t.db, { user: 'alice', moldables: one(2) });
      await insertJob(t.db, { user: 'bob', moldables: one(3, 600) });
      await runDbRound(t.db, { config, registry: registry(), now: N });
      const rows = async (table: 'gantt_jobs_resources' | 'gantt_jobs_resources_visu') =>
        (await t.db.kysely.selectFrom(table).select(['moldable_job_id', 'resource_id']).orderBy('moldable_job_id').orderBy('resource_id').execute()).map((r) => [r.moldable_job_id, r.resource_id]);
      const planned = await rows('gantt_jobs_resources');
      expect(planned).toHaveLength(5);
      // One row inside each job's run of ids: every run still holds rows, so only the count tells.
      await t.db.kysely.deleteFrom('gantt_jobs_resources').where('resource_id', '=', planned[1]![1]!).where('moldable_job_id', '=', planned[1]![0]!).execute();
      await t.db.kysely.deleteFrom('gantt_jobs_resources_visu').where('resource_id', '=', planned[3]![1]!).where('moldable_job_id', '=', planned[3]![0]!).execute();
      await runDbRound(t.db, { config, registry: registry(), now: N });
      expect(await rows('gantt_jobs_resources')).toEqual(planned);
      expect(await rows('gantt_jobs_resources_visu')).toEqual(planned);
    });

    it('FAIRSHARE: writes the karma at the end of a planned job\'s message and into last_karma, as OAR does (§5.5)', async () => {
      const fairshare = schedulerConfigSchema.parse({ hierarchyLabels: ['resource_id', 'network_address'], sorting: { policy: 'FAIRSHARE' } });
      // alice used 90 s of the 100 s of the window, bob 10 s; nobody asked anything (karma = user share).
      const used = (user: string, consumption: number) => ({ window_start: N - 500, window_stop: N - 100, accounting_user: user, accounting_project: 'p', queue_name: 'default', consumption_type: 'USED', consumption });
      await t.db.kysely.insertInto('accounting').values([used('alice', 90), used('bob', 10)]).execute();
      const alice = await insertJob(t.db, { user: 'alice', project: 'p', moldables: one(5) });
      const bob = await insertJob(t.db, { user: 'bob', project: 'p', name: 'b1', moldables: one(5) });
      const carol = await insertJob(t.db, { user: 'carol', project: 'p', moldables: one(9) });
      await runDbRound(t.db, { config: fairshare, registry: registry(), now: N });
      const rows = await t.db.kysely.selectFrom('jobs').select(['job_id', 'state', 'message', 'last_karma']).orderBy('job_id').execute();
      const row = (id: number) => rows.find((r) => r.job_id === id);
      // bob's lower karma puts him first: he starts now, alice after him.
      expect(row(bob.jobId)).toMatchObject({ state: 'toLaunch', message: 'R=5,W=120,J=P,Q=default,N=b1 (Karma=0.1)' });
      expect(row(alice.jobId)).toMatchObject({ state: 'Waiting', message: 'R=5,W=120,J=P,Q=default (Karma=0.9)' });
      expect(row(bob.jobId)!.last_karma).toBeCloseTo(0.1, 6);
      expect(row(alice.jobId)!.last_karma).toBeCloseTo(0.9, 6);
      // carol asks for more than the cluster has: not planned, so no karma is written.
      expect(row(carol.jobId)).toMatchObject({ state: 'Waiting', last_karma: null });
      expect(row(carol.jobId)!.message).not.toContain('Karma');
    });

    it('FIFO writes no karma', async () => {
      const job = await insertJob(t.db, { user: 'alice', moldables: one(2) });
      await runDbRound(t.db, { config, registry: registry(), now: N });
      expect(await t.db.kysely.selectFrom('jobs').select(['message', 'last_karma']).where('job_id', '=', job.jobId).executeTakeFirstOrThrow()).toEqual({ message: 'R=2,W=120,J=P,Q=default', last_karma: null });
    });

    it('evaluates filters in the database; a bad one leaves its job with a message and the round goes on (S34)', async () => {
      const bad = await insertJob(t.db, { user: 'u', properties: "nonexistent_col = 'x'", moldables: one(1) });
      const good = await insertJob(t.db, { user: 'u', properties: "network_address = 'localhost'", moldables: one(1) });
      await runDbRound(t.db, { config, registry: registry(), now: N });
      const rows = await t.db.kysely.selectFrom('jobs').select(['job_id', 'state', 'message']).orderBy('job_id').execute();
      expect(rows.find((r) => r.job_id === bad.jobId)).toMatchObject({ state: 'Waiting', message: expect.stringContaining('nonexistent_col') });
      expect(rows.find((r) => r.job_id === good.jobId)).toMatchObject({ state: 'toLaunch' });
    });

    it('never runs a second statement or keeps a write hidden in a filter', async () => {
      const sneaky = await insertJob(t.db, { user: 'u', properties: "1=1; DELETE FROM queues", moldables: one(1) });
      await runDbRound(t.db, { config, registry: registry(), now: N });
      expect(await t.db.kysely.selectFrom('queues').select('queue_name').execute()).toHaveLength(1);
      const row = await t.db.kysely.selectFrom('jobs').select(['state', 'message']).where('job_id', '=', sneaky.jobId).executeTakeFirstOrThrow();
      expect(row.state).toBe('Waiting');
    });

    it("writes an extra-metasched hook's property change in the round, and its filter sees it (S27)", async () => {
      const job = await insertJob(t.db, { user: 'u', properties: "deploy2 = 'YES'", moldables: one(1) });
      const hook = { name: 'marker', setup: (api: never) => (api as { extraMetasched: (n: string, f: (c: { setResourceProperty(id: number, p: string, v: string): void }) => void) => void }).extraMetasched('mark', (ctx) => ctx.setResourceProperty(3, 'deploy2', 'YES')) };
      await runDbRound(t.db, { config, registry: registry(hook as never), now: N, extraMetasched: { name: 'mark', config: '' } });
      const r3 = await t.db.kysely.selectFrom('resources').select('resource_id').where('deploy2' as never, '=', 'YES' as never).execute();
      expect(r3.map((r) => r.resource_id)).toEqual([3]);
      const assigned = await t.db.kysely.selectFrom('assigned_resources').select('resource_id').execute();
      expect(assigned.map((r) => r.resource_id)).toEqual([3]);
      expect((await t.db.kysely.selectFrom('jobs').select('state').where('job_id', '=', job.jobId).executeTakeFirstOrThrow()).state).toBe('toLaunch');
    });

    it('an error escaping the round after its writes (a hook property on a missing column) leaves the database exactly as it was', async () => {
      await insertJob(t.db, { user: 'u', moldables: one(2) });
      const before = await dumpData(t.db);
      const failing = { name: 'boom', setup: (api: never) => (api as { extraMetasched: (n: string, f: (c: { setResourceProperty(id: number, p: string, v: string): void }) => void) => void }).extraMetasched('boom', (ctx) => ctx.setResourceProperty(1, 'no_such_column', 'x')) };
      await expect(runDbRound(t.db, { config, registry: registry(failing as never), now: N, extraMetasched: { name: 'boom', config: '' } })).rejects.toThrow('no column "no_such_column"');
      expect(await dumpData(t.db)).toEqual(before);
    });

    it('onCommitted: called once, after the commit and before the notifications, with the exit code of the plan; never for a failed round', async () => {
      const { jobId } = await insertJob(t.db, { user: 'u', moldables: one(2) });
      const events: string[] = [];
      const record = async () => void events.push('notify');
      const notifier = { launch: record, automaton: record, oarsub: record };
      const round = await runDbRound(t.db, {
        config,
        registry: registry(),
        now: N,
        notifier,
        onCommitted: (exitCode) => events.push(`committed ${exitCode}`),
      });
      expect(events[0]).toBe(`committed ${round.exitCode}`);
      expect(events.filter((e) => e.startsWith('committed'))).toHaveLength(1);
      expect(events.slice(1)).toContain('notify'); // the launch of the job
      expect(events.slice(1).every((e) => e === 'notify')).toBe(true);
      expect((await t.db.kysely.selectFrom('jobs').select('state').where('job_id', '=', jobId).executeTakeFirstOrThrow()).state).toBe('toLaunch');
      const failing = { name: 'boom', setup: (api: never) => (api as { extraMetasched: (n: string, f: (c: { setResourceProperty(id: number, p: string, v: string): void }) => void) => void }).extraMetasched('boom', (ctx) => ctx.setResourceProperty(1, 'no_such_column', 'x')) };
      const called: number[] = [];
      await expect(runDbRound(t.db, { config, registry: registry(failing as never), now: N, extraMetasched: { name: 'boom', config: '' }, onCommitted: (code) => called.push(code) })).rejects.toThrow();
      expect(called).toEqual([]);
    });
  });
}
