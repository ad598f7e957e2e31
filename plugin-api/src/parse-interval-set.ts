/**
 * Resource-set strings of the scenario format (§10): whitespace-separated `N` or `A-B` items,
 * any order, overlaps tolerated. Returns an error message instead of throwing, for schema use.
 */
import { IntervalSet } from './interval-set.js';

const ITEM = /^(\d+)(?:-(\d+))?$/;

export function parseIntervalSet(text: string): IntervalSet | string {
  const pairs: [number, number][] = [];
  for (const item of text.trim().split(/\s+/)) {
    if (item === '') continue;
    const m = ITEM.exec(item);
    if (!m) return `"${item}" is not N or A-B`;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a) return `"${item}" has its end before its start`;
    if (b > 2 ** 31 - 1) return `"${item}" is too large`;
    pairs.push([a, b]);
  }
  return IntervalSet.fromIntervals(pairs);
}
