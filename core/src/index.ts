/**
 * `@oar-sched/core`: the scheduling engine. A pure round over a snapshot (no file, no process,
 * no database), the hook registry plugins tap, and the scheduler config schema. Adapters build
 * snapshots; the app (`oar-sched`) composes config, plugins and adapters. Plugin authors import
 * `@oar-sched/plugin-api` (or its v1 alias `@oar-sched/core/plugin`), never this entry point.
 */
export * from '@oar-sched/plugin-api';
export { OarSchedError, isOarSchedError } from './errors.js';
export type { OarSchedErrorCode } from './errors.js';
export type { Snapshot, QueueRecord } from './model/snapshot.js';
export type { SchedulerConfig, SchedulerConfigInput } from './model/config.js';
export { MAX_TIME, DEFAULT_AVAILABLE_UPTO } from './model/time.js';
export { schedulerConfigSchema } from './model/scheduler-config-schema.js';
export { mergeSchedulerConfig } from './model/layer-config.js';
export { Platform } from './platform/platform.js';
export { SlotSet } from './slots/slot-set.js';
export { Slot } from './slots/slot.js';
export { scanCounters, resetScanCounters } from './slots/window-scan.js';
export { runRound } from './round/run-round.js';
export { resolveSortingSettings } from './round/sorting.js';
export type { RoundOptions } from './round/run-round.js';
export type { ProbeRequest, SearchProbe, ProbedMoldable, ProbedWindow } from './round/search-probe.js';
export type { QuotaPort } from './quotas/quota-port.js';
export { PluginRegistry, BUILTIN_STAGE } from './registry/plugin-registry.js';
export type { PluginOrigin, PluginSource, RegisteredPlugin } from './registry/plugin-registry.js';
export { compileExpression, parseExpression } from './resources/expression/index.js';
export { formatPath, formatZodIssues } from './format-issues.js';
export { validateQuotasConfig } from './quotas/index.js';
/** Wall-clock ↔ epoch seconds in an IANA zone (Intl only); the quota calendar's, shared with the harness's date parsing. */
export { TimeZone } from './quotas/calendar/time-zone.js';
export { roleOf, buildJob } from './jobs/build-jobs.js';
export { INTERPRETED_JOB_TYPES, hasJobType, jobType } from './jobs/job-types.js';
export type { InterpretedJobType } from './jobs/job-types.js';
export { describeCycle, findDependencyCycles, waitingDependencyGraph } from './jobs/dependency-cycles.js';
export * from './metasched/index.js';
export { filterKey, isDefaultFilter } from './platform/property-filters.js';
export type { PropertyFilter, PropertyFilterPort, FilterResult } from './platform/property-filters.js';
export { queueGroups as queueGroupsOf } from './round/queue-groups.js';
