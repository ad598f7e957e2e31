/**
 * Runs of consecutive resource positions (OAR3 example finds `contiguous_1h` and
 * `contiguous_sorted_1h`). "Consecutive" is in the configured resource order: with the default
 * `resource_id ASC` it means consecutive resource ids.
 */
import { IntervalSet, type FindContext, type RequestPart } from '@oar-sched/core/plugin';

/**
 * The first `n` positions of the first maximal interval of `set` holding at least `n` members,
 * scanning intervals in increasing position order (first fit); `null` when no interval is long
 * enough or `n < 1`.
 */
export function firstFitRun(set: IntervalSet, n: number): IntervalSet | null {
  if (n < 1) return null;
  for (const [lo, hi] of set.intervals()) if (hi - lo + 1 >= n) return IntervalSet.range(lo, lo + n - 1);
  return null;
}

/**
 * Like `firstFitRun`, but intervals are tried by increasing length, ties in position order
 * (best fit: the shortest interval that is long enough).
 */
export function bestFitRun(set: IntervalSet, n: number): IntervalSet | null {
  if (n < 1) return null;
  let best: [number, number] | undefined;
  for (const [lo, hi] of set.intervals()) {
    const length = hi - lo + 1;
    // Strict `<` keeps the earlier interval on equal lengths.
    if (length >= n && (!best || length < best[1] - best[0] + 1)) best = [lo, hi];
  }
  return best ? IntervalSet.range(best[0], best[0] + n - 1) : null;
}

/**
 * What both finds look at, as in OAR3: only the first request part and its first level, and only
 * when that level is `resource_id` with a numeric count. `undefined` for any other request (the
 * finds then report no fit: these examples do not handle it).
 */
export function contiguousRequest(parts: readonly RequestPart[]): { readonly part: RequestPart; readonly count: number } | undefined {
  const part = parts[0];
  const first = part?.levels[0];
  if (!part || !first || first.level !== 'resource_id' || typeof first.count !== 'number') return undefined;
  return { part, count: first.count };
}

/** The find `contiguous_1h`: `null` (no fit in this window) unless a long enough run is free. */
export function findContiguous(ctx: FindContext): IntervalSet | null {
  const request = contiguousRequest(ctx.parts);
  return request ? firstFitRun(request.part.constraint.intersect(ctx.available), request.count) : null;
}

/** The find `contiguous_sorted_1h`: best fit instead of first fit. */
export function findContiguousSorted(ctx: FindContext): IntervalSet | null {
  const request = contiguousRequest(ctx.parts);
  return request ? bestFitRun(request.part.constraint.intersect(ctx.available), request.count) : null;
}

/**
 * Window prefilter hint (`necessarySize`): a run of `n` positions needs `n` free positions. Exact
 * for every input: other requests never fit, so any bound, 0 included, is valid for them.
 */
export function contiguousNecessarySize(parts: readonly RequestPart[]): number {
  return contiguousRequest(parts)?.count ?? 0;
}
