/**
 * R3–R8 write side: what the meta-scheduler decided, written in the round's transaction
 * (database.md §4 "queries of one round", §6): the gantt (write-gantt.ts), the job operations
 * (job-operations.ts), then the `_visu` copy. State changes are guarded by their exact source
 * state: a job that another OAR process moved meanwhile is left alone (and, for a launch, nothing
 * else of it is written).
 */
import type { RoundActions } from '@oar-sched/core';
import type { Db } from '../connection.js';
import { applyJobOperations, type OperationsReport } from './job-operations.js';
import type { GanttBefore } from './gantt-before.js';
import { ganttPlan } from './gantt-plan.js';
import { writeGantt, writeGanttVisu } from './write-gantt.js';

export type WriteReport = OperationsReport;

/** `gantt`: what the gantt tables hold at the transaction's start, as far as it is known (gantt-before.ts). */
export async function writeRoundActions(tx: Db, actions: RoundActions, now: number, gantt?: GanttBefore): Promise<WriteReport> {
  const plan = ganttPlan(actions.gantt);
  await gantt?.beforeWrites?.(plan.intervals);
  await writeGantt(tx, plan, gantt?.gantt);
  const report = await applyJobOperations(tx, actions.operations, now);
  await writeGanttVisu(tx, plan, gantt?.visu);
  // Both tables now hold exactly the plan's rows.
  await gantt?.remember?.(plan.intervals);
  return report;
}
