import type { Hierarchy } from './hierarchy.js';
import type { IntervalSet } from './interval-set.js';
import type { ResourceRecord } from './records.js';

/** Read-only view of a slot (positions). */
export interface SlotView {
  readonly id: number;
  readonly begin: number;
  readonly end: number;
  readonly free: IntervalSet;
  readonly prev: SlotView | undefined;
  readonly next: SlotView | undefined;
}

/** Read-only view of a slot set. Plugins change slot sets only by returning placements. */
export interface SlotSetView {
  readonly name: string;
  readonly begin: number;
  readonly end: number;
  readonly first: SlotView;
  readonly last: SlotView;
  slots(): IterableIterator<SlotView>;
}

/** Read-only view of the round's resources. All sets are positions in resource order. */
export interface PlatformView {
  /** Resources in position order. */
  readonly resources: readonly ResourceRecord[];
  readonly usable: IntervalSet;
  readonly defaultSet: IntervalSet;
  readonly hierarchy: Hierarchy;
  /** Positions → resource ids (for messages and logs). */
  idsOf(positions: IntervalSet): IntervalSet;
}
