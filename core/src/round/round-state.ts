/**
 * The mutable state of one round, shared by its steps. Created by `runRound`, never exposed to
 * plugins (they get read-only views through their contexts).
 */
import type { SortingSettings, Job, Placement, Reason } from '@oar-sched/plugin-api';
import type { SchedulerConfig } from '../model/config.js';
import type { Platform } from '../platform/platform.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import type { SlotSet } from '../slots/slot-set.js';
import type { QuotaPort } from '../quotas/quota-port.js';

export interface ScheduledJob {
  readonly job: Job;
  readonly start: number;
  /** Effective walltime (with security time and suspended duration). */
  readonly walltime: number;
  readonly moldableIndex: number;
  readonly resources: import('@oar-sched/plugin-api').IntervalSet;
}

export type Decision =
  | { readonly scheduled: true; readonly placement: ScheduledJob }
  | { readonly scheduled: false; readonly reason: Reason };

export interface RoundState {
  readonly now: number;
  readonly config: SchedulerConfig;
  readonly platform: Platform;
  readonly registry: PluginRegistry;
  readonly quotas: QuotaPort | undefined;
  readonly slotSets: Map<string, SlotSet>;
  /** Decisions for waiting jobs and new reservations, by job id. */
  readonly decisions: Map<number, Decision>;
  /** Placements made this round, for the extra-metasched context. */
  readonly placements: Map<number, Placement>;
  readonly warnings: string[];
  /** `config.sorting` with the sections the sorting plugins declared validated (what `SortContext.settings` gets). */
  readonly sortingSettings: SortingSettings;
}
