/**
 * The OAR3 example assigns `one_time_find` and `one_time_find_mld` — NOT FOR PRODUCTION: they show
 * how an assign combines searches. The job's own find plugin (`find=NAME`) is tried once; the
 * built-in `default` find gets the other chance(s); the placement finishing first wins, and on
 * equal finishes the earlier search (the job's find) wins. Quotas are checked on each window
 * when they apply to the job, as the default assign does.
 */
import type { AssignContext, AssignResult, Found, NotFound, Unplaced } from '@oar-sched/core/plugin';

/**
 * `one_time_find`: only the FIRST moldable. Search it with the job's find; if that finds no
 * window the job is unscheduled. Search it again with `default`; if that finds nothing the job
 * is unscheduled too, even though the first search found a window (OAR3 behaves so; kept for
 * parity). Otherwise place the earlier finish.
 */
export function assignOneTimeFind(ctx: AssignContext): AssignResult {
  const quotas = ctx.quotasApply;
  const own = ctx.searchMoldable(0, { find: 'job', quotas });
  if (!own.found) return unplaced(own, `with the job's find`);
  const builtIn = ctx.searchMoldable(0, { find: 'default', quotas });
  if (!builtIn.found) return unplaced(builtIn, 'with the default find');
  return ctx.place(earlierFinish(own, builtIn));
}

/**
 * `one_time_find_mld`: every moldable in order, the first with the job's find, the others with
 * `default`. Unlike the default assign, which skips moldables that do not fit, one moldable
 * without a window leaves the whole job unscheduled (OAR3 behaviour). Places the moldable
 * finishing first (ties: the earlier moldable).
 */
export function assignOneTimeFindMld(ctx: AssignContext): AssignResult {
  const quotas = ctx.quotasApply;
  let best: Found | undefined;
  for (const moldable of ctx.job.moldables) {
    const first = moldable.index === 0;
    const outcome = ctx.searchMoldable(moldable.index, { find: first ? 'job' : 'default', quotas });
    if (!outcome.found) return unplaced(outcome, `for moldable ${moldable.index} with the ${first ? "job's" : 'default'} find`);
    best = best ? earlierFinish(best, outcome) : outcome;
  }
  if (!best) return { placed: false, reason: { code: 'REQUEST_INVALID', message: 'the job has no moldable' } };
  return ctx.place(best);
}

/** `b` when it ends strictly before `a`, else `a` (the earlier search wins ties). */
export function earlierFinish(a: Found, b: Found): Found {
  return b.end < a.end ? b : a;
}

function unplaced(outcome: NotFound, which: string): Unplaced {
  return { placed: false, reason: { code: outcome.reason.code, message: `no window ${which}: ${outcome.reason.message}` } };
}
