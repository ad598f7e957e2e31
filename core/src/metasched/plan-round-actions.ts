/**
 * Everything a meta-scheduler round decides around the engine (metascheduler.md §3, R3–R10): the
 * gantt to write, the job messages, the reservation life cycle, besteffort kills, launches, the
 * acknowledgements and notifications, and the exit code. A pure function: the database adapter
 * gathers the inputs, runs the engine, and writes what this returns.
 */
import { IntervalSet } from '@oar-sched/plugin-api';
import { hasJobType } from '../jobs/job-types.js';
import type { JobRecord } from '../model/snapshot.js';
import { queueGroups } from '../round/queue-groups.js';
import { acceptedReservationStep, RESERVATION_EXPIRED_MESSAGE } from './accepted-reservation.js';
import { cannotScheduleMessage, currentJobMessage, plannedJobMessage, withPlannedWalltime, withResourceCount } from './job-message.js';
import {
  CURRENT_STATES,
  EXIT_BESTEFFORT_KILL,
  EXIT_RESERVATION_STARTS_NOW,
  EXIT_ROUND_DONE,
  type GanttEntry,
  type JobOperation,
  type JobState,
  type MetaschedInput,
  type MetaschedJobInfo,
  type RoundActions,
  type RoundNotification,
} from './model.js';
import { timesharingCompatible } from './timesharing.js';

export const RESERVATION_TOO_OLD_MESSAGE = 'Reservation too old';
export const RESERVATION_REFUSED_MESSAGE = 'This advance reservation cannot run';

/** Engine reasons that mean the job's request itself is broken: its message says why. */
const REQUEST_ERROR_KINDS: ReadonlySet<string> = new Set(['error', 'unresolvable']);
const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'REQUEST_INVALID', 'UNKNOWN_LEVEL', 'CONSTRAINT_EMPTY', 'REQUEST_UNSATISFIABLE', 'NO_SLOT_SET',
  'UNKNOWN_FIND_PLUGIN', 'UNKNOWN_ASSIGN_PLUGIN', 'PLUGIN_ERROR',
]);

export function planRoundActions(input: MetaschedInput): RoundActions {
  return new RoundPlanner(input).plan();
}

class RoundPlanner {
  readonly #input: MetaschedInput;
  readonly #now: number;
  readonly #security: number;
  readonly #records: ReadonlyMap<number, JobRecord>;
  readonly #usable: ReadonlySet<number>;
  readonly #absent: ReadonlySet<number>;
  readonly #gantt = new Map<number, GanttEntry>();
  readonly #state = new Map<number, JobState>();
  readonly #messages = new Map<number, string>();
  readonly #ops: JobOperation[] = [];
  readonly #notes: RoundNotification[] = [];
  readonly #toAck: number[] = [];
  #errorsThisRound = 0;

  constructor(input: MetaschedInput) {
    this.#input = input;
    const { snapshot } = input;
    this.#now = snapshot.now;
    this.#security = snapshot.config.jobSecurityTime;
    this.#records = new Map(snapshot.jobs.map((r) => [r.id, r]));
    this.#usable = new Set(snapshot.resources.filter((r) => r.state === 'Alive' || r.state === 'Absent').map((r) => r.id));
    this.#absent = new Set(snapshot.resources.filter((r) => r.state === 'Absent').map((r) => r.id));
    for (const r of snapshot.jobs) {
      this.#state.set(r.id, r.state as JobState);
      this.#messages.set(r.id, this.#info(r.id).message);
    }
  }

