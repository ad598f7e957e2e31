import { describe, expect, it } from 'vitest';
import { parseClock, parseTimeOfDay } from './time-of-day.js';

const H = 3600;
const DAY = 86_400;

describe('parseClock', () => {
  it.each([
    ['00:00', 0],
    ['08:00', 8 * H],
    ['8:30', 8 * H + 30 * 60],
    ['23:59', DAY - 60],
  ])('%s → %i', (text, seconds) => {
    expect(parseClock(text)).toBe(seconds);
  });

  it.each(['24:00', '08:60', '8', '08:0', '008:00', 'ab:cd', '-1:00', ''])('%j is refused', (text) => {
    expect(parseClock(text)).toBeUndefined();
  });
});

describe('parseTimeOfDay', () => {
  it.each([
    ['*', [[0, DAY]]],
    ['08:00-19:00', [[8 * H, 19 * H]]],
    ['8:30-12:00', [[8.5 * H, 12 * H]]],
    ['00:00-09:00', [[0, 9 * H]]],
    ['19:00-00:00', [[19 * H, DAY]]], // end 00:00 = midnight at the END of the day
    ['00:00-00:00', [[0, DAY]]],
    ['22:00-02:00', [[0, 2 * H], [22 * H, DAY]]], // overnight: both ends of the SAME day
    ['23:59-00:01', [[0, 60], [DAY - 60, DAY]]],
  ])('%s → pieces %j', (spec, pieces) => {
    expect(parseTimeOfDay(spec)).toEqual({ ok: true, value: pieces.map(([begin, end]) => ({ begin, end })) });
  });

  it.each([
    ['25:00-19:00', 'bad time "25:00"'],
    ['08:00-19:60', 'bad time "19:60"'],
    ['08:00', 'bad time range "08:00"'],
    ['08:00-09:00-10:00', 'bad time range "08:00-09:00-10:00"'],
    ['8h-9h', 'bad time "8h"'],
    ['08:00-08:00', 'empty time range "08:00-08:00"'],
    ['default', 'bad time range "default"'],
  ])('%j is refused: %s', (spec, problem) => {
    const parsed = parseTimeOfDay(spec);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toBe(problem);
  });
});
