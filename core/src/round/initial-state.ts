/**
 * The slot sets before any waiting job is placed (core §8.2): the default slot set over
 * `[now, MAX_TIME]`, availability limits, then already running or planned jobs.
 */
import { IntervalSet, type Job } from '@oar-sched/plugin-api';
import { MAX_TIME } from '../model/time.js';
import { createSlotSet, openContainer } from './containers.js';
import { insertJob } from './insert-job.js';
import type { RoundState } from './round-state.js';

export function createDefaultSlotSet(state: RoundState): void {
  const { platform } = state;
  const slotSet = createSlotSet(state, 'default', platform.usable);
  state.slotSets.set('default', slotSet);
  // Availability limits (§3.3): resources with `availableUpto = T` are usable until T - 1 only.
  // These pseudo-occupations are never counted in quotas.
  for (const [limit, resources] of platform.usableUntil) slotSet.occupy({ begin: limit, end: MAX_TIME, resources });
}

/** Occupation length of a pre-occupying job: its moldable's walltime + security time + suspended time. */
export function preoccupyingWalltime(state: RoundState, job: Job): number {
  const moldable = job.moldables[job.record.moldableIndex] ?? job.moldables[0];
  return (moldable?.effectiveWalltime ?? state.config.jobSecurityTime) + job.record.suspendedDuration;
}

/** Positions held by a pre-occupying job; a suspended job releases its suspendable resources. */
function heldResources(state: RoundState, job: Job): IntervalSet {
  const held = state.platform.indicesOfIds(job.record.resources ?? []);
  return job.record.state === 'Suspended' ? held.difference(state.platform.suspendableSet) : held;
}

/**
 * Inserts pre-occupying jobs in `(start, id)` order (bulk insertion must be sorted). Containers
 * first open their inner slot sets, all of them before any job is inserted, so inner jobs always
 * find their container's resources.
 */
export function insertPreoccupying(state: RoundState, jobs: readonly Job[]): void {
  const sorted = [...jobs].sort((a, b) => (a.record.startTime ?? 0) - (b.record.startTime ?? 0) || a.id - b.id);
  for (const job of sorted) {
    if (job.container === undefined) continue;
    const start = Math.max(job.record.startTime ?? state.now, state.now);
    const inner = preoccupyingWalltime(state, job) - state.config.jobSecurityTime;
    openContainer(state, job.container, start, inner, heldResources(state, job));
  }
  for (const job of sorted) {
    const slotSet = state.slotSets.get(job.slotSetName);
    if (!slotSet) {
      state.warnings.push(`job ${job.id} runs in unknown container slot set "${job.slotSetName}": ignored`);
      continue;
    }
    insertJob(state, slotSet, job, job.record.startTime ?? state.now, preoccupyingWalltime(state, job), heldResources(state, job));
  }
}
