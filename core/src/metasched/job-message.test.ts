import { describe, expect, it } from 'vitest';
import { plannedJobMessage, pythonFloat } from './job-message.js';

describe('job messages (metascheduler.md §5.5)', () => {
  const job = { queue: 'default', name: null, jobType: 'PASSIVE' as const };

  it('ends with the karma when the sorting policy computed one', () => {
    expect(plannedJobMessage(job, 4, 120)).toBe('R=4,W=120,J=P,Q=default');
    expect(plannedJobMessage(job, 4, 120, 0.345)).toBe('R=4,W=120,J=P,Q=default (Karma=0.345)');
    expect(plannedJobMessage({ ...job, name: 'sim', jobType: 'INTERACTIVE' }, 2, 130, 0)).toBe('R=2,W=130,J=I,Q=default,N=sim (Karma=0.0)');
  });

  it('writes the karma as Python writes a float (oarstat parses it back with \\d+\\.\\d+)', () => {
    // Expected strings printed by Python 3's str(float).
    const cases: [number, string][] = [
      [0, '0.0'],
      [-0, '-0.0'],
      [1, '1.0'],
      [-1, '-1.0'],
      [0.345, '0.345'],
      [0.1 + 0.2, '0.30000000000000004'],
      [-0.12345678901234, '-0.12345678901234'],
      [1 / 3, '0.3333333333333333'],
      [0.0001, '0.0001'],
      [0.00012, '0.00012'],
      [1e-5, '1e-05'],
      [-2.5e-7, '-2.5e-07'],
      [123456789012345.6, '123456789012345.6'],
      [9999999999999998, '9999999999999998.0'],
      [1e16, '1e+16'],
      [1.5e16, '1.5e+16'],
    ];
    for (const [x, text] of cases) expect(pythonFloat(x), String(x)).toBe(text);
  });
});
