import { quotasInvalid } from './invalid.js';
import type { WallSeconds } from './local-date-time.js';
import { DAY } from './week-time.js';

/**
 * Local wall-clock arithmetic in one IANA time zone, through `Intl.DateTimeFormat` only (no
 * time-zone database of our own). Times are integer epoch seconds; wall times are
 * `WallSeconds` (see local-date-time.ts).
 *
 * DST contract of `wallToEpoch`: it returns the EARLIEST epoch second whose local wall time is
 * ≥ the requested one. So a wall time that occurs twice (autumn fall-back) maps to its first
 * occurrence, and a wall time that does not exist (spring-forward gap) maps to the end of the
 * gap, the instant the clock jumps past it. This mapping is monotonic (never decreasing), which
 * keeps the calendar's boundaries in order and consistent with its rule lookup.
 */
export class TimeZone {
  readonly #format: Intl.DateTimeFormat;

  private constructor(
    /** The IANA name as given. */
    readonly name: string,
    format: Intl.DateTimeFormat,
  ) {
    this.#format = format;
  }

  /** Validates the zone name; an unknown name is a `QUOTAS_INVALID` error naming it. */
  static of(name: string): TimeZone {
    let format: Intl.DateTimeFormat | undefined;
    if (typeof name === 'string' && name !== '') {
      try {
        format = new Intl.DateTimeFormat('en-US', {
          timeZone: name,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
        });
      } catch {
        format = undefined;
      }
    }
    if (!format) {
      throw quotasInvalid(
        'config.timezone',
        `unknown time zone ${JSON.stringify(name)}`,
        'use an IANA time zone name such as "UTC" or "Europe/Paris"',
      );
    }
    return new TimeZone(name, format);
  }

  /** Local wall time of epoch second `t` (an integer). */
  wallAt(t: number): WallSeconds {
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    for (const part of this.#format.formatToParts(new Date(t * 1000))) {
      switch (part.type) {
        case 'year': year = Number(part.value); break;
        case 'month': month = Number(part.value); break;
        case 'day': day = Number(part.value); break;
        case 'hour': hour = Number(part.value) % 24; break; // some ICU versions print 24 for midnight
        case 'minute': minute = Number(part.value); break;
        case 'second': second = Number(part.value); break;
        default: break;
      }
    }
    return Date.UTC(year, month - 1, day, hour, minute, second) / 1000;
  }

  /** UTC offset in force at epoch second `t`, in seconds (local = epoch + offset). */
  offsetAt(t: number): number {
    return this.wallAt(t) - t;
  }

  /** The earliest epoch second whose local wall time is ≥ `wall` (see the class contract). */
  wallToEpoch(wall: WallSeconds): number {
    // Offsets a day before and after: a real zone changes offset at most once in two days.
    const before = this.offsetAt(wall - DAY);
    const after = this.offsetAt(wall + DAY);
    let best = Number.POSITIVE_INFINITY;
    for (const offset of before === after ? [before] : [before, after]) {
      const t = wall - offset;
      if (this.offsetAt(t) === offset && t < best) best = t;
    }
    if (best !== Number.POSITIVE_INFINITY) return best;
    // `wall` falls in a gap (before < after): find the transition instant, the first second
    // carrying the new offset, between the two candidate instants.
    let lo = wall - after; // still on the old offset
    let hi = wall - before; // already on the new offset
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offsetAt(mid) === before) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}
