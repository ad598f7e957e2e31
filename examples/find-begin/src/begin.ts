/**
 * The OAR3 example find `begin` — NOT FOR PRODUCTION: it exists to show two contracts of the find
 * hook. `beginning` is true only for the window starting at the first slot of the slot set; and
 * the core trusts a find's result (it is not re-checked against what is free).
 */
import { IntervalSet, type FindContext } from '@oar-sched/core/plugin';

/**
 * What `begin` returns after the first window: positions 1–16 (the 2nd to 17th resources in
 * resource order), whatever was requested or is free. On a platform with fewer than 17
 * resources this holds positions that do not exist; the placement then only occupies the
 * existing ones.
 */
export const FIXED_POSITIONS: IntervalSet = IntervalSet.range(1, 16);

/** The find `begin`: the `default` find in the first window of the slot set, `FIXED_POSITIONS` in every later one. */
export function findBegin(ctx: FindContext): IntervalSet | null {
  return ctx.beginning ? ctx.delegate('default') : FIXED_POSITIONS;
}
