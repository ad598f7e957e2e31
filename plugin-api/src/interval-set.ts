/**
 * An immutable set of non-negative integers stored as sorted, disjoint, non-adjacent closed
 * intervals (OAR's "ProcSet"). The core uses it for resource *positions* (0-based ranks in the
 * configured resource order); the scenario and database edges use it for resource ids.
 *
 * Representation: `bounds = [a0, b0, a1, b1, …]` with `a_i ≤ b_i` and `b_i + 1 < a_{i+1}`.
 * Every operation returns a new set; nothing mutates `bounds` after construction, so sets may be
 * shared freely between slots, hooks and results.
 */
let EMPTY: IntervalSet | undefined;

/**
 * Work buffer of the set operations: a result is computed here, then copied out at its exact
 * length, so an operation allocates one array, not two. Shared: no operation calls out while
 * it holds results here.
 */
let scratch = new Int32Array(1024);

/** The first `n` entries of `x` and `y` are equal. */
function sameBounds(x: Int32Array, y: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return false;
  return true;
}

function scratchFor(length: number): Int32Array {
  if (scratch.length < length) scratch = new Int32Array(Math.max(length, 2 * scratch.length));
  return scratch;
}

export class IntervalSet {
  /** The empty set (one shared instance). */
  static get EMPTY(): IntervalSet {
    return EMPTY!;
  }

  /** Cardinality, computed on first use. */
  #size: number;

  private constructor(
    /** Flat `[a0, b0, a1, b1, …]`; treat as read-only. */
    readonly bounds: Int32Array,
    size = -1,
  ) {
    this.#size = size;
  }

  /** Builds from already canonical bounds (sorted, disjoint, non-adjacent). Not checked. */
  static fromCanonicalBounds(bounds: Int32Array): IntervalSet {
    return bounds.length === 0 && EMPTY ? EMPTY : new IntervalSet(bounds);
  }

  /** `[lo, hi]` inclusive; empty when `hi < lo`. */
  static range(lo: number, hi: number): IntervalSet {
    if (hi < lo) return IntervalSet.EMPTY;
    return new IntervalSet(Int32Array.of(lo, hi), hi - lo + 1);
  }

  /** From any list of `[lo, hi]` pairs, in any order, overlapping or not. */
  static fromIntervals(pairs: Iterable<readonly [number, number]>): IntervalSet {
    const list = [...pairs].filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
    const out: number[] = [];
    for (const [a, b] of list) {
      const n = out.length;
      if (n > 0 && a <= out[n - 1]! + 1) {
        if (b > out[n - 1]!) out[n - 1] = b;
      } else {
        out.push(a, b);
      }
    }
    return IntervalSet.fromCanonicalBounds(Int32Array.from(out));
  }

  /** From members, in any order, duplicates allowed. */
  static fromValues(values: Iterable<number>): IntervalSet {
    const sorted = Int32Array.from(values).sort();
    const out: number[] = [];
    for (const v of sorted) {
      const n = out.length;
      if (n > 0 && v <= out[n - 1]! + 1) {
        if (v > out[n - 1]!) out[n - 1] = v;
      } else {
        out.push(v, v);
      }
    }
    return IntervalSet.fromCanonicalBounds(Int32Array.from(out));
  }

  /** Number of members. */
  get size(): number {
    if (this.#size < 0) {
      let s = 0;
      const b = this.bounds;
      for (let i = 0; i < b.length; i += 2) s += b[i + 1]! - b[i]! + 1;
      this.#size = s;
    }
    return this.#size;
  }

  get isEmpty(): boolean {
    return this.bounds.length === 0;
  }

  /** Number of maximal intervals. */
  get intervalCount(): number {
    return this.bounds.length >> 1;
  }

  /** Smallest member, or `undefined` when empty. */
  get min(): number | undefined {
    return this.bounds[0];
  }

  /** Largest member, or `undefined` when empty. */
  get max(): number | undefined {
    return this.bounds[this.bounds.length - 1];
  }

  has(value: number): boolean {
    const i = this.#intervalAtOrAfter(value);
    return i < this.bounds.length && this.bounds[i]! <= value;
  }

  /** True when every member of `[lo, hi]` is in the set. */
  containsRange(lo: number, hi: number): boolean {
    const i = this.#intervalAtOrAfter(lo);
    const b = this.bounds;
    return i < b.length && b[i]! <= lo && b[i + 1]! >= hi;
  }

