/**
 * The mutable state of one round, shared by its steps. Created by `runRound`, never exposed to
 * plugins (they get read-only views through their contexts).
 */
import type { Decision, IntervalSet, Job, Placement, PlatformView, PropertyChange, SortingSettings } from '@oar-sched/plugin-api';
import type { SchedulerConfig } from '../model/config.js';
import type { Platform } from '../platform/platform.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { SlotSet } from '../slots/slot-set.js';
import type { QuotaPort } from '../quotas/quota-port.js';
import type { ProbeRequest } from './search-probe.js';

export interface ScheduledJob {
  readonly job: Job;
  readonly start: number;
  /** Effective walltime (with security time and suspended duration). */
  readonly walltime: number;
  readonly moldableIndex: number;
  readonly resources: IntervalSet;
}

export interface RoundState {
  readonly now: number;
  readonly config: SchedulerConfig;
  readonly platform: Platform;
  /** The read-only facade plugins get as `ctx.platform`. */
  readonly platformView: PlatformView;
  readonly registry: PluginRegistry;
  readonly quotas: QuotaPort | undefined;
  readonly slotSets: Map<string, SlotSet>;
  /** Decisions for waiting jobs and new reservations, by job id, as plain result data. */
  readonly decisions: Map<number, Decision>;
  /** Property changes applied after extra-metasched hooks, in order. */
  readonly propertyChanges: PropertyChange[];
  /**
   * Jobs running or planned before the round (OAR's "scheduled jobs" of R3.5), for the
   * extra-metasched context; not updated as groups are scheduled (metascheduler.md §5.2).
   */
  readonly preplaced: Map<number, Placement>;
  readonly warnings: string[];
  /** Fair-share karma per job, as the sorting policy reported it (`SortContext.reportKarma`). */
  readonly karma: Map<number, number>;
  /** `config.sorting` with the sections the sorting plugins declared validated (what `SortContext.settings` gets). */
  readonly sortingSettings: SortingSettings;
  /** The job whose windows a tool explains (`RoundOptions.probe`); `undefined` in a scheduling round. */
  readonly probe: ProbeRequest | undefined;
}
