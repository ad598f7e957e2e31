/**
 * The OAR3 example find `find_even_or_odd`: the `default` find run on the even or the odd
 * resource POSITIONS only (0-based ranks in the configured resource order, not resource ids:
 * with `resource_id ASC`, `odd` means the 2nd, 4th, … resources, ids 2, 4, …).
 */
import type { FindContext, IntervalSet } from '@oar-sched/core/plugin';

export type Parity = 'even' | 'odd';

/**
 * The first positional argument: `odd` → odd positions; any other value → even, as in OAR3.
 * OAR3 crashes when the argument is missing; here a bare `find=find_even_or_odd` means `even`,
 * consistent with "anything but odd".
 */
export function parityOf(args: readonly string[]): Parity {
  return args[0] === 'odd' ? 'odd' : 'even';
}

/** The members of `set` with the given parity. */
export function keepParity(set: IntervalSet, parity: Parity): IntervalSet {
  const rest = parity === 'odd' ? 1 : 0;
  return set.filter((position) => position % 2 === rest);
}

/** The find: `default` on the kept positions (so an override of `default` is honoured). */
export function findEvenOrOdd(ctx: FindContext): IntervalSet | null {
  return ctx.delegate('default', keepParity(ctx.available, parityOf(ctx.args)));
}
