import { describe, expect, it } from 'vitest';
import { Accounting } from './accounting.js';

describe('Accounting', () => {
  it('splits USED over [start, end) and ASKED over [start, start + walltime) into aligned windows, summed per user, queue and type', () => {
    const a = new Accounting(100);
    a.add('u', 'q', 2, 50, 180, 200);
    a.add('u', 'q', 1, 100, 110, 10);
    expect(a.records().map((r) => [r.windowStart, r.windowStop, r.consumptionType, r.consumption])).toEqual([
      [0, 100, 'USED', 100],
      [100, 200, 'USED', 160 + 10],
      [0, 100, 'ASKED', 100],
      [100, 200, 'ASKED', 200 + 10],
      [200, 300, 'ASKED', 100],
    ]);
  });

  it('one array, grown and updated in place', () => {
    const a = new Accounting();
    const records = a.records();
    a.add('u', 'q', 1, 0, 10, 10);
    a.add('u', 'q', 1, 10, 20, 10);
    expect(a.records()).toBe(records);
    expect(records.map((r) => r.consumption)).toEqual([20, 20]);
  });
});
