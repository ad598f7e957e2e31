/**
 * The meta-scheduler's view of one round (metascheduler.md §3–§13): what it needs beyond the
 * engine's snapshot, and the decisions it hands to the adapter that writes them. Plain data, no
 * database: the database adapter reads these inputs, runs the engine, calls `planRoundActions`
 * and applies the operations in one transaction, then sends the notifications.
 */
import type { IntervalSet } from '@oar-sched/plugin-api';
import type { Snapshot } from '../model/snapshot.js';

/** OAR job states (`jobs.state`, database.md table `jobs`), in OAR's order. */
export const JOB_STATES = [
  'Waiting',
  'Hold',
  'toLaunch',
  'toError',
  'toAckReservation',
  'Launching',
  'Running',
  'Suspended',
  'Resuming',
  'Finishing',
  'Terminated',
  'Error',
] as const;

export type JobState = (typeof JOB_STATES)[number];

/** Jobs whose assigned resources are written into the gantt every round (R3.3). */
export const CURRENT_STATES: ReadonlySet<string> = new Set(['Running', 'toLaunch', 'Launching', 'Finishing', 'Suspended', 'Resuming']);

/** What a job row carries that the engine's `JobRecord` does not. */
export interface MetaschedJobInfo {
  readonly jobType: 'INTERACTIVE' | 'PASSIVE';
  /** `host:port` of the waiting submitter (interactive jobs, reservations); `null` when none. */
  readonly infoType: string | null;
  /** Seconds a besteffort job may take to checkpoint before it is killed (0: kill at once). */
  readonly checkpoint: number;
  /** Moldable ids (`moldable_job_descriptions.moldable_id`) by moldable index. */
  readonly moldableIds: readonly number[];
  /** `jobs.message` before the round (rewritten only when it changes). */
  readonly message: string;
  /** Date of the job's first `CHECKPOINT` event, if it has one. */
  readonly firstCheckpointEvent?: number | undefined;
}

/**
 * The engine's outcome for a waiting job or a new reservation, with its resource ids (the
 * placement's positions turned into ids: `RoundResult.platform.idsOf`).
 */
export type PlannedOutcome =
  | {
      readonly scheduled: true;
      readonly start: number;
      readonly moldableIndex: number;
      readonly resourceIds: IntervalSet;
      /** The fair-share karma the sorting policy computed (`Decision.karma`): written into the message and `jobs.last_karma`. */
      readonly karma?: number | undefined;
    }
  | { readonly scheduled: false; readonly code: string; readonly message: string; readonly kind?: string | undefined };

export interface MetaschedSettings {
  /** `SCHEDULER_BESTEFFORT_KILL_DURATION_BEFORE_RESERVATION`: look-ahead of besteffort kills (s). */
  readonly killLookAhead: number;
  /** `RESERVATION_WAITING_RESOURCES_TIMEOUT`: how long an accepted reservation waits for missing resources (s). */
  readonly reservationWaitingTimeout: number;
}

export interface MetaschedInput {
  /** The snapshot the engine ran on (pre-occupying jobs: current jobs and accepted reservations with their gantt). */
  readonly snapshot: Snapshot;
  readonly info: ReadonlyMap<number, MetaschedJobInfo>;
  /** Engine outcomes, by job id, for every waiting job and new reservation it decided. */
  readonly outcomes: ReadonlyMap<number, PlannedOutcome>;
  readonly settings: MetaschedSettings;
}

/**
 * One job of the gantt after the round: its `gantt_jobs_predictions` row (moldable id, start) and
 * its `gantt_jobs_resources` rows (one per resource id). Plain data.
 */
export interface GanttEntry {
  readonly jobId: number;
  readonly moldableId: number;
  /** Planned start, epoch seconds. */
  readonly start: number;
  /**
   * The resource ids, as the engine places them: an interval set (immutable, sorted, disjoint
   * intervals; iterate it or read `bounds`). A large round plans millions of (job, resource) rows
   * in a few thousand intervals: they go from the engine's placement to the database writer
   * without one JavaScript number per id. Empty: a prediction without resource rows.
   */
  readonly resourceIds: IntervalSet;
}

/**
 * A write, in the order the round decided it. State changes are guarded by their exact source
 * state (database.md §6.2): the adapter applies a `transition` only if the job is still in
 * `from`; a `launch` is a guarded `Waiting → toLaunch` plus `start_time = now`,
 * `assigned_moldable_job` and `assigned_resources`, all or nothing.
 */
export type JobOperation =
  | { readonly op: 'transition'; readonly jobId: number; readonly from: JobState; readonly to: JobState }
  | { readonly op: 'message'; readonly jobId: number; readonly message: string }
  | { readonly op: 'karma'; readonly jobId: number; readonly karma: number }
  | { readonly op: 'reservation'; readonly jobId: number; readonly reservation: 'Scheduled' }
  | { readonly op: 'startTime'; readonly jobId: number; readonly startTime: number }
  | { readonly op: 'walltime'; readonly jobId: number; readonly moldableId: number; readonly walltime: number }
  | { readonly op: 'event'; readonly jobId: number; readonly type: string; readonly description: string }
  | { readonly op: 'frag'; readonly jobId: number; readonly user: string }
  | { readonly op: 'launch'; readonly jobId: number; readonly moldableId: number; readonly resourceIds: IntervalSet };

/** Sent after the round's transaction commits; a failure is logged and changes nothing. */
export type RoundNotification =
  | { readonly kind: 'launch'; readonly jobId: number }
  | { readonly kind: 'automaton'; readonly command: 'ChState' | 'Qdel' }
  | { readonly kind: 'goodReservation'; readonly jobId: number; readonly infoType: string }
  | { readonly kind: 'badJob'; readonly jobId: number; readonly infoType: string; readonly message: string }
  | { readonly kind: 'startPrediction'; readonly jobId: number; readonly infoType: string; readonly start: number; readonly message: string };

/** Exit codes of a round for OAR's central automaton (metascheduler.md §12). */
export const EXIT_ROUND_DONE = 0;
export const EXIT_RESERVATION_STARTS_NOW = 1;
export const EXIT_BESTEFFORT_KILL = 2;

export interface RoundActions {
  /** The whole gantt after the round, one entry per moldable: the adapter makes the gantt exactly this. */
  readonly gantt: readonly GanttEntry[];
  readonly operations: readonly JobOperation[];
  readonly notifications: readonly RoundNotification[];
  readonly exitCode: 0 | 1 | 2;
  /** Besteffort jobs fragged (killed) this round. */
  readonly killed: readonly number[];
  /** Jobs launched this round (before the adapter's guards). */
  readonly launched: readonly number[];
}
