import { parsedBad, parsedOk, type Parsed } from './invalid.js';
import { DAY, HOUR, MINUTE } from './week-time.js';

/**
 * A local wall-clock instant as "wall seconds": `dayNumber × 86400 + secondOfDay`, where
 * `dayNumber` counts days since 1970-01-01 of the LOCAL calendar. It is what the epoch second
 * would be if the zone were UTC; `TimeZone.wallToEpoch` turns it into a real epoch second.
 */
export type WallSeconds = number;

/** Day number (days since 1970-01-01) of a proleptic Gregorian date; pure arithmetic. */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / 1000 / DAY);
}

const EXPECTED_DATE = 'expected "YYYY-MM-DD hh:mm"';

/**
 * Parses a oneshot date `YYYY-MM-DD hh:mm` (minute resolution, spec §16.3; the hour may have one
 * digit) into wall seconds. Refuses impossible dates such as `2024-02-30` or `24:00`. `label`
 * names the value in the problem text (e.g. `begin date`).
 */
export function parseLocalDateTime(text: string, label = 'date'): Parsed<WallSeconds> {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return parsedBad(`unparsable ${label} ${JSON.stringify(text)}`, EXPECTED_DATE);
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const dayNumber = dayNumberOf(year, month, day);
  const check = new Date(dayNumber * DAY * 1000);
  if (
    month < 1 ||
    month > 12 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  ) {
    return parsedBad(`impossible ${label} ${JSON.stringify(text)}`, EXPECTED_DATE);
  }
  return parsedOk(dayNumber * DAY + hour * HOUR + minute * MINUTE);
}
