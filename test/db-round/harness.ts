/**
 * The vocabulary of the database-round scenarios (shared/spec/metascheduler-scenarios.md §2): what a
 * scenario is, the recurring set-ups ("B5", "job(k res, w s)"), the writes done between rounds, and
 * reading a database back into a plain, id-free view that the runner compares with a scenario's
 * expectations.
 *
 * Ids: jobs are referred to by the name a scenario gives them (`ctx.add('j1', …)`), moldables by
 * their index in the job's request, resources by their position in insertion order (1-based, "resource
 * 3" is the third one inserted). Nothing depends on the auto-increment values the database chose.
 */
import { sql } from 'kysely';
import { addResourceColumn, insertJob, insertQueue, insertResources, type Db, type InsertedJob, type JobInsert, type MoldableInsert, type QueueInsert, type ResourceInsert } from '@oar-sched/db';
import type { SchedulerConfigInput } from '@oar-sched/core';
import { HARNESS_COLUMNS } from '@oar-sched/harness';

/** The plugin harness's scheduler config (metascheduler-scenarios.md §2, "harness config"): the harness package's own. */
export { HARNESS_CONFIG } from '@oar-sched/harness';

/** Frozen `now` of the reference runs. */
export const N = 1_000_000;

/** Where a scenario keeps what it inserted, to refer to it by name. */
export class ScenarioContext {
  readonly jobs = new Map<string, InsertedJob>();
  /** Resource ids in insertion order: resource number n is `resources[n - 1]`. */
  resources: number[] = [];

  constructor(readonly db: Db) {}

  /** Inserts a job (as oarsub does) under a name. */
  async add(name: string, job: JobInsert): Promise<InsertedJob> {
    if (this.jobs.has(name)) throw new Error(`job ${name} inserted twice`);
    const inserted = await insertJob(this.db, job);
    this.jobs.set(name, inserted);
    return inserted;
  }

  /** The database id of a named job. */
  id(name: string): number {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    return job.jobId;
  }

  /** Database ids of resource numbers (1-based insertion positions). */
  res(...numbers: number[]): number[] {
    return numbers.map((n) => {
      const id = this.resources[n - 1];
      if (id === undefined) throw new Error(`no resource number ${n}`);
      return id;
    });
  }

  /** Inserts resources and appends their ids. */
  async addResources(rows: readonly ResourceInsert[]): Promise<number[]> {
    const ids = await insertResources(this.db, rows);
    this.resources.push(...ids);
    return ids;
  }

  jobName(id: number): string {
    for (const [name, job] of this.jobs) if (job.jobId === id) return name;
    return `#${id}?`;
  }

  /** The job name and moldable index of a moldable id. */
  moldable(id: number): { job: string; index: number } {
    for (const [name, job] of this.jobs) {
      const index = job.moldableIds.indexOf(id);
      if (index >= 0) return { job: name, index };
    }
    return { job: `moldable#${id}?`, index: -1 };
  }

  resourceNumber(id: number): number {
    const i = this.resources.indexOf(id);
    return i >= 0 ? i + 1 : -id;
  }
}

// ------------------------------------------------------------------ set-ups

/** The test columns the plugin harness adds to `resources`. */
export async function harnessColumns(db: Db): Promise<void> {
  for (const [name, type] of HARNESS_COLUMNS) await addResourceColumn(db, name, type);
}

export const B5_QUEUES: readonly QueueInsert[] = [
  { name: 'default', priority: 3 },
  { name: 'besteffort', priority: 0 },
];

/**
 * "B5": queues `default` (3) and `besteffort` (0), the harness columns, and `count` resources
 * (default 5) with `network_address = 'localhost'`; `resources` replaces the resource rows.
 */
export async function b5(ctx: ScenarioContext, options: { queues?: readonly QueueInsert[]; count?: number; resources?: readonly ResourceInsert[] } = {}): Promise<void> {
  for (const q of options.queues ?? B5_QUEUES) await insertQueue(ctx.db, q);
  await harnessColumns(ctx.db);
  await ctx.addResources(options.resources ?? Array.from({ length: options.count ?? 5 }, () => ({ network_address: 'localhost' })));
}

