/**
 * R1–R3 read side: the rows of one round, turned into the engine's `Snapshot` and the
 * meta-scheduler's per-job extras (metascheduler.md §4, database.md §4). Reads only; runs inside
 * the round's transaction so that it sees one consistent state.
 *
 * Which jobs the snapshot holds:
 * - waiting jobs (`Waiting`, reservation `None`) and new reservations (`Waiting`, `toSchedule`);
 * - current jobs (`Running`, `toLaunch`, `Launching`, `Finishing`, `Suspended`, `Resuming`) with
 *   their assigned resources;
 * - accepted reservations (`Scheduled`, `Waiting` or `toAckReservation`) that still have a plan in
 *   the gantt (prediction and at least one resource, R3.1), with that plan;
 * - `toError` jobs (turned into `Error` at the end of the round);
 * - every job a waiting job depends on (its state and exit code decide the dependency).
 */
import { sql, type RawBuilder } from 'kysely';
import type { JobRecord, LevelRequest, MetaschedJobInfo, QueueRecord, ResourceRecord, SchedulerConfig, Snapshot } from '@oar-sched/core';
import type { Db } from '../connection.js';
import { selectTableArrays, type TableArrays } from '../select-arrays.js';

export interface RoundInput {
  readonly snapshot: Snapshot;
  readonly info: Map<number, MetaschedJobInfo>;
  /** Per job id, per request part: the raw SQL filters (`jobs.properties`, `res_group_property`). */
  readonly filters: ReadonlyMap<number, readonly (readonly { readonly job: string; readonly part: string }[])[]>;
}

const CURRENT: readonly string[] = ['Running', 'toLaunch', 'Launching', 'Finishing', 'Suspended', 'Resuming'] as const;
const ROUND_STATES = ['Running', 'toLaunch', 'Launching', 'Finishing', 'Suspended', 'Resuming', 'toError', 'toAckReservation', 'Waiting'] as const;
const SPECIAL_COUNTS: Readonly<Record<number, LevelRequest['count']>> = { [-1]: 'ALL', [-2]: 'BEST', [-3]: 'HALF_BEST' };
/** The `jobs` columns a round uses (database.md §4 "job rows"); the others can be long texts (command, initial request). */
const JOB_COLUMNS = [
  'job_id', 'state', 'reservation', 'queue_name', 'job_user', 'project', 'job_name', 'job_type', 'info_type', 'properties',
  'submission_time', 'start_time', 'suspended', 'checkpoint', 'message', 'assigned_moldable_job', 'exit_code',
] as const;
/** Columns of `resources` the engine reads as fields, not as properties. */
const RECORD_COLUMNS: ReadonlySet<string> = new Set(['resource_id', 'state', 'type', 'available_upto']);

type Row = Record<string, unknown>;

