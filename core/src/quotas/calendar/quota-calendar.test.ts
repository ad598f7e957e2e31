import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuotaCalendar, type CalendarDocument } from './index.js';

/** Monday 2024-01-01 00:00 UTC, the conventional origin of the temporal-quota vectors. */
const NOW = 1704067200;
const M = 60;
const H = 3600;
const D = 86_400;
/** Epoch second of an ISO instant (always written with its `Z`). */
const at = (iso: string) => Date.parse(iso) / 1000;

/** Builds with every rule set the entries name (periodical item 1, oneshot item 2) declared. */
function calendar(doc: CalendarDocument, timezone = 'UTC'): QuotaCalendar {
  const names = new Set<string>();
  for (const e of (doc.periodical as string[][] | undefined) ?? []) names.add(e[1]!);
  for (const e of (doc.oneshot as string[][] | undefined) ?? []) names.add(e[2]!);
  return QuotaCalendar.fromDocument(doc, names, timezone);
}

/** The first `count` boundaries after `from`, following `nextBoundaryAfter`. */
function boundaries(cal: QuotaCalendar, from: number, count: number): number[] {
  const out: number[] = [];
  let t = from;
  for (let i = 0; i < count; i++) {
    t = cal.nextBoundaryAfter(t);
    out.push(t);
  }
  return out;
}

/** Vector oar3-test_temporal_quotas-*: Mon–Wed / Thu–Sun. */
const MON_WED_THU_SUN: CalendarDocument = {
  periodical: [
    ['* mon-wed * *', 'quotas_1', 'test1'],
    ['* thu-sun * *', 'quotas_2', 'test2'],
  ],
};

/** Vector edge-temporal_quotas_default_periodical_fills_gaps. */
const WORKDAYS_WITH_DEFAULT: CalendarDocument = {
  periodical: [
    ['* * * *', 'quotas_night_weekend', 'default'],
    ['08:00-19:00 mon-fri * *', 'quotas_workday', 'workdays'],
  ],
};

/** Vector edge-temporal_quotas_after_oneshot. */
const WITH_ONESHOT: CalendarDocument = {
  ...MON_WED_THU_SUN,
  oneshot: [['2024-01-01 12:00', '2024-01-04 00:00', 'quotas_holiday', 'summer holiday']],
};

