/**
 * `@oar-sched/scenario`: the scenario file adapter. A JSON scenario (docs/reference/scenario-format.md)
 * becomes an engine snapshot; a round's result becomes the JSON the CLI prints and `--check`
 * compares with the scenario's `expect` block. It never schedules: `scheduleScenario` only hands
 * the snapshot to the engine's `runRound`.
 */
export { loadScenarioFile, parseScenario, scenarioFromJson } from './load-scenario.js';
export type { LoadedScenario, ScenarioLoadOptions } from './load-scenario.js';
export { validateScenarioDocument } from './validate-scenario.js';
export type { ScenarioValidation, ValidateOptions, ValidationPath } from './validate-scenario.js';
export { scheduleScenario } from './schedule-scenario.js';
export { toScenarioResult } from './result.js';
export type { ScenarioResult, JobOutcome, SlotOutcome } from './result.js';
export { checkExpectation } from './check.js';
export { MAX_RESOURCES, MAX_NESTING_DEPTH, MAX_LISTED_PROBLEMS } from './limits.js';
export { snapshotToScenario, parenthesized } from './export-scenario.js';
export type { ScenarioDocument } from './export-scenario.js';
