/**
 * The free set a job sees in one slot (core §7.3, §11.2, §12): plain jobs see `free`;
 * timesharing jobs also see resources shared by compatible timesharing jobs; `allow=` jobs also
 * see their placeholder's resources.
 */
import type { IntervalSet, Job } from '@oar-sched/plugin-api';
import type { Slot } from '../slots/slot.js';

export type SlotAvailability = (slot: Slot) => IntervalSet;

export const plainAvailability: SlotAvailability = (slot) => slot.free;

/** `undefined` for plain jobs (callers then use `slot.free` directly, the fast path). */
export function availabilityFor(job: Job): SlotAvailability | undefined {
  const timesharing = job.timesharing !== undefined;
  const allow = job.allow;
  if (!timesharing && allow === undefined) return undefined;
  return (slot) => {
    let set = slot.free;
    if (timesharing) {
      const shared = timesharingShare(slot, job);
      if (shared) set = set.union(shared);
    }
    if (allow !== undefined) {
      const reserved = slot.placeholders?.get(allow);
      if (reserved) set = set.union(reserved);
    }
    return set;
  };
}

/**
 * Shares are looked up with the candidate's real user and name (not its own key): the `*` user
 * map wins when present, otherwise the user's own map; inside it `*` wins over the job name.
 */
function timesharingShare(slot: Slot, job: Job): IntervalSet | undefined {
  const ts = slot.timesharing;
  if (!ts) return undefined;
  const byName = ts.get('*') ?? ts.get(job.user);
  if (!byName) return undefined;
  return byName.get('*') ?? byName.get(job.name ?? '');
}
