/**
 * The `resources` entries of a validated document: counted against the limit, checked for ids
 * declared twice, expanded into one record per id. A 10,000-node cluster is 10,000 `{ id }`
 * entries, so these read each entry's intervals directly (`[id, id]`, or the bounds of `ids`)
 * instead of building a set per entry.
 */
import { IntervalSet } from '@oar-sched/plugin-api';
import type { ResourceRecord } from '@oar-sched/core';
import { MAX_RESOURCES } from './limits.js';
import type { ScenarioDocument } from './scenario-schema.js';

type ResourceEntry = ScenarioDocument['resources'][number];

/** The entry's ids as flat bounds `[a0, b0, a1, b1, …]`, sorted and disjoint. */
function boundsOf(entry: ResourceEntry): ArrayLike<number> {
  return entry.id !== undefined ? [entry.id, entry.id] : (entry.ids ?? IntervalSet.EMPTY).bounds;
}

/**
 * The problem line when the entries declare more than `MAX_RESOURCES` ids, naming the entry that
 * crosses the limit and its largest range; counted by intervals, before any id is enumerated.
 */
export function resourceCountProblem(resources: readonly ResourceEntry[]): string | undefined {
  let total = 0;
  for (let i = 0; i < resources.length; i++) {
    const entry = resources[i]!;
    total += entry.id !== undefined ? 1 : (entry.ids?.size ?? 0);
    if (total <= MAX_RESOURCES) continue;
    const b = boundsOf(entry);
    let [lo, hi] = [0, -1];
    for (let k = 0; k < b.length; k += 2) if (b[k + 1]! - b[k]! > hi - lo) [lo, hi] = [b[k]!, b[k + 1]!];
    const range = lo === hi ? String(lo) : `${lo}-${hi}`;
    return (
      `✖ expected at most ${MAX_RESOURCES} resources in a scenario (the limit), but this entry brings the count to ${total}; ` +
      `its largest range ${range} holds ${hi - lo + 1} ids → at resources[${i}].${entry.id !== undefined ? 'id' : 'ids'}`
    );
  }
  return undefined;
}

/**
 * Ids declared by two entries, found by sweeping intervals in id order (then entry order): one
 * problem per overlapping range, whatever its length. Returns every declared id.
 */
export function checkResourceIds(resources: readonly ResourceEntry[], problems: string[]): IntervalSet {
  const { lo, hi, owner } = intervalsOf(resources);
  const order = idOrder(lo, owner);
  const declared: number[] = [];
  let coverEnd = -1;
  let coverEntry = -1;
  for (let k = 0; k < order.length; k++) {
    const j = order[k]!;
    const a = lo[j]!;
    const b = hi[j]!;
    const i = owner[j]!;
    if (a <= coverEnd) {
      const end = Math.min(b, coverEnd);
      const [first, second] = i < coverEntry ? [i, coverEntry] : [coverEntry, i];
      const field = resources[second]!.id !== undefined ? 'id' : 'ids';
      const what = a === end ? `resource id ${a} is` : `resource ids ${a}-${end} are`;
      problems.push(`${what} declared twice (resources[${first}] and resources[${second}]) → at resources[${second}].${field}`);
    }
    if (b > coverEnd) {
      coverEnd = b;
      coverEntry = i;
    }
    // The union, merged as the sweep goes (intervals arrive sorted by their start).
    const n = declared.length;
    if (n > 0 && a <= declared[n - 1]! + 1) {
      if (b > declared[n - 1]!) declared[n - 1] = b;
    } else {
      declared.push(a, b);
    }
  }
  return IntervalSet.fromCanonicalBounds(Int32Array.from(declared));
}

/** One record per declared id: entry by entry, each entry's ids in ascending order. */
export function expandResources(resources: readonly ResourceEntry[]): ResourceRecord[] {
  const out: ResourceRecord[] = [];
  for (const r of resources) {
    if (r.id !== undefined) {
      out.push({ id: r.id, state: r.state, type: r.type, availableUpto: r.availableUpto, properties: r.properties });
      continue;
    }
    const b = boundsOf(r);
    for (let k = 0; k < b.length; k += 2) {
      for (let id = b[k]!; id <= b[k + 1]!; id++) {
        out.push({ id, state: r.state, type: r.type, availableUpto: r.availableUpto, properties: r.properties });
      }
    }
  }
  return out;
}

/** Every entry's intervals as parallel arrays, in entry order. */
function intervalsOf(resources: readonly ResourceEntry[]): { lo: number[]; hi: number[]; owner: number[] } {
  const lo: number[] = [];
  const hi: number[] = [];
  const owner: number[] = [];
  for (let i = 0; i < resources.length; i++) {
    const entry = resources[i]!;
    if (entry.id !== undefined) {
      lo.push(entry.id);
      hi.push(entry.id);
      owner.push(i);
      continue;
    }
    const b = boundsOf(entry);
    for (let k = 0; k < b.length; k += 2) {
      lo.push(b[k]!);
      hi.push(b[k + 1]!);
      owner.push(i);
    }
  }
  return { lo, hi, owner };
}

/**
 * Indices of the intervals by start, then by entry (a total order: one entry's intervals are
 * disjoint). Entries listed in id order, the usual case, need no sort.
 */
function idOrder(lo: readonly number[], owner: readonly number[]): number[] {
  const order: number[] = [];
  for (let k = 0; k < lo.length; k++) order.push(k);
  let sorted = true;
  for (let k = 1; k < lo.length && sorted; k++) sorted = lo[k - 1]! < lo[k]! || (lo[k - 1] === lo[k] && owner[k - 1]! < owner[k]!);
  if (!sorted) order.sort((x, y) => lo[x]! - lo[y]! || owner[x]! - owner[y]!);
  return order;
}
