/**
 * The scheduler's hooks (one frozen object per registry). Each hook map is keyed by the name a
 * job type or the config selects; the tapable class says how taps of one name combine:
 * a `SyncBailHook` stops at the first tap that returns something other than `undefined`.
 */
import type { AsyncSeriesHook, HookMap, SyncBailHook, SyncHook } from 'tapable';
import type {
  AssignContext,
  AssignResult,
  ExtraMetaschedContext,
  FindContext,
  FindResult,
  JobDecidedContext,
  RoundStartContext,
  SortContext,
  SortResult,
} from './contexts.js';
import type { RoundResult } from './result.js';

export type FindHook = SyncBailHook<[FindContext], FindResult>;
export type AssignHook = SyncBailHook<[AssignContext], AssignResult>;
export type JobsSortingHook = SyncBailHook<[SortContext], SortResult>;
export type ExtraMetaschedHook = AsyncSeriesHook<[ExtraMetaschedContext]>;

/** Observation hooks: every tap is called (one after the other), return values are ignored. */
export type RoundStartHook = SyncHook<[RoundStartContext]>;
export type JobDecidedHook = SyncHook<[JobDecidedContext]>;
export type RoundDoneHook = SyncHook<[RoundResult]>;

export interface SchedulerHooks {
  /** Keyed by policy name (`FIFO`, `FAIRSHARE`, `MULTIFACTOR`, or a custom name). Once per queue group. */
  readonly jobsSorting: HookMap<JobsSortingHook>;
  /** Keyed by `default` or a job's `assign=NAME`. Once per job. */
  readonly assign: HookMap<AssignHook>;
  /** Keyed by `default` or a job's `find=NAME`. Once per candidate window: keep it cheap. */
  readonly find: HookMap<FindHook>;
  /** Keyed by the configured `extraMetasched.name`. Once per queue group, before it is scheduled. */
  readonly extraMetasched: HookMap<ExtraMetaschedHook>;
  // Observation hooks (not keyed: every plugin tapping one is called). They see read-only data,
  // cannot change any decision, and a throwing observer only adds a round warning. The core
  // builds their argument only when a hook is used.
  /** Once per round, before anything is scheduled. */
  readonly roundStart: RoundStartHook;
  /** Once per waiting job and new reservation, when it is decided. */
  readonly jobDecided: JobDecidedHook;
  /** Once per round, with the round's result. */
  readonly roundDone: RoundDoneHook;
}

/** The keyed hooks, which plugins provide names on (`RegisteredPlugin.provides`, `oar-sched plugins`). */
export type HookKind = 'jobsSorting' | 'assign' | 'find' | 'extraMetasched';
export const HOOK_KINDS: readonly HookKind[] = ['jobsSorting', 'assign', 'find', 'extraMetasched'];

/** The observation hooks (`RegisteredPlugin.observes`). */
export type ObservationHookKind = 'roundStart' | 'jobDecided' | 'roundDone';
export const OBSERVATION_HOOK_KINDS: readonly ObservationHookKind[] = ['roundStart', 'jobDecided', 'roundDone'];
