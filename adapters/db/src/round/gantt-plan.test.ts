/**
 * The plan as the gantt writer sees it: intervals straight from the entries' interval sets, and
 * gap ranges that, with the intervals, cover every key of the `integer` domain exactly once (the
 * first half of sync-gantt.ts's argument).
 */
import type { GanttEntry } from '@oar-sched/core';
import { IntervalSet } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { ganttPlan, gapRanges, ID_MAX, ID_MIN, rangeRows, rangesMinus, type GanttPlan, type IdRanges } from './gantt-plan.js';

const entry = (moldableId: number, start: number, ids: number[]): GanttEntry => ({ jobId: moldableId, moldableId, start, resourceIds: IntervalSet.fromValues(ids) });

/** Every range of the plan (intervals and gaps) as [first key, last key], keys as [moldable, id], in key order. */
function coverage(plan: GanttPlan): [number, number, number, number][] {
  const gaps = gapRanges(plan);
  const ranges: [number, number, number, number][] = [];
  const ids = (r: { moldable: Int32Array; lo: Int32Array; hi: Int32Array }) => r.lo.forEach((lo, i) => ranges.push([r.moldable[i]!, lo, r.moldable[i]!, r.hi[i]!]));
  ids(plan.intervals);
  ids(gaps.ids);
  gaps.moldables.lo.forEach((lo, i) => ranges.push([lo, ID_MIN, gaps.moldables.hi[i]!, ID_MAX]));
  return ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** The key right after [m, id] in key order. */
const next = (m: number, id: number): [number, number] => (id === ID_MAX ? [m + 1, ID_MIN] : [m, id + 1]);

describe('ganttPlan', () => {
  it('takes the entries by moldable, with their intervals in key order and their row count', () => {
    const plan = ganttPlan([entry(9, 300, [7]), entry(3, 100, [1, 2, 3, 10, 11]), entry(5, 200, [])]);
    expect([...plan.moldableIds]).toEqual([3, 5, 9]);
    expect(plan.starts).toEqual([100, 200, 300]);
    expect([...plan.intervals.moldable]).toEqual([3, 3, 9]);
    expect([...plan.intervals.lo]).toEqual([1, 10, 7]);
    expect([...plan.intervals.hi]).toEqual([3, 11, 7]);
    expect(plan.rows).toBe(6);
    expect(rangeRows(plan.intervals, [0, 2], new Map([[0, new Set([2])]]))).toEqual({ moldableIds: Int32Array.of(3, 3, 9), resourceIds: Int32Array.of(1, 3, 7) });
  });

  it.each([
    [[entry(1, 0, [1]), entry(1, 0, [2])], /planned twice/],
    [[{ jobId: 1, moldableId: 1, start: 0, resourceIds: IntervalSet.fromCanonicalBounds(Int32Array.of(1, 5, 4, 8)) }], /not ascending disjoint/],
    [[{ jobId: 1, moldableId: 2 ** 31, start: 0, resourceIds: IntervalSet.EMPTY }], /not an integer/],
  ])('refuses what the full rewrite could not write: %#', (gantt, message) => {
    expect(() => ganttPlan(gantt)).toThrow(message);
  });
});

describe('gapRanges', () => {
  const plans: [string, GanttEntry[]][] = [
    ['an empty plan', []],
    ['a moldable without resources', [entry(4, 0, [])]],
    ['intervals at the ends of the domain', [entry(ID_MIN, 0, [ID_MIN, ID_MIN + 1, ID_MAX]), entry(ID_MAX, 0, [ID_MIN, 0, ID_MAX])]],
    ['adjacent moldables, several intervals each', [entry(1, 0, [1, 2, 5]), entry(2, 0, [1, 9, 10, 11]), entry(7, 0, [3])]],
  ];
  it.each(plans)('with the intervals, cover every key once: %s', (_, gantt) => {
    const ranges = coverage(ganttPlan(gantt));
    let at: [number, number] = [ID_MIN, ID_MIN];
    for (const [m1, id1, m2, id2] of ranges) {
      expect([m1, id1]).toEqual(at);
      expect(m2 > m1 || (m2 === m1 && id2 >= id1)).toBe(true);
      at = next(m2, id2);
    }
    expect(at).toEqual([ID_MAX + 1, ID_MIN]);
  });

  it('puts one id range around a moldable without resources and none between adjacent moldables', () => {
    const gaps = gapRanges(ganttPlan([entry(4, 0, []), entry(5, 0, [1])]));
    expect([...gaps.ids.moldable]).toEqual([4, 5, 5]);
    expect([...gaps.ids.lo]).toEqual([ID_MIN, ID_MIN, 2]);
    expect([...gaps.ids.hi]).toEqual([ID_MAX, 0, ID_MAX]);
    expect([...gaps.moldables.lo]).toEqual([ID_MIN, 6]);
    expect([...gaps.moldables.hi]).toEqual([3, ID_MAX]);
  });
});

describe('rangesMinus', () => {
  const keys = (r: IdRanges) => rangeRows(r, Array.from({ length: r.lo.length }, (_, i) => i));
  const keySet = (r: IdRanges) => {
    const { moldableIds, resourceIds } = keys(r);
    return new Set(Array.from(moldableIds, (m, i) => `${m}:${resourceIds[i]}`));
  };
  /** A random plan's intervals over moldables 1–6 and ids 1–40. */
  const randomIntervals = (random: () => number): IdRanges => {
    const entries: GanttEntry[] = [];
    for (let m = 1; m <= 6; m++) {
      if (random() < 0.3) continue;
      const ids = Array.from({ length: 40 }, (_, i) => i + 1).filter(() => random() < 0.5);
      if (ids.length > 0) entries.push(entry(m, 0, ids));
    }
    return ganttPlan(entries).intervals;
  };

  it('gives exactly the keys of a that b lacks, as disjoint ascending ranges (random plans)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const a = randomIntervals(random);
      const b = randomIntervals(random);
      const minus = rangesMinus(a, b);
      const expected = [...keySet(a)].filter((k) => !keySet(b).has(k));
      expect([...keySet(minus)].sort(), `round ${round}`).toEqual(expected.sort());
      const { moldableIds, resourceIds } = keys(minus);
      for (let i = 1; i < moldableIds.length; i++) {
        expect(moldableIds[i - 1]! < moldableIds[i]! || (moldableIds[i - 1] === moldableIds[i] && resourceIds[i - 1]! < resourceIds[i]!)).toBe(true);
      }
    }
  });

  it('handles ranges at the ends of the integer domain', () => {
    const r = (m: number[], lo: number[], hi: number[]): IdRanges => ({ moldable: Int32Array.from(m), lo: Int32Array.from(lo), hi: Int32Array.from(hi) });
    expect(rangesMinus(r([1], [ID_MIN], [ID_MAX]), r([1], [0], [ID_MAX]))).toEqual(r([1], [ID_MIN], [-1]));
    expect(rangesMinus(r([1, 2], [5, 5], [9, 9]), r([1], [ID_MIN], [ID_MAX]))).toEqual(r([2], [5], [9]));
  });
});
