import type { IntervalSet, SharingKey } from '@oar-sched/plugin-api';
import type { Slot } from './slot.js';

/**
 * What inserting a job removes from (or, for container inner slot sets, adds to) the slots it
 * covers (core §6.4). `begin`/`end` are inclusive: `end = start + W - 1`.
 */
export interface Occupation {
  readonly begin: number;
  readonly end: number;
  readonly resources: IntervalSet;
  /** Registers the resources as shareable with jobs of this key. */
  readonly timesharing?: SharingKey | undefined;
  /** Registers the resources under this placeholder name. */
  readonly placeholder?: string | undefined;
  /** Consumes the resources from this placeholder name. */
  readonly allow?: string | undefined;
  /** Adds the job to an affected slot's quota counters; absent for uncounted occupations. */
  readonly count?: ((slot: Slot) => void) | undefined;
}
