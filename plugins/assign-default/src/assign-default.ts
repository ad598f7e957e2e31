/**
 * The default assign (core §7.4): every moldable is searched against the same slot set state;
 * the one finishing first wins (ties: the earlier moldable). Quotas are checked when they apply
 * to the job — this is where the spec puts the check, so custom finds still get quotas.
 */
import { reason, type AssignContext, type AssignResult, type Found, type Reason, type ReasonKind } from '@oar-sched/plugin-api';

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

/**
 * One reason for the whole job: the shared one, or each moldable's in turn, joined in the
 * message. With several moldables the per-moldable reasons are kept in `details.moldables`; the
 * code is the first moldable's and the kind the most hopeful one (the job can run later when any
 * moldable can).
 */
export function summarise(failures: readonly Reason[]): Reason {
  const first = failures[0]!;
  if (failures.length === 1) return first;
  const same = failures.every((f) => f.message === first.message);
  const message = same ? first.message : failures.map((f, i) => `moldable ${i}: ${f.message}`).join('; ');
  return reason(first.code, message, { kind: hopefulKind(failures), details: { ...first.details, moldables: failures } });
}

function hopefulKind(failures: readonly Reason[]): ReasonKind {
  if (failures.some((f) => f.kind === 'unschedulable')) return 'unschedulable';
  if (failures.some((f) => f.kind === 'error')) return 'error';
  return 'unresolvable';
}
