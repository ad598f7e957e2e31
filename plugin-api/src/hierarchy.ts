/**
 * The resource hierarchy (core §4.1): for each label of `hierarchyLabels`, the ordered list of
 * blocks (index sets) of usable resources sharing a value of that property. `resource_id` is one
 * block per usable resource. Levels need not nest. Built once per round, read-only afterwards.
 */
import { IntervalSet } from './interval-set.js';

export class HierarchyLevel {
  /** Number of blocks. */
  readonly length: number;
  /** Size of the smallest block (0 when the level has none). */
  readonly minBlockSize: number;
  /** Every block is one resource: "n blocks" means "the n lowest indices". */
  readonly singletons: boolean;
  /**
   * When every block is a single interval, their bounds (blocks are then sorted by start and
   * disjoint); lets selection skip straight to candidate blocks with a binary search.
   */
  readonly starts: Int32Array | undefined;
  readonly ends: Int32Array | undefined;
  /** Union of all blocks. */
  readonly all: IntervalSet;

  constructor(
    readonly name: string,
    /** Blocks ordered by their smallest index. */
    readonly blocks: readonly IntervalSet[],
  ) {
    this.length = blocks.length;
    let min = blocks.length === 0 ? 0 : Infinity;
    let singletons = true;
    let contiguous = true;
    for (const b of blocks) {
      if (b.size < min) min = b.size;
      if (b.size !== 1) singletons = false;
      if (b.intervalCount !== 1) contiguous = false;
    }
    this.minBlockSize = min;
    this.singletons = singletons;
    if (contiguous) {
      this.starts = Int32Array.from(blocks, (b) => b.min!);
      this.ends = Int32Array.from(blocks, (b) => b.max!);
    }
    this.all = blocks.reduce((acc, b) => acc.union(b), IntervalSet.EMPTY);
  }

  /** First block index whose start is ≥ `value` (contiguous levels only). */
  firstBlockStartingAtOrAfter(value: number): number {
    const starts = this.starts!;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export class Hierarchy {
  readonly #levels: ReadonlyMap<string, HierarchyLevel>;

  constructor(levels: Iterable<HierarchyLevel>) {
    this.#levels = new Map([...levels].map((l) => [l.name, l]));
  }

  /** The level, or `undefined` when the label is not declared (requests using it cannot be satisfied). */
  level(name: string): HierarchyLevel | undefined {
    return this.#levels.get(name);
  }

  get labels(): string[] {
    return [...this.#levels.keys()];
  }

  /**
   * Builds a level from a key function over usable indices in increasing order; resources whose
   * key is `undefined` belong to no block. Blocks are ordered by first appearance.
   */
  static levelFromKeys(name: string, usable: IntervalSet, keyOf: (index: number) => string | undefined): HierarchyLevel {
    const members = new Map<string, number[]>();
    for (const index of usable.values()) {
      const key = keyOf(index);
      if (key === undefined) continue;
      let list = members.get(key);
      if (!list) members.set(key, (list = []));
      list.push(index);
    }
    return new HierarchyLevel(name, [...members.values()].map((m) => IntervalSet.fromValues(m)));
  }

  /** Test and plugin helper: a hierarchy from explicit blocks, e.g. `{ node: ['1-8', '9-16'] }`. */
  static fromBlocks(blocks: Readonly<Record<string, readonly IntervalSet[]>>): Hierarchy {
    return new Hierarchy(Object.entries(blocks).map(([name, list]) => new HierarchyLevel(name, list)));
  }
}
