/**
 * `findDefault(available, parts, hierarchy)` (core §4.4): each part is solved independently on
 * the same available set (earlier parts' picks are not removed); all must succeed; the result
 * is their union.
 */
import { IntervalSet, type Hierarchy, type RequestPart } from '@oar-sched/plugin-api';
import { selectPart } from './select-part.js';

export function findDefault(available: IntervalSet, parts: readonly RequestPart[], hierarchy: Hierarchy): IntervalSet | null {
  let result = IntervalSet.EMPTY;
  for (const part of parts) {
    const picked = selectPart(available.intersect(part.constraint), part.levels, hierarchy);
    if (!picked) return null;
    result = result.union(picked);
  }
  return result;
}

/**
 * A lower bound on `|available|` below which `findDefault` cannot succeed (the core's window
 * prefilter): a part needs at least its block counts times the smallest block of a single level,
 * or the product of its counts for several levels.
 */
export function necessarySize(parts: readonly RequestPart[], hierarchy: Hierarchy): number {
  let bound = 0;
  for (const part of parts) {
    let need = 1;
    if (part.levels.length === 1) {
      const { level: name, count } = part.levels[0]!;
      const level = hierarchy.level(name);
      if (!level) return 0;
      need = count === 'ALL' ? level.all.size : typeof count === 'number' ? count * level.minBlockSize : level.minBlockSize;
    } else {
      for (const l of part.levels) need *= typeof l.count === 'number' ? l.count : 1;
    }
    if (need > bound) bound = need;
  }
  return bound;
}
