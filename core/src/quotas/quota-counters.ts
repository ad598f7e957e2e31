/**
 * The quota counters of one slot (core §15.3): for each counter key (see counter-keys.ts) the
 * triple `[resources, jobs, resourceSeconds]` of the jobs counted in the slot.
 *
 * Slots are split all the time and every split clones the counters, so cloning is O(1): the two
 * copies share their arrays and whichever is written first copies them (copy on write). Only the
 * keys of jobs present in the slot are stored (sorted), so a slot costs what its jobs use.
 */
import type { SlotCounters } from '../slots/slot.js';

const EMPTY_KEYS: readonly number[] = Object.freeze([]);
const EMPTY_VALUES: readonly number[] = Object.freeze([]);

export class QuotaCounters implements SlotCounters {
  /** Counter keys present, ascending. */
  #keys: number[];
  /** Three numbers per key, in the order of `#keys`: resources, jobs, resource-seconds. */
  #values: number[];
  /** The arrays may be shared with a clone: copy them before writing. */
  #shared: boolean;

  private constructor(keys: number[], values: number[], shared: boolean) {
    this.#keys = keys;
    this.#values = values;
    this.#shared = shared;
  }

  /** Counters with no job counted. */
  static empty(): QuotaCounters {
    return new QuotaCounters(EMPTY_KEYS as number[], EMPTY_VALUES as number[], true);
  }

  clone(): QuotaCounters {
    this.#shared = true;
    return new QuotaCounters(this.#keys, this.#values, true);
  }

  /**
   * Counts one job: adds `resources`, one job and `resourceSeconds` to each of `keys`
   * (ascending, no duplicates).
   */
  add(keys: readonly number[], resources: number, resourceSeconds: number): void {
    if (keys.length === 0) return;
    if (this.#shared) {
      this.#keys = this.#keys.slice();
      this.#values = this.#values.slice();
      this.#shared = false;
    }
    const ks = this.#keys;
    const vs = this.#values;
    let i = 0;
    for (const key of keys) {
      while (i < ks.length && ks[i]! < key) i++;
      if (ks[i] !== key) {
        ks.splice(i, 0, key);
        vs.splice(3 * i, 0, 0, 0, 0);
      }
      vs[3 * i] = vs[3 * i]! + resources;
      vs[3 * i + 1] = vs[3 * i + 1]! + 1;
      vs[3 * i + 2] = vs[3 * i + 2]! + resourceSeconds;
    }
  }

  /** Position of `key` for the readers below, or -1 when no counted job has that key here. */
  indexOf(key: number): number {
    const ks = this.#keys;
    let lo = 0;
    let hi = ks.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = ks[mid]!;
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  resourcesAt(index: number): number {
    return this.#values[3 * index]!;
  }

  jobsAt(index: number): number {
    return this.#values[3 * index + 1]!;
  }

  resourceSecondsAt(index: number): number {
    return this.#values[3 * index + 2]!;
  }
}
