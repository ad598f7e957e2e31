/**
 * `@oar-sched/core/plugin`: the plugin API under the name plugins written for API v1 import.
 * Everything comes from `@oar-sched/plugin-api`; the zod-derived config type stays here only so
 * that such plugins keep compiling (new plugins use `SortingSettings` from the plugin API).
 */
export * from '@oar-sched/plugin-api';
export type { SchedulerConfig } from './model/config.js';
