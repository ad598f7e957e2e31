/**
 * The finds of this package. All three apply one per-part rule to every request part on
 * `constraint ∩ available`; the result is the union of the parts, and any part without a fit
 * makes the whole window a no-fit (`null`), as OAR3's `local` does. Parts are solved on the same
 * available set, like the built-in find.
 */
import { IntervalSet, type FindContext, type Hierarchy, type LevelRequest } from '@oar-sched/core/plugin';
import { selectPart } from '@oar-sched/plugin-find-default';
import { leastAvailableBlock } from './local-block.js';

type PartRule = (available: IntervalSet, levels: readonly LevelRequest[], hierarchy: Hierarchy) => IntervalSet | null;

function eachPart(ctx: FindContext, rule: PartRule): IntervalSet | null {
  let result = IntervalSet.EMPTY;
  for (const part of ctx.parts) {
    const picked = rule(part.constraint.intersect(ctx.available), part.levels, ctx.hierarchy);
    if (!picked || picked.isEmpty) return null;
    result = result.union(picked);
  }
  return result;
}

/**
 * `resource_n_h_local(available, levels, h)`: the top blocks are those of request level `h`,
 * `n` is the count of level `h + 1` and counts resources (positions), whatever that level's
 * label: the result is the first `n` available positions of the least available top block that
 * has `n`. Levels other than `h` and `h + 1` are ignored. `null` when the request has no level
 * `h + 1`, a level is not in the hierarchy, or the count is not a number.
 */
export function resourceNhLocal(available: IntervalSet, levels: readonly LevelRequest[], hierarchy: Hierarchy, h = 0): IntervalSet | null {
  const top = levels[h];
  const below = levels[h + 1];
  if (!top || !below || typeof below.count !== 'number') return null;
  const topLevel = hierarchy.level(top.level);
  if (!topLevel) return null;
  return leastAvailableBlock(available, topLevel.blocks, below.count);
}

/**
 * `resource_hierarchies_scattered_local(available, levels)`: one level → the built-in
 * single-level rule (the first `n` blocks of that level lying entirely in `available`; `ALL`,
 * `BEST`, `HALF_BEST` as the built-in find); two or more levels → `resourceNhLocal` with `h = 0`
 * (so the first level's count and any level after the second are ignored: one top block only).
 */
export function resourceHierarchiesScatteredLocal(available: IntervalSet, levels: readonly LevelRequest[], hierarchy: Hierarchy): IntervalSet | null {
  return levels.length === 1 ? selectPart(available, levels, hierarchy) : resourceNhLocal(available, levels, hierarchy, 0);
}

/**
 * The find `local` (also registered as `resource_hierarchies_scattered_local`: in OAR3 `local`
 * is exactly that helper applied to every part, so the two names select the same find).
 * E.g. `node=1/resource_id=4` → 4 resources on the node with the fewest available ones.
 */
export function findLocal(ctx: FindContext): IntervalSet | null {
  return eachPart(ctx, resourceHierarchiesScatteredLocal);
}

/**
 * The find `resource_n_h_local[:h]`: `resourceNhLocal` on every part, `h` from the first
 * positional argument (default 0). Unlike `local`, a single-level request never fits.
 * Throws on a malformed `h` (the job is then left unscheduled with the message as reason).
 */
export function findResourceNhLocal(ctx: FindContext): IntervalSet | null {
  const h = levelArgument(ctx.args[0]);
  return eachPart(ctx, (available, levels, hierarchy) => resourceNhLocal(available, levels, hierarchy, h));
}

function levelArgument(arg: string | undefined): number {
  if (arg === undefined || arg === '') return 0;
  if (!/^\d+$/.test(arg)) {
    throw new Error(`find resource_n_h_local: the argument is the index of the top request level, a non-negative integer; got "${arg}"`);
  }
  return Number(arg);
}
