import type { OneshotEntry } from './oneshot.js';
import { upperBound } from './sorted-search.js';
import type { TimeZone } from './time-zone.js';

/**
 * The oneshot periods as epoch-second intervals `[begin, end)`, sorted and pairwise disjoint
 * (guaranteed by `parseOneshots`), for O(log n) lookups. Periods that become empty in the zone
 * (both ends inside the same spring-forward gap) cover no time and are dropped.
 */
export class OneshotTable {
  /** `[b0, e0, b1, e1, …]`: every instant where a oneshot starts or ends, non-decreasing. */
  readonly #edges: readonly number[];

  private constructor(
    readonly begins: readonly number[],
    readonly ends: readonly number[],
    readonly rules: readonly number[],
    edges: readonly number[],
  ) {
    this.#edges = edges;
  }

  static build(entries: readonly OneshotEntry[], zone: TimeZone, ruleIdOf: (name: string) => number): OneshotTable {
    const periods = entries
      .map((e) => ({ begin: zone.wallToEpoch(e.begin), end: zone.wallToEpoch(e.end), rule: ruleIdOf(e.ruleSet) }))
      .filter((p) => p.begin < p.end)
      .sort((a, b) => a.begin - b.begin);
    return new OneshotTable(
      periods.map((p) => p.begin),
      periods.map((p) => p.end),
      periods.map((p) => p.rule),
      periods.flatMap((p) => [p.begin, p.end]),
    );
  }

  get isEmpty(): boolean {
    return this.begins.length === 0;
  }

  /** Index of the period containing `t`, or -1. */
  indexAt(t: number): number {
    const i = upperBound(this.begins, t) - 1;
    return i >= 0 && t < this.ends[i]! ? i : -1;
  }

  /** Rule-set id of the oneshot containing `t`, or `undefined` when none does. */
  ruleAt(t: number): number | undefined {
    const i = this.indexAt(t);
    return i < 0 ? undefined : this.rules[i];
  }

  /** Smallest instant `> t` where a oneshot starts or ends; +∞ when none. */
  nextEdgeAfter(t: number): number {
    const i = upperBound(this.#edges, t);
    return i < this.#edges.length ? this.#edges[i]! : Number.POSITIVE_INFINITY;
  }
}
