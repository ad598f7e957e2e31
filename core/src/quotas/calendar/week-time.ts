/**
 * Units of the calendar's week-relative time. A week offset is the number of local wall-clock
 * seconds since Monday 00:00 (spec §16.2, §21: "week = 604800 s, Monday 00:00 origin").
 */
export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;
export const WEEK = 7 * DAY;

/** Day names in week order: index = day offset in the week (Monday = 0). */
export const WEEKDAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * Weekday of a day number (days since 1970-01-01, which was a Thursday), Monday = 0.
 * Works for negative day numbers too.
 */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function hhmm(secondOfDay: number): string {
  const h = Math.floor(secondOfDay / HOUR);
  const m = Math.floor((secondOfDay % HOUR) / MINUTE);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * Human form of a week interval `[begin, end)` for messages, e.g. `fri 08:00-19:00` or
 * `fri 22:00-sat 02:00`; an end on a midnight is written `24:00` of the day before.
 */
export function formatWeekInterval(begin: number, end: number): string {
  const bDay = Math.floor(begin / DAY);
  const eDay = Math.floor((end - 1) / DAY);
  const bText = `${WEEKDAY_NAMES[bDay] ?? '?'} ${hhmm(begin - bDay * DAY)}`;
  const eText = hhmm(end - eDay * DAY);
  return bDay === eDay ? `${bText}-${eText}` : `${bText}-${WEEKDAY_NAMES[eDay] ?? '?'} ${eText}`;
}
