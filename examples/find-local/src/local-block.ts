/**
 * The locality choice behind the OAR3 example find `local` (its helper `resource_n_h_local`):
 * among the top blocks (e.g. nodes), the one with the FEWEST available resources that still has
 * `n` of them, so that lightly used nodes stay whole for later jobs.
 */
import type { IntervalSet } from '@oar-sched/core/plugin';

/**
 * Visits the blocks by increasing `|block ∩ available|` (equal sizes keep block order) and returns
 * the `n` smallest available positions of the first block having at least `n`; `null` when no
 * block has, or `n < 1`.
 *
 * OAR3 compares the size of the k-th block in ORIGINAL order while taking the k-th block in
 * sorted order (a slip the spec notes, plugin-harness §4.3); this is the intended reading: each
 * visited block is tested against its own size.
 */
export function leastAvailableBlock(available: IntervalSet, blocks: readonly IntervalSet[], n: number): IntervalSet | null {
  if (n < 1) return null;
  const parts = blocks.map((block) => block.intersect(available));
  const order = parts.map((_, i) => i).sort((a, b) => parts[a]!.size - parts[b]!.size || a - b);
  for (const i of order) {
    const part = parts[i]!;
    if (part.size >= n) return part.firstN(n);
  }
  return null;
}
