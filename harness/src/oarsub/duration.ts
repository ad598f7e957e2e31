/**
 * oarsub's durations and dates: `walltime=H`, `H:M`, `H:M:S` (OAR appends `:00` as needed), and
 * `-r "YYYY-MM-DD HH:MM:SS"` dates read in a time zone (the scheduler's `timezone`).
 */
import { TimeZone } from '@oar-sched/core';

/** Seconds of `H`, `H:M` or `H:M:S` (each a whole number, minutes and seconds any size, as OAR); undefined when malformed. */
export function parseDuration(text: string): number | undefined {
  if (!/^\d+(:\d+){0,2}$/.test(text)) return undefined;
  const [h = 0, m = 0, s = 0] = text.split(':').map(Number);
  const seconds = h * 3600 + m * 60 + s;
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/;

/**
 * Epoch seconds of `YYYY-MM-DD[ HH:MM[:SS]]` read as wall-clock time in `timeZone` (an IANA name);
 * undefined when the text is not such a date or names a day that does not exist.
 */
export function parseDate(text: string, timeZone: string): number | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const wall = Date.UTC(y!, mo! - 1, d!, h, mi, s) / 1000;
  if (new Date(wall * 1000).getUTCDate() !== d) return undefined;
  // The quota calendar's conversion (a time skipped by a DST change maps to the end of the gap).
  return TimeZone.of(timeZone).wallToEpoch(wall);
}
