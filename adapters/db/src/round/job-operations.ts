/**
 * The round's job operations (R5–R10 writes; database.md §4, §6.2), with the same final rows as
 * applying them one by one in their order, in fewer statements:
 *
 * - plain column writes (`message`, `last_karma`, `reservation`, `walltime`, and `startTime` when nothing later
 *   touches that job's `start_time`) commute with every other operation: nothing else reads or
 *   writes those columns. They are kept last-value-per-row and written at the end, one set-based
 *   UPDATE per column (bulk.ts);
 * - consecutive launches of distinct jobs and moldables go together (launch-jobs.ts);
 * - the rest (guarded transitions, events, frags, and the start times a later launch overwrites
 *   or a later `Error` copies into `stop_time`) are applied one by one, in order, so that guards
 *   see the states earlier operations left and `job_state_logs`/`event_logs` rows get their ids
 *   in the order the round decided.
 *
 * A transition applies only while the job is still in its `from` state; a launch is a guarded
 * `Waiting → toLaunch` with its start time, moldable and resources, all or nothing.
 */
import { sql } from 'kysely';
import type { JobOperation, JobState } from '@oar-sched/core';
import { bulkUpdate } from '../bulk.js';
import type { Db } from '../connection.js';
import { logStates } from './job-state-logs.js';
import { launchJobs, type Launch } from './launch-jobs.js';

export interface OperationsReport {
  /** Jobs really launched (their guarded `Waiting → toLaunch` hit the row). */
  readonly launched: ReadonlySet<number>;
  /** Operations whose guard did not match (the job had moved on). */
  readonly skipped: readonly JobOperation[];
}

const MAX_DESCRIPTION = 255;

type ColumnWrite = Extract<JobOperation, { op: 'message' | 'karma' | 'reservation' | 'walltime' | 'startTime' }>;

export async function applyJobOperations(tx: Db, operations: readonly JobOperation[], now: number): Promise<OperationsReport> {
  const deferred = deferrableColumnWrites(operations);
  const deferrable: ReadonlySet<JobOperation> = new Set(deferred);
  const launched = new Set<number>();
  const skipped: JobOperation[] = [];
  const launches = new LaunchRun();
  const flushLaunches = async () => {
    const run = launches.take();
    if (run.length === 0) return;
    const hit = await launchJobs(tx, run, now);
    for (const l of run) {
      if (hit.has(l.jobId)) launched.add(l.jobId);
      else skipped.push(l);
    }
  };
  for (const op of operations) {
    if (deferrable.has(op)) continue;
    if (op.op === 'launch') {
      if (!launches.accepts(op)) await flushLaunches();
      launches.add(op);
      continue;
    }
    await flushLaunches();
    // Every message, karma, reservation and walltime is deferrable, and launches go by runs: what is left is InOrder.
    if (!(await applyInOrder(tx, op as InOrder, now))) skipped.push(op);
  }
  await flushLaunches();
  await writeColumns(tx, deferred);
  return { launched, skipped };
}

/** Consecutive launches (deferred column writes aside) of distinct jobs and moldables, written together. */
class LaunchRun {
  #launches: Launch[] = [];
  readonly #jobs = new Set<number>();
  readonly #moldables = new Set<number>();

  accepts(l: Launch): boolean {
    return !this.#jobs.has(l.jobId) && !this.#moldables.has(l.moldableId);
  }

  add(l: Launch): void {
    this.#launches.push(l);
    this.#jobs.add(l.jobId);
    this.#moldables.add(l.moldableId);
  }

  take(): Launch[] {
    const run = this.#launches;
    this.#launches = [];
    this.#jobs.clear();
    this.#moldables.clear();
    return run;
  }
}

/**
 * The column writes that can wait for the end, last operation first: all of them but a
 * `startTime` followed, for the same job, by a launch (which sets `start_time`) or a transition
 * to `Error` (which reads it).
 */
function deferrableColumnWrites(operations: readonly JobOperation[]): ColumnWrite[] {
  const startTimeUsedLater = new Set<number>();
  const out: ColumnWrite[] = [];
  for (let i = operations.length - 1; i >= 0; i--) {
    const op = operations[i]!;
    if (op.op === 'launch' || (op.op === 'transition' && op.to === 'Error')) startTimeUsedLater.add(op.jobId);
    else if (op.op === 'message' || op.op === 'karma' || op.op === 'reservation' || op.op === 'walltime') out.push(op);
    else if (op.op === 'startTime' && !startTimeUsedLater.has(op.jobId)) out.push(op);
  }
  return out;
}

