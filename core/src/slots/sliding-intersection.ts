/**
 * The intersection of the free sets of a sliding run of consecutive slots, in O(1) amortised
 * intersections per slot (the classic two-stack queue aggregation): slots enter at the back and
 * leave at the front; the front stack holds suffix intersections, the back a running one.
 * Lazy: it only covers the windows it is asked about, and restarts when asked about a window
 * that does not overlap what it holds.
 */
import type { IntervalSet } from '@oar-sched/plugin-api';
import type { Slot } from './slot.js';

export class SlidingIntersection {
  /** Oldest slot last; `frontAggregates[i]` = ∩ of `frontSlots[0..i]`'s sets. */
  readonly #frontSlots: Slot[] = [];
  readonly #frontAggregates: IntervalSet[] = [];
  readonly #back: Slot[] = [];
  #backAggregate: IntervalSet | undefined;
  #newest: Slot | undefined;
  /** Intersections computed, for the benchmark's cost model. */
  intersections = 0;

  constructor(private readonly setOf: (slot: Slot) => IntervalSet) {}

  /** ∩ of the sets of every slot from `left` to `right` (inclusive, `left` not after `right`). */
  over(left: Slot, right: Slot): IntervalSet {
    if (!this.#newest || this.#newest.begin < left.begin) this.#reset();
    else this.#dropBefore(left);
    for (let s: Slot | undefined = this.#newest ? this.#newest.next : left; s && s.begin <= right.begin; s = s.next) {
      this.#push(s);
    }
    const front = this.#frontAggregates[this.#frontAggregates.length - 1];
    const back = this.#backAggregate;
    if (front && back) return this.#intersect(front, back);
    return (front ?? back)!;
  }

  #reset(): void {
    this.#frontSlots.length = 0;
    this.#frontAggregates.length = 0;
    this.#back.length = 0;
    this.#backAggregate = undefined;
    this.#newest = undefined;
  }

  #push(slot: Slot): void {
    const set = this.setOf(slot);
    this.#backAggregate = this.#backAggregate ? this.#intersect(this.#backAggregate, set) : set;
    this.#back.push(slot);
    this.#newest = slot;
  }

  #dropBefore(left: Slot): void {
    for (;;) {
      if (this.#frontSlots.length === 0) {
        if (this.#back.length === 0 || this.#back[0]!.begin >= left.begin) return;
        this.#flip();
      }
      const oldest = this.#frontSlots[this.#frontSlots.length - 1]!;
      if (oldest.begin >= left.begin) return;
      this.#frontSlots.pop();
      this.#frontAggregates.pop();
    }
  }

  /** Moves the back stack to the front, computing suffix intersections newest → oldest. */
  #flip(): void {
    let aggregate: IntervalSet | undefined;
    for (let i = this.#back.length - 1; i >= 0; i--) {
      const slot = this.#back[i]!;
      const set = this.setOf(slot);
      aggregate = aggregate ? this.#intersect(set, aggregate) : set;
      this.#frontSlots.push(slot);
      this.#frontAggregates.push(aggregate);
    }
    this.#back.length = 0;
    this.#backAggregate = undefined;
  }

  #intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
    this.intersections++;
    return a.intersect(b);
  }
}