  /** True when some member of `[lo, hi]` is in the set. */
  intersectsRange(lo: number, hi: number): boolean {
    const i = this.#intervalAtOrAfter(lo);
    return i < this.bounds.length && this.bounds[i]! <= hi;
  }

  /**
   * Offset (even) in `bounds` of the first interval whose end is ≥ `value`, or `bounds.length`
   * when none: the interval containing `value`, or the next one after it.
   */
  #intervalAtOrAfter(value: number): number {
    const b = this.bounds;
    let lo = 0;
    let hi = b.length >> 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[2 * mid + 1]! < value) lo = mid + 1;
      else hi = mid;
    }
    return 2 * lo;
  }

  union(other: IntervalSet): IntervalSet {
    const a = this.bounds;
    const b = other.bounds;
    if (b.length === 0) return this;
    if (a.length === 0) return other;
    const out = scratchFor(a.length + b.length);
    let n = 0;
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      let lo: number;
      let hi: number;
      if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
        lo = a[i]!;
        hi = a[i + 1]!;
        i += 2;
      } else {
        lo = b[j]!;
        hi = b[j + 1]!;
        j += 2;
      }
      if (n > 0 && lo <= out[n - 1]! + 1) {
        if (hi > out[n - 1]!) out[n - 1] = hi;
      } else {
        out[n++] = lo;
        out[n++] = hi;
      }
    }
    return new IntervalSet(out.slice(0, n));
  }

  intersect(other: IntervalSet): IntervalSet {
    const a = this.bounds;
    const b = other.bounds;
    if (a.length === 0 || b.length === 0) return IntervalSet.EMPTY;
    // A single interval on either side: binary-search into the other (hot in hierarchy checks).
    if (a.length === 2) return other.#clip(a[0]!, a[1]!);
    if (b.length === 2) return this.#clip(b[0]!, b[1]!);
    const out = scratchFor(a.length + b.length);
    let n = 0;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const lo = a[i]! > b[j]! ? a[i]! : b[j]!;
      const ahi = a[i + 1]!;
      const bhi = b[j + 1]!;
      const hi = ahi < bhi ? ahi : bhi;
      if (lo <= hi) {
        out[n++] = lo;
        out[n++] = hi;
      }
      if (ahi < bhi) i += 2;
      else j += 2;
    }
    return n === 0 ? IntervalSet.EMPTY : new IntervalSet(out.slice(0, n));
  }

  /** This set restricted to `[lo, hi]`. */
  #clip(lo: number, hi: number): IntervalSet {
    const b = this.bounds;
    const start = this.#intervalAtOrAfter(lo);
    if (start >= b.length || b[start]! > hi) return IntervalSet.EMPTY;
    if (b[start]! >= lo && b[b.length - 1]! <= hi && start === 0) return this;
    let end = start;
    while (end < b.length && b[end]! <= hi) end += 2;
    const out = b.slice(start, end);
    if (out[0]! < lo) out[0] = lo;
    if (out[out.length - 1]! > hi) out[out.length - 1] = hi;
    return new IntervalSet(out);
  }

  difference(other: IntervalSet): IntervalSet {
    const a = this.bounds;
    const b = other.bounds;
    if (a.length === 0 || b.length === 0) return this;
    const out = scratchFor(a.length + b.length);
    let n = 0;
    let j = 0;
    for (let i = 0; i < a.length; i += 2) {
      let lo = a[i]!;
      const hi = a[i + 1]!;
      while (j < b.length && b[j + 1]! < lo) j += 2;
      let k = j;
      while (k < b.length && b[k]! <= hi) {
        if (b[k]! > lo) {
          out[n++] = lo;
          out[n++] = b[k]! - 1;
        }
        lo = b[k + 1]! + 1;
        if (lo > hi) break;
        k += 2;
      }
      if (lo <= hi) {
        out[n++] = lo;
        out[n++] = hi;
      }
    }
    if (n === a.length && sameBounds(out, a, n)) return this;
    return n === 0 ? IntervalSet.EMPTY : new IntervalSet(out.slice(0, n));
  }

  isSubsetOf(other: IntervalSet): boolean {
    const a = this.bounds;
    if (a.length === 0) return true;
    if (a.length === 2) return other.containsRange(a[0]!, a[1]!);
    const b = other.bounds;
    let j = 0;
    for (let i = 0; i < a.length; i += 2) {
      while (j < b.length && b[j + 1]! < a[i]!) j += 2;
      if (j >= b.length || b[j]! > a[i]! || b[j + 1]! < a[i + 1]!) return false;
    }
    return true;
  }

  /**
   * True when every member of `other` is in this set (`other ⊆ this`), checked from this side:
   * each interval of `other` is looked up by binary search in this set's bounds, so the cost is
   * `O(k log n)` for `k` intervals in `other`. Meant for checking a set a plugin returned against
   * the set it was given: `other` is only read through its `bounds`, and bounds that are not
   * canonical (unsorted, overlapping, adjacent, `a > b`) make the answer `false`.
   */
  contains(other: IntervalSet): boolean {
    const o = other.bounds;
    if (!(o instanceof Int32Array) || (o.length & 1) !== 0) return false;
    let previousEnd = -2;
    for (let i = 0; i < o.length; i += 2) {
      const lo = o[i]!;
      const hi = o[i + 1]!;
      if (lo > hi || lo <= previousEnd + 1 || !this.containsRange(lo, hi)) return false;
      previousEnd = hi;
    }
    return true;
  }

  /** `|this ∩ other|` without building the intersection. */
  intersectionSize(other: IntervalSet): number {
    const a = this.bounds;
    const b = other.bounds;
    let n = 0;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const lo = a[i]! > b[j]! ? a[i]! : b[j]!;
      const ahi = a[i + 1]!;
      const bhi = b[j + 1]!;
      const hi = ahi < bhi ? ahi : bhi;
      if (lo <= hi) n += hi - lo + 1;
      if (ahi < bhi) i += 2;
      else j += 2;
    }
    return n;
  }

  intersects(other: IntervalSet): boolean {
    const a = this.bounds;
    const b = other.bounds;
    if (a.length === 2) return other.intersectsRange(a[0]!, a[1]!);
    if (b.length === 2) return this.intersectsRange(b[0]!, b[1]!);
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      if (a[i + 1]! < b[j]!) i += 2;
      else if (b[j + 1]! < a[i]!) j += 2;
      else return true;
    }
    return false;
  }

  equals(other: IntervalSet): boolean {
    const a = this.bounds;
    const b = other.bounds;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** The `n` smallest members (all of them when the set has fewer). */
  firstN(n: number): IntervalSet {
    if (n <= 0) return IntervalSet.EMPTY;
    if (n >= this.size) return this;
    const b = this.bounds;
    const out: number[] = [];
    let left = n;
    for (let i = 0; i < b.length && left > 0; i += 2) {
      const len = b[i + 1]! - b[i]! + 1;
      if (len <= left) {
        out.push(b[i]!, b[i + 1]!);
        left -= len;
      } else {
        out.push(b[i]!, b[i]! + left - 1);
        left = 0;
      }
    }
    return new IntervalSet(Int32Array.from(out), n);
  }

  /** Members in increasing order. */
  *values(): IterableIterator<number> {
    const b = this.bounds;
    for (let i = 0; i < b.length; i += 2) for (let v = b[i]!; v <= b[i + 1]!; v++) yield v;
  }

  /** Maximal intervals `[lo, hi]` in increasing order. */
  *intervals(): IterableIterator<[number, number]> {
    const b = this.bounds;
    for (let i = 0; i < b.length; i += 2) yield [b[i]!, b[i + 1]!];
  }

  [Symbol.iterator](): IterableIterator<number> {
    return this.values();
  }

  /** Members kept by `keep`, as a new set. */
  filter(keep: (value: number) => boolean): IntervalSet {
    const kept: number[] = [];
    for (const v of this.values()) if (keep(v)) kept.push(v);
    return IntervalSet.fromValues(kept);
  }

  /** Canonical text: `"1-16 22 25-32"`; the empty set is `""`. */
  toString(): string {
    const b = this.bounds;
    const parts: string[] = [];
    for (let i = 0; i < b.length; i += 2) {
      parts.push(b[i] === b[i + 1] ? String(b[i]) : `${b[i]}-${b[i + 1]}`);
    }
    return parts.join(' ');
  }

  toJSON(): string {
    return this.toString();
  }
}

EMPTY = IntervalSet.fromCanonicalBounds(new Int32Array(0));
