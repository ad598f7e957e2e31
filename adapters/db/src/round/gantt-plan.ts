/**
 * The gantt a round planned, in the shape the writer compares with the database (sync-gantt.ts):
 * predictions by ascending moldable id, and resource rows as intervals (runs of consecutive
 * resource ids of one moldable) in the order of the resource tables' primary key
 * (moldable_job_id, resource_id). nodeonly-r10000-j2000 plans 10,171,408 resource rows in 2,056
 * intervals: the writer works on ranges of keys and expands an interval into rows only to insert
 * it.
 */
import type { GanttEntry } from '@oar-sched/core';

/** The ids the ranges cover: PostgreSQL's `integer`, the type of both key columns in OAR's schema. */
export const ID_MIN = -2147483648;
export const ID_MAX = 2147483647;

/** Ranges of resource ids, each within one moldable: range `i` is the keys (moldable[i], lo[i]) … (moldable[i], hi[i]). */
export interface IdRanges {
  readonly moldable: Int32Array;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
}

/** Id ranges from three lists of equal length: `moldable[i]`, `lo[i]` … `hi[i]`. */
export function idRanges(moldable: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>): IdRanges {
  return { moldable: Int32Array.from(moldable), lo: Int32Array.from(lo), hi: Int32Array.from(hi) };
}

/** Ranges of whole moldables: range `i` is every key whose moldable is in lo[i] … hi[i]. */
export interface MoldableRanges {
  readonly lo: Int32Array;
  readonly hi: Int32Array;
}

export interface GanttPlan {
  /** Planned moldables, ascending (one prediction row each). */
  readonly moldableIds: Int32Array;
  /** `starts[i]`: planned start of `moldableIds[i]`. */
  readonly starts: readonly number[];
  /** The planned resource rows as intervals, ascending by key, disjoint. */
  readonly intervals: IdRanges;
  /** Resource rows in all: the sum of the intervals' lengths. */
  readonly rows: number;
}

/**
 * The entries' intervals are their interval sets' own (`bounds`), checked to ascend without
 * overlapping. Throws a `TypeError` when a moldable is planned twice or a set's bounds are not
 * canonical: the full rewrite would have failed on a primary key, or worse, written wrong rows.
 */
export function ganttPlan(gantt: readonly GanttEntry[]): GanttPlan {
  const entries = [...gantt].sort((a, b) => a.moldableId - b.moldableId);
  let count = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (!Number.isInteger(e.moldableId) || e.moldableId < ID_MIN || e.moldableId > ID_MAX) throw new TypeError(`gantt: moldable id ${e.moldableId} is not an integer`);
    if (i > 0 && entries[i - 1]!.moldableId === e.moldableId) throw new TypeError(`gantt: moldable ${e.moldableId} is planned twice`);
    if (e.resourceIds.bounds.length % 2 !== 0) throw new TypeError(`gantt: the resource ids of moldable ${e.moldableId} are not an interval set`);
    count += e.resourceIds.bounds.length >> 1;
  }
  const intervals = { moldable: new Int32Array(count), lo: new Int32Array(count), hi: new Int32Array(count) };
  let k = 0;
  let rows = 0;
  for (const e of entries) {
    const b = e.resourceIds.bounds;
    for (let i = 0; i < b.length; i += 2) {
      if (b[i]! > b[i + 1]! || (i > 0 && b[i - 1]! >= b[i]!)) throw new TypeError(`gantt: the resource ids of moldable ${e.moldableId} are not ascending disjoint intervals`);
      intervals.moldable[k] = e.moldableId;
      intervals.lo[k] = b[i]!;
      intervals.hi[k] = b[i + 1]!;
      rows += b[i + 1]! - b[i]! + 1;
      k++;
    }
  }
  return { moldableIds: Int32Array.from(entries, (e) => e.moldableId), starts: entries.map((e) => e.start), intervals, rows };
}

