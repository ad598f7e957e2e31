/**
 * Resource selection for one request part (core §4.3). Greedy, first fit in block order: coarse
 * levels only need to intersect the available set; finest blocks must be entirely free. With
 * several levels, the level just above the finest hands down its intersections with the finest
 * blocks; higher levels hand down whole sub-blocks only.
 */
import { IntervalSet, type Hierarchy, type HierarchyLevel, type LevelRequest } from '@oar-sched/plugin-api';
import { childBlocks } from './children.js';
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
  const top = resolved[0]!;
  const candidates = Array.from({ length: top.length }, (_, j) => j);
  const pieces: IntervalSet[] = [];
  return descend(available, resolved, counts, 0, candidates, pieces) ? IntervalSet.fromIntervals(pieces.flatMap((p) => [...p.intervals()])) : null;
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

/** Takes `counts[k]` blocks among `candidates` (indices into level k); pushes the chosen pieces. */
function descend(
  available: IntervalSet,
  levels: readonly HierarchyLevel[],
  counts: readonly number[],
  k: number,
  candidates: readonly number[],
  pieces: IntervalSet[],
): boolean {
  const level = levels[k]!;
  const child = levels[k + 1]!;
  const lastParent = k === levels.length - 2;
  const need = counts[k]!;
  const wanted = counts[k + 1]!;
  let taken = 0;
  for (const p of candidates) {
    if (taken === need) break;
    const parent = level.block(p);
    if (!parent.intersects(available)) continue;
    const children = childBlocks(level, p, child);
    if (lastParent) {
      const chosen: IntervalSet[] = [];
      for (let c = 0; c < children.indices.length && chosen.length < wanted; c++) {
        const j = children.indices[c]!;
        const piece = children.inside[c] ? child.block(j) : parent.intersect(child.block(j));
        if (piece.isSubsetOf(available)) chosen.push(piece);
      }
      if (chosen.length === wanted) {
        pieces.push(...chosen);
        taken++;
      }
    } else {
      const whole = Array.from(children.indices).filter((_, c) => children.inside[c] === 1);
      const mark = pieces.length;
      if (descend(available, levels, counts, k + 1, whole, pieces)) taken++;
      else pieces.length = mark;
    }
  }
  return taken === need;
}
