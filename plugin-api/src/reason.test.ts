import { describe, expect, it } from 'vitest';
import { completeReason, kindOf, reason, REASON_KINDS, type ReasonCode } from './reason.js';

describe('reason kinds', () => {
  it('every code has a kind, and the table says what each code means for the job', () => {
    const byKind = (kind: string) => (Object.keys(REASON_KINDS) as ReasonCode[]).filter((c) => REASON_KINDS[c] === kind).sort();
    expect(byKind('unschedulable')).toEqual([
      'DEPENDENCY',
      'GROUP_LIMIT',
      'NOT_SORTED',
      'NO_SLOT_SET',
      'NO_WINDOW',
      'PLUGIN_DECLINED',
      'QUEUE_NOT_SCHEDULED',
      'QUOTA_EXCEEDED',
      'WINDOW_TIME_LIMIT',
    ]);
    expect(byKind('unresolvable')).toEqual([
      'CONSTRAINT_EMPTY',
      'REQUEST_UNSATISFIABLE',
      'RESERVATION_TOO_OLD',
      'RESERVATION_UNAVAILABLE',
      'UNKNOWN_ASSIGN_PLUGIN',
      'UNKNOWN_FIND_PLUGIN',
      'UNKNOWN_LEVEL',
    ]);
    expect(byKind('error')).toEqual(['PLUGIN_ERROR', 'REQUEST_INVALID']);
    expect(Object.isFrozen(REASON_KINDS)).toBe(true);
  });

  it('a code this version does not know is an error', () => {
    expect(kindOf('NOPE')).toBe('error');
  });
});

describe('reason()', () => {
  it('called as in API v1, derives the kind from the code and adds nothing else', () => {
    expect(reason('NO_WINDOW', 'no window')).toEqual({ code: 'NO_WINDOW', kind: 'unschedulable', message: 'no window' });
    expect(Object.keys(reason('CONSTRAINT_EMPTY', 'x'))).toEqual(['code', 'kind', 'message']);
  });

  it('takes a kind, a plugin and details', () => {
    const plugin = { name: 'p', packageName: '@acme/p', hook: 'find', key: 'x' };
    expect(reason('DEPENDENCY', 'failed', { kind: 'unresolvable', details: { dependency: 4 } })).toEqual({
      code: 'DEPENDENCY',
      kind: 'unresolvable',
      message: 'failed',
      details: { dependency: 4 },
    });
    expect(reason('PLUGIN_ERROR', 'boom', { plugin })).toEqual({ code: 'PLUGIN_ERROR', kind: 'error', message: 'boom', plugin });
  });
});

describe('completeReason()', () => {
  it('fills the kind of a v1 reason literal from its code', () => {
    expect(completeReason({ code: 'PLUGIN_DECLINED', message: 'refused' })).toEqual({ code: 'PLUGIN_DECLINED', kind: 'unschedulable', message: 'refused' });
  });

  it('keeps a complete reason as it is (same object) and repairs a kind that is not one of the three', () => {
    const complete = reason('NO_WINDOW', 'm');
    expect(completeReason(complete)).toBe(complete);
    expect(completeReason({ code: 'NO_WINDOW', kind: 'later' as never, message: 'm' }).kind).toBe('unschedulable');
  });
});
