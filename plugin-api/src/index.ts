/**
 * `@oar-sched/plugin-api`: every type and value a plugin sees, and nothing else. It imports no
 * other package of the project (the engine imports it, never the reverse). This surface is
 * versioned by `PLUGIN_API_VERSION`; changing it incompatibly bumps the version. Also
 * re-exported as `@oar-sched/core/plugin`, where plugins written for API v1 import it.
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
  JobDecidedContext,
  JobDecidedFn,
  RoundConfigSummary,
  RoundCounts,
  RoundDoneFn,
  RoundStartContext,
  RoundStartFn,
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
export { HOOK_KINDS, OBSERVATION_HOOK_KINDS } from './hooks.js';
export type {
  SchedulerHooks,
  HookKind,
  ObservationHookKind,
  FindHook,
  AssignHook,
  JobsSortingHook,
  ExtraMetaschedHook,
  RoundStartHook,
  JobDecidedHook,
  RoundDoneHook,
} from './hooks.js';
export { reason, kindOf, completeReason, REASON_KINDS } from './reason.js';
export type { Reason, ReasonCode, ReasonKind, ReasonPlugin, ReasonDetails, ReasonInit, ReasonOptions, QuotaRuleDetails } from './reason.js';
export type { PlatformView, SlotSetView, SlotView } from './views.js';
export type { Decision, PlacedJob, PlanSlot, PropertyChange, RoundPlatform, RoundResult, SlotSetPlan } from './result.js';
export { IntervalSet } from './interval-set.js';
export { Hierarchy, HierarchyLevel, type BlockLayout } from './hierarchy.js';
export type { Job, Moldable, RequestPart, SharingKey } from './job.js';
export type { PluginSpec } from './plugin-spec.js';
export { parsePluginSpec } from './plugin-spec.js';
export { parseIntervalSet } from './parse-interval-set.js';
export type { JobRole } from './job.js';
export type {
  AccountingRecord,
  JobRecord,
  LevelRequest,
  MoldableRecord,
  RequestPartRecord,
  ReservationStatus,
  ResourceRecord,
  ResourceState,
} from './records.js';
export type { SortingSettings } from './settings.js';
