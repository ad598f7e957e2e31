/**
 * Builds an `IntervalSet` from values given in strictly increasing order, extending the last
 * interval in place: no sorting and no per-value allocation (the platform adds its positions in
 * order, one pass over the resources).
 */
import { IntervalSet } from '@oar-sched/plugin-api';

export class AscendingSetBuilder {
  #bounds = new Int32Array(8);
  #length = 0;

  /** Adds `value`, which must be greater than every value added before (not checked). */
  add(value: number): void {
    const n = this.#length;
    if (n > 0 && this.#bounds[n - 1] === value - 1) {
      this.#bounds[n - 1] = value;
      return;
    }
    if (n + 2 > this.#bounds.length) {
      const grown = new Int32Array(this.#bounds.length * 2);
      grown.set(this.#bounds);
      this.#bounds = grown;
    }
    this.#bounds[n] = value;
    this.#bounds[n + 1] = value;
    this.#length = n + 2;
  }

  build(): IntervalSet {
    return IntervalSet.fromCanonicalBounds(this.#bounds.slice(0, this.#length));
  }
}
