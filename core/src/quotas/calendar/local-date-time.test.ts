import { describe, expect, it } from 'vitest';
import { dayNumberOf, parseLocalDateTime } from './local-date-time.js';

/** Wall seconds are what the epoch second would be in UTC. */
const wall = (iso: string) => Date.parse(`${iso}Z`) / 1000;

describe('dayNumberOf', () => {
  it.each([
    [1970, 1, 1, 0],
    [1970, 1, 5, 4],
    [2024, 1, 1, 19723],
    [1969, 12, 31, -1],
  ])('%i-%i-%i → day %i', (y, m, d, n) => {
    expect(dayNumberOf(y, m, d)).toBe(n);
  });
});

describe('parseLocalDateTime', () => {
  it.each([
    ['2024-01-01 00:00', wall('2024-01-01T00:00:00')],
    ['2024-01-04 00:00', wall('2024-01-04T00:00:00')],
    ['2024-02-29 23:59', wall('2024-02-29T23:59:00')],
    ['2024-3-5 8:07', wall('2024-03-05T08:07:00')],
    [' 2024-01-06 07:13 ', wall('2024-01-06T07:13:00')],
  ])('%j → %i', (text, seconds) => {
    expect(parseLocalDateTime(text)).toEqual({ ok: true, value: seconds });
  });

  it.each([
    ['2024-13-01 08:00', 'impossible date "2024-13-01 08:00"'],
    ['2023-02-29 00:00', 'impossible date "2023-02-29 00:00"'],
    ['2024-04-31 00:00', 'impossible date "2024-04-31 00:00"'],
    ['2024-01-01 24:00', 'impossible date "2024-01-01 24:00"'],
    ['2024-01-01 08:60', 'impossible date "2024-01-01 08:60"'],
    ['2024-01-01', 'unparsable date "2024-01-01"'],
    ['2024/01/01 08:00', 'unparsable date "2024/01/01 08:00"'],
    ['2024-01-01 08:00:00', 'unparsable date "2024-01-01 08:00:00"'],
    ['2024-01-01T08:00', 'unparsable date "2024-01-01T08:00"'],
  ])('%j is refused: %s', (text, problem) => {
    const parsed = parseLocalDateTime(text);
    expect(parsed).toEqual({ ok: false, problem, expected: 'expected "YYYY-MM-DD hh:mm"' });
  });

  it('names the value with the given label', () => {
    const parsed = parseLocalDateTime('nope', 'begin date');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toBe('unparsable begin date "nope"');
  });
});
