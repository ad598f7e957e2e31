/**
 * A snapshot (a scenario's, once validated) written as OAR rows, the way OAR's own tools would
 * have written them (`db import`, `oar-sched demo`): the schema when missing, the resource property
 * columns (`oarproperty -a`: `INTEGER` when every value is a whole number, else `VARCHAR(255)`),
 * the queues, the resources with their ids, the jobs as `oarsub` writes them (moldables, request
 * parts and levels, types, dependencies) with their ids, then what the server wrote later: the
 * assigned resources and start time of started jobs, the gantt plan of accepted reservations, the
 * suspended time of suspended jobs (a closed `Suspended` state log), the accounting windows.
 *
 * The target must hold no resource and no job (ids are kept, so they cannot clash). Everything is
 * written in one transaction, the schema included: all or nothing. What OAR's database cannot hold — the scheduler
 * configuration (it lives in oar.conf or the config file), a job's `qos` and `nice` — is reported
 * in `notes`.
 */
import { sql } from 'kysely';
import { OarSchedError, type JobRecord, type LevelRequest, type Snapshot } from '@oar-sched/core';
import type { Db } from './connection.js';
import { addResourceColumn, type PropertyColumnType } from './resources.js';
import { initSchema } from './schema/migrate.js';
import { tableColumns } from './schema/introspect.js';
import { insertJob, insertQueue, insertResources, insertRows, type GroupInsert, type JobInsert, type ResourceInsert } from './writers.js';

export interface ImportReport {
  readonly queues: number;
  readonly resources: number;
  readonly jobs: number;
  /** Property columns added to `resources`. */
  readonly columns: readonly string[];
  readonly notes: readonly string[];
}

const CURRENT = new Set(['Running', 'toLaunch', 'Launching', 'Finishing', 'Suspended', 'Resuming']);
const SPECIAL_VALUES: Readonly<Record<string, number>> = { ALL: -1, BEST: -2, HALF_BEST: -3 };

export async function importSnapshot(db: Db, snapshot: Snapshot): Promise<ImportReport> {
  return db.transaction(async (tx) => {
    await initSchema(tx);
    const k = tx.kysely;
    const [{ n: resourceCount }] = (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM resources`.execute(k)).rows as [{ n: number }];
    const [{ n: jobCount }] = (await sql<{ n: number }>`SELECT COUNT(*) AS n FROM jobs`.execute(k)).rows as [{ n: number }];
    if (Number(resourceCount) > 0 || Number(jobCount) > 0) {
      throw new OarSchedError(
        'DB_SCHEMA_INVALID',
        `${db.location.display} already holds ${Number(resourceCount)} resource(s) and ${Number(jobCount)} job(s): an import keeps the scenario's ids, so it needs a database without resources or jobs`,
        'import into a new database (sqlite:NEW-FILE, or a new PostgreSQL base initialised with "oar-sched db init")',
      );
    }
    const notes: string[] = [];

    // Queues: the schema may already have some (OAR's installer creates admin, default, besteffort).
    const existingQueues = new Set((await k.selectFrom('queues').select('queue_name').execute()).map((q) => q.queue_name));
    for (const q of snapshot.queues) {
      if (existingQueues.has(q.name)) {
        await k.updateTable('queues').set({ priority: q.priority, state: q.state === 'Active' ? 'Active' : 'notActive' }).where('queue_name', '=', q.name).execute();
      } else {
        await insertQueue(tx, { name: q.name, priority: q.priority, state: q.state === 'Active' ? 'Active' : 'notActive' });
      }
    }

    // Property columns, as `oarproperty -a` would add them.
    const have = new Set((await tableColumns(tx, 'resources')).map((c) => c.name));
    const values = new Map<string, (string | number)[]>();
    for (const r of snapshot.resources) {
      for (const [name, value] of Object.entries(r.properties)) {
        let list = values.get(name);
        if (!list) values.set(name, (list = []));
        list.push(value);
      }
    }
    const columns: string[] = [];
    for (const [name, list] of values) {
      if (have.has(name)) continue;
      const type: PropertyColumnType = list.every((v) => typeof v === 'number' && Number.isSafeInteger(v)) ? 'INTEGER' : 'VARCHAR(255)';
      if (type === 'VARCHAR(255)' && list.some((v) => typeof v === 'number')) {
        notes.push(`resource property ${name} mixes numbers with text or has fractional values: stored as text (VARCHAR(255))`);
      }
      await addResourceColumn(tx, name, type);
      columns.push(name);
    }

    const rows: ResourceInsert[] = snapshot.resources.map((r) => ({
      resource_id: r.id,
      state: r.state,
      type: r.type,
      available_upto: r.availableUpto,
      ...Object.fromEntries(Object.entries(r.properties).map(([name, v]) => [name, typeof v === 'number' && !Number.isSafeInteger(v) ? String(v) : v])),
    }));
    await insertResources(tx, rows);

    const known = new Set(snapshot.jobs.map((j) => j.id));
    let dropped = 0;
    let qosNice = 0;
    for (const job of [...snapshot.jobs].sort((a, b) => a.id - b.id)) {
      const dependencies = job.dependencies.filter((id) => known.has(id));
      dropped += job.dependencies.length - dependencies.length;
      if (job.qos !== 0 || job.nice !== 1) qosNice++;
      const inserted = await insertJob(tx, jobInsert(job, dependencies));
      const moldableId = inserted.moldableIds[job.moldableIndex] ?? inserted.moldableIds[0]!;
      if (isAcceptedReservation(job) && job.startTime !== undefined && job.resources !== undefined) {
        await insertRows(tx, 'gantt_jobs_predictions', [{ moldable_job_id: moldableId, start_time: job.startTime }]);
        await insertRows(tx, 'gantt_jobs_resources', job.resources.map((id) => ({ moldable_job_id: moldableId, resource_id: id })));
      }
      if (job.suspendedDuration > 0) {
        await insertRows(tx, 'job_state_logs', [{ job_id: job.id, job_state: 'Suspended', date_start: snapshot.now - job.suspendedDuration, date_stop: snapshot.now }]);
      }
    }
    if (dropped > 0) notes.push(`${dropped} dependenc${dropped === 1 ? 'y' : 'ies'} on jobs absent from the scenario left out (the scenario ignores them)`);
    if (qosNice > 0) notes.push(`${qosNice} job(s) with a qos or nice: OAR's database has no such columns, they are not stored`);

    if (snapshot.accounting.length > 0) {
      await insertRows(
        tx,
        'accounting',
        snapshot.accounting.map((a) => ({
          window_start: a.windowStart,
          window_stop: a.windowStop,
          accounting_user: a.user,
          accounting_project: a.project,
          queue_name: a.queue,
          consumption_type: a.consumptionType,
          consumption: a.consumption,
        })),
      );
    }
    await syncIdSequences(tx);
    return { queues: snapshot.queues.length, resources: snapshot.resources.length, jobs: snapshot.jobs.length, columns, notes };
  });
}

