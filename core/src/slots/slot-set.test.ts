import { describe, expect, it } from 'vitest';
import { IntervalSet } from '@oar-sched/plugin-api';
import { SlotSet } from './slot-set.js';
import { scanWindows } from './window-scan.js';

const S = (lo: number, hi: number) => IntervalSet.range(lo, hi);
const chain = (set: SlotSet) => [...set.slots()].map((s) => [s.begin, s.end, s.free.toString()]);
const ids = (set: SlotSet) => [...set.slots()].map((s) => s.id);

describe('SlotSet splitting (core §6.3)', () => {
  it('splitBefore: the original keeps the later part, the new slot is linked before it', () => {
    const set = new SlotSet('default', 0, 100, S(1, 32));
    const original = set.first;
    const before = set.splitBefore(original, 40);
    expect(chain(set)).toEqual([[0, 39, '1-32'], [40, 100, '1-32']]);
    expect([before.id, original.id]).toEqual([2, 1]);
    expect(set.first).toBe(before);
    expect(before.next).toBe(original);
    expect(original.prev).toBe(before);
  });

  it('splitAfter: the original keeps the earlier part, the new slot is linked after it', () => {
    const set = new SlotSet('default', 0, 100, S(1, 32));
    const after = set.splitAfter(set.first, 60);
    expect(chain(set)).toEqual([[0, 59, '1-32'], [60, 100, '1-32']]);
    expect(set.last).toBe(after);
    expect(ids(set)).toEqual([1, 2]);
  });

  it('copies timesharing and placeholder maps so the two halves evolve independently', () => {
    const set = new SlotSet('default', 0, 100, S(1, 8));
    set.occupy({ begin: 0, end: 100, resources: S(1, 2), timesharing: { user: '*', name: '*' }, placeholder: 'ph' });
    const after = set.splitAfter(set.first, 50);
    set.occupy({ begin: 50, end: 100, resources: S(3, 4), timesharing: { user: '*', name: '*' }, placeholder: 'ph' });
    expect(set.first.timesharing?.get('*')?.get('*')?.toString()).toBe('1-2');
    expect(after.timesharing?.get('*')?.get('*')?.toString()).toBe('1-4');
    expect(set.first.placeholders?.get('ph')?.toString()).toBe('1-2');
    expect(after.placeholders?.get('ph')?.toString()).toBe('1-4');
  });
});

describe('SlotSet.occupy (core §6.4)', () => {
  it.each([
    // [begin, end] of the job, expected chain
    [0, 59, [[0, 59, '17-32'], [60, 100, '1-32']]],
    [20, 39, [[0, 19, '1-32'], [20, 39, '17-32'], [40, 100, '1-32']]],
    [50, 100, [[0, 49, '1-32'], [50, 100, '17-32']]],
    [90, 200, [[0, 89, '1-32'], [90, 100, '17-32']]],
    [-50, 9, [[0, 9, '17-32'], [10, 100, '1-32']]],
    [101, 200, [[0, 100, '1-32']]],
    [-10, -1, [[0, 100, '1-32']]],
  ] as const)('a job on [%i, %i] leaves %j', (begin, end, want) => {
    const set = new SlotSet('default', 0, 100, S(1, 32));
    set.occupy({ begin, end, resources: S(1, 16) });
    expect(chain(set)).toEqual(want);
  });

  it('splits the right slot even when it ends exactly one second after the job (no extra second)', () => {
    const set = new SlotSet('default', 0, 100, S(1, 32));
    set.occupy({ begin: 61, end: 100, resources: S(17, 32) }); // boundary at 61
    set.occupy({ begin: 0, end: 59, resources: S(1, 16) }); // slot [0,60] ends at e+1
    expect(chain(set)).toEqual([[0, 59, '17-32'], [60, 60, '1-32'], [61, 100, '1-16']]);
  });

  it('spans several slots, and consumes placeholders for allow jobs', () => {
    const set = new SlotSet('default', 0, 100, S(1, 32));
    set.occupy({ begin: 0, end: 49, resources: S(1, 8), placeholder: 'p' });
    set.occupy({ begin: 30, end: 79, resources: S(1, 4), allow: 'p' });
    expect(chain(set)).toEqual([[0, 29, '9-32'], [30, 49, '9-32'], [50, 79, '5-32'], [80, 100, '1-32']]);
    expect(set.slotAt(30).placeholders?.get('p')?.toString()).toBe('5-8');
    expect(set.slotAt(0).placeholders?.get('p')?.toString()).toBe('1-8');
  });

  it('release adds resources over the window (container inner slot sets)', () => {
    const set = new SlotSet('inner', 0, 100, IntervalSet.EMPTY);
    set.release({ begin: 10, end: 29, resources: S(5, 8) });
    set.release({ begin: 20, end: 39, resources: S(1, 2) });
    expect(chain(set)).toEqual([[0, 9, ''], [10, 19, '5-8'], [20, 29, '1-2 5-8'], [30, 39, '1-2'], [40, 100, '']]);
  });
});

describe('scanWindows (core §7.1)', () => {
  const fixture = () => {
    const set = new SlotSet('default', 0, 1000, S(1, 32));
    set.occupy({ begin: 0, end: 9, resources: S(1, 16) });
    set.occupy({ begin: 10, end: 19, resources: S(17, 32) });
    set.occupy({ begin: 30, end: 59, resources: S(1, 8) });
    return set; // [0,9] 17-32 · [10,19] 1-16 · [20,29] 1-32 · [30,59] 9-32 · [60,1000] 1-32
  };
  const windows = (set: SlotSet, walltime: number, minSize = 0, latestEnd?: number) => {
    const seen: [number, number, string][] = [];
    const end = scanWindows({
      from: set.first,
      walltime,
      availability: undefined,
      minSize,
      latestEnd,
      visit(left, right, available) {
        seen.push([left.begin, right.end, available.toString()]);
        return false;
      },
    });
    return { seen, end };
  };

  it('yields, for each left slot, the first right slot covering the walltime', () => {
    expect(windows(fixture(), 15).seen).toEqual([
      [0, 19, ''],
      [10, 29, '1-16'],
      [20, 59, '9-32'],
      [30, 59, '9-32'],
      [60, 1000, '1-32'],
    ]);
  });

  it('skips windows whose smallest slot is below minSize without evaluating them', () => {
    expect(windows(fixture(), 15, 20).seen).toEqual([[20, 59, '9-32'], [30, 59, '9-32'], [60, 1000, '1-32']]);
  });

  it('stops when no right slot can cover the walltime, or past latestEnd', () => {
    expect(windows(fixture(), 2000)).toEqual({ seen: [], end: 'exhausted' });
    expect(windows(fixture(), 15, 0, 40).end).toBe('latest-end');
    expect(windows(fixture(), 15, 0, 40).seen).toEqual([[0, 19, ''], [10, 29, '1-16'], [20, 59, '9-32']]);
  });
});