/** Addresses localhost0 {1,2}, localhost1 {3,4}, localhost2 {5} (S19, S45). */
export const THREE_NODES: readonly ResourceInsert[] = [
  { network_address: 'localhost0' },
  { network_address: 'localhost0' },
  { network_address: 'localhost1' },
  { network_address: 'localhost1' },
  { network_address: 'localhost2' },
];

/** One moldable asking `resource_id=k` for `w` seconds. */
export function moldable(k: number, w = 60, property = ''): MoldableInsert {
  return { walltime: w, groups: [{ property, levels: [{ label: 'resource_id', value: k }] }] };
}

/** "job(k res, w s)": one moldable `resource_id=k`, walltime w, no properties, queue `default`. */
export function job(k: number, w = 60, extra: Omit<JobInsert, 'moldables'> = {}): JobInsert {
  return { queue: 'default', moldables: [moldable(k, w)], ...extra };
}

// ------------------------------------------------------------------ writes between rounds

/** Sets the gantt start of a job's planned moldable (every prediction row of its moldables). */
export async function setPlanStart(ctx: ScenarioContext, name: string, start: number): Promise<void> {
  const ids = ctx.jobs.get(name)!.moldableIds;
  const r = await ctx.db.kysely.updateTable('gantt_jobs_predictions').set({ start_time: start }).where('moldable_job_id', 'in', [...ids]).executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new Error(`setPlanStart(${name}): ${String(r.numUpdatedRows)} prediction rows, expected 1`);
}

export async function setJobStartTime(ctx: ScenarioContext, name: string, start: number): Promise<void> {
  await ctx.db.kysely.updateTable('jobs').set({ start_time: start }).where('job_id', '=', ctx.id(name)).execute();
}

export async function setJobState(ctx: ScenarioContext, name: string, state: 'Terminated' | 'Error' | 'Running', extra: { exitCode?: number | null } = {}): Promise<void> {
  await ctx.db.kysely
    .updateTable('jobs')
    .set({ state, ...(extra.exitCode === undefined ? {} : { exit_code: extra.exitCode }) })
    .where('job_id', '=', ctx.id(name))
    .execute();
}

export async function setResourceState(ctx: ScenarioContext, numbers: readonly number[], state: 'Alive' | 'Absent' | 'Suspected' | 'Dead'): Promise<void> {
  await ctx.db.kysely.updateTable('resources').set({ state }).where('resource_id', 'in', ctx.res(...numbers)).execute();
}

// ------------------------------------------------------------------ scenarios

export interface JobExpect {
  readonly state?: string;
  readonly reservation?: 'None' | 'toSchedule' | 'Scheduled';
  /** Exact text, or a pattern when the spec fixes only part of it. */
  readonly message?: string | RegExp;
  readonly startTime?: number;
  /** Index (in the job's request) of `jobs.assigned_moldable_job`; `null`: none (0). */
  readonly assignedMoldable?: number | null;
  /** Resource numbers of its `assigned_resources` rows (index CURRENT, any of its moldables). */
  readonly assignedResources?: readonly number[];
  /** `moldable_walltime` of each of its moldables, in request order. */
  readonly walltimes?: readonly number[];
}

/** A job's plan: gantt prediction start and resource numbers (and, when stated, the moldable index). */
export interface PlanExpect {
  readonly start: number;
  readonly resources?: readonly number[];
  readonly moldable?: number;
}

export interface EventExpect {
  readonly type: string;
  readonly job: string;
  readonly description: string;
  /** Default: the round's now. */
  readonly date?: number;
}

export type NotificationExpect =
  | { readonly launch: string }
  | { readonly automaton: string }
  | { readonly oarsub: string; readonly lines: readonly string[] };

export interface HookCallRecord {
  readonly prevQueues: readonly string[] | null;
  readonly queues: readonly string[];
  readonly now: number;
  readonly jobSecurityTime: number;
  readonly config: string;
  readonly slotSets: readonly string[];
  readonly scheduledJobs: number;
}

