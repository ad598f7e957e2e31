/**
 * Which level of a hierarchical request a free set cannot meet, by counting per level: the words
 * behind "the find refused this window" (`no switch has 2 nodes with 4 free cores each`).
 *
 * The counts follow the built-in find's rules (plugins/find-default, core §4.3), bottom-up: a
 * block of the finest level counts when it is entirely free (with several levels, its part inside
 * the parent block); a block of a coarser level counts when it holds enough counted blocks of the
 * next level (below the top, only sub-blocks lying wholly inside it). The request is met when
 * enough top-level blocks count. Counting only: the find itself decides (its answer comes from the
 * engine, search-probe); this only says where the shortfall is.
 */
import type { Hierarchy, HierarchyLevel, IntervalSet, LevelRequest } from '@oar-sched/plugin-api';

/** One level of a request, top-down, with what the free set offers at it. */
export interface LevelCount {
  readonly level: string;
  /** What the request asks per parent block (the top: in all). */
  readonly count: LevelRequest['count'];
  /** Blocks of the level that count (see above), in all. */
  readonly qualifying: number;
  /** Blocks of the level in the hierarchy (usable resources). */
  readonly total: number;
  /** Below the top: the most counted blocks inside one block of the level above. */
  readonly mostInOneParent?: number | undefined;
}

/** Precomputed parent → children tables of one request part (the hierarchy does not change during a round). */
export interface PartShape {
  readonly levels: readonly LevelRequest[];
  readonly resolved: readonly HierarchyLevel[];
  /** `children[i][p]`: for block p of level i, the blocks of level i + 1 it hands down (see above). */
  readonly children: readonly (readonly Child[][])[];
}

interface Child {
  readonly index: number;
  /** The part of the child inside the parent (the child itself when it lies wholly inside). */
  readonly piece: IntervalSet;
}

/** `undefined` when a level is unknown or a special count (`ALL`, `BEST`…) is used with several levels: no count explains those. */
export function partShape(levels: readonly LevelRequest[], hierarchy: Hierarchy): PartShape | undefined {
  const resolved: HierarchyLevel[] = [];
  for (const l of levels) {
    const level = hierarchy.level(l.level);
    if (!level) return undefined;
    resolved.push(level);
  }
  if (levels.length > 1 && levels.some((l) => typeof l.count !== 'number')) return undefined;
  const children: Child[][][] = [];
  for (let i = 0; i + 1 < resolved.length; i++) children.push(childrenOf(resolved[i]!, resolved[i + 1]!, i + 1 === resolved.length - 1));
  return { levels, resolved, children };
}

/** The counts per level, top-down, when `available` cannot meet the part; `undefined` when it can. */
export function levelShortfall(shape: PartShape, available: IntervalSet): LevelCount[] | undefined {
  const { levels, resolved } = shape;
  if (levels.length === 1) {
    const level = resolved[0]!;
    const free = level.blocks.filter((b) => b.isSubsetOf(available)).length;
    const count = levels[0]!.count;
    const met = count === 'ALL' ? level.length > 0 && free === level.length : count === 'BEST' ? free >= 1 : count === 'HALF_BEST' ? free >= 2 : free >= count;
    return met ? undefined : [{ level: level.name, count, qualifying: free, total: level.length }];
  }
  const k = resolved.length - 1;
  // counted[i][p]: block p of level i counts; most[i]: the most counted level-i blocks in one parent.
  const counted: boolean[][] = [];
  const most: number[] = [];
  const finestFree: number[] = [];
  for (let i = k - 1; i >= 0; i--) {
    const need = levels[i + 1]!.count as number;
    let mostHere = 0;
    counted[i] = shape.children[i]!.map((kids) => {
      const n = i === k - 1 ? kids.filter((c) => c.piece.isSubsetOf(available)).length : kids.filter((c) => counted[i + 1]![c.index]).length;
      if (i === k - 1) finestFree.push(n);
      mostHere = Math.max(mostHere, n);
      return n >= need;
    });
    most[i + 1] = mostHere;
  }
  const qualifying = (i: number) => (i === k ? finestFree.reduce((a, b) => a + b, 0) : counted[i]!.filter(Boolean).length);
  if (qualifying(0) >= (levels[0]!.count as number)) return undefined;
  return resolved.map((level, i) => ({
    level: level.name,
    count: levels[i]!.count,
    qualifying: qualifying(i),
    total: level.length,
    mostInOneParent: i === 0 ? undefined : most[i],
  }));
}

/**
 * For each block of `parent`, the blocks of `child` it hands down: those lying wholly inside it,
 * and at the finest step (`finest`) also the part inside it of those it cuts. A level's blocks are
 * disjoint (one per property value), so one pass over the child's positions finds them.
 */
function childrenOf(parent: HierarchyLevel, child: HierarchyLevel, finest: boolean): Child[][] {
  const parentAt = new Map<number, number>();
  for (let p = 0; p < parent.length; p++) for (const position of parent.block(p).values()) parentAt.set(position, p);
  const out: Child[][] = Array.from({ length: parent.length }, () => []);
  for (let index = 0; index < child.length; index++) {
    const c = child.block(index);
    const parents = new Set<number>();
    for (const position of c.values()) {
      const p = parentAt.get(position);
      if (p !== undefined) parents.add(p);
    }
    for (const p of parents) {
      const inside = c.isSubsetOf(parent.block(p));
      // Above the finest step only whole sub-blocks are handed down; at it, the part inside.
      if (inside) out[p]!.push({ index, piece: c });
      else if (finest) out[p]!.push({ index, piece: c.intersect(parent.block(p)) });
    }
  }
  return out;
}
