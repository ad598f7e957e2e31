import { OneshotTable } from './oneshot-table.js';
import { parseOneshots } from './oneshot.js';
import { parsePeriodicals } from './periodical.js';
import { TimeZone } from './time-zone.js';
import { buildWeekPattern } from './week-pattern.js';
import { WeekTables } from './week-tables.js';

/** The calendar part of a quotas document, raw (as found in the JSON). */
export interface CalendarDocument {
  periodical?: unknown;
  oneshot?: unknown;
}

/**
 * Temporal quotas calendar (spec §16): which rule set is in force at each epoch second, and
 * where the rule set may change (so the slot set can be cut there).
 *
 * Lookup (time-based, spec §16.4 [Py≠], divergence #20): the oneshot containing `t`; else the
 * periodical containing `t`'s local week offset; else the default periodical (`* * * *`) if any;
 * else -1, the default rules (the `quotas` key).
 */
export class QuotaCalendar {
  /** Rule-set names in id order (id = index). */
  readonly ruleSetNames: readonly string[];
  /** No periodical and no oneshot entry: every time uses the default rules. */
  readonly isEmpty: boolean;
  readonly #oneshots: OneshotTable;
  readonly #weeks: WeekTables;

  private constructor(ruleSetNames: readonly string[], isEmpty: boolean, oneshots: OneshotTable, weeks: WeekTables) {
    this.ruleSetNames = ruleSetNames;
    this.isEmpty = isEmpty;
    this.#oneshots = oneshots;
    this.#weeks = weeks;
  }

  /**
   * Validates and builds. `ruleSetNames` = names of the named rule sets defined in the quotas
   * document (keys other than quotas/job_types/periodical/oneshot); an entry naming anything
   * else is refused. Every problem is an `OarSchedError` with code `QUOTAS_INVALID` whose message
   * names the offending entry (or `config.timezone` for an unknown zone).
   */
  static fromDocument(doc: CalendarDocument, ruleSetNames: ReadonlySet<string>, timezone: string): QuotaCalendar {
    const zone = TimeZone.of(timezone);
    const periodicals = parsePeriodicals(doc.periodical, ruleSetNames);
    const oneshots = parseOneshots(doc.oneshot, ruleSetNames);

    // Ids in order of first reference, periodical entries first, then oneshots (spec §16.1).
    const ids = new Map<string, number>();
    for (const name of [...periodicals.map((p) => p.ruleSet), ...oneshots.map((o) => o.ruleSet)]) {
      if (!ids.has(name)) ids.set(name, ids.size);
    }
    const ruleIdOf = (name: string): number => ids.get(name)!;

    return new QuotaCalendar(
      Object.freeze([...ids.keys()]),
      periodicals.length === 0 && oneshots.length === 0,
      OneshotTable.build(oneshots, zone, ruleIdOf),
      new WeekTables(buildWeekPattern(periodicals, ruleIdOf), zone),
    );
  }

  /** Rule-set id in force at epoch second `t`; -1 = the default rules (the "quotas" key). */
  rulesIdAt(t: number): number {
    return this.#oneshots.ruleAt(t) ?? this.#weeks.ruleAt(t);
  }

  /**
   * The smallest epoch second `t' > t` at which a period in force starts or ends (a point where
   * `rulesIdAt` may change); +∞ when there is none. Periodical boundaries that fall strictly
   * inside a oneshot are not reported: the oneshot is in force there, the periodical is not.
   */
  nextBoundaryAfter(t: number): number {
    const oneshotEdge = this.#oneshots.nextEdgeAfter(t);
    // Inside a oneshot, the next change is its end (or, adjacent, the next one's start).
    if (this.#oneshots.indexAt(t) >= 0) return oneshotEdge;
    // Outside, no oneshot begins before `oneshotEdge`, so an earlier periodical boundary is real.
    return Math.min(this.#weeks.nextBoundaryAfter(t), oneshotEdge);
  }
}
