/**
 * `@oar-sched/core/plugin`: everything a plugin author needs, and nothing else. This surface is
 * versioned by `PLUGIN_API_VERSION`; changing it incompatibly is a breaking change.
 */
export { definePlugin, PLUGIN_API_VERSION } from './define-plugin.js';
export type { OarPlugin, PluginDefinition, PluginSetupApi, PluginLogger, TapOptions, FindTapOptions } from './define-plugin.js';
export type {
  AssignContext,
  AssignFn,
  AssignResult,
  ExtraMetaschedContext,
  ExtraMetaschedFn,
  FindContext,
  FindFn,
  FindResult,
  Found,
  NotFound,
  Placement,
  SearchOptions,
  SearchOutcome,
  SortContext,
  SortFn,
  SortResult,
  Unplaced,
} from './contexts.js';
export type { SchedulerHooks, HookKind, FindHook, AssignHook, JobsSortingHook, ExtraMetaschedHook } from './hooks.js';
export { reason } from './reason.js';
export type { Reason, ReasonCode } from './reason.js';
export type { PlatformView, SlotSetView, SlotView } from './views.js';
export { IntervalSet } from '../interval-set/interval-set.js';
export { Hierarchy, HierarchyLevel } from '../hierarchy/hierarchy.js';
export type { Job, Moldable, RequestPart, SharingKey } from '../jobs/job.js';
export type { PluginSpec } from '../jobs/plugin-spec.js';
export type { AccountingRecord, JobRecord, LevelRequest, ResourceRecord } from '../model/snapshot.js';
export type { SchedulerConfig, FairshareConfig, MultifactorConfig } from '../model/config.js';
