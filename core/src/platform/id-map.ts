/**
 * Positions → resource ids for one round's resource order. `runEnd[p]` is the last position of
 * the run, starting at or before `p`, whose ids go up by one (`ids[q + 1] = ids[q] + 1`): a set of
 * positions becomes a set of ids interval by interval instead of position by position (with ids
 * in ascending order, one interval each). Immutable; kept by round results after the round.
 */
import { IntervalSet } from '@oar-sched/plugin-api';

export class IdMap {
  readonly #ids: Int32Array;
  readonly #runEnd: Int32Array;

  /** `ids[p]` is the id at position `p` (not copied: the caller must not change it). */
  constructor(ids: Int32Array) {
    this.#ids = ids;
    this.#runEnd = new Int32Array(ids.length);
    for (let p = ids.length - 1; p >= 0; p--) {
      this.#runEnd[p] = p + 1 < ids.length && ids[p + 1] === ids[p]! + 1 ? this.#runEnd[p + 1]! : p;
    }
  }

  /** Resource ids of a set of positions (positions past the last resource are ignored). */
  idsOf(indices: IntervalSet): IntervalSet {
    const b = indices.bounds;
    const last = this.#ids.length - 1;
    const pairs: number[] = [];
    let sorted = true;
    for (let i = 0; i < b.length; i += 2) {
      const hi = b[i + 1]! < last ? b[i + 1]! : last;
      for (let p = b[i]! > 0 ? b[i]! : 0; p <= hi; ) {
        const q = this.#runEnd[p]! < hi ? this.#runEnd[p]! : hi;
        const n = pairs.length;
        if (n > 0 && this.#ids[p]! <= pairs[n - 1]!) sorted = false;
        pairs.push(this.#ids[p]!, this.#ids[q]!);
        p = q + 1;
      }
    }
    if (!sorted) {
      const list: [number, number][] = [];
      for (let i = 0; i < pairs.length; i += 2) list.push([pairs[i]!, pairs[i + 1]!]);
      return IntervalSet.fromIntervals(list);
    }
    // Ascending and disjoint: only adjacent runs need merging.
    const out: number[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      const n = out.length;
      if (n > 0 && pairs[i]! === out[n - 1]! + 1) out[n - 1] = pairs[i + 1]!;
      else out.push(pairs[i]!, pairs[i + 1]!);
    }
    return IntervalSet.fromCanonicalBounds(Int32Array.from(out));
  }

  /**
   * `idsOf(indices).toString()` without the intermediate set when ids ascend with positions (the
   * usual resource order): canonical id text, e.g. `"1-16 22"`.
   */
  idsText(indices: IntervalSet): string {
    const b = indices.bounds;
    const last = this.#ids.length - 1;
    const ids = this.#ids;
    let text = '';
    let lo = -1;
    let hi = -2;
    for (let i = 0; i < b.length; i += 2) {
      const end = b[i + 1]! < last ? b[i + 1]! : last;
      for (let p = b[i]! > 0 ? b[i]! : 0; p <= end; ) {
        const q = this.#runEnd[p]! < end ? this.#runEnd[p]! : end;
        const a = ids[p]!;
        if (a <= hi) return this.idsOf(indices).toString(); // not ascending: sort and merge
        if (a === hi + 1) hi = ids[q]!;
        else {
          if (lo >= 0) text += text === '' ? (lo === hi ? `${lo}` : `${lo}-${hi}`) : lo === hi ? ` ${lo}` : ` ${lo}-${hi}`;
          lo = a;
          hi = ids[q]!;
        }
        p = q + 1;
      }
    }
    if (lo >= 0) text += text === '' ? (lo === hi ? `${lo}` : `${lo}-${hi}`) : lo === hi ? ` ${lo}` : ` ${lo}-${hi}`;
    return text;
  }
}
