import { describe, expect, it } from 'vitest';
import { QuotaCounters } from './quota-counters.js';

function read(c: QuotaCounters, key: number): [number, number, number] | undefined {
  const i = c.indexOf(key);
  return i < 0 ? undefined : [c.resourcesAt(i), c.jobsAt(i), c.resourceSecondsAt(i)];
}

describe('QuotaCounters', () => {
  it('adds a job to each of its keys, in any key order of insertion', () => {
    const c = QuotaCounters.empty();
    c.add([3, 7], 4, 400);
    c.add([1, 3, 9], 2, 100);
    expect(read(c, 1)).toEqual([2, 1, 100]);
    expect(read(c, 3)).toEqual([6, 2, 500]);
    expect(read(c, 7)).toEqual([4, 1, 400]);
    expect(read(c, 9)).toEqual([2, 1, 100]);
    expect(read(c, 5)).toBeUndefined();
    expect(read(c, 0)).toBeUndefined();
    expect(read(c, 10)).toBeUndefined();
  });

  it('empty counters are independent of each other', () => {
    const a = QuotaCounters.empty();
    const b = QuotaCounters.empty();
    a.add([0], 1, 1);
    expect(read(b, 0)).toBeUndefined();
  });

  it('a clone and its original are independent (copy on write, both directions)', () => {
    const original = QuotaCounters.empty();
    original.add([2], 5, 50);
    const clone = original.clone();
    clone.add([2, 4], 1, 10);
    expect(read(original, 2)).toEqual([5, 1, 50]);
    expect(read(original, 4)).toBeUndefined();
    expect(read(clone, 2)).toEqual([6, 2, 60]);
    original.add([2], 10, 100);
    expect(read(original, 2)).toEqual([15, 2, 150]);
    expect(read(clone, 2)).toEqual([6, 2, 60]);
    const again = clone.clone();
    again.add([2], 1, 1);
    clone.add([4], 1, 1);
    expect(read(clone, 2)).toEqual([6, 2, 60]);
    expect(read(again, 4)).toEqual([1, 1, 10]);
  });

  it('counting no key changes nothing', () => {
    const c = QuotaCounters.empty();
    c.add([], 3, 3);
    expect(c.indexOf(0)).toBe(-1);
  });
});
