import { InsertQueryNode, ValuesNode, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './connection.js';
import { addResourceColumn } from './resources.js';
import { initSchema } from './schema/migrate.js';
import { testDatabases, type TestDatabase } from './testing/index.js';
import { insertJob, insertQueue, insertResources, MAX_ROWS_PER_INSERT } from './writers.js';

/** Counts the rows of each INSERT statement that goes through a handle. */
function countingInserts(db: Db): { db: Db; rowsPerInsert: number[] } {
  const rowsPerInsert: number[] = [];
  const plugin: KyselyPlugin = {
    transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
      if (InsertQueryNode.is(node) && node.values !== undefined && ValuesNode.is(node.values)) rowsPerInsert.push(node.values.values.length);
      return node;
    },
    transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return Promise.resolve(result);
    },
  };
  const kysely = db.kysely.withPlugin(plugin);
  return { db: { dialect: db.dialect, location: db.location, transactionDepth: db.transactionDepth, kysely, clock: () => db.clock(), transaction: (fn) => db.transaction(fn) }, rowsPerInsert };
}

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`test-data writers on ${target.label}`, () => {
    let t: TestDatabase;
    let db: Db;
    beforeEach(async () => {
      t = await target.create();
      db = t.db;
      await initSchema(db);
    });
    afterEach(() => t.dispose());

    it('writes a queue as the harness does (policy kamelot, Active)', async () => {
      await insertQueue(db, { name: 'default', priority: 2 });
      await insertQueue(db, { name: 'admin', priority: 10, schedulerPolicy: 'other', state: 'notActive' });
      expect(await db.kysely.selectFrom('queues').selectAll().orderBy('queue_name').execute()).toEqual([
        { queue_name: 'admin', priority: 10, scheduler_policy: 'other', state: 'notActive' },
        { queue_name: 'default', priority: 2, scheduler_policy: 'kamelot', state: 'Active' },
      ]);
    });

    it('writes resources with fixed and custom columns and returns their ids in order', async () => {
      for (const [name, type] of [['core', 'INTEGER'], ['cpu', 'INTEGER'], ['host', 'VARCHAR(255)'], ['mem', 'INTEGER']] as const) await addResourceColumn(db, name, type);
      const ids = await insertResources(db, [
        { network_address: 'node1', host: 'node1', cpu: 0, core: 0, mem: 1024 },
        { network_address: 'node1', host: 'node1', cpu: 0, core: 1, mem: 1024 },
        { network_address: 'lic', type: 'licence' },
        {},
        { network_address: 'node2', host: 'node2', cpu: 1, core: 0, state: 'Absent', available_upto: 1000 },
      ]);
      expect(ids).toHaveLength(5);
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      const rows = await db.kysely.selectFrom('resources').select(['resource_id', 'network_address', 'type', 'state', 'available_upto', 'host', 'cpu', 'core', 'mem']).orderBy('resource_id').execute();
      expect(rows).toEqual([
        { resource_id: ids[0], network_address: 'node1', type: 'default', state: 'Alive', available_upto: 2147483647, host: 'node1', cpu: 0, core: 0, mem: 1024 },
        { resource_id: ids[1], network_address: 'node1', type: 'default', state: 'Alive', available_upto: 2147483647, host: 'node1', cpu: 0, core: 1, mem: 1024 },
        { resource_id: ids[2], network_address: 'lic', type: 'licence', state: 'Alive', available_upto: 2147483647, host: null, cpu: null, core: null, mem: null },
        { resource_id: ids[3], network_address: '', type: 'default', state: 'Alive', available_upto: 2147483647, host: null, cpu: null, core: null, mem: null },
        { resource_id: ids[4], network_address: 'node2', type: 'default', state: 'Absent', available_upto: 1000, host: 'node2', cpu: 1, core: 0, mem: null },
      ]);
      if (target.dialect === 'sqlite') expect(ids).toEqual([1, 2, 3, 4, 5]);
    });

    it(`chunks bulk inserts (at most ${MAX_ROWS_PER_INSERT} rows per statement)`, async () => {
      await addResourceColumn(db, 'host', 'VARCHAR(255)');
      const counted = countingInserts(db);
      const ids = await insertResources(
        counted.db,
        Array.from({ length: 1234 }, (_, i) => ({ network_address: `node${Math.floor(i / 8)}`, host: `node${Math.floor(i / 8)}` })),
      );
      expect(counted.rowsPerInsert).toEqual([500, 500, 234]);
      expect(ids).toHaveLength(1234);
      expect(new Set(ids).size).toBe(1234);
      const last = await db.kysely.selectFrom('resources').select(['network_address']).where('resource_id', '=', ids[1233]!).executeTakeFirstOrThrow();
      expect(last.network_address).toBe('node154');
    });

    it('writes a job as oarsub does: jobs, moldables, groups, levels, types, dependencies (database.md §1.4 example)', async () => {
      const required = await insertJob(db, { user: 'alice' });
      // oarsub -l "/network_address=2/resource_id=4+{lic_type='mathlab'}/licence=20,walltime=1:00:00" -t besteffort ...
      const job = await insertJob(db, {
        user: 'bob',
        queue: 'besteffort',
        project: 'proj',
        name: 'my-job',
        properties: "drain='NO'",
        submissionTime: 1000,
        types: ['besteffort', 'timesharing=*,*'],
        dependencies: [required.jobId],
        moldables: [
          {
            walltime: 3600,
            groups: [
              {
                property: '',
                levels: [
                  { label: 'network_address', value: 2 },
                  { label: 'resource_id', value: 4 },
                ],
              },
              { property: "lic_type = 'mathlab'", levels: [{ label: 'licence', value: 20 }] },
            ],
          },
        ],
      });
      expect(job.moldableIds).toHaveLength(1);
      expect(job.groupIds[0]).toHaveLength(2);
      const k = db.kysely;
      expect(await k.selectFrom('jobs').selectAll().where('job_id', '=', job.jobId).executeTakeFirstOrThrow()).toMatchObject({
        job_user: 'bob',
        queue_name: 'besteffort',
        project: 'proj',
        job_name: 'my-job',
        properties: "drain='NO'",
        submission_time: 1000,
        state: 'Waiting',
        reservation: 'None',
        job_type: 'PASSIVE',
        info_type: null,
        exit_code: null,
        message: '',
        start_time: 0,
        launching_directory: '',
        checkpoint_signal: 0,
        assigned_moldable_job: 0,
        suspended: 'NO',
      });
      expect(await k.selectFrom('moldable_job_descriptions').selectAll().where('moldable_job_id', '=', job.jobId).execute()).toEqual([
        { moldable_id: job.moldableIds[0], moldable_job_id: job.jobId, moldable_walltime: 3600, moldable_index: 'CURRENT' },
      ]);
      const [groupA, groupB] = job.groupIds[0]!;
      expect(await k.selectFrom('job_resource_groups').selectAll().where('res_group_moldable_id', '=', job.moldableIds[0]!).orderBy('res_group_id').execute()).toEqual([
        { res_group_id: groupA, res_group_moldable_id: job.moldableIds[0], res_group_property: '', res_group_index: 'CURRENT' },
        { res_group_id: groupB, res_group_moldable_id: job.moldableIds[0], res_group_property: "lic_type = 'mathlab'", res_group_index: 'CURRENT' },
      ]);
      expect(await k.selectFrom('job_resource_descriptions').selectAll().where('res_job_group_id', 'in', [groupA!, groupB!]).orderBy('res_job_group_id').orderBy('res_job_order').execute()).toEqual([
        { res_job_group_id: groupA, res_job_resource_type: 'network_address', res_job_value: 2, res_job_order: 0, res_job_index: 'CURRENT' },
        { res_job_group_id: groupA, res_job_resource_type: 'resource_id', res_job_value: 4, res_job_order: 1, res_job_index: 'CURRENT' },
        { res_job_group_id: groupB, res_job_resource_type: 'licence', res_job_value: 20, res_job_order: 0, res_job_index: 'CURRENT' },
      ]);
      expect(await k.selectFrom('job_types').select(['job_id', 'type', 'types_index']).where('job_id', '=', job.jobId).orderBy('job_type_id').execute()).toEqual([
        { job_id: job.jobId, type: 'besteffort', types_index: 'CURRENT' },
        { job_id: job.jobId, type: 'timesharing=*,*', types_index: 'CURRENT' },
      ]);
      expect(await k.selectFrom('job_dependencies').select(['job_id', 'job_id_required', 'job_dependency_index']).execute()).toEqual([{ job_id: job.jobId, job_id_required: required.jobId, job_dependency_index: 'CURRENT' }]);
      expect(await k.selectFrom('assigned_resources').selectAll().execute()).toEqual([]);
    });

    it("gives a job the harness's default request: one moldable of 60 s asking resource_id=1", async () => {
      const job = await insertJob(db, {});
      if (target.dialect === 'sqlite') expect(job).toEqual({ jobId: 1, moldableIds: [1], groupIds: [[1]] });
      expect(await db.kysely.selectFrom('jobs').select(['queue_name', 'properties', 'job_user']).executeTakeFirstOrThrow()).toEqual({ queue_name: 'default', properties: '', job_user: '' });
      expect(await db.kysely.selectFrom('moldable_job_descriptions').select('moldable_walltime').execute()).toEqual([{ moldable_walltime: 60 }]);
      expect(await db.kysely.selectFrom('job_resource_descriptions').select(['res_job_resource_type', 'res_job_value', 'res_job_order']).execute()).toEqual([
        { res_job_resource_type: 'resource_id', res_job_value: 1, res_job_order: 0 },
      ]);
    });

    it('writes every moldable of a moldable job, and the assignment of a running one', async () => {
      const [r1, r2, r3] = await insertResources(db, [{ network_address: 'a' }, { network_address: 'a' }, { network_address: 'b' }]);
      const job = await insertJob(db, {
        state: 'Running',
        startTime: 500,
        jobType: 'INTERACTIVE',
        infoType: 'frontend:1234',
        moldables: [
          { walltime: 100, groups: [{ levels: [{ label: 'resource_id', value: 3 }] }] },
          { walltime: 200, groups: [{ levels: [{ label: 'resource_id', value: 2 }] }] },
        ],
        assignedMoldable: 1,
        assignedResources: [r1!, r3!],
      });
      expect(job.moldableIds).toHaveLength(2);
      expect(await db.kysely.selectFrom('moldable_job_descriptions').select(['moldable_id', 'moldable_walltime']).orderBy('moldable_id').execute()).toEqual([
        { moldable_id: job.moldableIds[0], moldable_walltime: 100 },
        { moldable_id: job.moldableIds[1], moldable_walltime: 200 },
      ]);
      expect(await db.kysely.selectFrom('jobs').select(['state', 'start_time', 'assigned_moldable_job', 'job_type', 'info_type']).executeTakeFirstOrThrow()).toEqual({
        state: 'Running',
        start_time: 500,
        assigned_moldable_job: job.moldableIds[1],
        job_type: 'INTERACTIVE',
        info_type: 'frontend:1234',
      });
      expect(await db.kysely.selectFrom('assigned_resources').selectAll().orderBy('resource_id').execute()).toEqual([
        { moldable_job_id: job.moldableIds[1], resource_id: r1, assigned_resource_index: 'CURRENT' },
        { moldable_job_id: job.moldableIds[1], resource_id: r3, assigned_resource_index: 'CURRENT' },
      ]);
      expect(r2).toBeGreaterThan(r1!);
    });

    it('writes a reservation and a finished job with their own columns', async () => {
      await insertJob(db, { reservation: 'toSchedule', startTime: 7200, infoType: 'host:1' });
      await insertJob(db, { state: 'Error', exitCode: 256, stopTime: 99, message: 'failed', suspended: 'YES', checkpoint: 30, lastKarma: 0.25 });
      expect(await db.kysely.selectFrom('jobs').select(['state', 'reservation', 'start_time', 'exit_code', 'stop_time', 'message', 'suspended', 'checkpoint', 'last_karma']).orderBy('job_id').execute()).toEqual([
        { state: 'Waiting', reservation: 'toSchedule', start_time: 7200, exit_code: null, stop_time: 0, message: '', suspended: 'NO', checkpoint: 0, last_karma: null },
        { state: 'Error', reservation: 'None', start_time: 0, exit_code: 256, stop_time: 99, message: 'failed', suspended: 'YES', checkpoint: 30, last_karma: 0.25 },
      ]);
    });

    it('writes a job all or nothing, and refuses an empty request', async () => {
      await expect(insertJob(db, { moldables: [] })).rejects.toThrow(TypeError);
      await expect(insertJob(db, { moldables: [{ walltime: 60, groups: [] }] })).rejects.toThrow(/no request part/);
      await expect(insertJob(db, { moldables: [{ walltime: 60, groups: [{ levels: [] }] }] })).rejects.toThrow(/no level/);
      const counts = async () => Promise.all((['jobs', 'moldable_job_descriptions', 'job_resource_groups', 'job_resource_descriptions', 'job_types'] as const).map(async (table) => (await db.kysely.selectFrom(table).selectAll().execute()).length));
      const first = await insertJob(db, {});
      const before = await counts();
      // The same dependency twice violates job_dependencies' primary key, after every other row is written.
      await expect(insertJob(db, { types: ['x'], dependencies: [first.jobId, first.jobId] })).rejects.toThrow();
      expect(await counts()).toEqual(before);
    });
  });
}
