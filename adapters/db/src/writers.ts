/**
 * Writing rows as OAR's own tools do: queues as `oarnotify`/the installer, resources as
 * `oarnodesetting`, jobs as `oarsub` (database.md §1.3–§1.6, plugin-harness.md §5.3). Used by tests,
 * by the plugin test harness and by `db import`; the meta-scheduler round has its own writes.
 *
 * Every writer takes a `Db` (a connection or a transaction handle) and leaves unspecified columns to
 * the schema's defaults. Multi-row inserts are chunked: at most `MAX_ROWS_PER_INSERT` rows and
 * `MAX_PARAMETERS_PER_INSERT` bound values per statement (SQLite's and PostgreSQL's limits).
 */
import type { Insertable, Kysely } from 'kysely';
import type { Db } from './connection.js';
import type { Database, JobState, ReservationState, ResourcePropertyValue, ResourceState, YesNo } from './tables.js';

export const MAX_ROWS_PER_INSERT = 500;
export const MAX_PARAMETERS_PER_INSERT = 30_000;

type TableName = keyof Database & string;
type Row = Record<string, unknown>;

/**
 * Inserts rows into one table in as few statements as the limits allow. Rows may name different
 * columns: each run of consecutive rows with the same columns is one or more statements (no
 * `DEFAULT` placeholders, which SQLite lacks). With `returning`, gives that column of every row,
 * in the rows' order (ids of one multi-row insert grow in row order on both engines, so each
 * statement's ids are sorted).
 */
async function insertChunked(db: Db, table: TableName, rows: readonly Row[], returning?: string): Promise<number[]> {
  const kysely = db.kysely as unknown as Kysely<Record<string, Row>>;
  const ids: number[] = [];
  let start = 0;
  while (start < rows.length) {
    const signature = columnsOf(rows[start]!);
    let end = start + 1;
    while (end < rows.length && columnsOf(rows[end]!) === signature) end++;
    const width = Math.max(1, Object.keys(rows[start]!).length);
    const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS_PER_INSERT / width)));
    for (let i = start; i < end; i += perStatement) {
      const chunk = rows.slice(i, Math.min(end, i + perStatement));
      const insert = kysely.insertInto(table).values(chunk);
      if (returning === undefined) {
        await insert.execute();
      } else {
        const got = (await insert.returning(returning).execute()) as Row[];
        ids.push(...got.map((r) => Number(r[returning])).sort((a, b) => a - b));
      }
    }
    start = end;
  }
  return ids;
}

function columnsOf(row: Row): string {
  return Object.keys(row).sort().join('\u0000');
}

/** Drops `undefined` values, so that the schema's default applies. */
function defined(row: Row): Row {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}

/** Inserts rows into any OAR table, chunked (see the module doc). */
export async function insertRows<T extends TableName>(db: Db, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  await insertChunked(db, table, rows.map((r) => defined(r as Row)));
}

export interface QueueInsert {
  readonly name: string;
  /** Higher first; queues of equal priority form one group (default 0). */
  readonly priority?: number;
  /** Default `'kamelot'`, as the test harness writes it. */
  readonly schedulerPolicy?: string;
  readonly state?: 'Active' | 'notActive';
}

export async function insertQueue(db: Db, queue: QueueInsert): Promise<void> {
  await db.kysely
    .insertInto('queues')
    .values({ queue_name: queue.name, priority: queue.priority ?? 0, scheduler_policy: queue.schedulerPolicy ?? 'kamelot', state: queue.state ?? 'Active' })
    .execute();
}

/**
 * A resource row: any of OAR's fixed columns (`network_address`, `type`, `state`,
 * `available_upto`, …) and custom property columns (which must exist: `addResourceColumn`).
 */
export interface ResourceInsert {
  readonly network_address?: string;
  readonly type?: string;
  readonly state?: ResourceState;
  readonly available_upto?: number;
  readonly [column: string]: ResourcePropertyValue | undefined;
}

