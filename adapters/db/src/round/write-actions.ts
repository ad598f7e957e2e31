/**
 * R3–R8 write side: what the meta-scheduler decided, written in the round's transaction
 * (database.md §4 "queries of one round", §6). State changes are guarded by their exact source
 * state: a job that another OAR process moved meanwhile is left alone (and, for a launch, nothing
 * else of it is written).
 */
import { sql } from 'kysely';
import type { GanttEntry, JobOperation, RoundActions } from '@oar-sched/core';
import type { Db } from '../connection.js';
import { insertRows } from '../writers.js';

export interface WriteReport {
  /** Jobs really launched (their guarded `Waiting → toLaunch` hit the row). */
  readonly launched: ReadonlySet<number>;
  /** Operations whose guard did not match (the job had moved on). */
  readonly skipped: readonly JobOperation[];
}

const MAX_DESCRIPTION = 255;

export async function writeRoundActions(tx: Db, actions: RoundActions, now: number): Promise<WriteReport> {
  await replaceGantt(tx, actions.gantt);
  const launched = new Set<number>();
  const skipped: JobOperation[] = [];
  for (const op of actions.operations) {
    if (!(await apply(tx, op, now))) skipped.push(op);
    else if (op.op === 'launch') launched.add(op.jobId);
  }
  await copyGanttToVisu(tx);
  return { launched, skipped };
}

/** R3 flush + R5 saves: the gantt becomes exactly the planned entries. */
async function replaceGantt(tx: Db, gantt: readonly GanttEntry[]): Promise<void> {
  const k = tx.kysely;
  await k.deleteFrom('gantt_jobs_resources').execute();
  await k.deleteFrom('gantt_jobs_predictions').execute();
  await insertRows(tx, 'gantt_jobs_predictions', gantt.map((e) => ({ moldable_job_id: e.moldableId, start_time: e.start })));
  await insertRows(
    tx,
    'gantt_jobs_resources',
    gantt.flatMap((e) => e.resourceIds.map((resourceId) => ({ moldable_job_id: e.moldableId, resource_id: resourceId }))),
  );
}

/** R8: readers (API, oarstat, drawgantt) see the new plan at once, never an empty one. */
async function copyGanttToVisu(tx: Db): Promise<void> {
  const k = tx.kysely;
  await k.deleteFrom('gantt_jobs_resources_visu').execute();
  await k.deleteFrom('gantt_jobs_predictions_visu').execute();
  await sql`INSERT INTO gantt_jobs_predictions_visu (moldable_job_id, start_time) SELECT moldable_job_id, start_time FROM gantt_jobs_predictions`.execute(k);
  await sql`INSERT INTO gantt_jobs_resources_visu (moldable_job_id, resource_id) SELECT moldable_job_id, resource_id FROM gantt_jobs_resources`.execute(k);
}

/** Applies one operation; `false` when a guard did not match. */
async function apply(tx: Db, op: JobOperation, now: number): Promise<boolean> {
  const k = tx.kysely;
  switch (op.op) {
    case 'transition':
      return changeState(tx, op.jobId, op.from, op.to, now);
    case 'message':
      await k.updateTable('jobs').set({ message: op.message.slice(0, MAX_DESCRIPTION) }).where('job_id', '=', op.jobId).execute();
      return true;
    case 'reservation':
      await k.updateTable('jobs').set({ reservation: op.reservation }).where('job_id', '=', op.jobId).execute();
      return true;
    case 'startTime':
      await k.updateTable('jobs').set({ start_time: op.startTime }).where('job_id', '=', op.jobId).execute();
      return true;
    case 'walltime':
      await k.updateTable('moldable_job_descriptions').set({ moldable_walltime: op.walltime }).where('moldable_id', '=', op.moldableId).execute();
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
    case 'launch': {
      // One guarded update carries the launch: start_time, assigned moldable and state together.
      const hit = await k
        .updateTable('jobs')
        .set({ state: 'toLaunch', start_time: now, assigned_moldable_job: op.moldableId })
        .where('job_id', '=', op.jobId)
        .where('state', '=', 'Waiting')
        .executeTakeFirst();
      if (Number(hit.numUpdatedRows) !== 1) return false;
      await logState(tx, op.jobId, 'toLaunch', now);
      await k.deleteFrom('assigned_resources').where('moldable_job_id', '=', op.moldableId).execute();
      await insertRows(tx, 'assigned_resources', op.resourceIds.map((resourceId) => ({ moldable_job_id: op.moldableId, resource_id: resourceId })));
      return true;
    }
  }
}

/** A guarded state change (database.md §6.2) with its state log; `Error` gets its side effects (§9.1). */
async function changeState(tx: Db, jobId: number, from: string, to: string, now: number): Promise<boolean> {
  const k = tx.kysely;
  const hit = await k
    .updateTable('jobs')
    .set({ state: to as never })
    .where('job_id', '=', jobId)
    .where('state', '=', from as never)
    .executeTakeFirst();
  if (Number(hit.numUpdatedRows) !== 1) return false;
  await logState(tx, jobId, to, now);
  if (to === 'Error') {
    await k.updateTable('jobs').set({ stop_time: sql`start_time` }).where('job_id', '=', jobId).whereRef('stop_time', '<', 'start_time').execute();
    await sql`UPDATE resources SET last_job_date = ${now} WHERE resource_id IN (
      SELECT resource_id FROM assigned_resources WHERE moldable_job_id = (SELECT assigned_moldable_job FROM jobs WHERE job_id = ${jobId}))`.execute(k);
  }
  return true;
}

async function logState(tx: Db, jobId: number, state: string, now: number): Promise<void> {
  const k = tx.kysely;
  await k.updateTable('job_state_logs').set({ date_stop: now }).where('job_id', '=', jobId).where('date_stop', '=', 0).execute();
  await k.insertInto('job_state_logs').values({ job_id: jobId, job_state: state as never, date_start: now, date_stop: 0 }).execute();
}

async function addEvent(tx: Db, type: string, jobId: number, description: string, now: number): Promise<void> {
  await tx.kysely
    .insertInto('event_logs')
    .values({ type, job_id: jobId, date: now, description: description.slice(0, MAX_DESCRIPTION), to_check: 'YES' })
    .execute();
}
