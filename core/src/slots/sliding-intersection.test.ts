import { describe, expect, it } from 'vitest';
import { IntervalSet } from '@oar-sched/plugin-api';
import { SlidingIntersection } from './sliding-intersection.js';
import { SlotSet } from './slot-set.js';
import type { Slot } from './slot.js';

describe('SlidingIntersection', () => {
  let seed = 11;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  // 40 slots of 10 s with random free sets over 0..63.
  const set = new SlotSet('default', 0, 399, IntervalSet.range(0, 63));
  for (let t = 10; t < 400; t += 10) set.splitAfter(set.last, t);
  for (const slot of set.slots()) slot.free = IntervalSet.fromValues([...Array(64).keys()].filter(() => random() < 0.8));
  const slots = [...set.slots()];
  const direct = (from: number, to: number) => slots.slice(from, to + 1).reduce((acc: IntervalSet, s) => acc.intersect(s.free), slots[from]!.free);

  it('equals the direct intersection over forward-moving windows, with fewer intersections', () => {
    const sliding = new SlidingIntersection((s: Slot) => s.free);
    let left = 0;
    let right = 0;
    let directCost = 0;
    while (left < slots.length) {
      right = Math.min(slots.length - 1, Math.max(right, left + Math.floor(random() * 8)));
      expect(sliding.over(slots[left]!, slots[right]!).toString(), `${left}..${right}`).toBe(direct(left, right).toString());
      directCost += right - left;
      left += 1 + Math.floor(random() * 3);
    }
    expect(sliding.intersections).toBeLessThan(directCost);
  });

  it('restarts when asked about a window after what it holds', () => {
    const sliding = new SlidingIntersection((s: Slot) => s.free);
    expect(sliding.over(slots[0]!, slots[5]!).toString()).toBe(direct(0, 5).toString());
    expect(sliding.over(slots[20]!, slots[24]!).toString()).toBe(direct(20, 24).toString());
    expect(sliding.over(slots[22]!, slots[30]!).toString()).toBe(direct(22, 30).toString());
  });
});
