/**
 * Candidate windows of core §7.1: for each left slot A from `from`, the first right slot B with
 * `B.end - A.begin + 1 ≥ walltime`. B only moves forward, so a scan visits each slot a bounded
 * number of times. Windows whose smallest per-slot free set is below `minSize` are skipped
 * without computing their intersection (a sliding-window minimum over slot sizes).
 */
import type { IntervalSet } from '@oar-sched/plugin-api';
import { SlidingIntersection } from './sliding-intersection.js';
import type { Slot } from './slot.js';

export interface WindowScan {
  readonly from: Slot;
  readonly walltime: number;
  /** Per-slot availability; `undefined` = `slot.free`. */
  readonly availability: ((slot: Slot) => IntervalSet) | undefined;
  /** Windows where some slot has fewer free resources are skipped (0 = evaluate every window). */
  readonly minSize: number;
  /** The scan stops (no more windows) once a window would end after this time. */
  readonly latestEnd: number | undefined;
  /** Decides one window; returns true to stop the scan with this window. */
  visit(left: Slot, right: Slot, available: IntervalSet): boolean;
}

export type ScanEnd = 'accepted' | 'exhausted' | 'latest-end';

/**
 * Work counters since the last reset, for the benchmark's cost model: windows visited (left
 * slots), windows whose free set was computed, and interval-set intersections done for them.
 */
export const scanCounters = { windows: 0, evaluated: 0, intersections: 0 };

export function resetScanCounters(): void {
  scanCounters.windows = scanCounters.evaluated = scanCounters.intersections = 0;
}

export function scanWindows(scan: WindowScan): ScanEnd {
  const { walltime, minSize } = scan;
  const availability = scan.availability;
  const sizeOf = availability ? (s: Slot) => availability(s).size : (s: Slot) => s.free.size;
  // Monotonic deque of slots in [A..B] with increasing sizes: front = the window's minimum.
  const deque: Slot[] = [];
  const dequeSizes: number[] = [];
  let head = 0;
  let right: Slot | undefined = scan.from;
  let lastPushed: Slot | undefined;
  let sliding: SlidingIntersection | undefined;
  for (let left: Slot | undefined = scan.from; left; left = left.next) {
    scanCounters.windows++;
    if (right!.begin < left.begin) right = left;
    while (right && right.end - left.begin + 1 < walltime) right = right.next;
    if (!right) return 'exhausted';
    if (scan.latestEnd !== undefined && left.begin + walltime - 1 > scan.latestEnd) return 'latest-end';
    if (minSize > 0) {
      // Push every slot up to `right` that is not in the deque yet.
      let s: Slot | undefined = lastPushed ? lastPushed.next : left;
      if (lastPushed && lastPushed.begin < left.begin) s = left;
      for (; s && s.begin <= right.begin; s = s.next) {
        const size = sizeOf(s);
        while (deque.length > head && dequeSizes[dequeSizes.length - 1]! >= size) {
          deque.pop();
          dequeSizes.pop();
        }
        deque.push(s);
        dequeSizes.push(size);
        lastPushed = s;
      }
      while (deque[head]!.begin < left.begin) head++;
      if (dequeSizes[head]! < minSize) continue;
    }
    scanCounters.evaluated++;
    let available: IntervalSet;
    if (left === right) available = availability ? availability(left) : left.free;
    else if (left.next === right) {
      scanCounters.intersections++;
      available = (availability ? availability(left) : left.free).intersect(availability ? availability(right) : right.free);
    } else {
      // Long windows: reuse intersections between consecutive windows.
      sliding ??= new SlidingIntersection(availability ?? ((s) => s.free));
      const before = sliding.intersections;
      available = sliding.over(left, right);
      scanCounters.intersections += sliding.intersections - before;
    }
    if (available.size < minSize) continue;
    if (scan.visit(left, right, available)) return 'accepted';
  }
  return 'exhausted';
}
