/**
 * New advance reservations (core §9): checked at their exact start, in the default slot set,
 * first moldable only, with the default find; accepted ones are inserted, others rejected.
 */
import { reason, IntervalSet, type Job, type Reason } from '@oar-sched/plugin-api';
import type { Slot } from '../slots/slot.js';
import { createFindContext } from './find-context.js';
import { insertJob } from './insert-job.js';
import { pluginErrorReason } from './plugin-error.js';
import type { RoundState, ScheduledJob } from './round-state.js';
import { availabilityFor } from './shares.js';
import { probeReservation } from './search-probe.js';

export function scheduleReservation(state: RoundState, job: Job): ScheduledJob | Reason {
  if (job.requestError) return reason('REQUEST_INVALID', job.requestError);
  const moldable = job.moldables[0]!;
  const W = moldable.effectiveWalltime;
  const requested = job.record.startTime ?? state.now;
  if (state.now >= requested + W) {
    return reason('RESERVATION_TOO_OLD', `the reservation ended before now (start ${requested} + ${W}s ≤ ${state.now})`);
  }
  const start = Math.max(requested, state.now);
  const slotSet = state.slotSets.get('default')!;
  const window = reservationWindow(state, job, start);
  if (window && state.probe?.jobId === job.id) probeReservation(state, state.probe, job, start, window);
  const hook = state.registry.hooks.find.get('default');
  if (!window || !hook) {
    return reason('RESERVATION_UNAVAILABLE', 'the reservation lies outside the scheduling horizon');
  }
  const { left, right, available } = window;
  const context = createFindContext(state, job, moldable, 'default', hook);
  context.available = available;
  context.beginning = left === slotSet.first;
  let resources;
  try {
    resources = hook.call(context);
  } catch (e) {
    return pluginErrorReason(state.registry, e, 'find plugin failed');
  }
  if (!resources || resources.isEmpty) {
    return reason('RESERVATION_UNAVAILABLE', `the requested resources are not free at the reserved time ${start}`);
  }
  if (state.quotas) {
    const refused = state.quotas.check(left, right, job, resources.intersectionSize(state.platform.defaultSet), W);
    if (refused) return refused;
  }
  insertJob(state, slotSet, job, start, W, resources, left);
  return { job, start, walltime: W, moldableIndex: 0, resources };
}

/**
 * The slots a new reservation is checked on and its free set over them: the slots containing
 * `start` … `start + walltime` (the raw walltime plus one second, OAR3: the security-time tail is
 * not checked), timesharing/allow shares included. `undefined` outside the horizon.
 */
export function reservationWindow(state: RoundState, job: Job, start: number): { left: Slot; right: Slot; available: IntervalSet } | undefined {
  const checkEnd = start + job.moldables[0]!.walltime;
  const availability = availabilityFor(job);
  let left: Slot | undefined;
  let right: Slot | undefined;
  let available: IntervalSet | undefined;
  for (const slot of state.slotSets.get('default')!.slots()) {
    if (slot.end < start) continue;
    if (slot.begin > checkEnd) break;
    left ??= slot;
    right = slot;
    const free = availability ? availability(slot) : slot.free;
    available = available ? available.intersect(free) : free;
  }
  return left && right && available ? { left, right, available } : undefined;
}
