import { describeFailure, periodicalPath, quotasInvalid, RULES_PATH } from './invalid.js';
import { checkRuleSetRef } from './rule-set-ref.js';
import { parseTimeOfDay } from './time-of-day.js';
import { DAY } from './week-time.js';
import { parseWeekdays } from './weekdays.js';

/** A `[begin, end)` interval of local week time (seconds since Monday 00:00), `end ≤ WEEK`. */
export interface WeekInterval {
  readonly begin: number;
  readonly end: number;
}

/** One validated `periodical` entry. */
export interface PeriodicalEntry {
  /** Position in the document's `periodical` array (for messages). */
  readonly index: number;
  /** The `"<time> <weekdays> <mday> <month>"` text as written. */
  readonly spec: string;
  readonly ruleSet: string;
  /**
   * The default periodical (`* * * *`, `default`): it only fills the week time left uncovered by
   * the other entries (spec §16.2, OAR3 Python semantics, divergence #21). Its `intervals` are empty.
   */
  readonly isDefault: boolean;
  /** Covered week time, ascending, disjoint; each interval lies within one day. */
  readonly intervals: readonly WeekInterval[];
}

const SHAPE = '["<time> <weekdays> <mday> <month>", "<ruleSet>", "<description>"]';

/**
 * The default periodical can be written `* * * *`, `default`, `default * * *` (the literal time
 * spec `default`, spec §16.2) or OAR3's own `*,*,*,*` spelling.
 */
function isDefaultSpec(fields: readonly string[], trimmed: string): boolean {
  if (trimmed === 'default' || trimmed === '*,*,*,*') return true;
  return fields.length === 4 && (fields[0] === '*' || fields[0] === 'default') && fields.slice(1).every((f) => f === '*');
}

/** Validates one raw `periodical` entry; throws `QUOTAS_INVALID` naming the entry. */
export function parsePeriodical(raw: unknown, index: number, ruleSetNames: ReadonlySet<string>): PeriodicalEntry {
  const where = periodicalPath(index);
  if (
    !Array.isArray(raw) ||
    raw.length < 2 ||
    raw.length > 3 ||
    typeof raw[0] !== 'string' ||
    typeof raw[1] !== 'string' ||
    (raw.length === 3 && typeof raw[2] !== 'string')
  ) {
    throw quotasInvalid(where, `expected ${SHAPE}, got ${JSON.stringify(raw)}`);
  }
  const spec: string = raw[0];
  const ruleSet: string = raw[1];
  const trimmed = spec.trim();
  const fields = trimmed === '' ? [] : trimmed.split(/\s+/);

  if (isDefaultSpec(fields, trimmed)) {
    checkRuleSetRef(where, ruleSet, ruleSetNames);
    return { index, spec, ruleSet, isDefault: true, intervals: [] };
  }
  if (fields.length !== 4) {
    throw quotasInvalid(where, `${JSON.stringify(spec)} must have 4 fields "<time> <weekdays> <mday> <month>"`);
  }
  const [time, weekdays, mday, month] = fields as [string, string, string, string];
  if (time === 'default') {
    throw quotasInvalid(where, `the default periodical covers the whole week: write "default" or "* * * *", not ${JSON.stringify(spec)}`);
  }
  if (mday !== '*') throw quotasInvalid(where, `day of month "${mday}" in ${JSON.stringify(spec)} is not supported (must be *)`);
  if (month !== '*') throw quotasInvalid(where, `month "${month}" in ${JSON.stringify(spec)} is not supported (must be *)`);

  const pieces = parseTimeOfDay(time);
  if (!pieces.ok) throw quotasInvalid(where, describeFailure(pieces, spec));
  const days = parseWeekdays(weekdays);
  if (!days.ok) throw quotasInvalid(where, describeFailure(days, spec));
  checkRuleSetRef(where, ruleSet, ruleSetNames);

  const intervals: WeekInterval[] = [];
  for (const day of days.value) {
    for (const piece of pieces.value) intervals.push({ begin: day * DAY + piece.begin, end: day * DAY + piece.end });
  }
  return { index, spec, ruleSet, isDefault: false, intervals };
}

/**
 * Validates the raw `periodical` value (absent = no entry). At most one default periodical is
 * allowed: two would make the gap filler ambiguous.
 */
export function parsePeriodicals(raw: unknown, ruleSetNames: ReadonlySet<string>): PeriodicalEntry[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw quotasInvalid(`${RULES_PATH}.periodical`, `expected an array of ${SHAPE} entries, got ${JSON.stringify(raw)}`);
  }
  const entries = raw.map((entry, i) => parsePeriodical(entry, i, ruleSetNames));
  const defaults = entries.filter((e) => e.isDefault);
  if (defaults.length > 1) {
    const [a, b] = defaults as [PeriodicalEntry, PeriodicalEntry];
    throw quotasInvalid(
      periodicalPath(b.index),
      `second default periodical ${JSON.stringify(b.spec)}; ${periodicalPath(a.index)} (${JSON.stringify(a.spec)}) is already the default`,
      'keep a single "* * * *" entry: it fills the week time the other periodicals leave uncovered',
    );
  }
  return entries;
}
