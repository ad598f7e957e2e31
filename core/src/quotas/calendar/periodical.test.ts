import { describe, expect, it } from 'vitest';
import { parsePeriodical, parsePeriodicals } from './periodical.js';

const H = 3600;
const D = 86_400;
const NAMES = new Set(['a', 'b']);

const intervalsOf = (spec: string) => parsePeriodical([spec, 'a', 'desc'], 0, NAMES).intervals.map((iv) => [iv.begin, iv.end]);

describe('parsePeriodical intervals (week seconds, Monday 00:00 = 0)', () => {
  it.each([
    ['* mon * *', [[0, D]]],
    ['* sun * *', [[6 * D, 7 * D]]],
    ['* mon-wed * *', [[0, D], [D, 2 * D], [2 * D, 3 * D]]],
    ['* sun-mon * *', [[0, D], [6 * D, 7 * D]]],
    ['08:00-19:00 mon,fri * *', [[8 * H, 19 * H], [4 * D + 8 * H, 4 * D + 19 * H]]],
    ['19:00-00:00 sat * *', [[5 * D + 19 * H, 6 * D]]],
    ['22:00-02:00 fri * *', [[4 * D, 4 * D + 2 * H], [4 * D + 22 * H, 5 * D]]],
    ['  08:00-09:00   tue  *  * ', [[D + 8 * H, D + 9 * H]]], // any whitespace between fields
  ])('%j → %j', (spec, intervals) => {
    expect(intervalsOf(spec)).toEqual(intervals);
  });

  it('expands every listed day for a time range', () => {
    const ivs = intervalsOf('08:00-19:00 mon-fri * *');
    expect(ivs).toHaveLength(5);
    expect(ivs[4]).toEqual([4 * D + 8 * H, 4 * D + 19 * H]);
  });
});

describe('default periodical detection', () => {
  it.each(['* * * *', 'default', 'default * * *', '*,*,*,*', ' *  * * * '])('%j is the default periodical', (spec) => {
    const e = parsePeriodical([spec, 'b'], 3, NAMES);
    expect(e).toEqual({ index: 3, spec, ruleSet: 'b', isDefault: true, intervals: [] });
  });

  it.each(['* mon-sun * *', '00:00-00:00 * * *'])('%j covers the week but is an ordinary entry', (spec) => {
    const e = parsePeriodical([spec, 'b'], 0, NAMES);
    expect(e.isDefault).toBe(false);
    expect(e.intervals).toHaveLength(7);
  });
});

describe('parsePeriodicals', () => {
  it('treats an absent value as no entry and keeps document order', () => {
    expect(parsePeriodicals(undefined, NAMES)).toEqual([]);
    const list = parsePeriodicals([['* thu-sun * *', 'b'], ['* mon-wed * *', 'a', 'x']], NAMES);
    expect(list.map((e) => [e.index, e.ruleSet])).toEqual([[0, 'b'], [1, 'a']]);
  });

  it('refuses a second default periodical, naming both entries', () => {
    expect(() => parsePeriodicals([['* * * *', 'a'], ['08:00-09:00 mon * *', 'b'], ['default', 'b']], NAMES)).toThrow(
      'quotas.rules.periodical[2]: second default periodical "default"; quotas.rules.periodical[0] ("* * * *") is already the default',
    );
  });
});
