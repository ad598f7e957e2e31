/**
 * oarsub's durations and dates: `walltime=H`, `H:M`, `H:M:S` (OAR appends `:00` as needed), and
 * `-r "YYYY-MM-DD HH:MM:SS"` dates read in a time zone (the scheduler's `timezone`).
 */

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
 * undefined when the text is not such a date or names a day or time that does not exist.
 */
export function parseDate(text: string, timeZone: string): number | undefined {
  const m = DATE.exec(text.trim());
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const asUtc = Date.UTC(y!, mo! - 1, d!, h, mi, s) / 1000;
  if (new Date(asUtc * 1000).getUTCDate() !== d) return undefined;
  // The zone's offset at that instant, corrected once more around offset changes.
  let t = asUtc - offsetSeconds(asUtc, timeZone);
  t = asUtc - offsetSeconds(t, timeZone);
  return t;
}

/** Offset of `timeZone` from UTC at epoch second `t` (seconds, east positive). */
function offsetSeconds(t: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(t * 1000));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) / 1000;
  return wall - t;
}