export interface RoundExpect {
  readonly exitCode?: 0 | 1 | 2;
  /** Per named job: the fields stated (others are not compared). */
  readonly jobs?: Readonly<Record<string, JobExpect>>;
  /**
   * The whole gantt after the round, per named job (`null`: no row). Exact: a job not named here
   * must have no gantt row either. The `_visu` copy must equal the gantt after every round.
   */
  readonly gantt?: Readonly<Record<string, PlanExpect | null>>;
  /** Every `event_logs` row (exact, any order). */
  readonly events?: readonly EventExpect[];
  /** Event types that must not have been written. */
  readonly noEvents?: readonly string[];
  /** Every `frag_jobs` row (exact, any order); date defaults to now, state to LEON. */
  readonly frags?: readonly { readonly job: string; readonly date?: number; readonly state?: string }[];
  /** Per named job: its `job_state_logs` rows `[state, date_start, date_stop]`, in id order (exact). */
  readonly stateLogs?: Readonly<Record<string, readonly (readonly [string, number, number])[]>>;
  /** Order of some `job_state_logs` rows across jobs: `[job, state]` in increasing log id. */
  readonly logOrder?: readonly (readonly [string, string])[];
  /** Every notification the round sent (exact, any order). */
  readonly notifications?: readonly NotificationExpect[];
  /** Resource columns after the round, per resource number. */
  readonly resources?: Readonly<Record<number, Readonly<Record<string, string | number | null>>>>;
  /** The database holds exactly what it held before the round (`dumpData`). */
  readonly unchanged?: boolean;
  /** Calls of the recording extra-metasched hook (`recordHook` scenarios), in call order; queue lists compared as sets. */
  readonly hookCalls?: readonly HookCallRecord[];
}

export interface ScenarioRound {
  /** Default: N. */
  readonly now?: number;
  /** Writes done before this round (e.g. "plan start set to N−20"). */
  readonly before?: (ctx: ScenarioContext) => Promise<void>;
  readonly expect: RoundExpect | ((ctx: ScenarioContext) => RoundExpect);
}

export interface DbScenario {
  readonly id: string;
  readonly title: string;
  /** Test name(s) in oar3 / oar3-plugins and/or "run". */
  readonly origin: string;
  /** Scheduler config fields, on top of the harness config. */
  readonly config?: SchedulerConfigInput;
  /** `EXTRA_METASCHED` / `EXTRA_METASCHED_CONFIG`. */
  readonly extraMetasched?: { readonly name: string; readonly config: string };
  readonly setup: (ctx: ScenarioContext) => Promise<void>;
  readonly rounds: readonly ScenarioRound[];
}

// ------------------------------------------------------------------ reading back

export interface JobView {
  state: string;
  reservation: string;
  message: string;
  startTime: number;
  assignedMoldable: number | null;
  assignedResources: number[];
  walltimes: number[];
}

export interface DbView {
  jobs: Record<string, JobView>;
  /** Per job name: its gantt rows (normally one). */
  gantt: Record<string, { start: number; resources: number[]; moldable: number }[]>;
  ganttRows: { predictions: unknown[]; resources: unknown[] };
  visuRows: { predictions: unknown[]; resources: unknown[] };
  events: { type: string; job: string; date: number; description: string }[];
  frags: { job: string; date: number; state: string }[];
  stateLogs: { job: string; state: string; start: number; stop: number }[];
}

const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0);
const sorted = <T>(xs: T[]): T[] => [...xs].sort(byJson);

