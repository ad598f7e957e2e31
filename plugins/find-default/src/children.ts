/**
 * For a block P of one level, the blocks of another level that intersect it, in that level's
 * order, and whether each lies entirely inside P. Static for a round, so memoised per level pair
 * (`childTable`, looked up once per selection; entries filled on first use).
 */
import type { HierarchyLevel } from '@oar-sched/plugin-api';

export interface Children {
  readonly indices: Int32Array;
  readonly inside: Uint8Array;
  /** The indices whose block lies entirely inside P, in order. */
  readonly whole: Int32Array;
}

/** `table[p]` = children of parent block `p`, once computed. */
export type ChildTable = (Children | undefined)[];

const memo = new WeakMap<HierarchyLevel, WeakMap<HierarchyLevel, ChildTable>>();

/** The memo of `parentLevel` → `childLevel` children. */
export function childTable(parentLevel: HierarchyLevel, childLevel: HierarchyLevel): ChildTable {
  let byChild = memo.get(parentLevel);
  if (!byChild) memo.set(parentLevel, (byChild = new WeakMap()));
  let table = byChild.get(childLevel);
  if (!table) byChild.set(childLevel, (table = []));
  return table;
}

export function childBlocks(parentLevel: HierarchyLevel, parentIndex: number, childLevel: HierarchyLevel): Children {
  return childrenIn(childTable(parentLevel, childLevel), parentLevel, parentIndex, childLevel);
}

/** Children of `parentIndex`, from `table` (the memo of this level pair) or computed into it. */
export function childrenIn(table: ChildTable, parentLevel: HierarchyLevel, parentIndex: number, childLevel: HierarchyLevel): Children {
  return (table[parentIndex] ??= compute(parentLevel, parentIndex, childLevel));
}

function compute(parentLevel: HierarchyLevel, parentIndex: number, childLevel: HierarchyLevel): Children {
  const parent = parentLevel.block(parentIndex);
  const indices: number[] = [];
  const inside: number[] = [];
  const visit = (j: number) => {
    const c = childLevel.block(j);
    if (!c.intersects(parent)) return;
    indices.push(j);
    inside.push(c.isSubsetOf(parent) ? 1 : 0);
  };
  const { starts, ends } = childLevel;
  if (starts && ends && parent.intervalCount === 1) {
    // Single-interval children sorted by start: those intersecting [lo, hi] form a run.
    const lo = parent.min!;
    const hi = parent.max!;
    let j = childLevel.firstBlockStartingAtOrAfter(lo);
    if (j > 0 && ends[j - 1]! >= lo) j--;
    for (; j < childLevel.length && starts[j]! <= hi; j++) {
      indices.push(j);
      inside.push(starts[j]! >= lo && ends[j]! <= hi ? 1 : 0);
    }
  } else {
    for (let j = 0; j < childLevel.length; j++) visit(j);
  }
  return {
    indices: Int32Array.from(indices),
    inside: Uint8Array.from(inside),
    whole: Int32Array.from(indices.filter((_, c) => inside[c] === 1)),
  };
}
