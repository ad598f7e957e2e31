/**
 * An accepted advance reservation that has not started (metascheduler.md §7.3): expired, waiting
 * for missing resources, or starting on what is left once the waiting timeout has passed.
 */
import type { IntervalSet } from '@oar-sched/plugin-api';
import type { GanttEntry } from './model.js';

export type AcceptedReservationStep =
  | { readonly kind: 'expired' }
  | { readonly kind: 'postponed'; readonly entry: GanttEntry }
  | { readonly kind: 'reduced'; readonly entry: GanttEntry; readonly missing: IntervalSet }
  | { readonly kind: 'unchanged' };

export const RESERVATION_EXPIRED_MESSAGE = "Reservation expired and couldn't be started.";

/**
 * `plannedWalltime` includes the security time. `usable` tells whether a resource can be used now
 * (Alive or Absent). Never deletes every resource of a reservation (OAR3 does, [ref-bug] S07c).
 */
export function acceptedReservationStep(
  entry: GanttEntry,
  plannedWalltime: number,
  now: number,
  waitingTimeout: number,
  usable: (resourceId: number) => boolean,
): AcceptedReservationStep {
  if (now > entry.start + plannedWalltime) return { kind: 'expired' };
  if (entry.start >= now) return { kind: 'unchanged' };
  const available = entry.resourceIds.filter(usable);
  if (available.size === entry.resourceIds.size) return { kind: 'unchanged' };
  if (available.isEmpty || entry.start + waitingTimeout > now) return { kind: 'postponed', entry: { ...entry, start: now + 1 } };
  return { kind: 'reduced', entry: { ...entry, resourceIds: available }, missing: entry.resourceIds.filter((id) => !usable(id)) };
}
