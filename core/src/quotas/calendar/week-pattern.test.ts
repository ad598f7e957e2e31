import { describe, expect, it } from 'vitest';
import { parsePeriodicals } from './periodical.js';
import { buildWeekPattern, ruleAtWeekOffset } from './week-pattern.js';

const H = 3600;
const D = 86_400;

/** Pattern of raw entries; rule ids = index of the name in `names`. */
function patternOf(entries: unknown[], names = ['a', 'b', 'c']) {
  const parsed = parsePeriodicals(entries, new Set(names));
  return buildWeekPattern(parsed, (n) => names.indexOf(n));
}

describe('buildWeekPattern', () => {
  it.each([
    {
      name: 'two entries tiling the week',
      entries: [['* mon-wed * *', 'a'], ['* thu-sun * *', 'b']],
      boundaries: [0, 3 * D],
      rules: [0, 1],
      ruleAtWeekStart: 1,
    },
    {
      name: 'a list of contiguous days is one period',
      entries: [['* mon,tue,wed * *', 'a'], ['* thu-sun * *', 'b']],
      boundaries: [0, 3 * D],
      rules: [0, 1],
      ruleAtWeekStart: 1,
    },
    {
      name: 'uncovered time uses the default rules (-1)',
      entries: [['08:00-19:00 mon,wed * *', 'a']],
      boundaries: [8 * H, 19 * H, 2 * D + 8 * H, 2 * D + 19 * H],
      rules: [0, -1, 0, -1],
      ruleAtWeekStart: -1,
    },
    {
      name: 'the default periodical fills the gaps, as one period over the week end',
      entries: [['* * * *', 'b'], ['08:00-19:00 mon-fri * *', 'a']],
      boundaries: [0, 1, 2, 3, 4].flatMap((d) => [d * D + 8 * H, d * D + 19 * H]),
      rules: [0, 1, 0, 1, 0, 1, 0, 1, 0, 1],
      ruleAtWeekStart: 1,
    },
    {
      name: 'a wrapping range does not cut at Monday 00:00',
      entries: [['* sat-mon * *', 'a'], ['* tue-fri * *', 'b']],
      boundaries: [D, 5 * D],
      rules: [1, 0],
      ruleAtWeekStart: 0,
    },
    {
      name: 'overnight every day merges across midnight',
      entries: [['22:00-02:00 * * *', 'a']],
      boundaries: [0, 1, 2, 3, 4, 5, 6].flatMap((d) => [d * D + 2 * H, d * D + 22 * H]),
      rules: [0, 1, 2, 3, 4, 5, 6].flatMap(() => [-1, 0]),
      ruleAtWeekStart: 0,
    },
    {
      name: 'touching entries with the same rule set keep their boundary',
      entries: [['* mon * *', 'a'], ['* tue * *', 'a']],
      boundaries: [0, D, 2 * D],
      rules: [0, 0, -1],
      ruleAtWeekStart: -1,
    },
    { name: 'only the default periodical', entries: [['* * * *', 'c']], boundaries: [], rules: [], ruleAtWeekStart: 2 },
    { name: 'one entry covering the whole week', entries: [['* mon-sun * *', 'b']], boundaries: [], rules: [], ruleAtWeekStart: 1 },
    { name: 'no periodical', entries: [], boundaries: [], rules: [], ruleAtWeekStart: -1 },
  ])('$name', ({ entries, boundaries, rules, ruleAtWeekStart }) => {
    expect(patternOf(entries)).toEqual({ boundaries, rules, ruleAtWeekStart });
  });

  it('refuses overlapping periodicals, naming both entries and where', () => {
    expect(() => patternOf([['* mon-wed * *', 'a'], ['08:00-19:00 wed-fri * *', 'b']])).toThrow(
      'quotas.rules.periodical[1]: "08:00-19:00 wed-fri * *" overlaps quotas.rules.periodical[0] ("* mon-wed * *") on wed 08:00-19:00',
    );
    expect(() => patternOf([['22:00-02:00 fri * *', 'a'], ['* thu * *', 'b'], ['01:00-03:00 fri * *', 'c']])).toThrow(
      'quotas.rules.periodical[2]: "01:00-03:00 fri * *" overlaps quotas.rules.periodical[0] ("22:00-02:00 fri * *") on fri 01:00-02:00',
    );
  });

  it('lets the default periodical overlap everything', () => {
    expect(() => patternOf([['* mon-sun * *', 'a'], ['* * * *', 'b']])).not.toThrow();
  });
});

describe('ruleAtWeekOffset', () => {
  const pattern = patternOf([['* * * *', 'b'], ['08:00-19:00 mon-fri * *', 'a']]);
  it.each([
    [0, 1], // Monday 00:00: night/week-end rule
    [8 * H - 1, 1],
    [8 * H, 0],
    [19 * H - 1, 0],
    [19 * H, 1],
    [4 * D + 12 * H, 0], // Friday noon
    [5 * D + 12 * H, 1], // Saturday noon
    [7 * D - 1, 1], // Sunday 23:59:59
  ])('offset %i → rule %i', (offset, rule) => {
    expect(ruleAtWeekOffset(pattern, offset)).toBe(rule);
  });
});
