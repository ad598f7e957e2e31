/**
 * The gantt of a round (R3 flush, R5 saves, R8 copy; database.md §1.5, §4): the planned entries
 * replace `gantt_jobs_predictions` / `gantt_jobs_resources`, then the `_visu` copies. A gantt can
 * hold millions of resource rows (every job of a large cluster planned on thousands of nodes), so
 * the rows go in bulk (bulk.ts), in primary-key order: both engines then append to their B-trees
 * instead of inserting in the middle of them.
 */
import { sql } from 'kysely';
import type { GanttEntry } from '@oar-sched/core';
import { bulkInsert } from '../bulk.js';
import type { Db } from '../connection.js';

/** The gantt becomes exactly the planned entries. */
export async function replaceGantt(tx: Db, gantt: readonly GanttEntry[]): Promise<void> {
  const k = tx.kysely;
  await k.deleteFrom('gantt_jobs_resources').execute();
  await k.deleteFrom('gantt_jobs_predictions').execute();
  const entries = [...gantt].sort((a, b) => a.moldableId - b.moldableId);
  await bulkInsert(tx, 'gantt_jobs_predictions', [
    { name: 'moldable_job_id', type: 'integer', values: entries.map((e) => e.moldableId) },
    { name: 'start_time', type: 'integer', values: entries.map((e) => e.start) },
  ]);
  const { moldableIds, resourceIds } = resourceRows(entries);
  await bulkInsert(tx, 'gantt_jobs_resources', [
    { name: 'moldable_job_id', type: 'integer', values: moldableIds },
    { name: 'resource_id', type: 'integer', values: resourceIds },
  ]);
}

/** One (moldable, resource) row per resource of each entry, resources ascending within an entry (an interval set's order). */
function resourceRows(entries: readonly GanttEntry[]): { moldableIds: Int32Array; resourceIds: Int32Array } {
  let count = 0;
  for (const e of entries) count += e.resourceIds.size;
  const moldableIds = new Int32Array(count);
  const resourceIds = new Int32Array(count);
  let at = 0;
  for (const e of entries) {
    const b = e.resourceIds.bounds;
    moldableIds.fill(e.moldableId, at, at + e.resourceIds.size);
    for (let i = 0; i < b.length; i += 2) for (let id = b[i]!; id <= b[i + 1]!; id++) resourceIds[at++] = id;
  }
  return { moldableIds, resourceIds };
}

/**
 * R8: readers (API, oarstat, drawgantt) see the new plan at once, never an empty one. The copy is
 * OAR's `INSERT INTO …_visu SELECT * FROM …` (the tables have the same columns in the same order):
 * in that exact form SQLite copies the records without decoding them (its transfer
 * optimisation), faster than naming the columns.
 */
export async function copyGanttToVisu(tx: Db): Promise<void> {
  const k = tx.kysely;
  await k.deleteFrom('gantt_jobs_resources_visu').execute();
  await k.deleteFrom('gantt_jobs_predictions_visu').execute();
  await sql`INSERT INTO gantt_jobs_predictions_visu SELECT * FROM gantt_jobs_predictions`.execute(k);
  await sql`INSERT INTO gantt_jobs_resources_visu SELECT * FROM gantt_jobs_resources`.execute(k);
}