/** One UPDATE per column, each row getting its last value in operation order (`writes` comes last operation first). */
async function writeColumns(tx: Db, writes: readonly ColumnWrite[]): Promise<void> {
  const message = new Map<number, string>();
  const karma = new Map<number, number>();
  const reservation = new Map<number, string>();
  const startTime = new Map<number, number>();
  const walltime = new Map<number, number>();
  const keep = <V>(map: Map<number, V>, key: number, value: V) => {
    if (!map.has(key)) map.set(key, value);
  };
  for (const w of writes) {
    if (w.op === 'message') keep(message, w.jobId, w.message.slice(0, MAX_DESCRIPTION));
    else if (w.op === 'karma') keep(karma, w.jobId, w.karma);
    else if (w.op === 'reservation') keep(reservation, w.jobId, w.reservation);
    else if (w.op === 'startTime') keep(startTime, w.jobId, w.startTime);
    else keep(walltime, w.moldableId, w.walltime);
  }
  const ids = (map: Map<number, unknown>) => ({ name: 'job_id', type: 'integer', values: [...map.keys()] }) as const;
  if (message.size > 0) await bulkUpdate(tx, 'jobs', ids(message), [{ name: 'message', type: 'text', values: [...message.values()] }]);
  if (karma.size > 0) await bulkUpdate(tx, 'jobs', ids(karma), [{ name: 'last_karma', type: 'real', values: [...karma.values()] }]);
  if (reservation.size > 0) await bulkUpdate(tx, 'jobs', ids(reservation), [{ name: 'reservation', type: 'text', values: [...reservation.values()] }]);
  if (startTime.size > 0) await bulkUpdate(tx, 'jobs', ids(startTime), [{ name: 'start_time', type: 'integer', values: [...startTime.values()] }]);
  if (walltime.size > 0) {
    await bulkUpdate(tx, 'moldable_job_descriptions', { name: 'moldable_id', type: 'integer', values: [...walltime.keys()] }, [
      { name: 'moldable_walltime', type: 'integer', values: [...walltime.values()] },
    ]);
  }
}

type InOrder = Exclude<JobOperation, { op: 'message' | 'karma' | 'reservation' | 'walltime' | 'launch' }>;

/** Applies one operation; `false` when a guard did not match. */
async function applyInOrder(tx: Db, op: InOrder, now: number): Promise<boolean> {
  const k = tx.kysely;
  switch (op.op) {
    case 'transition':
      return changeState(tx, op.jobId, op.from, op.to, now);
    case 'startTime':
      await k.updateTable('jobs').set({ start_time: op.startTime }).where('job_id', '=', op.jobId).execute();
      return true;
    case 'event':
      await addEvent(tx, op.type, op.jobId, op.description, now);
      return true;
    case 'frag': {
      const existing = await k.selectFrom('frag_jobs').select('frag_id_job').where('frag_id_job', '=', op.jobId).executeTakeFirst();
      if (existing) return true;
      await k.insertInto('frag_jobs').values({ frag_id_job: op.jobId, frag_date: now, frag_state: 'LEON' }).execute();
      await addEvent(tx, 'FRAG_JOB_REQUEST', op.jobId, `User ${op.user} requested to frag the job ${op.jobId}`, now);
      return true;
    }
  }
}

/** A guarded state change (database.md §6.2) with its state log; `Error` gets its side effects (§9.1). */
async function changeState(tx: Db, jobId: number, from: JobState, to: JobState, now: number): Promise<boolean> {
  const k = tx.kysely;
  const hit = await k
    .updateTable('jobs')
    .set({ state: to })
    .where('job_id', '=', jobId)
    .where('state', '=', from)
    .executeTakeFirst();
  if (Number(hit.numUpdatedRows) !== 1) return false;
  await logStates(tx, [jobId], to, now);
  if (to === 'Error') {
    await k.updateTable('jobs').set({ stop_time: sql`start_time` }).where('job_id', '=', jobId).whereRef('stop_time', '<', 'start_time').execute();
    await sql`UPDATE resources SET last_job_date = ${now} WHERE resource_id IN (
      SELECT resource_id FROM assigned_resources WHERE moldable_job_id = (SELECT assigned_moldable_job FROM jobs WHERE job_id = ${jobId}))`.execute(k);
  }
  return true;
}

async function addEvent(tx: Db, type: string, jobId: number, description: string, now: number): Promise<void> {
  await tx.kysely
    .insertInto('event_logs')
    .values({ type, job_id: jobId, date: now, description: description.slice(0, MAX_DESCRIPTION), to_check: 'YES' })
    .execute();
}
