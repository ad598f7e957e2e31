/**
 * One hierarchy level built while the platform walks its resources in position order: each
 * `add(position, value)` puts the position in the block of `value` (a block per distinct value,
 * numbers and strings distinct, ordered by first appearance, so by smallest position). Blocks
 * that are single intervals — the usual case — need nothing but their first and last position,
 * which are already the level's layout; once a block has a gap, the builder also records the
 * block of every position and lays the blocks out from that at the end.
 *
 * Finding a value's block avoids a `Map` where it can (a map of 10,000 keys costs milliseconds to
 * fill): a resource usually shares its value with the resource before it, and small non-negative
 * integers (ids, core and cpu numbers) index a typed array.
 */
import { HierarchyLevel, type BlockLayout } from '@oar-sched/plugin-api';

export class LevelBuilder {
  /** `[first0, last0, first1, last1, …]`: the first and last position of each block. */
  readonly #span: Int32Array;
  #blocks = 0;
  /** Block of each position (−1: none), recorded from the first gap on. */
  #blockAt: Int32Array | undefined;
  /** Blocks of the values `#blockOfInteger` does not hold. */
  readonly #blockOfValue = new Map<string | number, number>();
  /** `#blockOfInteger[v]` = 1 + block of the integer value `v`, 0 when `v` has none yet. */
  #blockOfInteger: Int32Array;
  /** Integers at or above this go to the map, so that the table stays proportional to the platform. */
  readonly #integerLimit: number;
  #lastValue: string | number | undefined;
  #lastBlock = -1;

  /** `positions`: one more than the largest position that will be added. */
  constructor(
    readonly name: string,
    readonly positions: number,
  ) {
    this.#span = new Int32Array(2 * positions); // at most one block per position
    this.#integerLimit = 4 * positions + 1024;
    this.#blockOfInteger = new Int32Array(Math.min(this.#integerLimit, 1024));
  }

  /** Adds `position` (greater than every position added before) to the block of `value`. */
  add(position: number, value: string | number): void {
    let b = value === this.#lastValue ? this.#lastBlock : this.#blockOf(value);
    if (b < 0) {
      b = this.#blocks++;
      this.#setBlockOf(value, b);
      this.#span[2 * b] = position;
    } else if (this.#span[2 * b + 1] !== position - 1 && this.#blockAt === undefined) {
      this.#recordPositions();
    }
    this.#span[2 * b + 1] = position;
    if (this.#blockAt) this.#blockAt[position] = b;
    this.#lastValue = value;
    this.#lastBlock = b;
  }

  build(): HierarchyLevel {
    const layout: BlockLayout = this.#blockAt ? this.#layoutFromPositions(this.#blockAt) : { bounds: this.#span.slice(0, 2 * this.#blocks) };
    return new HierarchyLevel(this.name, layout);
  }

  /** The first gap: until now every block was `first..last`, so positions are known from the spans. */
  #recordPositions(): void {
    const blockAt = new Int32Array(this.positions).fill(-1);
    for (let b = 0; b < this.#blocks; b++) blockAt.fill(b, this.#span[2 * b]!, this.#span[2 * b + 1]! + 1);
    this.#blockAt = blockAt;
  }

  #layoutFromPositions(blockAt: Int32Array): BlockLayout {
    const n = this.#blocks;
    const intervals = new Int32Array(n);
    for (let p = 0; p < blockAt.length; p++) {
      const b = blockAt[p]!;
      if (b >= 0 && (p === 0 || blockAt[p - 1] !== b)) intervals[b]!++;
    }
    const offsets = new Int32Array(n + 1);
    for (let b = 0; b < n; b++) offsets[b + 1] = offsets[b]! + 2 * intervals[b]!;
    const bounds = new Int32Array(offsets[n]!);
    /** Next free slot in each block's bounds. */
    const cursor = offsets.slice(0, n);
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
}