/**
 * Inserts resources in order and returns their ids in the same order. A row naming no column gets
 * every default (written as `network_address = ''`, its default, since an INSERT needs a column).
 */
export async function insertResources(db: Db, resources: readonly ResourceInsert[]): Promise<number[]> {
  const rows = resources.map((r) => {
    const row = defined(r);
    return Object.keys(row).length === 0 ? { network_address: '' } : row;
  });
  return insertChunked(db, 'resources', rows, 'resource_id');
}

/** One `/`-separated level of a request part: e.g. `{ label: 'network_address', value: 2 }`. */
export interface LevelInsert {
  /** A hierarchy label (a resources column, `resource_id` for single resources). */
  readonly label: string;
  /** Count at this level; OAR's negative codes (−1 ALL, −2 BEST, …) are written as given. */
  readonly value: number;
}

/** One `+`-separated part of a moldable's request. */
export interface GroupInsert {
  /** The part's property filter (`res_group_property`, an SQL fragment on resources); default `''`. */
  readonly property?: string | null;
  readonly levels: readonly LevelInsert[];
}

export interface MoldableInsert {
  /** Seconds, without the job security time. */
  readonly walltime: number;
  readonly groups: readonly GroupInsert[];
}

export interface JobInsert {
  /** `job_id`; default: the next id of the database's sequence (an explicit id does not advance PostgreSQL's: see `syncIdSequences`). */
  readonly id?: number;
  /** `job_user` (default `''`). */
  readonly user?: string;
  /** `queue_name` (default `'default'`). */
  readonly queue?: string;
  readonly state?: JobState;
  readonly reservation?: ReservationState;
  readonly startTime?: number;
  readonly stopTime?: number;
  readonly submissionTime?: number;
  /** The job's property filter (`jobs.properties`, an SQL fragment); default `''`. */
  readonly properties?: string | null;
  /** `job_types` rows, e.g. `besteffort`, `timesharing=*,*`, `container`, `inner=12`, `find=name:arg`. */
  readonly types?: readonly string[];
  /** Ids of the jobs this one waits for (`job_dependencies.job_id_required`). */
  readonly dependencies?: readonly number[];
  /** Default: one moldable of 60 s asking `resource_id=1` (the harness default). */
  readonly moldables?: readonly MoldableInsert[];
  readonly name?: string | null;
  readonly project?: string;
  readonly jobType?: 'INTERACTIVE' | 'PASSIVE';
  /** `host:port` of a waiting submitter (interactive jobs, reservations). */
  readonly infoType?: string | null;
  readonly exitCode?: number | null;
  readonly message?: string;
  readonly suspended?: YesNo;
  readonly checkpoint?: number;
  readonly command?: string | null;
  readonly initialRequest?: string | null;
  readonly arrayId?: number;
  readonly arrayIndex?: number;
  readonly lastKarma?: number | null;
  /** For started jobs: index (in `moldables`) of the moldable they run (default 0). */
  readonly assignedMoldable?: number;
  /**
   * For started jobs (Running, toLaunch, …): their resource ids. Sets `jobs.assigned_moldable_job`
   * to the assigned moldable's id and writes the `assigned_resources` rows (index `CURRENT`).
   */
  readonly assignedResources?: readonly number[];
}

export interface InsertedJob {
  readonly jobId: number;
  /** In `moldables` order. */
  readonly moldableIds: readonly number[];
  /** `res_group_id`s per moldable, in `groups` order. */
  readonly groupIds: readonly (readonly number[])[];
}

export const DEFAULT_MOLDABLES: readonly MoldableInsert[] = [{ walltime: 60, groups: [{ property: '', levels: [{ label: 'resource_id', value: 1 }] }] }];

/**
 * Writes a job as `oarsub` does, in one transaction (a savepoint inside one): the `jobs` row
 * (`launching_directory` `''`, `checkpoint_signal` 0), per moldable a `moldable_job_descriptions`
 * row, per part a `job_resource_groups` row, per level a `job_resource_descriptions` row
 * (`res_job_order` = 0-based level position), the `job_types` and `job_dependencies` rows, all with
 * index `CURRENT`; with `assignedResources`, `assigned_moldable_job` and `assigned_resources`.
 * Throws a `TypeError` for a request with no moldable, part or level.
 */
