import { parsedBad, parsedOk, type Parsed } from './invalid.js';
import { DAY, HOUR, MINUTE } from './week-time.js';

/** A `[begin, end)` interval of seconds within one day, `0 ≤ begin < end ≤ 86400`. */
export interface DayPiece {
  readonly begin: number;
  readonly end: number;
}

const EXPECTED_TIME = 'expected * or HH:MM-HH:MM';

/** `H:MM` / `HH:MM` (00:00..23:59) → seconds of the day; `undefined` when malformed. */
export function parseClock(text: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return undefined;
  return h * HOUR + min * MINUTE;
}

/**
 * Parses the `<time>` field of a periodical entry into the pieces of a day it covers.
 *
 * * `*` → the whole day.
 * * `HH:MM-HH:MM` → `[begin, end)`; an end of `00:00` is the midnight at the END of the day
 *   (so `00:00-00:00` is the whole day).
 * * Overnight, end < begin (e.g. `22:00-02:00`) → begin→midnight AND midnight→end of the SAME
 *   day (spec §16.2 [Py≠], divergence #22): two pieces, `[0, end)` first.
 * * begin = end (other than `00:00-00:00`) is refused: it is empty or ambiguous.
 */
export function parseTimeOfDay(spec: string): Parsed<readonly DayPiece[]> {
  if (spec === '*') return parsedOk([{ begin: 0, end: DAY }]);
  const parts = spec.split('-');
  if (parts.length !== 2) return parsedBad(`bad time range "${spec}"`, EXPECTED_TIME);
  const begin = parseClock(parts[0]!);
  if (begin === undefined) return parsedBad(`bad time "${parts[0]}"`, EXPECTED_TIME);
  const rawEnd = parseClock(parts[1]!);
  if (rawEnd === undefined) return parsedBad(`bad time "${parts[1]}"`, EXPECTED_TIME);
  const end = rawEnd === 0 ? DAY : rawEnd;
  if (end === begin) return parsedBad(`empty time range "${spec}"`, 'begin and end must differ');
  if (end > begin) return parsedOk([{ begin, end }]);
  return parsedOk([
    { begin: 0, end },
    { begin, end: DAY },
  ]);
}
