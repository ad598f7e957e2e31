import { oneshotPath, quotasInvalid, RULES_PATH, type Parsed } from './invalid.js';
import { parseLocalDateTime, type WallSeconds } from './local-date-time.js';
import { checkRuleSetRef } from './rule-set-ref.js';

/** One validated `oneshot` entry: the local period `[begin, end)` (spec §16.3). */
export interface OneshotEntry {
  /** Position in the document's `oneshot` array (for messages). */
  readonly index: number;
  readonly beginText: string;
  readonly endText: string;
  readonly ruleSet: string;
  readonly begin: WallSeconds;
  readonly end: WallSeconds;
}

const SHAPE = '["YYYY-MM-DD hh:mm", "YYYY-MM-DD hh:mm", "<ruleSet>", "<description>"]';

function period(entry: OneshotEntry): string {
  return `[${JSON.stringify(entry.beginText)}, ${JSON.stringify(entry.endText)}]`;
}

function detail(failure: Exclude<Parsed<unknown>, { ok: true }>): string {
  return failure.expected === undefined ? failure.problem : `${failure.problem} (${failure.expected})`;
}

/**
 * Validates one raw `oneshot` entry; throws `QUOTAS_INVALID` naming the entry. The description
 * (4th item) is optional. An empty or reversed period (begin ≥ end) is refused.
 */
export function parseOneshot(raw: unknown, index: number, ruleSetNames: ReadonlySet<string>): OneshotEntry {
  const where = oneshotPath(index);
  if (
    !Array.isArray(raw) ||
    raw.length < 3 ||
    raw.length > 4 ||
    typeof raw[0] !== 'string' ||
    typeof raw[1] !== 'string' ||
    typeof raw[2] !== 'string' ||
    (raw.length === 4 && typeof raw[3] !== 'string')
  ) {
    throw quotasInvalid(where, `expected ${SHAPE}, got ${JSON.stringify(raw)}`);
  }
  const [beginText, endText, ruleSet] = raw as [string, string, string];
  const begin = parseLocalDateTime(beginText, 'begin date');
  if (!begin.ok) throw quotasInvalid(where, detail(begin));
  const end = parseLocalDateTime(endText, 'end date');
  if (!end.ok) throw quotasInvalid(where, detail(end));
  if (begin.value >= end.value) {
    throw quotasInvalid(where, `begin ${JSON.stringify(beginText)} is not before end ${JSON.stringify(endText)}`);
  }
  checkRuleSetRef(where, ruleSet, ruleSetNames);
  return { index, beginText, endText, ruleSet, begin: begin.value, end: end.value };
}

/**
 * Validates the raw `oneshot` value (absent = no entry) and refuses overlapping periods, naming
 * both entries. Product decision: this overrides spec §16.3's "the earliest begin wins", because
 * an overlap is almost always a typo and silently shadowing part of a oneshot hides it.
 * Periods that only touch (one ends when the next begins) are fine. The check is on local wall
 * time, so a document is valid or not independently of the time zone.
 */
export function parseOneshots(raw: unknown, ruleSetNames: ReadonlySet<string>): OneshotEntry[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw quotasInvalid(`${RULES_PATH}.oneshot`, `expected an array of ${SHAPE} entries, got ${JSON.stringify(raw)}`);
  }
  const entries = raw.map((entry, i) => parseOneshot(entry, i, ruleSetNames));
  const sorted = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    // Sorted by begin and pairwise disjoint so far, `a` has the latest end: checking neighbours suffices.
    if (b.begin < a.end) {
      const [first, second] = a.index < b.index ? [a, b] : [b, a];
      throw quotasInvalid(
        oneshotPath(first.index),
        `period ${period(first)} overlaps ${oneshotPath(second.index)} ${period(second)}; overlapping oneshot periods are not allowed`,
        'make the oneshot periods disjoint (one may end exactly when the next begins)',
      );
    }
  }
  return entries;
}
