import { describe, expect, it } from 'vitest';
import { OarSchedError } from '../../errors.js';
import { TimeZone } from './time-zone.js';

/** Epoch second of an ISO instant (always written with its `Z`). */
const at = (iso: string) => Date.parse(iso) / 1000;
/** Wall seconds of a local date-time: the epoch second it would be in UTC. */
const wall = (local: string) => Date.parse(`${local}Z`) / 1000;

describe('TimeZone.of', () => {
  it.each(['Mars/Olympus', '', 'Europe/Pariss', 'UTC+25'])('refuses %j with QUOTAS_INVALID naming the zone', (name) => {
    let error: unknown;
    try {
      TimeZone.of(name);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OarSchedError);
    expect((error as OarSchedError).code).toBe('QUOTAS_INVALID');
    expect((error as OarSchedError).message).toBe(`config.timezone: unknown time zone ${JSON.stringify(name)}`);
  });
});

describe('TimeZone offsets', () => {
  it.each([
    ['UTC', '2024-01-01T00:00:00Z', 0],
    ['Europe/Paris', '2024-01-01T00:00:00Z', 3600],
    ['Europe/Paris', '2024-07-01T00:00:00Z', 7200],
    ['Europe/Paris', '2024-03-31T00:59:59Z', 3600], // last second of CET
    ['Europe/Paris', '2024-03-31T01:00:00Z', 7200], // first second of CEST
    ['America/New_York', '2024-01-15T12:00:00Z', -5 * 3600],
    ['Asia/Kolkata', '2024-01-15T12:00:00Z', 5.5 * 3600],
  ])('%s at %s → %i', (zone, iso, offset) => {
    expect(TimeZone.of(zone).offsetAt(at(iso))).toBe(offset);
  });
});

describe('TimeZone.wallToEpoch', () => {
  it.each([
    ['UTC', '2024-01-01T00:00:00', '2024-01-01T00:00:00Z'],
    ['Europe/Paris', '2024-01-01T00:00:00', '2023-12-31T23:00:00Z'],
    ['Europe/Paris', '2024-03-25T08:00:00', '2024-03-25T07:00:00Z'], // before the change: CET
    ['Europe/Paris', '2024-03-31T01:59:00', '2024-03-31T00:59:00Z'],
    ['Europe/Paris', '2024-03-31T08:00:00', '2024-03-31T06:00:00Z'], // same day, after the change: CEST
    // 02:00..02:59 does not exist on 2024-03-31: the end of the gap (03:00 CEST).
    ['Europe/Paris', '2024-03-31T02:00:00', '2024-03-31T01:00:00Z'],
    ['Europe/Paris', '2024-03-31T02:30:00', '2024-03-31T01:00:00Z'],
    ['Europe/Paris', '2024-03-31T03:00:00', '2024-03-31T01:00:00Z'],
    // 02:00..02:59 happens twice on 2024-10-27: the first occurrence (CEST).
    ['Europe/Paris', '2024-10-27T02:30:00', '2024-10-27T00:30:00Z'],
    ['Europe/Paris', '2024-10-27T03:00:00', '2024-10-27T02:00:00Z'],
    ['America/New_York', '2024-03-10T02:30:00', '2024-03-10T07:00:00Z'], // gap, negative offset
    ['America/New_York', '2024-11-03T01:30:00', '2024-11-03T05:30:00Z'], // repeated hour: EDT first
    ['Asia/Kolkata', '2024-01-01T00:00:00', '2023-12-31T18:30:00Z'],
  ])('%s: local %s → %s', (zone, local, iso) => {
    expect(TimeZone.of(zone).wallToEpoch(wall(local))).toBe(at(iso));
  });

  it('is monotonic across a gap and a repeated hour (every minute of both change days)', () => {
    const paris = TimeZone.of('Europe/Paris');
    for (const day of ['2024-03-31', '2024-10-27']) {
      let previous = Number.NEGATIVE_INFINITY;
      for (let minute = 0; minute < 24 * 60; minute++) {
        const t = paris.wallToEpoch(wall(`${day}T00:00:00`) + minute * 60);
        expect(t).toBeGreaterThanOrEqual(previous);
        // Earliest instant whose wall time is ≥ the requested one.
        expect(paris.wallAt(t)).toBeGreaterThanOrEqual(wall(`${day}T00:00:00`) + minute * 60);
        expect(paris.wallAt(t - 1)).toBeLessThan(wall(`${day}T00:00:00`) + minute * 60);
        previous = t;
      }
    }
  });
});