/** Reads everything a scenario may assert, with names and numbers instead of ids. */
export async function readView(ctx: ScenarioContext): Promise<DbView> {
  const k = ctx.db.kysely;
  const jobs: Record<string, JobView> = {};
  const assigned = await k.selectFrom('assigned_resources').select(['moldable_job_id', 'resource_id']).where('assigned_resource_index', '=', 'CURRENT').execute();
  const walltimes = await k.selectFrom('moldable_job_descriptions').select(['moldable_id', 'moldable_job_id', 'moldable_walltime']).orderBy('moldable_id').execute();
  for (const row of await k.selectFrom('jobs').select(['job_id', 'state', 'reservation', 'message', 'start_time', 'assigned_moldable_job']).execute()) {
    const name = ctx.jobName(Number(row.job_id));
    const inserted = ctx.jobs.get(name);
    const moldableIds = inserted?.moldableIds ?? [];
    const am = Number(row.assigned_moldable_job);
    jobs[name] = {
      state: String(row.state),
      reservation: String(row.reservation),
      message: String(row.message),
      startTime: Number(row.start_time),
      assignedMoldable: am === 0 ? null : moldableIds.indexOf(am),
      assignedResources: assigned
        .filter((a) => moldableIds.includes(Number(a.moldable_job_id)))
        .map((a) => ctx.resourceNumber(Number(a.resource_id)))
        .sort((a, b) => a - b),
      walltimes: walltimes.filter((w) => Number(w.moldable_job_id) === Number(row.job_id)).map((w) => Number(w.moldable_walltime)),
    };
  }

  const predictions = await k.selectFrom('gantt_jobs_predictions').select(['moldable_job_id', 'start_time']).execute();
  const ganttResources = await k.selectFrom('gantt_jobs_resources').select(['moldable_job_id', 'resource_id']).execute();
  const visuPredictions = await k.selectFrom('gantt_jobs_predictions_visu').select(['moldable_job_id', 'start_time']).execute();
  const visuResources = await k.selectFrom('gantt_jobs_resources_visu').select(['moldable_job_id', 'resource_id']).execute();
  const gantt: DbView['gantt'] = {};
  for (const p of predictions) {
    const { job, index } = ctx.moldable(Number(p.moldable_job_id));
    (gantt[job] ??= []).push({
      start: Number(p.start_time),
      moldable: index,
      resources: ganttResources
        .filter((r) => Number(r.moldable_job_id) === Number(p.moldable_job_id))
        .map((r) => ctx.resourceNumber(Number(r.resource_id)))
        .sort((a, b) => a - b),
    });
  }
  // Resource rows without a prediction row are part of the gantt too: show them.
  for (const r of ganttResources) {
    if (!predictions.some((p) => Number(p.moldable_job_id) === Number(r.moldable_job_id))) {
      const { job } = ctx.moldable(Number(r.moldable_job_id));
      (gantt[`${job} (resources without prediction)`] ??= []).push({ start: Number.NaN, moldable: -1, resources: [ctx.resourceNumber(Number(r.resource_id))] });
    }
  }
  const norm = (rows: Record<string, unknown>[]) => sorted(rows.map((r) => Object.fromEntries(Object.entries(r).map(([key, v]) => [key, Number(v)]))));

  const events = (await k.selectFrom('event_logs').select(['type', 'job_id', 'date', 'description']).execute()).map((e) => ({
    type: String(e.type),
    job: ctx.jobName(Number(e.job_id)),
    date: Number(e.date),
    description: String(e.description),
  }));
  const frags = (await k.selectFrom('frag_jobs').select(['frag_id_job', 'frag_date', 'frag_state']).execute()).map((f) => ({
    job: ctx.jobName(Number(f.frag_id_job)),
    date: Number(f.frag_date),
    state: String(f.frag_state),
  }));
  const stateLogs = (await k.selectFrom('job_state_logs').select(['job_state_log_id', 'job_id', 'job_state', 'date_start', 'date_stop']).orderBy('job_state_log_id').execute()).map((l) => ({
    job: ctx.jobName(Number(l.job_id)),
    state: String(l.job_state),
    start: Number(l.date_start),
    stop: Number(l.date_stop),
  }));
  return {
    jobs,
    gantt,
    ganttRows: { predictions: norm(predictions), resources: norm(ganttResources) },
    visuRows: { predictions: norm(visuPredictions), resources: norm(visuResources) },
    events: sorted(events),
    frags: sorted(frags),
    stateLogs,
  };
}

/** Selected columns of resources, by resource number. */
export async function readResources(ctx: ScenarioContext, numbers: readonly number[], columns: readonly string[]): Promise<Record<number, Record<string, unknown>>> {
  const out: Record<number, Record<string, unknown>> = {};
  for (const n of numbers) {
    const { rows } = await sql<Record<string, unknown>>`select * from resources where resource_id = ${ctx.res(n)[0]!}`.execute(ctx.db.kysely);
    const row = rows[0] ?? {};
    out[n] = Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
  }
  return out;
}

export { sorted };
