import { periodicalPath, quotasInvalid } from './invalid.js';
import type { PeriodicalEntry } from './periodical.js';
import { upperBound } from './sorted-search.js';
import { formatWeekInterval, WEEK } from './week-time.js';

/**
 * The periodical part of the calendar, in local week time, independent of any time zone.
 *
 * `boundaries` are the week offsets where a period starts or ends, ascending in `[0, WEEK)`;
 * `rules[i]` is the rule-set id in force from `boundaries[i]` up to the next boundary, the last
 * one wrapping over the week end up to `boundaries[0]` of the next week. `ruleAtWeekStart` is the
 * rule in force before the first boundary of a week (= the last of `rules`); with no boundary at
 * all it holds for the whole week. Rule id -1 = the default rules (`quotas` key).
 *
 * A "period" is a maximal stretch of week time covered by ONE entry (touching intervals of the
 * same entry merge, also across the week end: `* mon-wed` and `* mon,tue,wed` are one period
 * Mon 00:00 → Thu 00:00), a maximal gap filled by the default periodical, or a maximal uncovered
 * gap. Two touching periods of different entries keep their boundary even when they name the
 * same rule set: the slot cut there is what the entries describe.
 */
export interface WeekPattern {
  readonly boundaries: readonly number[];
  readonly rules: readonly number[];
  readonly ruleAtWeekStart: number;
}

/** Key of the owner of a piece of week time: an entry index, or one of the gap kinds. */
type Owner = number | 'default' | 'uncovered';

interface Piece {
  readonly begin: number;
  readonly end: number;
  readonly owner: Owner;
  readonly rule: number;
}

/**
 * Builds the pattern; refuses two non-default entries covering the same week time (the message
 * names both entries and where they overlap). `ruleIdOf` maps a rule-set name to its id.
 */
export function buildWeekPattern(entries: readonly PeriodicalEntry[], ruleIdOf: (name: string) => number): WeekPattern {
  const defaultEntry = entries.find((e) => e.isDefault);
  const gapOwner: Owner = defaultEntry ? 'default' : 'uncovered';
  const gapRule = defaultEntry ? ruleIdOf(defaultEntry.ruleSet) : -1;

  const covered = entries
    .filter((e) => !e.isDefault)
    .flatMap((e) => e.intervals.map((iv) => ({ ...iv, entry: e })))
    .sort((a, b) => a.begin - b.begin || a.end - b.end);

  // Walk the week in order, refusing overlaps and filling the gaps.
  const pieces: Piece[] = [];
  let t = 0;
  let previous: (typeof covered)[number] | undefined;
  for (const iv of covered) {
    if (previous && iv.begin < previous.end) {
      const a = previous.entry;
      const b = iv.entry;
      throw quotasInvalid(
        periodicalPath(b.index),
        `${JSON.stringify(b.spec)} overlaps ${periodicalPath(a.index)} (${JSON.stringify(a.spec)}) on ${formatWeekInterval(iv.begin, Math.min(iv.end, previous.end))}`,
        'periodical entries must not overlap (only the "* * * *" default entry may, it fills the gaps)',
      );
    }
    if (iv.begin > t) pieces.push({ begin: t, end: iv.begin, owner: gapOwner, rule: gapRule });
    pieces.push({ begin: iv.begin, end: iv.end, owner: iv.entry.index, rule: ruleIdOf(iv.entry.ruleSet) });
    t = iv.end;
    previous = iv;
  }
  if (t < WEEK) pieces.push({ begin: t, end: WEEK, owner: gapOwner, rule: gapRule });

  // A boundary is a piece start whose owner differs from the owner just before it (cyclically).
  const boundaries: number[] = [];
  const rules: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const before = pieces[(i - 1 + pieces.length) % pieces.length]!;
    const piece = pieces[i]!;
    if (before.owner !== piece.owner) {
      boundaries.push(piece.begin);
      rules.push(piece.rule);
    }
  }
  return { boundaries, rules, ruleAtWeekStart: boundaries.length === 0 ? pieces[0]!.rule : rules[rules.length - 1]! };
}

/** Rule-set id in force at week offset `offset` (`0 ≤ offset < WEEK`). */
export function ruleAtWeekOffset(pattern: WeekPattern, offset: number): number {
  const i = upperBound(pattern.boundaries, offset) - 1;
  return i < 0 ? pattern.ruleAtWeekStart : pattern.rules[i]!;
}
