/**
 * The resource hierarchy (core §4.1): for each label of `hierarchyLabels`, the ordered list of
 * blocks (index sets) of usable resources sharing a value of that property. `resource_id` is one
 * block per usable resource. Levels need not nest. Built once per round, read-only afterwards.
 *
 * A level stores its blocks as flat bounds in typed arrays (`BlockLayout`), so building one for
 * 10,000 resources costs a few arrays, not 10,000 objects; the `IntervalSet` of a block is made
 * when someone asks for it (`block(j)`, `blocks`) and kept.
 */
import { IntervalSet } from './interval-set.js';

/**
 * Blocks as flat bounds: block `j` is the canonical bounds `bounds[offsets[j] .. offsets[j + 1])`
 * (`[a0, b0, a1, b1, …]`, sorted, disjoint, non-adjacent). `offsets` has one entry more than
 * there are blocks; without `offsets`, every block is the one interval `bounds[2j] .. bounds[2j + 1]`.
 * Blocks are ordered by their smallest index. Not copied: do not change them.
 */
export interface BlockLayout {
  readonly offsets?: Int32Array | undefined;
  readonly bounds: Int32Array;
}

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
  /** The blocks' bounds; `block(j)` reads them. */
  readonly layout: Required<BlockLayout>;
  /** The blocks as given, when the level was made from sets. */
  private readonly given: readonly IntervalSet[] | undefined;
  /**
   * Blocks already made into sets, by index; a map, not an array of `length` holes, which V8
   * makes slowly for large levels and a level is often read in a few blocks only.
   */
  private readonly made = new Map<number, IntervalSet>();
  private blockList: readonly IntervalSet[] | undefined;

  /** `blocks`: the level's blocks as sets, or as a layout (see `BlockLayout`), ordered by their smallest index. */
  constructor(
    readonly name: string,
    blocks: readonly IntervalSet[] | BlockLayout,
  ) {
    const given = Array.isArray(blocks) ? (blocks as readonly IntervalSet[]) : undefined;
    const layout = given ? layoutOf(given) : withOffsets(blocks as BlockLayout);
    const { offsets, bounds } = layout;
    const n = offsets.length - 1;
    this.layout = layout;
    this.length = n;
    this.given = given;
    let min = n === 0 ? 0 : Infinity;
    let singletons = true;
    let contiguous = true;
    for (let j = 0; j < n; j++) {
      let size = 0;
      for (let k = offsets[j]!; k < offsets[j + 1]!; k += 2) size += bounds[k + 1]! - bounds[k]! + 1;
      if (size < min) min = size;
      if (size !== 1) singletons = false;
      if (offsets[j + 1]! - offsets[j]! !== 2) contiguous = false;
    }
    this.minBlockSize = min;
    this.singletons = singletons;
    if (contiguous) {
      const starts = new Int32Array(n);
      const ends = new Int32Array(n);
      for (let j = 0; j < n; j++) {
        starts[j] = bounds[2 * j]!;
        ends[j] = bounds[2 * j + 1]!;
      }
      this.starts = starts;
      this.ends = ends;
      this.all = unionOfSortedIntervals(starts, ends);
    } else {
      this.all = given ? given.reduce((acc, b) => acc.union(b), IntervalSet.EMPTY) : unionOfLayout(layout);
    }
  }

  /** Block `j` (0 ≤ j < length) as a set. */
  block(j: number): IntervalSet {
    if (this.given) return this.given[j]!;
    let set = this.made.get(j);
    if (set === undefined) {
      const { offsets, bounds } = this.layout;
      set = IntervalSet.fromCanonicalBounds(bounds.slice(offsets[j]!, offsets[j + 1]!));
      this.made.set(j, set);
    }
    return set;
  }

  /** Every block as a set, ordered by their smallest index (made on first use: prefer `block(j)`). */
  get blocks(): readonly IntervalSet[] {
    if (this.given) return this.given;
    return (this.blockList ??= Object.freeze(Array.from({ length: this.length }, (_, j) => this.block(j))));
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

function withOffsets(layout: BlockLayout): Required<BlockLayout> {
  if (layout.offsets) return layout as Required<BlockLayout>;
  const offsets = new Int32Array((layout.bounds.length >> 1) + 1);
  for (let j = 1; j < offsets.length; j++) offsets[j] = 2 * j;
  return { offsets, bounds: layout.bounds };
}

function layoutOf(blocks: readonly IntervalSet[]): Required<BlockLayout> {
  const offsets = new Int32Array(blocks.length + 1);
  for (let j = 0; j < blocks.length; j++) offsets[j + 1] = offsets[j]! + blocks[j]!.bounds.length;
  const bounds = new Int32Array(offsets[blocks.length]!);
  for (let j = 0; j < blocks.length; j++) bounds.set(blocks[j]!.bounds, offsets[j]!);
  return { offsets, bounds };
}

/** Union of intervals sorted by start (and disjoint): merge adjacent ones in one pass. */
function unionOfSortedIntervals(starts: Int32Array, ends: Int32Array): IntervalSet {
  const out: number[] = [];
  for (let j = 0; j < starts.length; j++) {
    const n = out.length;
    if (n > 0 && starts[j]! <= out[n - 1]! + 1) {
      if (ends[j]! > out[n - 1]!) out[n - 1] = ends[j]!;
    } else out.push(starts[j]!, ends[j]!);
  }
  return IntervalSet.fromCanonicalBounds(Int32Array.from(out));
}

function unionOfLayout({ bounds }: BlockLayout): IntervalSet {
  const pairs: [number, number][] = [];
  for (let k = 0; k < bounds.length; k += 2) pairs.push([bounds[k]!, bounds[k + 1]!]);
  return IntervalSet.fromIntervals(pairs);
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
