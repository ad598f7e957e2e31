import { reason, type AssignContext, type Job, type SearchOutcome } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { assignDefault, summarise } from './assign-default.js';

/** An assign context whose `searchMoldable(i)` answers `outcomes[i]`. */
function context(outcomes: readonly SearchOutcome[]): AssignContext {
  return {
    job: { moldables: outcomes.map((_, index) => ({ index })) } as unknown as Job,
    quotasApply: false,
    searchMoldable: (i: number) => outcomes[i]!,
    place: (found) => ({ placed: true, moldableIndex: found.moldableIndex, start: found.start, resources: found.resources }),
  } as unknown as AssignContext;
}

const noWindow = reason('NO_WINDOW', 'no time window of 60s');
const empty = reason('CONSTRAINT_EMPTY', 'the property filter matched no usable resource', { details: { part: 0 } });
const quota = reason('QUOTA_EXCEEDED', 'quota rule "*" would be exceeded', { details: { rule: { key: '*', ruleSet: null, limit: 'jobs', max: 1, count: 2 } } });

describe('the default assign’s reason when no moldable fits', () => {
  it('one moldable: its reason, unchanged', () => {
    expect(assignDefault(context([{ found: false, reason: noWindow }]))).toEqual({ placed: false, reason: noWindow });
  });

  it('several moldables: the joined message as before, each moldable’s reason in details.moldables', () => {
    const result = assignDefault(context([{ found: false, reason: empty }, { found: false, reason: noWindow }]));
    expect(result).toEqual({
      placed: false,
      reason: {
        code: 'CONSTRAINT_EMPTY',
        kind: 'unschedulable',
        message: 'moldable 0: the property filter matched no usable resource; moldable 1: no time window of 60s',
        details: { part: 0, moldables: [empty, noWindow] },
      },
    });
  });

  it('several moldables with one message: that message, and still the per-moldable reasons', () => {
    expect(summarise([quota, quota])).toEqual({ ...quota, details: { ...quota.details, moldables: [quota, quota] } });
  });

  it('the kind is the most hopeful: unresolvable only when no moldable can ever fit', () => {
    expect(summarise([empty, empty]).kind).toBe('unresolvable');
    expect(summarise([empty, reason('PLUGIN_ERROR', 'x')]).kind).toBe('error');
    expect(summarise([reason('PLUGIN_ERROR', 'x'), noWindow]).kind).toBe('unschedulable');
  });
});
