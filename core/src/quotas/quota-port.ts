/**
 * What the round needs from the quotas module (core §15–16). The round works without one
 * (quotas disabled); the quotas module implements it when `config.quotas.enabled`.
 */
import type { Job, Reason } from '@oar-sched/plugin-api';
import type { Slot, SlotCounters } from '../slots/slot.js';
import type { RuleBoundaries } from '../slots/slot-set.js';

export interface QuotaPort {
  /** Temporal-quota rule boundaries, when the rules document has a calendar. */
  readonly calendar: RuleBoundaries | undefined;
  /** `now + windowTimeLimit`: with a calendar, quota-checked jobs must end by then (§16.5). */
  readonly latestEnd: number | undefined;
  /** Empty counters for the first slot of a new slot set. */
  newCounters(): SlotCounters;
  /** Adds a job of `n` default resources and effective walltime `W` to a slot's counters (§15.3). */
  counter(job: Job, n: number, walltime: number): (slot: Slot) => void;
  /** Checks a candidate window `left..right` (§15.4); a reason naming the rule when it fails. */
  check(left: Slot, right: Slot, job: Job, n: number, walltime: number): Reason | undefined;
}