  plan(): RoundActions {
    this.#currentJobs();
    this.#keptReservations();
    this.#queueGroups();
    // A kill (or a checkpoint signal before one) postpones every launch of the round (§6.2).
    const { killed, exitCode: killCode } = this.#besteffortKills();
    const launched = killCode === EXIT_BESTEFFORT_KILL ? [] : this.#launches();
    const exitCode = this.#acknowledge(killCode);
    if (this.#errorsThisRound > 0 || killed.length > 0) this.#notes.push({ kind: 'automaton', command: 'ChState' });
    return { gantt: [...this.#gantt.values()], operations: this.#ops, notifications: this.#notes, exitCode, killed, launched };
  }

  // ------------------------------------------------------------------ R3

  /** Running, launching, suspended… jobs: their assigned resources (usable ones only) form their plan. */
  #currentJobs(): void {
    for (const r of this.#input.snapshot.jobs) {
      if (!CURRENT_STATES.has(r.state)) continue;
      const moldableId = this.#info(r.id).moldableIds[r.moldableIndex];
      if (moldableId === undefined) continue;
      const resourceIds = IntervalSet.fromValues((r.resources ?? []).filter((id) => this.#usable.has(id)));
      this.#gantt.set(r.id, { jobId: r.id, moldableId, start: r.startTime ?? this.#now, resourceIds });
      this.#setMessage(r.id, currentJobMessage(this.#messageJob(r), resourceIds.size));
    }
  }

  /** Accepted reservations keep the plan they were given when they were validated. */
  #keptReservations(): void {
    for (const r of this.#input.snapshot.jobs) {
      if (r.reservation !== 'Scheduled' || (r.state !== 'Waiting' && r.state !== 'toAckReservation')) continue;
      const moldableId = this.#info(r.id).moldableIds[r.moldableIndex];
      if (moldableId === undefined || r.startTime === undefined) continue;
      this.#gantt.set(r.id, { jobId: r.id, moldableId, start: r.startTime, resourceIds: IntervalSet.fromValues(r.resources ?? []) });
    }
  }

  // ------------------------------------------------------------------ R5

  #queueGroups(): void {
    const { snapshot, outcomes } = this.#input;
    const jobsOf = (queue: string, pick: (r: JobRecord) => boolean) =>
      snapshot.jobs.filter((r) => r.queue === queue && pick(r)).sort((a, b) => a.id - b.id);
    for (const group of queueGroups(snapshot.queues)) {
      const active = group.filter((q) => q.state === 'Active').map((q) => q.name);
      const waiting = active
        .flatMap((q) => jobsOf(q, (r) => r.state === 'Waiting' && r.reservation === 'None'))
        .sort((a, b) => a.id - b.id);
      for (const r of waiting) {
        const outcome = outcomes.get(r.id);
        if (!outcome) continue;
        if (outcome.scheduled) {
          const moldableId = this.#info(r.id).moldableIds[outcome.moldableIndex];
          if (moldableId === undefined) continue;
          this.#gantt.set(r.id, { jobId: r.id, moldableId, start: outcome.start, resourceIds: outcome.resourceIds });
          this.#setMessage(r.id, plannedJobMessage(this.#messageJob(r), outcome.resourceIds.size, this.#plannedWalltime(r, outcome.moldableIndex), outcome.karma));
          // §5.5: the karma in the message also goes to jobs.last_karma, which oarstat reads.
          if (outcome.karma !== undefined) this.#ops.push({ op: 'karma', jobId: r.id, karma: outcome.karma });
        } else if (REQUEST_ERROR_KINDS.has(outcome.kind ?? '') || REQUEST_ERROR_CODES.has(outcome.code)) {
          this.#setMessage(r.id, cannotScheduleMessage(outcome.message));
        }
      }
      for (const queue of active) {
        for (const r of jobsOf(queue, (j) => j.reservation === 'Scheduled' && j.state === 'Waiting')) this.#acceptedReservation(r);
        for (const r of jobsOf(queue, (j) => j.reservation === 'toSchedule' && j.state === 'Waiting')) this.#newReservation(r);
      }
    }
    // A waiting job of a queue `queues` does not have belongs to no group: OAR never looks at it
    // again, so say why in its message (the engine's reason: QUEUE_NOT_SCHEDULED, unresolvable).
    const declared = new Set(snapshot.queues.map((q) => q.name));
    for (const r of snapshot.jobs) {
      if (declared.has(r.queue) || r.state !== 'Waiting' || r.reservation !== 'None') continue;
      const outcome = outcomes.get(r.id);
      if (outcome && !outcome.scheduled && REQUEST_ERROR_KINDS.has(outcome.kind ?? '')) this.#setMessage(r.id, cannotScheduleMessage(outcome.message));
    }
  }

  #acceptedReservation(r: JobRecord): void {
    const entry = this.#gantt.get(r.id);
    if (!entry) return;
    const step = acceptedReservationStep(entry, this.#plannedWalltime(r, r.moldableIndex), this.#now, this.#input.settings.reservationWaitingTimeout, (id) =>
      this.#usable.has(id),
    );
    switch (step.kind) {
      case 'expired':
        this.#gantt.delete(r.id);
        this.#transition(r.id, 'Waiting', 'Error');
        this.#setMessage(r.id, RESERVATION_EXPIRED_MESSAGE);
        this.#errorsThisRound++;
        return;
      case 'postponed':
        this.#gantt.set(r.id, step.entry);
        return;
      case 'reduced':
        this.#gantt.set(r.id, step.entry);
        this.#event(r.id, 'SCHEDULER_REDUCE_NB_RESSOURCES_FOR_RESERVATION', `[MetaSched] Reduce the number of resources for the job ${r.id}`);
        this.#setMessage(r.id, withResourceCount(this.#messages.get(r.id) ?? '', step.entry.resourceIds.size));
        return;
      case 'unchanged':
        return;
    }
  }

  #newReservation(r: JobRecord): void {
    const outcome = this.#input.outcomes.get(r.id);
    if (!outcome) return;
    if (outcome.scheduled) {
      const moldableId = this.#info(r.id).moldableIds[0];
      if (moldableId === undefined) return;
      this.#transition(r.id, 'Waiting', 'toAckReservation');
      this.#ops.push({ op: 'reservation', jobId: r.id, reservation: 'Scheduled' });
      if (outcome.start !== r.startTime) this.#ops.push({ op: 'startTime', jobId: r.id, startTime: outcome.start });
      this.#gantt.set(r.id, { jobId: r.id, moldableId, start: outcome.start, resourceIds: outcome.resourceIds });
      this.#setMessage(r.id, plannedJobMessage(this.#messageJob(r), outcome.resourceIds.size, this.#plannedWalltime(r, 0)));
      this.#toAck.push(r.id);
      return;
    }
    this.#transition(r.id, 'Waiting', 'toError');
    if (outcome.code === 'RESERVATION_TOO_OLD') {
      this.#setMessage(r.id, RESERVATION_TOO_OLD_MESSAGE);
    } else {
      this.#ops.push({ op: 'reservation', jobId: r.id, reservation: 'Scheduled' });
      this.#setMessage(r.id, RESERVATION_REFUSED_MESSAGE);
    }
  }