/**
 * Every key (moldable, resource id) of the `integer` domain that is not a planned row, as ranges
 * that each hold one condition the primary key's index can bound on both sides (see
 * gantt-key-ranges.ts): per planned moldable, the ids below, between and above its intervals
 * (all of them when it plans none); and the moldables before, between and after the planned
 * ones. With the intervals, they cover the domain once. Empty ranges are left out.
 */
export function gapRanges(plan: GanttPlan): { ids: IdRanges; moldables: MoldableRanges } {
  const ids = { moldable: [] as number[], lo: [] as number[], hi: [] as number[] };
  const moldables = { lo: [] as number[], hi: [] as number[] };
  const idRange = (m: number, lo: number, hi: number) => {
    if (lo > hi) return;
    ids.moldable.push(m);
    ids.lo.push(lo);
    ids.hi.push(hi);
  };
  const moldableRange = (lo: number, hi: number) => {
    if (lo > hi) return;
    moldables.lo.push(lo);
    moldables.hi.push(hi);
  };
  const { moldable, lo, hi } = plan.intervals;
  let k = 0;
  let previous = ID_MIN - 1;
  for (const m of plan.moldableIds) {
    moldableRange(previous + 1, m - 1);
    let below = ID_MIN;
    for (; k < moldable.length && moldable[k] === m; k++) {
      idRange(m, below, lo[k]! - 1);
      below = hi[k]! + 1;
    }
    idRange(m, below, ID_MAX);
    previous = m;
  }
  moldableRange(previous + 1, ID_MAX);
  return {
    ids: idRanges(ids.moldable, ids.lo, ids.hi),
    moldables: { lo: Int32Array.from(moldables.lo), hi: Int32Array.from(moldables.hi) },
  };
}

/** Number of keys in id range `i`. */
export function rangeLength(ranges: IdRanges, i: number): number {
  return ranges.hi[i]! - ranges.lo[i]! + 1;
}

/**
 * The keys of the given id ranges (ascending indices) but the `present` ids of each, as
 * (moldable, resource) columns in key order, ready for a bulk insert.
 */
export function rangeRows(ranges: IdRanges, which: readonly number[], present?: ReadonlyMap<number, ReadonlySet<number>>): { moldableIds: Int32Array; resourceIds: Int32Array } {
  let count = 0;
  for (const i of which) count += rangeLength(ranges, i);
  const moldableIds = new Int32Array(count);
  const resourceIds = new Int32Array(count);
  let at = 0;
  for (const i of which) {
    const m = ranges.moldable[i]!;
    const skip = present?.get(i);
    for (let id = ranges.lo[i]!, last = ranges.hi[i]!; id <= last; id++) {
      if (skip?.has(id)) continue;
      moldableIds[at] = m;
      resourceIds[at++] = id;
    }
  }
  return { moldableIds: moldableIds.subarray(0, at), resourceIds: resourceIds.subarray(0, at) };
}

/**
 * The keys of `a` that are not keys of `b`, as id ranges in key order. Both are ascending by key
 * and disjoint (a plan's intervals): one pass over both.
 */
export function rangesMinus(a: IdRanges, b: IdRanges): IdRanges {
  const out = { moldable: [] as number[], lo: [] as number[], hi: [] as number[] };
  let j = 0;
  for (let i = 0; i < a.lo.length; i++) {
    const m = a.moldable[i]!;
    let from = a.lo[i]!;
    const to = a.hi[i]!;
    // b's ranges that end before this one starts cannot meet it nor any later range of a.
    while (j < b.lo.length && (b.moldable[j]! < m || (b.moldable[j] === m && b.hi[j]! < from))) j++;
    for (let k = j; k < b.lo.length && b.moldable[k] === m && b.lo[k]! <= to && from <= to; k++) {
      if (b.lo[k]! > from) {
        out.moldable.push(m);
        out.lo.push(from);
        out.hi.push(b.lo[k]! - 1);
      }
      from = Math.max(from, b.hi[k]! + 1);
    }
    if (from <= to) {
      out.moldable.push(m);
      out.lo.push(from);
      out.hi.push(to);
    }
  }
  return idRanges(out.moldable, out.lo, out.hi);
}