describe('rule-set ids', () => {
  it('are assigned in order of first reference, periodicals first, then oneshots', () => {
    const cal = QuotaCalendar.fromDocument(
      {
        oneshot: [['2024-02-01 00:00', '2024-02-02 00:00', 'c', ''], ['2024-03-01 00:00', '2024-03-02 00:00', 'a', '']],
        periodical: [['* mon * *', 'b', ''], ['* * * *', 'a', ''], ['* tue * *', 'b', '']],
      },
      new Set(['a', 'b', 'c', 'unused']),
      'UTC',
    );
    expect(cal.ruleSetNames).toEqual(['b', 'a', 'c']);
    expect(cal.rulesIdAt(NOW)).toBe(0); // Monday → b
    expect(cal.rulesIdAt(NOW + 2 * D)).toBe(1); // Wednesday → default periodical a
    expect(cal.rulesIdAt(at('2024-02-01T12:00:00Z'))).toBe(2); // oneshot c
    expect(Object.isFrozen(cal.ruleSetNames)).toBe(true);
  });

  it('an empty document is empty and always uses the default rules', () => {
    for (const doc of [{}, { periodical: [], oneshot: [] }]) {
      const cal = QuotaCalendar.fromDocument(doc, new Set(['x']), 'Europe/Paris');
      expect(cal.isEmpty).toBe(true);
      expect(cal.ruleSetNames).toEqual([]);
      expect(cal.rulesIdAt(NOW)).toBe(-1);
      expect(cal.nextBoundaryAfter(NOW)).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it('a calendar with only the default periodical is not empty but never changes', () => {
    const cal = calendar({ periodical: [['* * * *', 'quotas_1', 'default']] });
    expect(cal.isEmpty).toBe(false);
    expect([cal.rulesIdAt(NOW), cal.rulesIdAt(NOW + 3 * D + 5)]).toEqual([0, 0]);
    expect(cal.nextBoundaryAfter(NOW)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('rulesIdAt', () => {
  describe('Mon–Wed / Thu–Sun, including the week boundary', () => {
    const cal = calendar(MON_WED_THU_SUN);
    it.each([
      ['Mon 00:00', NOW, 0],
      ['Wed 23:59:59', NOW + 3 * D - 1, 0],
      ['Thu 00:00', NOW + 3 * D, 1],
      ['Sun 12:00', NOW + 6 * D + 12 * H, 1],
      ['Sun 23:59', NOW + 7 * D - M, 1],
      ['Sun 23:59:59', NOW + 7 * D - 1, 1],
      ['next Mon 00:00', NOW + 7 * D, 0],
      ['Sun before NOW 23:59:59', NOW - 1, 1],
      ['ten weeks later, Thu', NOW + 70 * D + 3 * D + 1, 1],
    ])('%s → %i', (_label, t, id) => {
      expect(cal.rulesIdAt(t)).toBe(id);
    });
    it('cuts exactly at Monday 00:00 and Thursday 00:00', () => {
      expect(cal.nextBoundaryAfter(NOW + 7 * D - M)).toBe(NOW + 7 * D); // Sun 23:59 → Mon 00:00
      expect(boundaries(cal, NOW, 4)).toEqual([NOW + 3 * D, NOW + 7 * D, NOW + 10 * D, NOW + 14 * D]);
      expect(cal.nextBoundaryAfter(NOW - 1)).toBe(NOW);
    });
  });

  describe('a wrapping weekday range (sat-mon)', () => {
    const cal = calendar({ periodical: [['* sat-mon * *', 'weekend', ''], ['* tue-fri * *', 'week', '']] });
    it.each([
      ['Fri 23:59:59', NOW + 5 * D - 1, 1],
      ['Sat 00:00', NOW + 5 * D, 0],
      ['Sun 23:59:59', NOW + 7 * D - 1, 0],
      ['Mon 00:00', NOW + 7 * D, 0],
      ['Mon 23:59:59', NOW + 8 * D - 1, 0],
      ['Tue 00:00', NOW + 8 * D, 1],
    ])('%s → %i', (_label, t, id) => {
      expect(cal.rulesIdAt(t)).toBe(id);
    });
    it('does not cut at Monday 00:00 inside the wrapping period', () => {
      expect(cal.nextBoundaryAfter(NOW + 7 * D - M)).toBe(NOW + 8 * D);
      expect(boundaries(cal, NOW, 3)).toEqual([NOW + D, NOW + 5 * D, NOW + 8 * D]);
    });
  });

  describe('an overnight range covers both ends of the same listed day', () => {
    const cal = calendar({ periodical: [['* * * *', 'day', ''], ['22:00-02:00 fri * *', 'night', '']] });
    const FRI = NOW + 4 * D;
    it.each([
      ['Thu 23:59:59', FRI - 1, 0],
      ['Fri 00:00', FRI, 1],
      ['Fri 01:59:59', FRI + 2 * H - 1, 1],
      ['Fri 02:00', FRI + 2 * H, 0],
      ['Fri 21:59:59', FRI + 22 * H - 1, 0],
      ['Fri 22:00', FRI + 22 * H, 1],
      ['Fri 23:59:59', FRI + D - 1, 1],
      ['Sat 00:00 (not Sat 02:00)', FRI + D, 0],
      ['Sat 01:00', FRI + D + H, 0],
    ])('%s → %i', (_label, t, id) => {
      expect(cal.rulesIdAt(t)).toBe(id);
    });
    it('cuts at Fri 00:00, 02:00, 22:00 and Sat 00:00', () => {
      expect(boundaries(cal, NOW, 5)).toEqual([FRI, FRI + 2 * H, FRI + 22 * H, FRI + D, FRI + 7 * D]);
    });
    it('an every-day overnight range is one period from 22:00 to 02:00 (no midnight cut)', () => {
      const nightly = calendar({ periodical: [['22:00-02:00 * * *', 'night', '']] });
      expect(boundaries(nightly, NOW, 4)).toEqual([NOW + 2 * H, NOW + 22 * H, NOW + D + 2 * H, NOW + D + 22 * H]);
      expect([nightly.rulesIdAt(NOW + D - 1), nightly.rulesIdAt(NOW + D), nightly.rulesIdAt(NOW + D + 2 * H)]).toEqual([0, 0, -1]);
    });
  });

  describe('the default periodical fills the gaps of the other periodicals', () => {
    const cal = calendar(WORKDAYS_WITH_DEFAULT);
    it('numbers the default first (first reference)', () => {
      expect(cal.ruleSetNames).toEqual(['quotas_night_weekend', 'quotas_workday']);
    });
    it.each([
      ['Mon 00:00', NOW, 0],
      ['Mon 07:59:59', NOW + 8 * H - 1, 0],
      ['Mon 08:00', NOW + 8 * H, 1],
      ['Mon 18:59:59', NOW + 19 * H - 1, 1],
      ['Mon 19:00', NOW + 19 * H, 0],
      ['Fri 10:00', NOW + 4 * D + 10 * H, 1],
      ['Sat 10:00', NOW + 5 * D + 10 * H, 0],
      ['Sun 23:59:59', NOW + 7 * D - 1, 0],
    ])('%s → %i', (_label, t, id) => {
      expect(cal.rulesIdAt(t)).toBe(id);
    });
    it('without the default periodical the gaps use the default rules (-1)', () => {
      const bare = calendar({ periodical: [['08:00-19:00 mon-fri * *', 'quotas_workday', '']] });
      expect([bare.rulesIdAt(NOW), bare.rulesIdAt(NOW + 8 * H), bare.rulesIdAt(NOW + 5 * D + 10 * H)]).toEqual([-1, 0, -1]);
    });
  });

  describe('a oneshot overrides the periodicals, which resume after it (time-based, not cyclic)', () => {
    const cal = calendar(WITH_ONESHOT);
    it('numbers the oneshot rule set after the periodical ones', () => {
      expect(cal.ruleSetNames).toEqual(['quotas_1', 'quotas_2', 'quotas_holiday']);
    });
    it.each([
      ['Mon 00:00', NOW, 0],
      ['Mon 11:59:59', NOW + 12 * H - 1, 0],
      ['Mon 12:00 (oneshot begins)', NOW + 12 * H, 2],
      ['Wed 23:59:59', NOW + 3 * D - 1, 2],
      ['Thu 00:00 (oneshot ended)', NOW + 3 * D, 1],
      ['Sat 12:00', NOW + 5 * D + 12 * H, 1],
      ['next Mon', NOW + 7 * D, 0],
      ['next Mon 12:00 (no repeat)', NOW + 7 * D + 12 * H, 0],
    ])('%s → %i', (_label, t, id) => {
      expect(cal.rulesIdAt(t)).toBe(id);
    });
    it('cuts at the oneshot edges and the periodical boundaries around it', () => {
      expect(boundaries(cal, NOW, 4)).toEqual([NOW + 12 * H, NOW + 3 * D, NOW + 7 * D, NOW + 10 * D]);
    });
    it('does not cut at a periodical boundary covered by a oneshot', () => {
      const covering = calendar({
        ...MON_WED_THU_SUN,
        oneshot: [['2024-01-02 00:00', '2024-01-05 12:00', 'quotas_holiday', '']],
      });
      // Thu 00:00 is inside the oneshot: no cut there.
      expect(boundaries(covering, NOW, 3)).toEqual([NOW + D, NOW + 4 * D + 12 * H, NOW + 7 * D]);
      expect(covering.rulesIdAt(NOW + 3 * D)).toBe(2);
      expect(covering.rulesIdAt(NOW + 4 * D + 12 * H)).toBe(1);
      expect(covering.nextBoundaryAfter(NOW + 2 * D)).toBe(NOW + 4 * D + 12 * H);
    });
    it('touching oneshots cut between them and the periodicals resume after both', () => {
      const touching = calendar({
        ...MON_WED_THU_SUN,
        oneshot: [
          ['2024-01-02 12:00', '2024-01-03 00:00', 'h2', ''],
          ['2024-01-02 00:00', '2024-01-02 12:00', 'h1', ''],
        ],
      });
      expect(touching.ruleSetNames).toEqual(['quotas_1', 'quotas_2', 'h2', 'h1']);
      expect(boundaries(touching, NOW, 4)).toEqual([NOW + D, NOW + D + 12 * H, NOW + 2 * D, NOW + 3 * D]);
      expect([NOW + D, NOW + D + 12 * H, NOW + 2 * D].map((t) => touching.rulesIdAt(t))).toEqual([3, 2, 0]);
    });
  });
});

describe('nextBoundaryAfter over a few days', () => {
  it('workdays with the default periodical, from NOW and from inside periods', () => {
    const cal = calendar(WORKDAYS_WITH_DEFAULT);
    // The vector's 16-resource job starts at the first cut, Monday 08:00 = 1704096000.
    expect(cal.nextBoundaryAfter(NOW)).toBe(1704096000);
    expect(boundaries(cal, NOW, 6)).toEqual([
      NOW + 8 * H,
      NOW + 19 * H,
      NOW + D + 8 * H,
      NOW + D + 19 * H,
      NOW + 2 * D + 8 * H,
      NOW + 2 * D + 19 * H,
    ]);
    expect(cal.nextBoundaryAfter(NOW + 8 * H - 1)).toBe(NOW + 8 * H);
    expect(cal.nextBoundaryAfter(NOW + 8 * H)).toBe(NOW + 19 * H); // strictly after t
    expect(cal.nextBoundaryAfter(NOW + 12 * H)).toBe(NOW + 19 * H);
    // Friday 19:00 → the week-end is one period up to Monday 08:00 (no cut at Monday 00:00).
    expect(cal.nextBoundaryAfter(NOW + 4 * D + 19 * H)).toBe(NOW + 7 * D + 8 * H);
  });

  it('rulesIdAt only changes where a boundary was reported (UTC, 60 days, every 5 minutes)', () => {
    const cal = calendar({ ...WORKDAYS_WITH_DEFAULT, oneshot: [['2024-01-10 10:30', '2024-01-12 09:15', 'holiday', '']] });
    expectConsistent(cal, NOW, NOW + 60 * D, 5 * M);
  });
});

describe('a non-UTC zone: Europe/Paris, across the 2024-03-31 DST change', () => {
  const cal = calendar(WORKDAYS_WITH_DEFAULT, 'Europe/Paris');

  it('maps local 08:00 and 19:00 to the right epoch seconds on both sides of the change', () => {
    expect(boundaries(cal, at('2024-03-28T12:00:00Z'), 5)).toEqual([
      at('2024-03-28T18:00:00Z'), // Thu 19:00 CET
      at('2024-03-29T07:00:00Z'), // Fri 08:00 CET
      at('2024-03-29T18:00:00Z'), // Fri 19:00 CET
      at('2024-04-01T06:00:00Z'), // Mon 08:00 CEST (after the change)
      at('2024-04-01T17:00:00Z'), // Mon 19:00 CEST
    ]);
    expect(cal.rulesIdAt(at('2024-04-01T05:59:59Z'))).toBe(0);
    expect(cal.rulesIdAt(at('2024-04-01T06:00:00Z'))).toBe(1);
    expect(cal.rulesIdAt(at('2024-03-29T07:00:00Z'))).toBe(1);
    expect(cal.rulesIdAt(at('2024-03-29T06:59:59Z'))).toBe(0);
  });

  it('cuts a Sunday 08:00 boundary on the change day itself at 06:00Z (CEST), a week before at 07:00Z (CET)', () => {
    const sunday = calendar({ periodical: [['08:00-12:00 sun * *', 'sunday_morning', '']] }, 'Europe/Paris');
    expect(boundaries(sunday, at('2024-03-24T00:00:00Z'), 4)).toEqual([
      at('2024-03-24T07:00:00Z'),
      at('2024-03-24T11:00:00Z'),
      at('2024-03-31T06:00:00Z'),
      at('2024-03-31T10:00:00Z'),
    ]);
    expect(sunday.rulesIdAt(at('2024-03-31T05:59:59Z'))).toBe(-1);
    expect(sunday.rulesIdAt(at('2024-03-31T06:00:00Z'))).toBe(0);
  });

  it('starts the local week at Monday 00:00 Paris time (Sunday 23:00Z in winter)', () => {
    const weeks = calendar(MON_WED_THU_SUN, 'Europe/Paris');
    expect(weeks.rulesIdAt(at('2024-01-07T22:59:59Z'))).toBe(1);
    expect(weeks.rulesIdAt(at('2024-01-07T23:00:00Z'))).toBe(0);
    expect(weeks.nextBoundaryAfter(at('2024-01-07T12:00:00Z'))).toBe(at('2024-01-07T23:00:00Z'));
    // Summer: Monday 00:00 CEST = Sunday 22:00Z.
    expect(weeks.nextBoundaryAfter(at('2024-04-07T12:00:00Z'))).toBe(at('2024-04-07T22:00:00Z'));
  });

  it('a boundary inside the spring-forward gap falls at the end of the gap; the repeated autumn hour does not flip back', () => {
    const early = calendar({ periodical: [['02:30-04:00 sun * *', 'early', '']] }, 'Europe/Paris');
    // 2024-03-31 02:30 does not exist: the period starts when the clock jumps to 03:00 CEST (01:00Z).
    expect(early.nextBoundaryAfter(at('2024-03-30T12:00:00Z'))).toBe(at('2024-03-31T01:00:00Z'));
    expect(early.rulesIdAt(at('2024-03-31T00:59:59Z'))).toBe(-1);
    expect(early.rulesIdAt(at('2024-03-31T01:00:00Z'))).toBe(0);
    expect(early.nextBoundaryAfter(at('2024-03-31T01:00:00Z'))).toBe(at('2024-03-31T02:00:00Z')); // 04:00 CEST
    // 2024-10-27 02:30 happens twice: the period starts at the first one (00:30Z) and lasts until 04:00 CET.
    expect(boundaries(early, at('2024-10-26T12:00:00Z'), 2)).toEqual([at('2024-10-27T00:30:00Z'), at('2024-10-27T03:00:00Z')]);
    expect(early.rulesIdAt(at('2024-10-27T01:15:00Z'))).toBe(0); // 02:15 CET, second pass of the hour
  });

  it('oneshot dates are local: 2024-03-31 08:00 Paris is 06:00Z', () => {
    const oneshot = calendar(
      { ...MON_WED_THU_SUN, oneshot: [['2024-03-30 08:00', '2024-03-31 08:00', 'holiday', '']] },
      'Europe/Paris',
    );
    expect(oneshot.rulesIdAt(at('2024-03-30T06:59:59Z'))).toBe(1);
    expect(oneshot.rulesIdAt(at('2024-03-30T07:00:00Z'))).toBe(2);
    expect(oneshot.rulesIdAt(at('2024-03-31T05:59:59Z'))).toBe(2);
    expect(oneshot.rulesIdAt(at('2024-03-31T06:00:00Z'))).toBe(1);
    expect(boundaries(oneshot, at('2024-03-30T00:00:00Z'), 3)).toEqual([
      at('2024-03-30T07:00:00Z'),
      at('2024-03-31T06:00:00Z'),
      at('2024-03-31T22:00:00Z'), // Monday 00:00 CEST
    ]);
  });

  it('rulesIdAt only changes where a boundary was reported (60 days over both DST changes)', () => {
    const mixed = calendar(
      {
        periodical: [
          ['* * * *', 'night', ''],
          ['08:00-19:00 mon-fri * *', 'day', ''],
          ['02:15-02:45 sun * *', 'gap', ''],
          ['22:00-03:00 sat * *', 'late', ''],
        ],
        oneshot: [['2024-03-29 10:00', '2024-04-02 10:00', 'easter', '']],
      },
      'Europe/Paris',
    );
    expectConsistent(mixed, at('2024-03-01T00:00:00Z'), at('2024-04-30T00:00:00Z'), 5 * M);
    expectConsistent(mixed, at('2024-10-01T00:00:00Z'), at('2024-11-30T00:00:00Z'), 5 * M);
  });
});

describe('efficiency', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('converts time zones once per week, not per call', () => {
    const cal = calendar(WORKDAYS_WITH_DEFAULT, 'Europe/Paris');
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    const monday = at('2024-03-03T23:00:00Z'); // Monday 2024-03-04 00:00 CET
    cal.rulesIdAt(monday + H);
    const oneWeek = spy.mock.calls.length;
    expect(oneWeek).toBeGreaterThan(0);
    // 2000 more lookups in the same week: no further conversion.
    for (let u = monday; u < monday + 7 * D; u += 5 * M) {
      cal.rulesIdAt(u);
      cal.nextBoundaryAfter(u);
    }
    // (the last nextBoundaryAfter calls of the week look at the next week: one more week built)
    const twoWeeks = spy.mock.calls.length;
    expect(twoWeeks).toBeLessThanOrEqual(2 * oneWeek);
    // Walking a 60-day horizon as slot cutting does costs a bounded amount per week...
    spy.mockClear();
    let t = at('2024-03-18T00:00:00Z');
    let cuts = 0;
    while (t < at('2024-05-17T00:00:00Z')) {
      cal.rulesIdAt(t);
      t = cal.nextBoundaryAfter(t);
      cuts++;
    }
    expect(cuts).toBeGreaterThan(80);
    expect(spy.mock.calls.length).toBeLessThanOrEqual(10 * oneWeek);
    // ...and a second pass over the cached weeks needs no conversion at all.
    spy.mockClear();
    for (let u = at('2024-03-18T00:00:00Z'); u < at('2024-05-12T00:00:00Z'); u += 7 * M) {
      cal.rulesIdAt(u);
      cal.nextBoundaryAfter(u);
    }
    expect(spy).not.toHaveBeenCalled();
  });
});

/**
 * Property: between two consecutive reported boundaries `rulesIdAt` is constant, and every
 * reported boundary is strictly increasing. Sampled every `step` seconds plus at each boundary.
 */
function expectConsistent(cal: QuotaCalendar, from: number, to: number, step: number): void {
  let b = cal.nextBoundaryAfter(from);
  let segmentStart = from;
  let rule = cal.rulesIdAt(from);
  let changes = 0;
  for (let t = from; t < to; t += step) {
    while (b <= t) {
      // entering a new segment at b
      const next = cal.nextBoundaryAfter(b);
      expect(next).toBeGreaterThan(b);
      segmentStart = b;
      rule = cal.rulesIdAt(b);
      if (cal.rulesIdAt(b - 1) !== rule) changes++;
      b = next;
    }
    expect({ t, segmentStart, rule: cal.rulesIdAt(t) }).toEqual({ t, segmentStart, rule });
  }
  expect(changes).toBeGreaterThan(0);
}
