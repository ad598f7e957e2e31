/**
 * One hierarchy level built while the platform walks its resources in position order: each
 * `add(position, value)` puts the position in the block of `value` (a block per distinct value,
 * numbers and strings distinct, ordered by first appearance, so by smallest position). Blocks
 * that are single intervals — the usual case — need nothing but their first and last position;
 * other levels get their bounds in a second pass over the positions they hold.
 *
 * Finding a value's block avoids a `Map` where it can (a map of 10,000 keys costs milliseconds to
 * fill): a resource usually shares its value with the resource before it, and small non-negative
 * integers (ids, core and cpu numbers) index a typed array.
 */
import { HierarchyLevel, type BlockLayout } from '@oar-sched/plugin-api';

export class LevelBuilder {
  /** Blocks of the values `#blockOfInteger` does not hold. */
  readonly #blockOfValue = new Map<string | number, number>();
  /** `#blockOfInteger[v]` = 1 + block of the integer value `v`, 0 when `v` has none yet. */
  #blockOfInteger: Int32Array;
  /** Integers at or above this go to the map, so that the table stays proportional to the platform. */
  readonly #integerLimit: number;
  #lastValue: string | number | undefined;
  #lastBlock = -1;
  /** `blockAt[p]` = block of position `p`, −1 when none (read only when a block has gaps). */
  readonly #blockAt: Int32Array;
  readonly #first: Int32Array;
  readonly #last: Int32Array;
  /** Number of maximal intervals of each block. */
  readonly #intervals: Int32Array;
  #blocks = 0;
  #gaps = false;

  /** `positions`: one more than the largest position that will be added. */
  constructor(
    readonly name: string,
    positions: number,
  ) {
    this.#blockAt = new Int32Array(positions).fill(-1);
    // A level has at most one block per position.
    this.#first = new Int32Array(positions);
    this.#last = new Int32Array(positions);
    this.#intervals = new Int32Array(positions);
    this.#integerLimit = 4 * positions + 1024;
    this.#blockOfInteger = new Int32Array(Math.min(this.#integerLimit, 1024));
  }

  /** Adds `position` (greater than every position added before) to the block of `value`. */
  add(position: number, value: string | number): void {
    let b = value === this.#lastValue ? this.#lastBlock : this.#blockOf(value);
    if (b < 0) {
      b = this.#blocks++;
      this.#setBlockOf(value, b);
      this.#first[b] = position;
      this.#intervals[b] = 1;
    } else if (this.#last[b] !== position - 1) {
      this.#intervals[b]!++;
      this.#gaps = true;
    }
    this.#last[b] = position;
    this.#blockAt[position] = b;
    this.#lastValue = value;
    this.#lastBlock = b;
  }

  /** The block of `value`, −1 when it has none yet. */
  #blockOf(value: string | number): number {
    if (this.#isTableInteger(value)) {
      return (value as number) < this.#blockOfInteger.length ? this.#blockOfInteger[value as number]! - 1 : -1;
    }
    return this.#blockOfValue.get(value) ?? -1;
  }

  #setBlockOf(value: string | number, b: number): void {
    if (!this.#isTableInteger(value)) {
      this.#blockOfValue.set(value, b);
      return;
    }
    const v = value as number;
    if (v >= this.#blockOfInteger.length) {
      const grown = new Int32Array(Math.min(this.#integerLimit, Math.max(2 * this.#blockOfInteger.length, v + 1)));
      grown.set(this.#blockOfInteger);
      this.#blockOfInteger = grown;
    }
    this.#blockOfInteger[v] = b + 1;
  }

  #isTableInteger(value: string | number): boolean {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < this.#integerLimit;
  }

  build(): HierarchyLevel {
    return new HierarchyLevel(this.name, this.#gaps ? this.#layoutWithGaps() : this.#contiguousLayout());
  }

  #contiguousLayout(): BlockLayout {
    const n = this.#blocks;
    const offsets = new Int32Array(n + 1);
    const bounds = new Int32Array(2 * n);
    for (let b = 0; b < n; b++) {
      offsets[b + 1] = 2 * (b + 1);
      bounds[2 * b] = this.#first[b]!;
      bounds[2 * b + 1] = this.#last[b]!;
    }
    return { offsets, bounds };
  }

  #layoutWithGaps(): BlockLayout {
    const n = this.#blocks;
    const offsets = new Int32Array(n + 1);
    for (let b = 0; b < n; b++) offsets[b + 1] = offsets[b]! + 2 * this.#intervals[b]!;
    const bounds = new Int32Array(offsets[n]!);
    /** Next free slot in each block's bounds. */
    const cursor = offsets.slice(0, n);
    const blockAt = this.#blockAt;
    for (let p = 0; p < blockAt.length; p++) {
      const b = blockAt[p]!;
      if (b < 0) continue;
      const c = cursor[b]!;
      if (c > offsets[b]! && bounds[c - 1] === p - 1) bounds[c - 1] = p;
      else {
        bounds[c] = p;
        bounds[c + 1] = p;
        cursor[b] = c + 2;
      }
    }
    return { offsets, bounds };
  }
}
