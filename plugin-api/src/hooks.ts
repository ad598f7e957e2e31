/**
 * The scheduler's hooks (one frozen object per registry). Each hook map is keyed by the name a
 * job type or the config selects; the tapable class says how taps of one name combine:
 * a `SyncBailHook` stops at the first tap that returns something other than `undefined`.
 */
import type { AsyncSeriesHook, HookMap, SyncBailHook } from 'tapable';
import type {
  AssignContext,
  AssignResult,
  ExtraMetaschedContext,
  FindContext,
  FindResult,
  SortContext,
  SortResult,
} from './contexts.js';

export type FindHook = SyncBailHook<[FindContext], FindResult>;
export type AssignHook = SyncBailHook<[AssignContext], AssignResult>;
export type JobsSortingHook = SyncBailHook<[SortContext], SortResult>;
export type ExtraMetaschedHook = AsyncSeriesHook<[ExtraMetaschedContext]>;

export interface SchedulerHooks {
  /** Keyed by policy name (`FIFO`, `FAIRSHARE`, `MULTIFACTOR`, or a custom name). Once per queue group. */
  readonly jobsSorting: HookMap<JobsSortingHook>;
  /** Keyed by `default` or a job's `assign=NAME`. Once per job. */
  readonly assign: HookMap<AssignHook>;
  /** Keyed by `default` or a job's `find=NAME`. Once per candidate window: keep it cheap. */
  readonly find: HookMap<FindHook>;
  /** Keyed by the configured `extraMetasched.name`. Once per queue group, before it is scheduled. */
  readonly extraMetasched: HookMap<ExtraMetaschedHook>;
}

export type HookKind = keyof SchedulerHooks;
export const HOOK_KINDS: readonly HookKind[] = ['jobsSorting', 'assign', 'find', 'extraMetasched'];