export async function readRoundInput(tx: Db, config: SchedulerConfig, now: number): Promise<RoundInput> {
  const k = tx.kysely;
  const resources = await readResources(tx, config);
  const queues: QueueRecord[] = (await k.selectFrom('queues').selectAll().orderBy('priority', 'desc').execute()).map((q) => ({
    name: q.queue_name,
    priority: Number(q.priority),
    state: q.state,
  }));

  const jobRows = (await k
    .selectFrom('jobs')
    .select(JOB_COLUMNS)
    .where('state', 'in', ROUND_STATES)
    .orderBy('job_id')
    .execute()) as Row[];
  const byId = new Map<number, Row>(jobRows.map((j) => [Number(j.job_id), j]));
  const dependencies = await readDependencies(tx, [...byId.keys()]);
  const required = [...new Set([...dependencies.values()].flat())].filter((id) => !byId.has(id));
  for (const batch of idBatches(tx, required)) {
    const more = (await k.selectFrom('jobs').select(JOB_COLUMNS).where(idIn(tx, 'job_id', batch)).execute()) as Row[];
    for (const j of more) byId.set(Number(j.job_id), j);
  }
  const ids = [...byId.keys()];
  const moldables = await readMoldables(tx, ids);
  const types = await readTypes(tx, ids);
  const assigned = await readAssigned(tx, [...byId.values()].filter((j) => CURRENT.includes(String(j.state))).map((j) => Number(j.assigned_moldable_job)));
  const gantt = await readReservationPlans(tx, [...byId.values()]);
  const suspended = await readSuspendedDurations(tx, [...byId.values()].filter((j) => j.suspended === 'YES').map((j) => Number(j.job_id)), now);
  const checkpoints = await readFirstCheckpoints(tx, ids);

  const jobs: JobRecord[] = [];
  const info = new Map<number, MetaschedJobInfo>();
  const filters = new Map<number, { job: string; part: string }[][]>();
  for (const [id, row] of byId) {
    const state = String(row.state);
    const reservation = String(row.reservation) as JobRecord['reservation'];
    const ms = moldables.get(id) ?? [];
    let startTime: number | undefined = Number(row.start_time);
    let held: number[] | undefined;
    let moldableIndex = 0;
    if (CURRENT.includes(state)) {
      moldableIndex = Math.max(0, ms.findIndex((m) => m.id === Number(row.assigned_moldable_job)));
      held = assigned.get(Number(row.assigned_moldable_job)) ?? [];
    } else if (reservation === 'Scheduled' && (state === 'Waiting' || state === 'toAckReservation')) {
      const plan = gantt.get(id);
      if (!plan) continue; // no plan left: OAR never reschedules it (R3.1); leave the row alone
      moldableIndex = Math.max(0, ms.findIndex((m) => m.id === plan.moldableId));
      startTime = plan.start;
      held = plan.resources;
    }
    const properties = String(row.properties ?? '');
    jobs.push({
      id,
      name: row.job_name === null || row.job_name === undefined ? null : String(row.job_name),
      user: String(row.job_user ?? ''),
      project: String(row.project ?? ''),
      queue: String(row.queue_name ?? ''),
      state,
      reservation,
      startTime,
      resources: held,
      moldableIndex,
      suspendedDuration: suspended.get(id) ?? 0,
      exitCode: row.exit_code === null || row.exit_code === undefined ? null : Number(row.exit_code),
      submissionTime: Number(row.submission_time ?? 0),
      qos: 0,
      nice: 1,
      types: types.get(id) ?? {},
      properties,
      moldables: ms.map((m) => ({ walltime: m.walltime, request: m.parts.map((p) => ({ levels: p.levels, property: p.property })) })),
      dependencies: dependencies.get(id) ?? [],
    });
    filters.set(id, ms.map((m) => m.parts.map((p) => ({ job: properties, part: p.property }))));
    info.set(id, {
      jobType: row.job_type === 'INTERACTIVE' ? 'INTERACTIVE' : 'PASSIVE',
      infoType: row.info_type === null || row.info_type === undefined || row.info_type === '' ? null : String(row.info_type),
      checkpoint: Number(row.checkpoint ?? 0),
      moldableIds: ms.map((m) => m.id),
      message: String(row.message ?? ''),
      firstCheckpointEvent: checkpoints.get(id),
    });
  }
  const accounting = await readAccounting(tx, config);
  return { snapshot: { now, config, queues, resources, jobs, accounting }, info, filters };
}

/**
 * The resources of the last round read in this process, and the JSON text they came from (SQLite).
 * `oar-sched serve` runs round after round in one process, and the resources table seldom changes
 * between two: when the columns and the text are the same, so are the records (parsing and
 * building them is a third of reading 10,000 resources). The records are frozen, so no round (or
 * plugin) can change what the next one reuses. The rows are not kept, only the text.
 */
let lastResources: { readonly table: TableArrays; readonly order: string; readonly records: readonly ResourceRecord[] } | undefined;

/** Every resource row in `SCHEDULER_RESOURCE_ORDER` (the fragment goes into ORDER BY as OAR does). */
async function readResources(tx: Db, config: SchedulerConfig): Promise<readonly ResourceRecord[]> {
  const order = config.resourceOrder.trim() === '' ? 'resource_id ASC' : config.resourceOrder;
  const last = lastResources?.order === order ? lastResources : undefined;
  const table = await selectTableArrays(tx, 'resources', order, last?.table);
  if (table === undefined) return last!.records;
  const { columns, rows } = table;
  const at = (name: string) => columns.indexOf(name);
  const [id, state, type, availableUpto] = [at('resource_id'), at('state'), at('type'), at('available_upto')];
  const propertyColumns = columns.flatMap((name, i) => (RECORD_COLUMNS.has(name) ? [] : [{ name, i }]));
  const records = Object.freeze(
    rows.map((r): ResourceRecord => {
      const properties: Record<string, string | number> = {};
      for (const { name, i } of propertyColumns) {
        const value = r[i];
        if (value === null || value === undefined) continue;
        properties[name] = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : String(value);
      }
      return Object.freeze({
        id: Number(r[id]),
        state: String(r[state]) as ResourceRecord['state'],
        type: String(r[type] ?? 'default'),
        availableUpto: Number(r[availableUpto] ?? 2147483647),
        properties: Object.freeze(properties),
      });
    }),
  );
  lastResources = table.json === undefined ? undefined : { table: { columns, rows: [], json: table.json }, order, records };
  return records;
}