function isAcceptedReservation(job: JobRecord): boolean {
  return job.reservation === 'Scheduled' && (job.state === 'Waiting' || job.state === 'toAckReservation');
}

function jobInsert(job: JobRecord, dependencies: readonly number[]): JobInsert {
  const started = CURRENT.has(job.state);
  return {
    id: job.id,
    name: job.name,
    user: job.user,
    project: job.project,
    queue: job.queue,
    state: job.state as JobInsert['state'],
    reservation: job.reservation,
    ...(job.startTime !== undefined && (started || job.reservation !== 'None') ? { startTime: job.startTime } : {}),
    submissionTime: job.submissionTime,
    exitCode: job.exitCode,
    properties: job.properties,
    types: Object.entries(job.types).map(([name, value]) => (value === '' ? name : `${name}=${value}`)),
    dependencies,
    ...(job.suspendedDuration > 0 ? { suspended: 'YES' as const } : {}),
    moldables: job.moldables.map((m) => ({
      walltime: m.walltime,
      groups: m.request.map(
        (part): GroupInsert => ({
          property: part.property,
          levels: part.levels.map((l: LevelRequest) => ({ label: l.level, value: typeof l.count === 'number' ? l.count : SPECIAL_VALUES[l.count]! })),
        }),
      ),
    })),
    ...(started && job.resources !== undefined ? { assignedMoldable: job.moldableIndex, assignedResources: job.resources } : {}),
  };
}

/**
 * After rows were written with explicit ids: PostgreSQL's sequences of `jobs` and `resources` moved
 * past the largest id, so the next `oarsub` or `oarnodesetting` gets a fresh one (SQLite's
 * AUTOINCREMENT already does this).
 */
export async function syncIdSequences(db: Db): Promise<void> {
  if (db.dialect !== 'postgres') return;
  for (const [table, column] of [
    ['jobs', 'job_id'],
    ['resources', 'resource_id'],
  ] as const) {
    await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}), (SELECT MAX(${sql.ref(column)}) FROM ${sql.table(table)})) WHERE EXISTS (SELECT 1 FROM ${sql.table(table)})`.execute(db.kysely);
  }
}
