import { upperBound } from './sorted-search.js';
import type { TimeZone } from './time-zone.js';
import type { WeekPattern } from './week-pattern.js';
import { DAY, WEEK } from './week-time.js';

/** Day number of Monday 1970-01-05, the first Monday of the epoch: week index 0 starts then. */
const FIRST_MONDAY = 4;

/** One concrete local week: the pattern's boundaries converted to epoch seconds. */
interface WeekTable {
  /** Week index: the week whose local Monday is day number `FIRST_MONDAY + 7 × index`. */
  readonly index: number;
  /** Epoch second of local Monday 00:00 (inclusive) and of the next one (exclusive). */
  readonly start: number;
  readonly end: number;
  /** `epochs[i]` = epoch second of `pattern.boundaries[i]` in this week; non-decreasing. */
  readonly epochs: readonly number[];
}

/** Beyond this many cached weeks the cache is dropped (a 60-day horizon needs about ten). */
const MAX_CACHED_WEEKS = 256;

/**
 * The periodical pattern laid on the real time line of one zone. Time-zone conversion happens
 * once per (week, boundary) and is cached per week; consecutive calls within one week (the slot
 * cutting loop) touch no `Intl` at all. Rule lookups use the converted epochs, not a per-call
 * wall-clock conversion, so `ruleAt` changes exactly at the instants `nextBoundaryAfter` reports
 * (also across DST changes, where a wall-time lookup would flip twice in a repeated hour).
 */
export class WeekTables {
  readonly #cache = new Map<number, WeekTable>();
  #last: WeekTable | undefined;

  constructor(
    readonly pattern: WeekPattern,
    readonly zone: TimeZone,
  ) {}

  /** Rule-set id the periodicals give to epoch second `t` (-1 = default rules). */
  ruleAt(t: number): number {
    const { boundaries, rules, ruleAtWeekStart } = this.pattern;
    if (boundaries.length === 0) return ruleAtWeekStart;
    const i = upperBound(this.#weekOf(t).epochs, t) - 1;
    return i < 0 ? ruleAtWeekStart : rules[i]!;
  }

  /** Smallest epoch second `> t` where a periodical period starts or ends; +∞ when none. */
  nextBoundaryAfter(t: number): number {
    if (this.pattern.boundaries.length === 0 || t === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    const week = this.#weekOf(t);
    const i = upperBound(week.epochs, t);
    if (i < week.epochs.length) return week.epochs[i]!;
    // Next week's first boundary is ≥ its start = this week's end > t.
    return this.#table(week.index + 1).epochs[0]!;
  }

  /** The local week containing `t`. */
  #weekOf(t: number): WeekTable {
    const last = this.#last;
    if (last && last.start <= t && t < last.end) return last;
    if (!Number.isFinite(t)) throw new RangeError(`calendar lookup at a non-finite time: ${t}`);
    // UTC week first; a local week starts within a day of the UTC one, so one step fixes it.
    const index = Math.floor((t - FIRST_MONDAY * DAY) / WEEK);
    let week = this.#table(index);
    if (t < week.start) week = this.#table(index - 1);
    else if (t >= week.end) week = this.#table(index + 1);
    this.#last = week;
    return week;
  }

  #table(index: number): WeekTable {
    const cached = this.#cache.get(index);
    if (cached) return cached;
    if (this.#cache.size >= MAX_CACHED_WEEKS) this.#cache.clear();
    const monday = (FIRST_MONDAY + 7 * index) * DAY;
    const table: WeekTable = {
      index,
      start: this.zone.wallToEpoch(monday),
      end: this.zone.wallToEpoch(monday + WEEK),
      epochs: this.pattern.boundaries.map((offset) => this.zone.wallToEpoch(monday + offset)),
    };
    this.#cache.set(index, table);
    return table;
  }
}
