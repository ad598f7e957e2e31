import { describe, expect, it } from 'vitest';
import { IntervalSet } from './interval-set.js';
import { parseIntervalSet } from './parse-interval-set.js';

const S = (text: string): IntervalSet => {
  const parsed = parseIntervalSet(text);
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
};

describe('IntervalSet operations', () => {
  it.each([
    ['1-4', '3-8', '1-8'],
    ['1-4', '5-8', '1-8'],
    ['1-4', '6-8', '1-4 6-8'],
    ['', '2', '2'],
    ['1 3 5', '2 4', '1-5'],
    ['10-20', '1-30', '1-30'],
  ])('%s ∪ %s = %s', (a, b, want) => {
    expect(S(a).union(S(b)).toString()).toBe(want);
    expect(S(b).union(S(a)).toString()).toBe(want);
  });

  it.each([
    ['1-10', '5-15', '5-10'],
    ['1-4 8-12', '3-9', '3-4 8-9'],
    ['1-4', '5-8', ''],
    ['1-16 22-32', '10-25', '10-16 22-25'],
    ['1-3 5-7 9-11', '2 6 10', '2 6 10'],
    ['0-100', '', ''],
  ])('%s ∩ %s = %s', (a, b, want) => {
    expect(S(a).intersect(S(b)).toString()).toBe(want);
    expect(S(b).intersect(S(a)).toString()).toBe(want);
  });

  it.each([
    ['1-10', '3-5', '1-2 6-10'],
    ['1-10', '1-10', ''],
    ['1-10', '0', '1-10'],
    ['1-4 6-9', '2-7', '1 8-9'],
    ['5', '1-3', '5'],
    ['1-32', '1-8 17-24', '9-16 25-32'],
  ])('%s ∖ %s = %s', (a, b, want) => {
    expect(S(a).difference(S(b)).toString()).toBe(want);
  });

  it.each([
    ['3-5', '1-10', true],
    ['1-3 7', '1-5 7-9', true],
    ['1-3 6', '1-5 7-9', false],
    ['', '1', true],
    ['1', '', false],
    ['9-16', '1-12 17-28', false],
  ])('%s ⊆ %s is %s', (a, b, want) => {
    expect(S(a).isSubsetOf(S(b))).toBe(want);
  });

  it.each([
    ['1-10', '3-5', true],
    ['1-5 7-9', '1-3 7', true],
    ['1-5 7-9', '1-3 6', false],
    ['1', '', true],
    ['', '1', false],
    ['1-12 17-28', '9-16', false],
    ['1-12 17-28', '12 17', true],
    ['1-12 17-28', '28-29', false],
  ])('%s contains %s is %s', (a, b, want) => {
    expect(S(a).contains(S(b))).toBe(want);
  });

  it('contains refuses bounds that are not canonical (a set a plugin forged)', () => {
    const all = S('0-100');
    const forged = (...bounds: number[]) => IntervalSet.fromCanonicalBounds(Int32Array.from(bounds));
    expect(all.contains(forged(5, 9, 1, 3))).toBe(false); // unsorted
    expect(all.contains(forged(1, 5, 4, 9))).toBe(false); // overlapping
    expect(all.contains(forged(1, 5, 6, 9))).toBe(false); // adjacent
    expect(all.contains(forged(9, 1))).toBe(false); // reversed
    expect(all.contains({ bounds: [1, 2] } as unknown as IntervalSet)).toBe(false); // not an Int32Array
    expect(all.contains(forged(1, 5, 7, 9))).toBe(true);
  });

  it.each([
    ['1-10', 3, '1-3'],
    ['1-2 5-9', 4, '1-2 5-6'],
    ['1-2 5-9', 7, '1-2 5-9'],
    ['1-2', 5, '1-2'],
    ['1-2', 0, ''],
  ])('firstN(%s, %i) = %s', (a, n, want) => {
    expect(S(a).firstN(n).toString()).toBe(want);
  });

  it('reports size, bounds and membership', () => {
    const s = S('1-16 22 25-32');
    expect(s.size).toBe(16 + 1 + 8);
    expect([s.min, s.max, s.intervalCount]).toEqual([1, 32, 3]);
    expect([s.has(22), s.has(23), s.has(0)]).toEqual([true, false, false]);
    expect([s.containsRange(25, 32), s.containsRange(16, 22)]).toEqual([true, false]);
    expect([s.intersectsRange(17, 21), s.intersectsRange(17, 22)]).toEqual([false, true]);
  });

  it('builds canonical sets from unsorted, overlapping input', () => {
    expect(IntervalSet.fromValues([5, 3, 4, 9, 9, 1]).toString()).toBe('1 3-5 9');
    expect(IntervalSet.fromIntervals([[10, 12], [1, 4], [3, 6], [7, 7]]).toString()).toBe('1-7 10-12');
    expect(S('25-32 1-16 22 3').toString()).toBe('1-16 22 25-32');
  });

  it('iterates members and intervals in increasing order', () => {
    const s = S('7-8 1-2');
    expect([...s]).toEqual([1, 2, 7, 8]);
    expect([...s.intervals()]).toEqual([[1, 2], [7, 8]]);
    expect(s.filter((v) => v % 2 === 0).toString()).toBe('2 8');
  });
});

describe('resource-set strings', () => {
  it.each([
    ['1-16 22', '1-16 22'],
    ['  4 2   3 ', '2-4'],
    ['', ''],
  ])('parses %j', (text, want) => {
    expect(S(text).toString()).toBe(want);
  });

  it.each([
    ['1-', 'is not N or A-B'],
    ['a', 'is not N or A-B'],
    ['5-3', 'end before its start'],
    ['-2', 'is not N or A-B'],
  ])('rejects %j', (text, fragment) => {
    expect(parseIntervalSet(text)).toContain(fragment);
  });
});

describe('IntervalSet against a naive model', () => {
  // Deterministic pseudo-random sets over 0..63, compared with plain JavaScript sets.
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const randomMembers = () => [...Array(64).keys()].filter(() => random() < 0.4);
  const asText = (members: Iterable<number>) => IntervalSet.fromValues(members).toString();

  it('agrees on union, intersection, difference, subset and size for 300 random pairs', () => {
    for (let i = 0; i < 300; i++) {
      const a = randomMembers();
      const b = i % 10 === 0 ? a.filter(() => random() < 0.5) : randomMembers();
      const A = IntervalSet.fromValues(a);
      const B = IntervalSet.fromValues(b);
      const setB = new Set(b);
      expect(A.union(B).toString()).toBe(asText([...a, ...b]));
      expect(A.intersect(B).toString()).toBe(asText(a.filter((x) => setB.has(x))));
      expect(A.difference(B).toString()).toBe(asText(a.filter((x) => !setB.has(x))));
      expect(A.isSubsetOf(B)).toBe(a.every((x) => setB.has(x)));
      expect(B.contains(A)).toBe(a.every((x) => setB.has(x)));
      expect(A.intersects(B)).toBe(a.some((x) => setB.has(x)));
      expect(A.intersectionSize(B)).toBe(a.filter((x) => setB.has(x)).length);
      expect(A.size).toBe(a.length);
    }
  });
});
