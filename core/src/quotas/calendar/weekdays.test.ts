import { describe, expect, it } from 'vitest';
import { parseWeekdays } from './weekdays.js';

describe('parseWeekdays', () => {
  it.each([
    ['*', [0, 1, 2, 3, 4, 5, 6]],
    ['mon', [0]],
    ['sun', [6]],
    ['mon-fri', [0, 1, 2, 3, 4]],
    ['thu-sun', [3, 4, 5, 6]],
    ['wed-wed', [2]],
    ['sun-mon', [0, 6]], // wraps over the week end
    ['fri-tue', [0, 1, 4, 5, 6]],
    ['tue-mon', [0, 1, 2, 3, 4, 5, 6]],
    ['mon,wed,fri', [0, 2, 4]],
    ['fri,mon', [0, 4]],
    ['mon-wed,sat', [0, 1, 2, 5]],
    ['Mon,SAT', [0, 5]],
  ])('%s → days %j', (spec, days) => {
    expect(parseWeekdays(spec)).toEqual({ ok: true, value: days });
  });

  it.each([
    ['mno-fri', 'unknown weekday "mno"', 'expected mon..sun'],
    ['mon,frii', 'unknown weekday "frii"', 'expected mon..sun'],
    ['monday', 'unknown weekday "monday"', 'expected mon..sun'],
    ['1-5', 'unknown weekday "1"', 'expected mon..sun'],
    ['mon,,fri', 'empty item in weekday list', 'expected e.g. mon,wed,fri'],
    ['', 'empty item in weekday list', 'expected e.g. mon,wed,fri'],
    ['mon-tue-wed', 'bad weekday range "mon-tue-wed"', 'expected e.g. mon-fri'],
    ['mon,mon', 'weekday "mon" given twice', undefined],
    ['mon-wed,tue', 'weekday "tue" given twice', undefined],
  ])('%j is refused: %s', (spec, problem, expected) => {
    const parsed = parseWeekdays(spec);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problem).toBe(problem);
      expect(parsed.expected).toBe(expected);
    }
  });
});
