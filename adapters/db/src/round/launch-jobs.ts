/**
 * R7 launches (database.md §4, §6.2–6.3), a run of them in a handful of statements: each job's
 * guarded `Waiting → toLaunch` carries its `start_time = now` and assigned moldable; only for the
 * jobs it hit, the state log and the `assigned_resources` rows (the moldable's old rows replaced).
 * Same rows as launching the jobs one by one in order, given distinct jobs and moldables: then no
 * launch reads or writes a row another one writes, and the new log rows get their ids in order.
 */
import type { JobOperation } from '@oar-sched/core';
import { bulkInsert, bulkStatement, integerLiteral, withRows, type BulkColumn } from '../bulk.js';
import type { Db } from '../connection.js';
import { logStates } from './job-state-logs.js';

export type Launch = Extract<JobOperation, { op: 'launch' }>;

/** Launches distinct jobs on distinct moldables; returns the jobs whose guard hit (the others moved on). */
export async function launchJobs(tx: Db, launches: readonly Launch[], now: number): Promise<Set<number>> {
  if (new Set(launches.map((l) => l.jobId)).size !== launches.length || new Set(launches.map((l) => l.moldableId)).size !== launches.length) {
    throw new TypeError('launchJobs: a job or a moldable is listed twice');
  }
  // Not named job_id: PostgreSQL would find RETURNING job_id ambiguous between jobs and v.
  const jobs: BulkColumn = { name: 'launch_job_id', type: 'integer', values: launches.map((l) => l.jobId) };
  const moldables: BulkColumn = { name: 'launch_moldable_id', type: 'integer', values: launches.map((l) => l.moldableId) };
  const hits = await bulkStatement(
    tx,
    [jobs, moldables],
    (rows) => `${withRows(rows, [jobs, moldables])} UPDATE jobs SET state = 'toLaunch', start_time = ${integerLiteral(now)}, assigned_moldable_job = v.launch_moldable_id
      FROM v WHERE jobs.job_id = v.launch_job_id AND jobs.state = 'Waiting' RETURNING job_id`,
  );
  const hit = new Set(hits.map((r) => Number(r.job_id)));
  const launched = launches.filter((l) => hit.has(l.jobId));
  if (launched.length === 0) return hit;
  await logStates(tx, launched.map((l) => l.jobId), 'toLaunch', now);
  const replaced: BulkColumn = { name: 'moldable_job_id', type: 'integer', values: launched.map((l) => l.moldableId) };
  await bulkStatement(tx, [replaced], (rows) => `${withRows(rows, [replaced])} DELETE FROM assigned_resources WHERE moldable_job_id IN (SELECT moldable_job_id FROM v)`);
  await bulkInsert(tx, 'assigned_resources', resourceRows(launched));
  return hit;
}

/** One (moldable, resource) row per resource of each launch. */
function resourceRows(launched: readonly Launch[]): BulkColumn[] {
  let count = 0;
  for (const l of launched) count += l.resourceIds.size;
  const moldableIds = new Int32Array(count);
  const resourceIds = new Int32Array(count);
  let at = 0;
  for (const l of launched) {
    moldableIds.fill(l.moldableId, at, at + l.resourceIds.size);
    for (const id of l.resourceIds) resourceIds[at++] = id;
  }
  return [
    { name: 'moldable_job_id', type: 'integer', values: moldableIds },
    { name: 'resource_id', type: 'integer', values: resourceIds },
  ];
}