interface MoldableRow {
  readonly id: number;
  readonly walltime: number;
  readonly parts: { levels: LevelRequest[]; property: string }[];
}

async function readMoldables(tx: Db, jobIds: readonly number[]): Promise<Map<number, MoldableRow[]>> {
  const out = new Map<number, MoldableRow[]>();
  for (const batch of idBatches(tx, jobIds)) {
    const rows = await tx.kysely
      .selectFrom('moldable_job_descriptions as m')
      .innerJoin('job_resource_groups as g', 'g.res_group_moldable_id', 'm.moldable_id')
      // A group without description rows is kept, without levels: the job is then refused with a
      // message (core: "no resource request"), where OAR's inner join would drop the group and
      // plan the job with fewer resources than it asked for.
      .leftJoin('job_resource_descriptions as d', (join) => join.onRef('d.res_job_group_id', '=', 'g.res_group_id').on('d.res_job_index', '=', 'CURRENT'))
      .select(['m.moldable_job_id', 'm.moldable_id', 'm.moldable_walltime', 'g.res_group_id', 'g.res_group_property', 'd.res_job_resource_type', 'd.res_job_value'])
      .where(idIn(tx, 'm.moldable_job_id', batch))
      .where('m.moldable_index', '=', 'CURRENT')
      .where('g.res_group_index', '=', 'CURRENT')
      .orderBy('m.moldable_id')
      .orderBy('g.res_group_id')
      .orderBy('d.res_job_order')
      .execute();
    let lastGroup = -1;
    for (const r of rows) {
      const jobId = Number(r.moldable_job_id);
      let list = out.get(jobId);
      if (!list) out.set(jobId, (list = []));
      let m = list[list.length - 1];
      if (!m || m.id !== Number(r.moldable_id)) list.push((m = { id: Number(r.moldable_id), walltime: Number(r.moldable_walltime), parts: [] }));
      if (Number(r.res_group_id) !== lastGroup) {
        m.parts.push({ levels: [], property: String(r.res_group_property ?? '') });
        lastGroup = Number(r.res_group_id);
      }
      if (r.res_job_resource_type === null) continue; // the group has no description row
      const value = Number(r.res_job_value);
      m.parts[m.parts.length - 1]!.levels.push({ level: String(r.res_job_resource_type), count: SPECIAL_COUNTS[value] ?? value });
    }
  }
  return out;
}

/** `job_types` rows: `name` or `name=value` (split on the first `=`). */
async function readTypes(tx: Db, jobIds: readonly number[]): Promise<Map<number, Record<string, string>>> {
  const out = new Map<number, Record<string, string>>();
  for (const batch of idBatches(tx, jobIds)) {
    const rows = await tx.kysely
      .selectFrom('job_types')
      .select(['job_id', 'type'])
      .where(idIn(tx, 'job_id', batch))
      .where('types_index', '=', 'CURRENT')
      .orderBy('job_type_id')
      .execute();
    for (const r of rows) {
      const text = String(r.type);
      const eq = text.indexOf('=');
      let types = out.get(Number(r.job_id));
      if (!types) out.set(Number(r.job_id), (types = {}));
      if (eq < 0) types[text] = '';
      else types[text.slice(0, eq)] = text.slice(eq + 1);
    }
  }
  return out;
}

async function readDependencies(tx: Db, jobIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const batch of idBatches(tx, jobIds)) {
    const rows = await tx.kysely
      .selectFrom('job_dependencies')
      .select(['job_id', 'job_id_required'])
      .where(idIn(tx, 'job_id', batch))
      .where('job_dependency_index', '=', 'CURRENT')
      .execute();
    for (const r of rows) {
      let list = out.get(Number(r.job_id));
      if (!list) out.set(Number(r.job_id), (list = []));
      list.push(Number(r.job_id_required));
    }
  }
  return out;
}

async function readAssigned(tx: Db, moldableIds: readonly number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  // Running jobs can hold the whole cluster: one JSON array of ids per moldable costs a third of a
  // row per id (10,000 rows: 6 against 15 ms on SQLite, whose driver builds rows slowly).
  const ids = tx.dialect === 'sqlite' ? sql<string | number[]>`json_group_array(resource_id)` : sql<string | number[]>`json_agg(resource_id)`;
  for (const batch of idBatches(tx, moldableIds)) {
    const rows = await tx.kysely
      .selectFrom('assigned_resources')
      .select(['moldable_job_id', ids.as('ids')])
      .where(idIn(tx, 'moldable_job_id', batch))
      .where('assigned_resource_index', '=', 'CURRENT')
      .groupBy('moldable_job_id')
      .execute();
    for (const r of rows) {
      const list = (typeof r.ids === 'string' ? (JSON.parse(r.ids) as unknown[]) : r.ids).map(Number);
      out.set(Number(r.moldable_job_id), list.sort((a, b) => a - b));
    }
  }
  return out;
}

