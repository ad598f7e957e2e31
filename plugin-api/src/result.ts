/**
 * What a round returns (and what `roundDone` observers receive): plain, complete, frozen data.
 * Nothing in it is a live engine object: slot sets, the platform and the jobs stay inside the
 * round. Resource ids are database ids, written as canonical set text (`"1-16 22"`);
 * `PlacedJob.resources` keeps the positions for code that works with the hooks' sets. See
 * docs/architecture.md, "RoundResult".
 */
import type { IntervalSet } from './interval-set.js';
import type { Reason } from './reason.js';

/** Where and when a job was placed. */
export interface PlacedJob {
  readonly start: number;
  /** Last second of the occupation, inclusive: `start + walltime - 1`. */
  readonly end: number;
  /** Effective walltime: the moldable's walltime + job security time (+ suspended time). */
  readonly walltime: number;
  readonly moldableIndex: number;
  /**
   * Resource ids as canonical set text (`"1-16 22"`: ascending, maximal intervals; scenario-format
   * §10). `parseIntervalSet(text)` turns it into a set whose `values()` are the ids. Text, not an
   * array: a round on a large cluster places millions of resources.
   */
  readonly resourceIds: string;
  /** The same resources as positions in the round's resource order (the sets hooks exchange). */
  readonly resources: IntervalSet;
}

/** One waiting job's or new reservation's outcome. */
export type Decision =
  | {
      readonly scheduled: true;
      readonly placement: PlacedJob;
      /** The fair-share karma the sorting policy reported for the job (`SortContext.reportKarma`), if any. */
      readonly karma?: number;
    }
  | { readonly scheduled: false; readonly reason: Reason };

/** One slot of a slot set's final plan. */
export interface PlanSlot {
  readonly begin: number;
  /** Inclusive. */
  readonly end: number;
  /** Resource ids free during the whole slot, as canonical set text (`"1-16 22"`, empty when none). */
  readonly free: string;
}

/** The final plan of one slot set (`default`, or a container's inner slot set). */
export interface SlotSetPlan {
  readonly name: string;
  readonly begin: number;
  readonly end: number;
  readonly slotCount: number;
  /** In time order, contiguous from `begin` to `end`. */
  readonly slots: readonly PlanSlot[];
}

/** A resource property an `extraMetasched` hook changed (applied when the hook returned). */
export interface PropertyChange {
  readonly resourceId: number;
  readonly property: string;
  readonly value: string | number;
  /** The queue group the hook was called for. */
  readonly queues: readonly string[];
}

/** Positions → ids for the positions a result holds (`PlacedJob.resources`). */
export interface RoundPlatform {
  /** `resourceIds[p]` is the id of the resource at position `p`. */
  readonly resourceIds: readonly number[];
  /** Resource ids of a set of positions. */
  idsOf(positions: IntervalSet): IntervalSet;
}

export interface RoundResult {
  readonly now: number;
  /** Every waiting job and new reservation of the snapshot, by id (ascending). */
  readonly decisions: ReadonlyMap<number, Decision>;
  /** The plan of every slot set, by name (`default` first). */
  readonly slotSets: ReadonlyMap<string, SlotSetPlan>;
  /** Property changes made by `extraMetasched` hooks, in the order they were applied. */
  readonly propertyChanges: readonly PropertyChange[];
  readonly warnings: readonly string[];
  readonly platform: RoundPlatform;
}
