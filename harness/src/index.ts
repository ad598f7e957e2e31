/**
 * `@oar-sched/harness`: the plugin test harness. A real meta-scheduler round on a fresh OAR
 * database (SQLite in memory by default, a file, or a temporary PostgreSQL database), with jobs
 * submitted in oarsub's syntax and the plugins under test loaded through the scheduler's own
 * plugin loading. See README.md.
 */
export { createHarness, closeAllHarnesses, Harness, HARNESS_DB_ENV } from './harness.js';
export type { HarnessOptions, HarnessConfig, ClusterSpec, QueueOptions, RoundOptions } from './harness.js';
export type { HarnessRound, PlannedJob, EventRow, StateLogRow } from './read-round.js';
export { harnessDatabases } from './databases.js';
export type { HarnessDatabase } from './databases.js';
export { HARNESS_CONFIG, HARNESS_COLUMNS } from './config.js';
export { parseSubmitLine, toJobInsert } from './oarsub/submit-options.js';
export type { SubmitOptions, SubmitContext } from './oarsub/submit-options.js';
export { parseResourceRequest, parseResourceRequests, DEFAULT_WALLTIME, DEFAULT_RESOURCES, NODES_RESOURCES, SPECIAL_COUNTS } from './oarsub/resource-request.js';
export type { RequestParseOptions } from './oarsub/resource-request.js';
export { parseDuration, parseDate } from './oarsub/duration.js';
export { shellWords } from './oarsub/shell-words.js';
export { SubmitError } from './oarsub/submit-error.js';
export { ids } from './ids.js';
export type { Reason } from '@oar-sched/plugin-api';
