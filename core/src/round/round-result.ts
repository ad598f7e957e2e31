/**
 * The round's result as plain, frozen data (plugin-api `RoundResult`): decisions with resource
 * ids, the plan of every slot set with free resource ids per slot, the property changes the
 * extra-metasched hooks made, the warnings. Built from the round's state once, at the end; the
 * decisions themselves are made plain as they are taken (`jobDecided` observers see the same
 * objects).
 */
import type { Decision, IntervalSet, PlanSlot, Reason, RoundPlatform, RoundResult, SlotSetPlan } from '@oar-sched/plugin-api';
import type { IdMap } from '../platform/id-map.js';
import type { Platform } from '../platform/platform.js';
import type { SlotSet } from '../slots/slot-set.js';
import type { RoundState, ScheduledJob } from './round-state.js';

export function placedDecision(platform: Platform, placed: ScheduledJob, karma?: number): Decision {
  return Object.freeze({
    scheduled: true as const,
    placement: Object.freeze({
      start: placed.start,
      end: placed.start + placed.walltime - 1,
      walltime: placed.walltime,
      moldableIndex: placed.moldableIndex,
      resourceIds: platform.idsText(placed.resources),
      resources: placed.resources,
    }),
    ...(karma === undefined ? {} : { karma }),
  });
}

export function unscheduledDecision(why: Reason): Decision {
  return Object.freeze({ scheduled: false as const, reason: freezeReason(why) });
}

/** Freezes a reason, its plugin, its details and the per-moldable reasons (not arbitrary plugin data below). */
function freezeReason(why: Reason): Reason {
  if (Object.isFrozen(why)) return why;
  if (why.plugin) Object.freeze(why.plugin);
  if (why.details) {
    if (why.details.moldables) {
      for (const m of why.details.moldables) freezeReason(m);
      Object.freeze(why.details.moldables);
    }
    Object.freeze(why.details);
  }
  return Object.freeze(why);
}

export function buildRoundResult(state: RoundState): RoundResult {
  const decisions = [...state.decisions].sort((a, b) => a[0] - b[0]);
  const text = new Map<IntervalSet, string>();
  const idText = (positions: IntervalSet): string => {
    let t = text.get(positions);
    if (t === undefined) text.set(positions, (t = state.platform.idsText(positions)));
    return t;
  };
  const plans = [...state.slotSets.values()].map((set): [string, SlotSetPlan] => [set.name, planOf(set, idText)]);
  return Object.freeze({
    now: state.now,
    decisions: new FrozenMap(decisions),
    slotSets: new FrozenMap(plans),
    propertyChanges: Object.freeze([...state.propertyChanges]),
    warnings: Object.freeze([...state.warnings]),
    platform: resultPlatform(state.platform),
  });
}

function planOf(set: SlotSet, idText: (positions: IntervalSet) => string): SlotSetPlan {
  const slots: PlanSlot[] = [];
  for (const s of set.slots()) slots.push(Object.freeze({ begin: s.begin, end: s.end, free: idText(s.free) }));
  return Object.freeze({ name: set.name, begin: set.begin, end: set.end, slotCount: slots.length, slots: Object.freeze(slots) });
}

function resultPlatform(platform: Platform): RoundPlatform {
  return new ResultPlatform(platform.ids, platform.idMap);
}

/**
 * Keeps only the id tables, never the platform. `idsOf` is a method, not an own property, so
 * `structuredClone(result)` (e.g. to hand it to a worker) copies `resourceIds` (an own getter:
 * the clone reads it) and does not fail on a function. `resourceIds` is made on first read: most
 * callers never read it, and on a large platform it is a large array.
 */
class ResultPlatform implements RoundPlatform {
  declare readonly resourceIds: readonly number[];
  readonly #ids: IdMap;
  #resourceIds: readonly number[] | undefined;

  constructor(ids: Int32Array, idMap: IdMap) {
    this.#ids = idMap;
    Object.defineProperty(this, 'resourceIds', {
      enumerable: true,
      get: () => (this.#resourceIds ??= Object.freeze(Array.from(ids))),
    });
    Object.freeze(this);
  }

  idsOf(positions: IntervalSet): IntervalSet {
    return this.#ids.idsOf(positions);
  }
}

/**
 * A `Map` that refuses changes: the result is shared with `roundDone` observers and returned to
 * the caller, so neither can change what the other sees.
 */
export class FrozenMap<K, V> extends Map<K, V> {
  constructor(entries: Iterable<readonly [K, V]>) {
    super();
    for (const [k, v] of entries) super.set(k, v);
    Object.freeze(this);
  }

  override set(): this {
    throw new TypeError('a round result is read-only');
  }

  override delete(): boolean {
    throw new TypeError('a round result is read-only');
  }

  override clear(): void {
    throw new TypeError('a round result is read-only');
  }
}
