/**
 * The gantt of a round (R3 flush, R5 saves, R8 copy; database.md §1.5, §4): `gantt_jobs_predictions`
 * / `gantt_jobs_resources` become exactly the planned entries, then the `_visu` copies become the
 * same. Both are written as the difference with what the tables hold (sync-gantt.ts): the rows
 * are those of OAR's delete-everything-and-insert, without rewriting the millions of rows a large
 * plan keeps from one round to the next.
 */
import type { Db } from '../connection.js';
import type { GanttPlan } from './gantt-plan.js';
import type { GanttTableBefore } from './gantt-before.js';
import { GANTT, GANTT_VISU, syncGantt, type SyncReport } from './sync-gantt.js';

/** R3–R5: the gantt becomes exactly the plan. `before`: what it holds, as far as known (gantt-before.ts). */
export function writeGantt(tx: Db, plan: GanttPlan, before?: GanttTableBefore): Promise<SyncReport> {
  return syncGantt(tx, GANTT, plan, { before });
}

/**
 * R8: readers (API, oarstat, drawgantt) see the new plan at once, never an empty one. The `_visu`
 * tables are compared on their own (something else may have written them) with the same plan,
 * which is the gantt's content once `writeGantt` has run: the job operations written in between
 * never touch the gantt tables. An empty copy is filled from the gantt tables (OAR's
 * `INSERT … SELECT *`).
 */
export function writeGanttVisu(tx: Db, plan: GanttPlan, before?: GanttTableBefore): Promise<SyncReport> {
  return syncGantt(tx, GANTT_VISU, plan, { copyFrom: GANTT, before });
}
