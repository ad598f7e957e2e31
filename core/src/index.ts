/**
 * `@oar-sched/core`: the scheduling engine (a pure round over a snapshot), the plugin registry
 * and loader, the scenario adapter and the CLI. Plugin authors import `@oar-sched/core/plugin`.
 */
export * from './plugin-api/index.js';
export { OarSchedError, isOarSchedError } from './errors.js';
export type { OarSchedErrorCode } from './errors.js';
export type { Snapshot, QueueRecord, ResourceState, MoldableRecord, RequestPartRecord, ReservationStatus } from './model/snapshot.js';
export type { SchedulerConfigInput } from './model/config.js';
export { MAX_TIME, DEFAULT_AVAILABLE_UPTO } from './model/time.js';
export { schedulerConfigSchema } from './config/scheduler-config-schema.js';
export { defineConfig } from './config/define-config.js';
export { oarConfigSchema } from './config/oar-config-schema.js';
export type { OarUserConfig, ResolvedOarConfig, PluginListEntry } from './config/oar-config-schema.js';
export { loadOarConfig, validateConfig, CONFIG_SEARCH_PLACES } from './config/load-config.js';
export type { LoadedConfig, LoadConfigOptions } from './config/load-config.js';
export { mergeSchedulerConfig } from './config/merge-scheduler-config.js';
export { Platform } from './platform/platform.js';
export { SlotSet } from './slots/slot-set.js';
export { Slot } from './slots/slot.js';
export { scanCounters, resetScanCounters } from './slots/window-scan.js';
export { runRound } from './round/run-round.js';
export type { RoundOptions, RoundResult } from './round/run-round.js';
export type { Decision, ScheduledJob } from './round/round-state.js';
export type { QuotaPort } from './round/quota-port.js';
export { PluginRegistry, BUILTIN_STAGE } from './registry/plugin-registry.js';
export type { PluginOrigin, PluginSource, RegisteredPlugin } from './registry/plugin-registry.js';
export { registerBuiltins, BUILTIN_PLUGIN_PACKAGES } from './plugin-loader/builtins.js';
export { registerPackage, readManifest, loadPackagePlugin } from './plugin-loader/load-package.js';
export { findPackage, readPackage, findProjectRoot } from './plugin-loader/find-package.js';
export type { PackageInfo } from './plugin-loader/find-package.js';
export { directDependencies, discoverPluginPackages } from './plugin-loader/discover.js';
export { registerPlugins } from './plugin-loader/register-plugins.js';
export type { PluginSelection, RegistrationReport } from './plugin-loader/register-plugins.js';
export { loadScenarioFile, parseScenario, scenarioFromJson } from './scenario/load-scenario.js';
export type { LoadedScenario, ScenarioLoadOptions } from './scenario/load-scenario.js';
export { scheduleScenario } from './scenario/schedule-scenario.js';
export { toScenarioResult } from './scenario/result.js';
export type { ScenarioResult, JobOutcome, SlotOutcome } from './scenario/result.js';
export { checkExpectation } from './scenario/check.js';
export { parseIntervalSet } from './interval-set/parse.js';
export { compileExpression, parseExpression } from './resources/expression/index.js';
export { createSchedulerSetup } from './cli/setup.js';
export type { SchedulerSetup, SetupOptions } from './cli/setup.js';
export { runCli } from './cli/main.js';
export type { CliIo } from './cli/io.js';
export type { PluginsReport, PluginListing } from './cli/plugins-command.js';
