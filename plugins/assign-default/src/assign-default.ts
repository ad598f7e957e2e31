/**
 * The default assign (core §7.4): every moldable is searched against the same slot set state;
 * the one finishing first wins (ties: the earlier moldable). Quotas are checked when they apply
 * to the job — this is where the spec puts the check, so custom finds still get quotas.
 */
import type { AssignContext, AssignResult, Found, Reason } from '@oar-sched/plugin-api';

export function assignDefault(ctx: AssignContext): AssignResult {
  let best: Found | undefined;
  const failures: Reason[] = [];
  for (const moldable of ctx.job.moldables) {
    const outcome = ctx.searchMoldable(moldable.index, { quotas: ctx.quotasApply });
    if (!outcome.found) failures.push(outcome.reason);
    else if (!best || outcome.end < best.end) best = outcome;
  }
  if (best) return ctx.place(best);
  return { placed: false, reason: summarise(failures) };
}

/** One reason for the whole job: the shared one, or each moldable's in turn. */
function summarise(failures: readonly Reason[]): Reason {
  const first = failures[0]!;
  if (failures.every((f) => f.message === first.message)) return first;
  return { code: first.code, message: failures.map((f, i) => `moldable ${i}: ${f.message}`).join('; ') };
}
