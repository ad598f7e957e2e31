/**
 * `searchMoldable` (core §7.2): the earliest window of one slot set where one moldable of a job
 * fits, according to a find, and passes quotas when asked. It never inserts anything; the only
 * change it may make is splitting the slot that contains `minStart`.
 */
import { reason, type Job, type Moldable, type Found, type SearchOutcome, type Reason } from '@oar-sched/plugin-api';
import type { Slot } from '../slots/slot.js';
import type { SlotSet } from '../slots/slot-set.js';
import { scanWindows } from '../slots/window-scan.js';
import type { RoundState } from './round-state.js';
import { createFindContext } from './find-context.js';
import { availabilityFor } from './shares.js';
import { describeUnsatisfiable } from './unsatisfiable.js';

export interface SearchRequest {
  readonly job: Job;
  readonly slotSet: SlotSet;
  readonly moldable: Moldable;
  readonly minStart: number | undefined;
  /** Name of the find to call per window. */
  readonly findName: string;
  readonly quotas: boolean;
  /** Start from (and let the caller later update) the slot cache. */
  readonly useCache: boolean;
}

/** Left slot of each successful search, for the slot cache (core §7.7). */
export const leftSlotOf = new WeakMap<Found, Slot>();

export function searchMoldable(state: RoundState, request: SearchRequest): SearchOutcome {
  const { job, slotSet, moldable, minStart } = request;
  const hook = state.registry.hooks.find.get(request.findName);
  if (!hook || hook.taps.length === 0) {
    return { found: false, reason: reason('UNKNOWN_FIND_PLUGIN', `no find plugin is registered under "${request.findName}"`) };
  }
  let from: Slot;
  if (minStart !== undefined && minStart > slotSet.begin) {
    if (minStart > slotSet.end) {
      return { found: false, reason: reason('DEPENDENCY', `dependencies only allow a start at ${minStart}, after the end of the horizon`) };
    }
    from = slotSet.slotAt(minStart);
    if (from.begin < minStart) slotSet.splitBefore(from, minStart);
  } else {
    from = (request.useCache && slotSet.cache.get(moldable.cacheKey)) || slotSet.first;
  }
  const W = moldable.effectiveWalltime;
  const context = createFindContext(state, job, moldable, request.findName, hook);
  const hint = state.registry.findSizeHint(request.findName);
  const minSize = hint ? hint(moldable.parts, state.platform.hierarchy) : 0;
  const quotas = request.quotas ? state.quotas : undefined;
  const defaultSet = state.platform.defaultSet;
  // Quota limits only tighten as the job's default-resource count grows, so a window refused for
  // the smallest count the find could return is refused for the real one: skip its find call.
  const minDefault = moldable.parts.every((p) => p.constraint.isSubsetOf(defaultSet)) ? minSize : 0;
  let found: Found | undefined;
  let quotaReason: Reason | undefined;
  let sawResources = false;
  const end = scanWindows({
    from,
    walltime: W,
    availability: availabilityFor(job),
    minSize,
    latestEnd: quotas?.latestEnd,
    visit(left, right, available) {
      if (quotas) {
        const refused = quotas.check(left, right, job, minDefault, W);
        if (refused) {
          quotaReason = refused;
          return false;
        }
      }
      context.available = available;
      context.beginning = left === slotSet.first;
      const resources = hook.call(context);
      if (!resources || resources.isEmpty) return false;
      sawResources = true;
      if (quotas) {
        const n = resources.intersectionSize(defaultSet);
        const refused = quotas.check(left, right, job, n, W);
        if (refused) {
          quotaReason = refused;
          return false;
        }
      }
      found = { found: true, moldableIndex: moldable.index, start: left.begin, end: left.begin + W - 1, resources };
      leftSlotOf.set(found, left);
      return true;
    },
  });
  if (found) return found;
  if (!sawResources) {
    const never = describeUnsatisfiable(state, job, moldable, request.findName);
    if (never) return { found: false, reason: never };
  }
  if (quotaReason) return { found: false, reason: quotaReason };
  if (end === 'latest-end') {
    return {
      found: false,
      reason: reason('WINDOW_TIME_LIMIT', `no window ending before the quotas window time limit (${quotas?.latestEnd}) has the resources`, {
        details: { latestEnd: quotas?.latestEnd },
      }),
    };
  }
  return {
    found: false,
    reason: reason('NO_WINDOW', `no time window of ${W}s before the end of the horizon has the requested resources free`),
  };
}
