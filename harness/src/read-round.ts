/**
 * What a harness round gives back: the round's own result (exit code, launches, the engine's
 * reasons) and the database after it (plan, states, messages, events, state logs), as plain
 * objects keyed by job id.
 */
import type { RoundResult } from '@oar-sched/core';
import type { DbConnection, DbRoundResult } from '@oar-sched/db';
import type { RecordedCall } from '@oar-sched/notify';
import type { Reason } from '@oar-sched/plugin-api';

/** One job's place in the gantt after the round. */
export interface PlannedJob {
  /** Epoch seconds. */
  readonly start: number;
  /** Last second of the job, inclusive: `start + walltime + security time − 1`. */
  readonly end: number;
  /** Resource ids, ascending. */
  readonly resources: readonly number[];
  /** Index of the chosen moldable in the job's request (the n-th `-l`, from 0). */
  readonly moldable: number;
  /** Its `moldable_id`. */
  readonly moldableId: number;
}

/** An `event_logs` row. */
export interface EventRow {
  readonly type: string;
  readonly jobId: number;
  readonly date: number;
  readonly description: string;
}

/** A `job_state_logs` row (`stop` 0: still in that state). */
export interface StateLogRow {
  readonly jobId: number;
  readonly state: string;
  readonly start: number;
  readonly stop: number;
}

/** The outcome of `harness.round()`. */
export interface HarnessRound {
  /** The round's time. */
  readonly now: number;
  /** OAR's exit code: 0 done, 1 a reservation starts now (run another round), 2 besteffort jobs to kill first. */
  readonly exitCode: 0 | 1 | 2;
  /** The whole gantt after the round, by job id: waiting jobs planned, running jobs, accepted reservations. */
  readonly plan: Readonly<Record<number, PlannedJob>>;
  /** Jobs launched by this round (now `toLaunch`), ascending. */
  readonly launched: readonly number[];
  /** Every job's state after the round, by job id. */
  readonly states: Readonly<Record<number, string>>;
  /** Every job's `jobs.message` after the round (e.g. `R=1,W=120,J=P,Q=default`). */
  readonly messages: Readonly<Record<number, string>>;
  /** The whole `event_logs` table after the round, in id order. */
  readonly events: readonly EventRow[];
  /** The whole `job_state_logs` table after the round, in id order. */
  readonly stateLogs: readonly StateLogRow[];
  /** Notifications this round sent (recorded, never sent): launches, automaton commands, oarsub answers. */
  readonly notifications: readonly RecordedCall[];
  /** What the round noticed without stopping (plugin observer errors, skipped writes, …). */
  readonly warnings: readonly string[];
  /**
   * Why a job this round decided is not planned: the engine's structured reason (`code`, `kind`,
   * `message`, `plugin` on `PLUGIN_ERROR`, `details`). Undefined for a planned job and for a job
   * the engine did not decide this round (not waiting, or in a queue that was not scheduled).
   */
  explain(jobId: number): Reason | undefined;
}

export async function readRound(db: DbConnection, round: DbRoundResult, result: RoundResult | undefined, securityTime: number, notifications: readonly RecordedCall[]): Promise<HarnessRound> {
  const k = db.kysely;
  const gantt = round.actions.gantt;
  const jobIds = [...new Set(gantt.map((g) => g.jobId))];
  const moldables =
    jobIds.length === 0
      ? []
      : await k.selectFrom('moldable_job_descriptions').select(['moldable_id', 'moldable_job_id', 'moldable_walltime']).where('moldable_job_id', 'in', jobIds).orderBy('moldable_id').execute();
  const plan: Record<number, PlannedJob> = {};
  for (const g of gantt) {
    const own = moldables.filter((m) => Number(m.moldable_job_id) === g.jobId);
    const index = own.findIndex((m) => Number(m.moldable_id) === g.moldableId);
    const walltime = Number(own[index]?.moldable_walltime ?? 0) + securityTime;
    const decision = result?.decisions.get(g.jobId);
    plan[g.jobId] = {
      start: g.start,
      end: decision?.scheduled === true ? decision.placement.end : g.start + walltime - 1,
      resources: [...g.resourceIds].sort((a, b) => a - b),
      moldable: index,
      moldableId: g.moldableId,
    };
  }
  const states: Record<number, string> = {};
  const messages: Record<number, string> = {};
  for (const row of await k.selectFrom('jobs').select(['job_id', 'state', 'message']).orderBy('job_id').execute()) {
    states[Number(row.job_id)] = String(row.state);
    messages[Number(row.job_id)] = String(row.message ?? '');
  }
  const events = (await k.selectFrom('event_logs').select(['type', 'job_id', 'date', 'description']).orderBy('event_id').execute()).map((e) => ({
    type: String(e.type),
    jobId: Number(e.job_id),
    date: Number(e.date),
    description: String(e.description),
  }));
  const stateLogs = (await k.selectFrom('job_state_logs').select(['job_id', 'job_state', 'date_start', 'date_stop']).orderBy('job_state_log_id').execute()).map((l) => ({
    jobId: Number(l.job_id),
    state: String(l.job_state),
    start: Number(l.date_start),
    stop: Number(l.date_stop),
  }));
  return {
    now: round.now,
    exitCode: round.exitCode,
    plan,
    launched: [...round.actions.launched].sort((a, b) => a - b),
    states,
    messages,
    events,
    stateLogs,
    notifications,
    warnings: round.warnings,
    explain(jobId) {
      const d = result?.decisions.get(jobId);
      return d !== undefined && !d.scheduled ? d.reason : undefined;
    },
  };
}
