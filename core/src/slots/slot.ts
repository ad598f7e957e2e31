/**
 * One slot of a slot set (core §6.1): what is free during the closed interval `[begin, end]`.
 * Slots are linked in time order and never merged. `free`, the timesharing and placeholder maps
 * hold immutable interval sets, so copying a slot on a split only copies the maps.
 */
import type { IntervalSet } from '@oar-sched/plugin-api';

/** userKey → nameKey → positions shareable with timesharing jobs of that key (core §11). */
export type TimesharingMap = Map<string, Map<string, IntervalSet>>;
/** placeholder name → positions reserved for `allow=` jobs of that name (core §12). */
export type PlaceholderMap = Map<string, IntervalSet>;

/** Per-slot quota counters; implemented by the quotas module, copied on every split. */
export interface SlotCounters {
  clone(): SlotCounters;
}

export class Slot {
  prev: Slot | undefined = undefined;
  next: Slot | undefined = undefined;

  constructor(
    /** Unique in its slot set, never reused. */
    readonly id: number,
    public begin: number,
    public end: number,
    public free: IntervalSet,
    public timesharing: TimesharingMap | undefined = undefined,
    public placeholders: PlaceholderMap | undefined = undefined,
    /** Temporal-quota rule set in force during the slot; -1 = the default rules. */
    public rulesId = -1,
    public counters: SlotCounters | undefined = undefined,
  ) {}

  /** A copy of this slot's contents under a new id and interval (deep enough for independent updates). */
  copy(id: number, begin: number, end: number): Slot {
    return new Slot(
      id,
      begin,
      end,
      this.free,
      this.timesharing && new Map([...this.timesharing].map(([k, m]) => [k, new Map(m)])),
      this.placeholders && new Map(this.placeholders),
      this.rulesId,
      this.counters?.clone(),
    );
  }
}
