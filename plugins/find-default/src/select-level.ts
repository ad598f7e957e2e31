/**
 * Single-level selection (core §4.3): the first `n` blocks of a level that lie entirely inside
 * `available`, in block order. Three paths give identical results: singleton blocks (take the
 * lowest indices), single-interval blocks (binary search per free interval), and any blocks.
 */
import { IntervalSet, type HierarchyLevel } from '@oar-sched/plugin-api';

/** Union of the first `n` fully free blocks, or `null` when fewer than `n` are free. */
export function firstFreeBlocks(level: HierarchyLevel, available: IntervalSet, n: number): IntervalSet | null {
  if (level.singletons) {
    const free = available.intersect(level.all);
    return free.size >= n ? free.firstN(n) : null;
  }
  const taken = freeBlockIndices(level, available, n);
  return taken.length === n ? unionOf(level, taken) : null;
}

/** Indices of fully free blocks in block order, at most `limit` of them. */
export function freeBlockIndices(level: HierarchyLevel, available: IntervalSet, limit = Infinity): number[] {
  const taken: number[] = [];
  const { starts, ends } = level;
  if (starts && ends) {
    const b = available.bounds;
    for (let i = 0; i < b.length && taken.length < limit; i += 2) {
      const hi = b[i + 1]!;
      for (let j = level.firstBlockStartingAtOrAfter(b[i]!); j < starts.length && ends[j]! <= hi; j++) {
        taken.push(j);
        if (taken.length >= limit) break;
      }
    }
    return taken;
  }
  for (let j = 0; j < level.length && taken.length < limit; j++) {
    if (level.block(j).isSubsetOf(available)) taken.push(j);
  }
  return taken;
}

export function unionOf(level: HierarchyLevel, indices: readonly number[]): IntervalSet {
  if (level.starts && level.ends) {
    const pairs: [number, number][] = indices.map((j) => [level.starts![j]!, level.ends![j]!]);
    return IntervalSet.fromIntervals(pairs);
  }
  return indices.reduce((acc, j) => acc.union(level.block(j)), IntervalSet.EMPTY);
}