  // ------------------------------------------------------------------ R6–R7

  /** Gantt entries of Waiting jobs due within `limit` (newly validated reservations are still toAckReservation). */
  #due(limit: number): GanttEntry[] {
    return [...this.#gantt.values()]
      .filter((e) => this.#state.get(e.jobId) === 'Waiting' && e.start <= limit)
      .sort((a, b) => a.start - b.start || a.jobId - b.jobId);
  }

  #besteffortKills(): { killed: number[]; exitCode: 0 | 2 } {
    const holder = new Map<number, number>();
    for (const [jobId, entry] of this.#gantt) {
      const r = this.#records.get(jobId)!;
      if (CURRENT_STATES.has(r.state) && hasJobType(r.types, 'besteffort')) for (const id of entry.resourceIds) holder.set(id, jobId);
    }
    if (holder.size === 0) return { killed: [], exitCode: EXIT_ROUND_DONE };
    const decided = new Set<number>();
    const killed: number[] = [];
    for (const due of this.#due(this.#now + this.#input.settings.killLookAhead)) {
      const r = this.#records.get(due.jobId)!;
      for (const id of due.resourceIds) {
        const beId = holder.get(id);
        if (beId === undefined || beId === due.jobId || decided.has(beId)) continue;
        const be = this.#records.get(beId)!;
        if (timesharingCompatible(r, be)) continue;
        decided.add(beId);
        const { checkpoint, firstCheckpointEvent } = this.#info(beId);
        if (checkpoint > 0 && (firstCheckpointEvent === undefined || this.#now - firstCheckpointEvent < checkpoint)) {
          if (firstCheckpointEvent === undefined) this.#event(beId, 'CHECKPOINT', `Send the checkpoint signal to the job ${beId}`);
          continue;
        }
        this.#event(beId, 'BESTEFFORT_KILL', `kill the besteffort job ${beId}`);
        this.#ops.push({ op: 'frag', jobId: beId, user: 'oar' });
        killed.push(beId);
      }
    }
    return { killed, exitCode: decided.size > 0 ? EXIT_BESTEFFORT_KILL : EXIT_ROUND_DONE };
  }

  #launches(): number[] {
    const launched: number[] = [];
    for (const due of this.#due(this.#now)) {
      if (this.#holdsAbsent(due.resourceIds)) continue;
      const r = this.#records.get(due.jobId)!;
      let entry = due;
      if (r.reservation === 'Scheduled' && due.start < this.#now) {
        const index = Math.max(0, this.#info(r.id).moldableIds.indexOf(due.moldableId));
        const walltime = r.moldables[index]?.walltime ?? 0;
        const reduced = walltime - (this.#now - due.start);
        if (reduced <= 0) {
          this.#gantt.delete(r.id);
          this.#transition(r.id, 'Waiting', 'Error');
          this.#setMessage(r.id, RESERVATION_EXPIRED_MESSAGE);
          this.#errorsThisRound++;
          continue;
        }
        this.#ops.push({ op: 'walltime', jobId: r.id, moldableId: due.moldableId, walltime: reduced });
        this.#event(r.id, 'REDUCE_RESERVATION_WALLTIME', `Change walltime from ${walltime} to ${reduced}`);
        this.#setMessage(r.id, withPlannedWalltime(this.#messages.get(r.id) ?? '', reduced + this.#security));
        entry = { ...due, start: this.#now };
        this.#gantt.set(r.id, entry);
      }
      this.#ops.push({ op: 'launch', jobId: r.id, moldableId: entry.moldableId, resourceIds: entry.resourceIds });
      this.#state.set(r.id, 'toLaunch');
      this.#notes.push({ kind: 'launch', jobId: r.id });
      launched.push(r.id);
    }
    return launched;
  }

  // ------------------------------------------------------------------ R10

  #acknowledge(killCode: 0 | 2): 0 | 1 | 2 {
    let exitCode: 0 | 1 | 2 = killCode;
    for (const r of this.#input.snapshot.jobs) {
      const info = this.#info(r.id);
      const state = this.#state.get(r.id);
      if (state === 'toError') {
        this.#transition(r.id, 'toError', 'Error');
        this.#errorsThisRound++;
        if (info.infoType && (info.jobType === 'INTERACTIVE' || r.reservation !== 'None')) {
          this.#notes.push({ kind: 'badJob', jobId: r.id, infoType: info.infoType, message: this.#messages.get(r.id) ?? '' });
        }
      } else if (state === 'toAckReservation') {
        this.#transition(r.id, 'toAckReservation', 'Waiting');
        if (info.infoType) this.#notes.push({ kind: 'goodReservation', jobId: r.id, infoType: info.infoType });
        const start = this.#gantt.get(r.id)?.start;
        if (exitCode === EXIT_ROUND_DONE && start !== undefined && start - 1 <= this.#now) exitCode = EXIT_RESERVATION_STARTS_NOW;
      } else if (state === 'Waiting' && info.jobType === 'INTERACTIVE' && r.reservation === 'None' && info.infoType) {
        const entry = this.#gantt.get(r.id);
        if (entry) this.#notes.push({ kind: 'startPrediction', jobId: r.id, infoType: info.infoType, start: entry.start, message: this.#messages.get(r.id) ?? '' });
      } else if (state === 'toLaunch' && r.state === 'toLaunch') {
        // Launched by an earlier round whose notification may have been lost: OAR re-sends it every round.
        this.#notes.push({ kind: 'launch', jobId: r.id });
      }
    }
    return exitCode;
  }

  // ------------------------------------------------------------------ helpers

  /** Whether a plan uses an Absent resource (few are Absent: each is looked up in the plan). */
  #holdsAbsent(resourceIds: IntervalSet): boolean {
    for (const id of this.#absent) if (resourceIds.has(id)) return true;
    return false;
  }

  #info(jobId: number): MetaschedJobInfo {
    return this.#input.info.get(jobId) ?? { jobType: 'PASSIVE', infoType: null, checkpoint: 0, moldableIds: [], message: '' };
  }

  #messageJob(r: JobRecord) {
    return { queue: r.queue, name: r.name, jobType: this.#info(r.id).jobType };
  }

  /** Planned walltime of a moldable: requested walltime plus the security time. */
  #plannedWalltime(r: JobRecord, moldableIndex: number): number {
    return (r.moldables[moldableIndex]?.walltime ?? 0) + this.#security;
  }

  #transition(jobId: number, from: JobState, to: JobState): void {
    this.#ops.push({ op: 'transition', jobId, from, to });
    this.#state.set(jobId, to);
  }

  #setMessage(jobId: number, message: string): void {
    if (this.#messages.get(jobId) === message) return;
    this.#messages.set(jobId, message);
    this.#ops.push({ op: 'message', jobId, message });
  }

  #event(jobId: number, type: string, description: string): void {
    this.#ops.push({ op: 'event', jobId, type, description });
  }
}
