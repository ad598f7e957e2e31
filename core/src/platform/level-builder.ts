/**
 * One hierarchy level built while the platform walks its resources in position order: each
 * `add(position, value)` puts the position in the block of `value` (a block per distinct value,
 * numbers and strings distinct, ordered by first appearance, so by smallest position). Blocks
 * that are single intervals — the usual case — need nothing but their first and last position;
 * other levels get their bounds in a second pass over the positions they hold.
 */
import { HierarchyLevel, type BlockLayout } from '@oar-sched/plugin-api';

export class LevelBuilder {
  readonly #blockOfValue = new Map<string | number, number>();
  /** `blockAt[p]` = block of position `p`, −1 when none (read only when a block has gaps). */
  readonly #blockAt: Int32Array;
  #first: Int32Array;
  #last: Int32Array;
  /** Number of maximal intervals of each block. */
  #intervals: Int32Array;
  #blocks = 0;
  #gaps = false;

  /** `positions`: one more than the largest position that will be added. */
  constructor(
    readonly name: string,
    positions: number,
  ) {
    this.#blockAt = new Int32Array(positions).fill(-1);
    const capacity = Math.max(16, Math.min(positions, 1024));
    this.#first = new Int32Array(capacity);
    this.#last = new Int32Array(capacity);
    this.#intervals = new Int32Array(capacity);
  }

  /** Adds `position` (greater than every position added before) to the block of `value`. */
  add(position: number, value: string | number): void {
    let b = this.#blockOfValue.get(value);
    if (b === undefined) {
      b = this.#blocks++;
      if (b === this.#first.length) this.#grow();
      this.#blockOfValue.set(value, b);
      this.#first[b] = position;
      this.#intervals[b] = 1;
    } else if (this.#last[b] !== position - 1) {
      this.#intervals[b]!++;
      this.#gaps = true;
    }
    this.#last[b] = position;
    this.#blockAt[position] = b;
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

  #grow(): void {
    const size = this.#first.length * 2;
    const grow = (a: Int32Array) => {
      const out = new Int32Array(size);
      out.set(a);
      return out;
    };
    this.#first = grow(this.#first);
    this.#last = grow(this.#last);
    this.#intervals = grow(this.#intervals);
  }
}
