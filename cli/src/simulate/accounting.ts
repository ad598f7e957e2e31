/**
 * The accounting a real cluster would have accumulated, for fair-share sorting (FAIRSHARE,
 * MULTIFACTOR's karma): each finished job's consumption, in resource-seconds, split over aligned
 * windows of `window` seconds (OAR's ACCOUNTING_WINDOW, default one day) — `USED` over
 * [start, end), `ASKED` over [start, start + walltime) — and summed per window, user, queue and
 * type, as OAR's accounting table holds it. A window's `windowStop` is its start + `window`;
 * fair-share counts only windows that have ended, so with day windows a policy sees yesterday.
 */
import type { AccountingRecord } from '@oar-sched/core';

export const DEFAULT_ACCOUNTING_WINDOW = 86_400;

/** A record whose consumption grows in place (rounds read it one at a time, none keeps it). */
type Mutable = { -readonly [K in keyof AccountingRecord]: AccountingRecord[K] };

export class Accounting {
  private readonly byKey = new Map<string, Mutable>();
  private readonly list: Mutable[] = [];

  constructor(private readonly window = DEFAULT_ACCOUNTING_WINDOW) {}

  /** Adds a finished job. */
  add(user: string, queue: string, processors: number, start: number, end: number, walltime: number): void {
    this.spread(user, queue, 'USED', processors, start, end);
    this.spread(user, queue, 'ASKED', processors, start, start + walltime);
  }

  /**
   * The records, as a snapshot's `accounting`: always the same array, grown and updated in place
   * as jobs finish (copying it for each of 15,000 rounds would cost more than the rounds).
   */
  records(): readonly AccountingRecord[] {
    return this.list;
  }

  private spread(user: string, queue: string, type: 'ASKED' | 'USED', processors: number, from: number, to: number): void {
    for (let w = Math.floor(from / this.window) * this.window; w < to; w += this.window) {
      const seconds = Math.min(to, w + this.window) - Math.max(from, w);
      if (seconds <= 0) continue;
      const key = `${w}\u0000${user}\u0000${queue}\u0000${type}`;
      const record = this.byKey.get(key);
      if (record) record.consumption += seconds * processors;
      else {
        const created: Mutable = { windowStart: w, windowStop: w + this.window, user, project: '', queue, consumptionType: type, consumption: seconds * processors };
        this.byKey.set(key, created);
        this.list.push(created);
      }
    }
  }
}
