/**
 * Resource selection for one request part (core §4.3). Greedy, first fit in block order: coarse
 * levels only need to intersect the available set; finest blocks must be entirely free. With
 * several levels, the level just above the finest hands down its intersections with the finest
 * blocks; higher levels hand down whole sub-blocks only.
 */
import { IntervalSet, type Hierarchy, type HierarchyLevel, type LevelRequest } from '@oar-sched/plugin-api';
import { childrenIn, childTable, type Children } from './children.js';
import { firstFreeBlocks, freeBlockIndices, unionOf } from './select-level.js';

export function selectPart(available: IntervalSet, levels: readonly LevelRequest[], hierarchy: Hierarchy): IntervalSet | null {
  const resolved: HierarchyLevel[] = [];
  for (const l of levels) {
    const level = hierarchy.level(l.level);
    if (!level) return null;
    resolved.push(level);
  }
  if (levels.length === 1) return selectSingleLevel(available, resolved[0]!, levels[0]!.count);
  const counts: number[] = [];
  for (const l of levels) {
    if (typeof l.count !== 'number') return null; // special counts only make sense on one level
    counts.push(l.count);
  }
  const pieces: number[] = [];
  return descend(available, resolved, counts, 0, undefined, pieces) ? setOfPieces(pieces) : null;
}

function selectSingleLevel(available: IntervalSet, level: HierarchyLevel, count: LevelRequest['count']): IntervalSet | null {
  switch (count) {
    case 'ALL':
      return level.length > 0 && level.all.isSubsetOf(available) ? level.all : null;
    case 'BEST': {
      const free = freeBlockIndices(level, available);
      return free.length > 0 ? unionOf(level, free) : null;
    }
    case 'HALF_BEST': {
      const free = freeBlockIndices(level, available);
      const half = Math.floor(free.length / 2);
      return half > 0 ? unionOf(level, free.slice(0, half)) : null;
    }
    default:
      return firstFreeBlocks(level, available, count);
  }
}

/**
 * Takes `counts[k]` blocks of level k among `candidates` (block indices in order; `undefined`:
 * every block of the level). Appends the chosen finest pieces to `pieces` as `[lo, hi]` bounds.
 */
function descend(
  available: IntervalSet,
  levels: readonly HierarchyLevel[],
  counts: readonly number[],
  k: number,
  candidates: Int32Array | undefined,
  pieces: number[],
): boolean {
  const level = levels[k]!;
  const child = levels[k + 1]!;
  const table = childTable(level, child);
  const lastParent = k === levels.length - 2;
  const need = counts[k]!;
  let taken = 0;
  const tryParent = (p: number): void => {
    const children = childrenIn(table, level, p, child);
    if (lastParent) {
      if (takeFinest(available, level, p, child, children, counts[k + 1]!, pieces)) taken++;
    } else {
      const mark = pieces.length;
      if (descend(available, levels, counts, k + 1, children.whole, pieces)) taken++;
      else pieces.length = mark;
    }
  };
  if (candidates) {
    for (let c = 0; c < candidates.length && taken < need; c++) {
      const p = candidates[c]!;
      if (blockIntersects(level, p, available)) tryParent(p);
    }
  } else if (level.starts && level.ends) {
    // Every block of a single-interval level: visit only those meeting a free interval, in order.
    const { starts, ends } = level;
    const b = available.bounds;
    let next = 0; // blocks before `next` were visited or skipped
    for (let i = 0; i < b.length && taken < need; i += 2) {
      let p = level.firstBlockStartingAtOrAfter(b[i]!);
      if (p > 0 && ends[p - 1]! >= b[i]!) p--;
      if (p < next) p = next;
      for (; p < level.length && starts[p]! <= b[i + 1]! && taken < need; p++) tryParent(p);
      next = p;
    }
  } else {
    for (let p = 0; p < level.length && taken < need; p++) if (level.block(p).intersects(available)) tryParent(p);
  }
  return taken === need;
}

function blockIntersects(level: HierarchyLevel, p: number, available: IntervalSet): boolean {
  return level.starts ? available.intersectsRange(level.starts[p]!, level.ends![p]!) : level.block(p).intersects(available);
}

/**
 * The finest step: `wanted` pieces of parent block `p` (its children, or their part inside it)
 * that are entirely free, in order; appended to `pieces` only when there are enough.
 */
function takeFinest(
  available: IntervalSet,
  level: HierarchyLevel,
  p: number,
  child: HierarchyLevel,
  children: Children,
  wanted: number,
  pieces: number[],
): boolean {
  const mark = pieces.length;
  let chosen = 0;
  const { starts, ends } = child;
  for (let c = 0; c < children.indices.length && chosen < wanted; c++) {
    const j = children.indices[c]!;
    if (children.inside[c] && starts && ends) {
      if (!available.containsRange(starts[j]!, ends[j]!)) continue;
      pieces.push(starts[j]!, ends[j]!);
    } else {
      const piece = children.inside[c] ? child.block(j) : level.block(p).intersect(child.block(j));
      if (!piece.isSubsetOf(available)) continue;
      const b = piece.bounds;
      for (let i = 0; i < b.length; i++) pieces.push(b[i]!);
    }
    chosen++;
  }
  if (chosen === wanted) return true;
  pieces.length = mark;
  return false;
}

/** The union of `[lo, hi]` pieces (in block order, ascending in the usual nested hierarchy). */
function setOfPieces(pieces: readonly number[]): IntervalSet {
  const pairs: [number, number][] = [];
  for (let i = 0; i < pieces.length; i += 2) pairs.push([pieces[i]!, pieces[i + 1]!]);
  return IntervalSet.fromIntervals(pairs);
}
