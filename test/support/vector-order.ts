/**
 * Test helpers for ordering policies checked against conformance vectors: every job of such a
 * vector is FIFO-scheduled in the order the policy returns, so the expected start times give
 * the expected order.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** The project's copy of the conformance vectors; `OAR_CONFORMANCE_DIR` overrides it. */
export const CONFORMANCE_DIR =
  process.env['OAR_CONFORMANCE_DIR'] ?? new URL('../conformance/vectors/', import.meta.url).pathname;

export function loadVector<V>(file: string): V {
  return JSON.parse(readFileSync(CONFORMANCE_DIR + file, 'utf8')) as V;
}

interface OrderedVector {
  jobs: readonly { id: number }[];
  expect: { jobs: Record<string, { startTime?: number }> };
}

/** Job ids by increasing expected start time; requires distinct start times for every job. */
export function expectedOrder(v: OrderedVector): number[] {
  const starts = v.jobs.map((j) => {
    const start = v.expect.jobs[String(j.id)]?.startTime;
    if (start === undefined) throw new Error(`vector has no expected startTime for job ${j.id}`);
    return { id: j.id, start };
  });
  expect(new Set(starts.map((s) => s.start)).size).toBe(starts.length); // order fully determined
  return [...starts].sort((a, b) => a.start - b.start).map((s) => s.id);
}
