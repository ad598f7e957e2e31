/**
 * For a block P of one level, the blocks of another level that intersect it, in that level's
 * order, and whether each lies entirely inside P. Static for a round, so memoised per level pair.
 */
import type { HierarchyLevel } from '@oar-sched/plugin-api';

export interface Children {
  readonly indices: Int32Array;
  readonly inside: Uint8Array;
}

const memo = new WeakMap<HierarchyLevel, WeakMap<HierarchyLevel, Children[]>>();

export function childBlocks(parentLevel: HierarchyLevel, parentIndex: number, childLevel: HierarchyLevel): Children {
  let byChild = memo.get(parentLevel);
  if (!byChild) memo.set(parentLevel, (byChild = new WeakMap()));
  let table = byChild.get(childLevel);
  if (!table) byChild.set(childLevel, (table = []));
  let children = table[parentIndex];
  if (!children) table[parentIndex] = children = compute(parentLevel, parentIndex, childLevel);
  return children;
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
  if (childLevel.starts && childLevel.ends && parent.intervalCount === 1) {
    // Single-interval children sorted by start: those intersecting [lo, hi] form a run.
    const lo = parent.min!;
    const hi = parent.max!;
    let j = childLevel.firstBlockStartingAtOrAfter(lo);
    if (j > 0 && childLevel.ends[j - 1]! >= lo) j--;
    for (; j < childLevel.length && childLevel.starts[j]! <= hi; j++) visit(j);
  } else {
    for (let j = 0; j < childLevel.length; j++) visit(j);
  }
  return { indices: Int32Array.from(indices), inside: Uint8Array.from(inside) };
}
