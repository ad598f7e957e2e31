/**
 * Container inner slot sets (core §13): a container's resources become free in the slot set
 * named after it, during its window minus the security time. Several containers of one name
 * accumulate.
 */
import { IntervalSet } from '@oar-sched/plugin-api';
import { MAX_TIME } from '../model/time.js';
import { SlotSet } from '../slots/slot-set.js';
import type { RoundState } from './round-state.js';

export function openContainer(state: RoundState, name: string, start: number, innerWalltime: number, resources: IntervalSet): void {
  let inner = state.slotSets.get(name);
  if (!inner) {
    inner = createSlotSet(state, name, IntervalSet.EMPTY);
    state.slotSets.set(name, inner);
  }
  inner.release({ begin: start, end: start + innerWalltime - 1, resources });
}

/** A slot set over the round's horizon, cut at temporal-quota boundaries, with fresh counters. */
export function createSlotSet(state: RoundState, name: string, free: IntervalSet): SlotSet {
  const quotas = state.quotas;
  const set = new SlotSet(name, state.now, MAX_TIME, free, quotas?.calendar, quotas?.latestEnd);
  if (quotas) for (const slot of set.slots()) slot.counters = quotas.newCounters();
  return set;
}
