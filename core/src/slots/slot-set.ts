/**
 * A slot set (core §6.2): a chain of contiguous slots covering `[begin, end]`, plus the slot
 * cache of §7.7. Named `default`, or after a container for inner jobs.
 */
import { IntervalSet } from '@oar-sched/plugin-api';
import type { Occupation } from './occupation.js';
import { Slot } from './slot.js';

/** Where temporal quotas change rule set; the slot set is cut at every such time. */
export interface RuleBoundaries {
  rulesIdAt(t: number): number;
  nextBoundaryAfter(t: number): number;
}

export class SlotSet {
  first: Slot;
  last: Slot;
  #nextId = 1;
  /** Slot cache: request key → the left slot of the last placement with that key (core §7.7). */
  readonly cache = new Map<string, Slot>();

  constructor(
    readonly name: string,
    readonly begin: number,
    readonly end: number,
    free: IntervalSet,
    rules?: RuleBoundaries,
    /** Rule boundaries are cut up to this time; later slots keep the rules id they inherit. */
    cutUntil = end,
  ) {
    this.first = this.last = new Slot(this.#nextId++, begin, end, free);
    if (rules) {
      this.first.rulesId = rules.rulesIdAt(begin);
      let slot = this.first;
      for (let t = rules.nextBoundaryAfter(begin); t <= cutUntil && t <= end; t = rules.nextBoundaryAfter(t)) {
        slot = this.splitAfter(slot, t);
        slot.rulesId = rules.rulesIdAt(t);
      }
    }
  }

  *slots(): IterableIterator<Slot> {
    for (let s: Slot | undefined = this.first; s; s = s.next) yield s;
  }

  get slotCount(): number {
    let n = 0;
    for (let s: Slot | undefined = this.first; s; s = s.next) n++;
    return n;
  }

  /** The slot containing `t` (which must lie in `[begin, end]`), searching forward from `from`. */
  slotAt(t: number, from: Slot = this.first): Slot {
    let s: Slot | undefined = from.begin <= t ? from : this.first;
    while (s && s.end < t) s = s.next;
    if (!s) throw new RangeError(`time ${t} is outside slot set ${this.name} [${this.begin}, ${this.end}]`);
    return s;
  }

  /**
   * Cuts `slot` at `t` (`slot.begin < t ≤ slot.end`): a new slot takes `[begin, t-1]` before it,
   * the original keeps `[t, end]` (so cache entries pointing at it stay valid). Returns the new one.
   */
  splitBefore(slot: Slot, t: number): Slot {
    const before = slot.copy(this.#nextId++, slot.begin, t - 1);
    slot.begin = t;
    before.prev = slot.prev;
    before.next = slot;
    if (slot.prev) slot.prev.next = before;
    else this.first = before;
    slot.prev = before;
    return before;
  }

  /** Cuts `slot` at `t`: the original keeps `[begin, t-1]`, a new slot takes `[t, end]` after it. */
  splitAfter(slot: Slot, t: number): Slot {
    const after = slot.copy(this.#nextId++, t, slot.end);
    slot.end = t - 1;
    after.next = slot.next;
    after.prev = slot;
    if (slot.next) slot.next.prev = after;
    else this.last = after;
    slot.next = after;
    return after;
  }

  /**
   * Splits so that `[o.begin, o.end]` (clipped to the slot set) is exactly covered by whole slots,
   * and returns the first and last of them; `undefined` when the occupation misses the set.
   */
  #cover(o: Occupation, hint?: Slot): [Slot, Slot] | undefined {
    if (o.end < this.begin || o.begin > this.end) return undefined;
    const from = Math.max(o.begin, this.begin);
    const to = Math.min(o.end, this.end);
    let left = this.slotAt(from, hint);
    if (left.begin < from) {
      this.splitBefore(left, from);
    }
    let right = this.slotAt(to, left);
    if (right.end > to) this.splitAfter(right, to + 1);
    return [left, right];
  }

  /**
   * Removes an occupation from the slots it covers (core §6.4, mode `sub`): frees shrink,
   * timesharing and placeholder maps are updated, quota counters count the job.
   * `hint` is any slot at or before the occupation's start (speeds up the search).
   */
  occupy(o: Occupation, hint?: Slot): void {
    const covered = this.#cover(o, hint);
    if (!covered) return;
    const [left, right] = covered;
    for (let s: Slot | undefined = left; s; s = s.next) {
      s.free = s.free.difference(o.resources);
      if (o.timesharing) addShare(s, o.timesharing.user, o.timesharing.name, o.resources);
      if (o.placeholder !== undefined) {
        s.placeholders ??= new Map();
        s.placeholders.set(o.placeholder, (s.placeholders.get(o.placeholder) ?? IntervalSet.EMPTY).union(o.resources));
      }
      if (o.allow !== undefined) {
        const reserved = s.placeholders?.get(o.allow);
        if (reserved) s.placeholders!.set(o.allow, reserved.difference(o.resources));
      }
      o.count?.(s);
      if (s === right) break;
    }
  }

  /** Adds resources to the slots an occupation covers (mode `add`, container inner slot sets, §13). */
  release(o: Occupation): void {
    const covered = this.#cover(o);
    if (!covered) return;
    const [left, right] = covered;
    for (let s: Slot | undefined = left; s; s = s.next) {
      s.free = s.free.union(o.resources);
      if (s === right) break;
    }
  }
}

function addShare(slot: Slot, user: string, name: string, resources: IntervalSet): void {
  slot.timesharing ??= new Map();
  let byName = slot.timesharing.get(user);
  if (!byName) slot.timesharing.set(user, (byName = new Map()));
  byName.set(name, (byName.get(name) ?? IntervalSet.EMPTY).union(resources));
}
