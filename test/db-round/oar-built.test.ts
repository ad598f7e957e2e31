/**
 * A database built the way OAR 3 builds it — its own DDL (oar-ddl.ts, from database.md §7, not our
 * initSchema), property columns added afterwards with ALTER TABLE, rows written with plain INSERTs
 * as oarsub and oarnodesetting do — scheduled by the real `oar-sched round` binary in a child
 * process. Proves the drop-in claim: exit 0, the job launched on the resources it was given, the
 * gantt, its visu copy and the state log written. SQLite (a file) and PostgreSQL.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases, type TestDatabase } from '@oar-sched/db/testing';
import { runRoundProcess, tempProject } from './cli-process.js';
import { oarDdl } from './oar-ddl.js';

const N = 1_000_000;

const CONFIG = JSON.stringify({ scheduler: { jobSecurityTime: 60, resourceOrder: 'resource_id ASC', hierarchyLabels: ['resource_id', 'network_address', 'cpu', 'core'] } });

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`oar-sched round on an OAR-built database (${target.label})`, () => {
    let t: TestDatabase | undefined;
    let project: { dir: string; remove(): void } | undefined;
    afterEach(async () => {
      await t?.dispose();
      project?.remove();
    });

    it('launches a moldable, two-part job on the resources it was assigned', { timeout: 60_000 }, async () => {
      t = await target.create({ file: true });
      const run = (text: string) => sql.raw(text).execute(t!.db.kysely);
      for (const statement of oarDdl(target.dialect)) await run(statement);
      for (const column of ['core INTEGER', 'cpu INTEGER', 'host VARCHAR(255)', 'mem INTEGER']) await run(`ALTER TABLE resources ADD COLUMN ${column}`);
      await run(`INSERT INTO queues (queue_name, priority, scheduler_policy, state) VALUES ('admin', 10, 'kamelot', 'Active'), ('default', 2, 'kamelot', 'Active'), ('besteffort', 0, 'kamelot', 'Active')`);
      // 2 nodes × 2 cpus × 2 cores; node2's cores have 64 GB.
      for (let r = 0; r < 8; r++) {
        const node = r < 4 ? 'node1' : 'node2';
        await run(`INSERT INTO resources (network_address, host, cpu, core, mem, cpuset) VALUES ('${node}', '${node}', ${Math.floor(r / 2) + 1}, ${r + 1}, ${r < 4 ? 32 : 64}, '${r % 4}')`);
      }
      // Job 1, as oarsub writes it: -l "/network_address=3,walltime=1:00:00" (impossible: 2 nodes)
      // or -l "{mem > 32}/network_address=1/cpu=2,walltime=2:00:00" + "/core=1"; job property
      // besteffort-free, type "foo-tag".
      await run(`INSERT INTO jobs (job_name, job_type, info_type, state, reservation, message, job_user, project, command, queue_name, properties, launching_directory, submission_time, checkpoint_signal)
        VALUES ('big', 'PASSIVE', NULL, 'Waiting', 'None', '', 'alice', 'proj', 'sleep 60', 'default', 'deploy = ''NO''', '/home/alice', ${N - 100}, 0)`);
      const job = Number((await sql<{ id: number }>`SELECT max(job_id) AS id FROM jobs`.execute(t.db.kysely)).rows[0]!.id);
      await run(`INSERT INTO moldable_job_descriptions (moldable_job_id, moldable_walltime, moldable_index) VALUES (${job}, 3600, 'CURRENT'), (${job}, 7200, 'CURRENT')`);
      const moldables = (await sql<{ id: number }>`SELECT moldable_id AS id FROM moldable_job_descriptions WHERE moldable_job_id = ${job} ORDER BY moldable_id`.execute(t.db.kysely)).rows.map((r) => Number(r.id));
      await run(`INSERT INTO job_resource_groups (res_group_moldable_id, res_group_property, res_group_index) VALUES (${moldables[0]}, '', 'CURRENT')`);
      await run(`INSERT INTO job_resource_groups (res_group_moldable_id, res_group_property, res_group_index) VALUES (${moldables[1]}, 'mem > 32', 'CURRENT'), (${moldables[1]}, '', 'CURRENT')`);
      const groups = (await sql<{ id: number }>`SELECT res_group_id AS id FROM job_resource_groups ORDER BY res_group_id`.execute(t.db.kysely)).rows.map((r) => Number(r.id));
      await run(`INSERT INTO job_resource_descriptions (res_job_group_id, res_job_resource_type, res_job_value, res_job_order, res_job_index) VALUES
        (${groups[0]}, 'network_address', 3, 0, 'CURRENT'),
        (${groups[1]}, 'network_address', 1, 0, 'CURRENT'), (${groups[1]}, 'cpu', 2, 1, 'CURRENT'),
        (${groups[2]}, 'core', 1, 0, 'CURRENT')`);
      await run(`INSERT INTO job_types (job_id, type, types_index) VALUES (${job}, 'foo-tag', 'CURRENT')`);
      await run(`INSERT INTO job_state_logs (job_id, job_state, date_start, date_stop) VALUES (${job}, 'Waiting', ${N - 100}, 0)`);

      project = tempProject({ 'oar.config.json': CONFIG });
      const out = await runRoundProcess(['--db', t.url, '--now', String(N), '--no-notify'], project.dir);
      expect(out.stderr).toContain('exit 0');
      expect(out.code).toBe(0);

      const k = t.db.kysely;
      const row = await k.selectFrom('jobs').select(['state', 'start_time', 'assigned_moldable_job', 'message']).where('job_id', '=', job).executeTakeFirstOrThrow();
      expect({ state: row.state, start: Number(row.start_time), moldable: Number(row.assigned_moldable_job) }).toEqual({ state: 'toLaunch', start: N, moldable: moldables[1] });
      expect(row.message).toBe('R=5,W=7260,J=P,Q=default,N=big');
      const assigned = await k.selectFrom('assigned_resources').select(['resource_id', 'assigned_resource_index']).where('moldable_job_id', '=', moldables[1]!).orderBy('resource_id').execute();
      // node2 (resources 5–8, mem 64) whole for the first part, one core of node1 for the second.
      expect(assigned.map((a) => [Number(a.resource_id), a.assigned_resource_index])).toEqual([
        [1, 'CURRENT'],
        [5, 'CURRENT'],
        [6, 'CURRENT'],
        [7, 'CURRENT'],
        [8, 'CURRENT'],
      ]);
      const gantt = await k.selectFrom('gantt_jobs_resources_visu').select('resource_id').where('moldable_job_id', '=', moldables[1]!).orderBy('resource_id').execute();
      expect(gantt.map((g) => Number(g.resource_id))).toEqual([1, 5, 6, 7, 8]);
      const logs = await k.selectFrom('job_state_logs').select(['job_state', 'date_start', 'date_stop']).where('job_id', '=', job).orderBy('job_state_log_id').execute();
      expect(logs.map((l) => [l.job_state, Number(l.date_start), Number(l.date_stop)])).toEqual([
        ['Waiting', N - 100, N],
        ['toLaunch', N, 0],
      ]);
    });
  });
}
