/**
 * Malformed rows (database.md §6 rule 5, §3 "invalid SQL: the port marks only that job"): each bad
 * job is left Waiting with a `Cannot be scheduled: …` message in `jobs.message` saying why, and the
 * good jobs of the same round are planned and launched. On SQLite and PostgreSQL:
 * - a moldable without any resource description (no job_resource_groups / descriptions rows);
 * - a moldable one of whose two groups has no description row (OAR's inner join drops the group
 *   and plans the job with less than it asked; here the job is refused);
 * - a property filter that is not valid SQL;
 * - a property filter that tries to write (`1=1; DELETE FROM queues`): refused, queues intact;
 * - an inner job whose container does not exist;
 * - a job in a queue that `queues` does not have.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulerConfigSchema, type PluginRegistry } from '@oar-sched/core';
import { initSchema, insertJob, insertQueue, insertResources, runDbRound } from '@oar-sched/db';
import { testDatabases, type TestDatabase } from '@oar-sched/db/testing';
import { createSchedulerSetup } from 'oar-sched';
import { ROOT } from './cli-process.js';

const N = 1_000_000;
const config = schedulerConfigSchema.parse({ jobSecurityTime: 60, resourceOrder: 'resource_id ASC', hierarchyLabels: ['resource_id', 'network_address'] });
const one = (k: number) => [{ walltime: 600, groups: [{ levels: [{ label: 'resource_id', value: k }] }] }];

let registryPromise: Promise<PluginRegistry> | undefined;
const registry = () => (registryPromise ??= createSchedulerSetup({ cwd: ROOT, logger: { info: () => {}, warn: () => {} } }).then((s) => s.registry));

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`malformed rows (${target.label})`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create();
      await initSchema(t.db);
      await insertQueue(t.db, { name: 'default', priority: 3 });
      await insertQueue(t.db, { name: 'besteffort', priority: 0 });
      await insertResources(t.db, Array.from({ length: 6 }, (_, i) => ({ network_address: `node${Math.floor(i / 2) + 1}` })));
    });
    afterEach(() => t.dispose());

    it('each bad job gets a message saying why and stays Waiting; the good ones are launched', async () => {
      const k = t.db.kysely;
      const before = await insertJob(t.db, { user: 'ok', moldables: one(1) });
      // A moldable written without its groups and descriptions (a broken oarsub, a manual insert).
      const bare = await insertJob(t.db, { user: 'bare', moldables: one(1) });
      await k.deleteFrom('job_resource_descriptions').where('res_job_group_id', 'in', [...bare.groupIds.flat()]).execute();
      await k.deleteFrom('job_resource_groups').where('res_group_moldable_id', 'in', [...bare.moldableIds]).execute();
      // Two groups, the second without its description row: not planned on the first group alone.
      const halfBare = await insertJob(t.db, { user: 'half', moldables: [{ walltime: 600, groups: [{ levels: [{ label: 'resource_id', value: 1 }] }, { levels: [{ label: 'resource_id', value: 1 }] }] }] });
      await k.deleteFrom('job_resource_descriptions').where('res_job_group_id', '=', halfBare.groupIds[0]![1]!).execute();
      const badSql = await insertJob(t.db, { user: 'sql', properties: "network_address = = 'node1' AND (", moldables: one(1) });
      const writing = await insertJob(t.db, { user: 'evil', properties: '1=1; DELETE FROM queues', moldables: one(1) });
      const orphan = await insertJob(t.db, { user: 'inner', types: ['inner=987654'], moldables: one(1) });
      const lost = await insertJob(t.db, { user: 'lost', queue: 'no_such_queue', moldables: one(1) });
      const after = await insertJob(t.db, { user: 'ok2', moldables: one(2) });

      const round = await runDbRound(t.db, { config, registry: await registry(), now: N });
      expect(round.exitCode).toBe(0);

      const rows = await k.selectFrom('jobs').select(['job_id', 'state', 'message']).orderBy('job_id').execute();
      const byId = new Map(rows.map((r) => [Number(r.job_id), { state: String(r.state), message: String(r.message) }]));
      expect(byId.get(before.jobId)).toEqual({ state: 'toLaunch', message: 'R=1,W=660,J=P,Q=default' });
      expect(byId.get(after.jobId)).toEqual({ state: 'toLaunch', message: 'R=2,W=660,J=P,Q=default' });
      const bad = { bare, halfBare, badSql, writing, orphan, lost };
      for (const [name, job] of Object.entries(bad)) {
        const row = byId.get(job.jobId)!;
        expect(row.state, name).toBe('Waiting');
        expect(row.message, name).toMatch(/^Cannot be scheduled: /);
      }
      expect(byId.get(bare.jobId)!.message).toBe('Cannot be scheduled: no resource request: the job has no moldable with resource groups and levels');
      expect(byId.get(halfBare.jobId)!.message).toBe('Cannot be scheduled: no resource request: a moldable has no resource group or level');
      expect(byId.get(badSql.jobId)!.message).toMatch(/property filter/);
      expect(byId.get(writing.jobId)!.message).toMatch(/property filter/);
      expect(byId.get(orphan.jobId)!.message).toMatch(/container/i);
      expect(byId.get(lost.jobId)!.message).toBe('Cannot be scheduled: queue "no_such_queue" is not declared');
      // The writing filter wrote nothing.
      expect((await k.selectFrom('queues').select('queue_name').orderBy('queue_name').execute()).map((q) => q.queue_name)).toEqual(['besteffort', 'default']);
      // Only the good jobs are in the plan.
      const planned = await k.selectFrom('gantt_jobs_predictions_visu').select('moldable_job_id').orderBy('moldable_job_id').execute();
      expect(planned.map((p) => Number(p.moldable_job_id))).toEqual([before.moldableIds[0], after.moldableIds[0]]);
    });
  });
}
