/**
 * `job_state_logs` after state changes (database.md §4 "state change statement"): each job's open
 * log (`date_stop = 0`) is closed at `now` and a new one opened for its new state.
 */
import type { JobState } from '@oar-sched/core';
import { bulkInsert, bulkStatement, integerLiteral, withRows, type BulkColumn } from '../bulk.js';
import type { Db } from '../connection.js';

/**
 * Logs that each job entered `state` at `now`; the new rows get their ids in the jobs' order. The
 * jobs must be distinct: for one job twice, one by one would close the first new log, here both
 * would stay open.
 */
export async function logStates(tx: Db, jobIds: readonly number[], state: JobState, now: number): Promise<void> {
  if (jobIds.length === 0) return;
  if (new Set(jobIds).size !== jobIds.length) throw new TypeError('logStates: a job is listed twice');
  const jobs: BulkColumn = { name: 'job_id', type: 'integer', values: jobIds };
  await bulkStatement(
    tx,
    [jobs],
    (rows) => `${withRows(rows, [jobs])} UPDATE job_state_logs SET date_stop = ${integerLiteral(now)} FROM v WHERE job_state_logs.job_id = v.job_id AND job_state_logs.date_stop = 0`,
  );
  await bulkInsert(tx, 'job_state_logs', [
    jobs,
    { name: 'job_state', type: 'text', values: jobIds.map(() => state) },
    { name: 'date_start', type: 'integer', values: jobIds.map(() => now) },
    { name: 'date_stop', type: 'integer', values: jobIds.map(() => 0) },
  ]);
}