/** The gantt plans of accepted reservations (R3.1: a prediction and at least one resource row). */
async function readReservationPlans(tx: Db, jobs: readonly Row[]): Promise<Map<number, { moldableId: number; start: number; resources: number[] }>> {
  const ars = jobs.filter((j) => j.reservation === 'Scheduled' && (j.state === 'Waiting' || j.state === 'toAckReservation')).map((j) => Number(j.job_id));
  const out = new Map<number, { moldableId: number; start: number; resources: number[] }>();
  if (ars.length === 0) return out;
  const rows = await tx.kysely
    .selectFrom('gantt_jobs_predictions as p')
    .innerJoin('moldable_job_descriptions as m', 'm.moldable_id', 'p.moldable_job_id')
    .innerJoin('gantt_jobs_resources as r', 'r.moldable_job_id', 'p.moldable_job_id')
    .select(['m.moldable_job_id', 'p.moldable_job_id as moldable_id', 'p.start_time', 'r.resource_id'])
    .where(idIn(tx, 'm.moldable_job_id', ars))
    .orderBy('r.resource_id')
    .execute();
  for (const r of rows) {
    const jobId = Number(r.moldable_job_id);
    let plan = out.get(jobId);
    if (!plan) out.set(jobId, (plan = { moldableId: Number(r.moldable_id), start: Number(r.start_time), resources: [] }));
    plan.resources.push(Number(r.resource_id));
  }
  return out;
}

/** Time spent `Suspended` or `Resuming` (open intervals up to now): added to the walltime of `suspended = 'YES'` jobs (R3.5). */
async function readSuspendedDurations(tx: Db, jobIds: readonly number[], now: number): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (jobIds.length === 0) return out;
  const rows = await tx.kysely
    .selectFrom('job_state_logs')
    .select(['job_id', 'date_start', 'date_stop'])
    .where(idIn(tx, 'job_id', jobIds))
    .where('job_state', 'in', ['Suspended', 'Resuming'])
    .execute();
  for (const r of rows) {
    const stop = Number(r.date_stop) === 0 ? now : Number(r.date_stop);
    out.set(Number(r.job_id), (out.get(Number(r.job_id)) ?? 0) + Math.max(0, stop - Number(r.date_start)));
  }
  return out;
}

async function readFirstCheckpoints(tx: Db, jobIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (jobIds.length === 0) return out;
  const rows = await tx.kysely
    .selectFrom('event_logs')
    .select(['job_id', (eb) => eb.fn.min('date').as('first')])
    .where('type', '=', 'CHECKPOINT')
    .where(idIn(tx, 'job_id', jobIds))
    .groupBy('job_id')
    .execute();
  for (const r of rows) out.set(Number(r.job_id), Number(r.first));
  return out;
}

/** Accounting windows, only when a sorting policy may read them. */
async function readAccounting(tx: Db, config: SchedulerConfig): Promise<Snapshot['accounting']> {
  if (config.sorting.policy === 'FIFO') return [];
  const rows = await tx.kysely.selectFrom('accounting').selectAll().execute();
  return rows.map((r) => ({
    windowStart: Number(r.window_start),
    windowStop: Number(r.window_stop),
    user: String(r.accounting_user),
    project: String(r.accounting_project),
    queue: String(r.queue_name),
    consumptionType: r.consumption_type === 'USED' ? 'USED' : 'ASKED',
    consumption: Number(r.consumption),
  }));
}

/**
 * `ids` in batches one statement can take with `idIn`: all of them on PostgreSQL (one array
 * parameter), 500 at a time on SQLite (one parameter each).
 */
function idBatches(tx: Db, ids: readonly number[]): (readonly number[])[] {
  if (tx.dialect === 'postgres') return [ids];
  const out: (readonly number[])[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(ids.slice(i, i + 500));
  return out;
}

/**
 * `column` is one of `ids` (integers). PostgreSQL: `= ANY($1::integer[])`, one parameter however
 * many ids (2,000 jobs: a query to compile and bind instead of 2,000 values, 15–20 ms of a j2000
 * read); SQLite, which has no array type: `IN (?, …)`.
 */
function idIn(tx: Db, column: string, ids: readonly number[]): RawBuilder<boolean> {
  if (tx.dialect === 'postgres') return sql<boolean>`${sql.ref(column)} = ANY(${[...ids]}::integer[])`;
  return sql<boolean>`${sql.ref(column)} IN (${sql.join([...ids])})`;
}