export async function insertJob(db: Db, job: JobInsert): Promise<InsertedJob> {
  const moldables = job.moldables ?? DEFAULT_MOLDABLES;
  checkRequest(moldables, job);
  return db.transaction(async (tx) => {
    const k = tx.kysely;
    const inserted = await k
      .insertInto('jobs')
      .values(
        defined({
          job_id: job.id,
          job_user: job.user,
          queue_name: job.queue ?? 'default',
          state: job.state,
          reservation: job.reservation,
          start_time: job.startTime,
          stop_time: job.stopTime,
          submission_time: job.submissionTime,
          properties: job.properties === undefined ? '' : job.properties,
          job_name: job.name,
          project: job.project,
          job_type: job.jobType,
          info_type: job.infoType,
          exit_code: job.exitCode,
          message: job.message,
          suspended: job.suspended,
          checkpoint: job.checkpoint,
          command: job.command,
          initial_request: job.initialRequest,
          array_id: job.arrayId,
          array_index: job.arrayIndex,
          last_karma: job.lastKarma,
          launching_directory: '',
          checkpoint_signal: 0,
        }) as Insertable<Database['jobs']>,
      )
      .returning('job_id')
      .executeTakeFirstOrThrow();
    const jobId = Number(inserted.job_id);

    const moldableIds: number[] = [];
    const groupIds: number[][] = [];
    for (const moldable of moldables) {
      const m = await k.insertInto('moldable_job_descriptions').values({ moldable_job_id: jobId, moldable_walltime: moldable.walltime }).returning('moldable_id').executeTakeFirstOrThrow();
      const moldableId = Number(m.moldable_id);
      moldableIds.push(moldableId);
      const ids: number[] = [];
      for (const group of moldable.groups) {
        const g = await k
          .insertInto('job_resource_groups')
          .values({ res_group_moldable_id: moldableId, res_group_property: group.property === undefined ? '' : group.property })
          .returning('res_group_id')
          .executeTakeFirstOrThrow();
        const groupId = Number(g.res_group_id);
        ids.push(groupId);
        await insertRows(
          tx,
          'job_resource_descriptions',
          group.levels.map((level, order) => ({ res_job_group_id: groupId, res_job_resource_type: level.label, res_job_value: level.value, res_job_order: order })),
        );
      }
      groupIds.push(ids);
    }

    await insertRows(tx, 'job_types', (job.types ?? []).map((type) => ({ job_id: jobId, type })));
    await insertRows(tx, 'job_dependencies', (job.dependencies ?? []).map((required) => ({ job_id: jobId, job_id_required: required })));

    if (job.assignedResources !== undefined) {
      const assigned = moldableIds[job.assignedMoldable ?? 0]!;
      await k.updateTable('jobs').set({ assigned_moldable_job: assigned }).where('job_id', '=', jobId).execute();
      await insertRows(tx, 'assigned_resources', job.assignedResources.map((resourceId) => ({ moldable_job_id: assigned, resource_id: resourceId })));
    }
    return { jobId, moldableIds, groupIds };
  });
}

function checkRequest(moldables: readonly MoldableInsert[], job: JobInsert): void {
  if (moldables.length === 0) throw new TypeError('insertJob: a job needs at least one moldable.');
  moldables.forEach((m, i) => {
    if (m.groups.length === 0) throw new TypeError(`insertJob: moldable ${i} has no request part.`);
    m.groups.forEach((g, j) => {
      if (g.levels.length === 0) throw new TypeError(`insertJob: moldable ${i}, part ${j} has no level.`);
    });
  });
  const a = job.assignedMoldable ?? 0;
  if (!Number.isInteger(a) || a < 0 || a >= moldables.length) throw new TypeError(`insertJob: assignedMoldable ${a} is not an index of moldables.`);
}
