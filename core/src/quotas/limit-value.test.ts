import { describe, expect, it } from 'vitest';
import { OarSchedError } from '../errors.js';
import { parseLimitTriple, parseLimitValue, resolveLimit, resolveLimits } from './limit-value.js';

const AT = 'quotas.rules.quotas["*,*,*,*"][0]';

describe('parseLimitValue + resolveLimit (ALL = 100 unless stated)', () => {
  it.each<[unknown, number, number?]>([
    [16, 16],
    [0, 0],
    [-1, -1],
    ['-1', -1],
    [34.5, 34],
    ['34.5', 34],
    [' 12 ', 12],
    ['1e2', 100],
    ['.9', 0],
    ['ALL', 100],
    ['ALL', 7, 7],
    ['0.5*ALL', 50],
    ['0.5*ALL', 3, 7],
    ['1.5 * ALL', 150],
    ['2*ALL', 0, 0],
  ])('%j → %s', (raw, expected, all = 100) => {
    expect(resolveLimit(parseLimitValue(raw, AT), all)).toBe(expected);
  });

  it.each<[unknown, string]>([
    ['many', 'is not a limit'],
    ['', 'is not a limit'],
    ['ALL*2', 'is not a limit'],
    ['x*ALL', 'is not a limit'],
    ['0x10', 'is not a limit'],
    [null, 'is not a limit'],
    [true, 'is not a limit'],
    [Number.NaN, 'is not a limit'],
    [[1], 'is not a limit'],
    [-2, 'negative limit -2'],
    ['-0.5', 'negative limit "-0.5"'],
    ['-1*ALL', 'negative multiple of ALL'],
  ])('refuses %j (%s), naming the entry', (raw, message) => {
    let error: unknown;
    try {
      parseLimitValue(raw, AT);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OarSchedError);
    expect((error as OarSchedError).code).toBe('QUOTAS_INVALID');
    expect((error as OarSchedError).message).toContain(`${AT}: `);
    expect((error as OarSchedError).message).toContain(message);
  });
});

describe('resolveLimits: resource-hours are truncated, then × 3600 (OAR3, divergence #18)', () => {
  it.each<[unknown, number, number]>([
    [1, 100, 3600],
    [1.5, 100, 3600],
    ['2.9', 100, 7200],
    ['0.5*ALL', 100, 180_000],
    ['0.5*ALL', 3, 3600],
    [-1, 100, -1],
    [0, 100, 0],
  ])('%j hours with ALL = %s → %s resource-seconds', (hours, all, seconds) => {
    const limits = resolveLimits(parseLimitTriple([-1, -1, hours], 'x'), all);
    expect(limits).toEqual({ resources: -1, jobs: -1, resourceSeconds: seconds });
  });

  it('resolves all three values', () => {
    expect(resolveLimits(parseLimitTriple(['ALL', '10', 2], 'x'), 64)).toEqual({ resources: 64, jobs: 10, resourceSeconds: 7200 });
  });
});

describe('parseLimitTriple', () => {
  it.each<[unknown, string]>([
    [[1, 2], 'expected [maxResources, maxJobs, maxResourceHours]'],
    [[1, 2, 3, 4], 'expected [maxResources, maxJobs, maxResourceHours]'],
    [{ resources: 1 }, 'expected [maxResources, maxJobs, maxResourceHours]'],
    [8, 'expected [maxResources, maxJobs, maxResourceHours]'],
  ])('refuses %j', (raw, message) => {
    expect(() => parseLimitTriple(raw, 'here')).toThrow(`here: ${message}`);
  });

  it('names the position of a bad value', () => {
    expect(() => parseLimitTriple([1, 'lots', 3], 'here')).toThrow('here[1]: "lots" is not a limit');
  });
});
