/**
 * The contexts the four hooks receive and what they return. This file is the contract between
 * the core and every plugin, built-in or not: see docs/reference/hooks.md. All resource sets are
 * positions in the configured resource order, never database ids.
 */
import type { Hierarchy } from './hierarchy.js';
import type { IntervalSet } from './interval-set.js';
import type { Job, Moldable, RequestPart } from './job.js';
import type { AccountingRecord } from './records.js';
import type { SortingSettings } from './settings.js';
import type { Reason, ReasonInit } from './reason.js';
import type { Decision, RoundResult } from './result.js';
import type { PlatformView, SlotSetView } from './views.js';

// ---------------------------------------------------------------- find

/**
 * Called for every candidate time window of one moldable (hot path: the object is reused between
 * windows of one search, so read it, do not keep it).
 */
export interface FindContext {
  readonly job: Job;
  readonly moldable: Moldable;
  /** The moldable's request parts: levels and constraint sets. A find must apply constraints itself. */
  readonly parts: readonly RequestPart[];
  readonly hierarchy: Hierarchy;
  /**
   * The round's resources (an addition to API v1): `platform.resources[p]` is the resource at
   * position `p`, with its id and properties, so a find can read them for the positions it sees.
   */
  readonly platform: PlatformView;
  /** Free positions during the whole window (timesharing and placeholder shares included). */
  readonly available: IntervalSet;
  /** The window starts at the first slot of the slot set. */
  readonly beginning: boolean;
  /** Positional arguments from `find=NAME:arg…`. */
  readonly args: readonly string[];
  /** Keyword arguments from `find=NAME:key=value…`. */
  readonly kwargs: Readonly<Record<string, string>>;
  /**
   * Runs the find registered under `name` (e.g. `"default"`) on `available` (this window's set
   * when omitted) and returns its resources, or `null` when it found none.
   */
  delegate(name: string, available?: IntervalSet): IntervalSet | null;
}

/**
 * - an `IntervalSet`: the resources for this window (empty = nothing fits here). It must lie in
 *   `available` (positions past the last resource are ignored): otherwise the job is left
 *   unscheduled with a `PLUGIN_ERROR` reason naming the plugin. It is not re-checked against the
 *   request; quotas are checked afterwards.
 * - `null`: handled, nothing fits in this window.
 * - `undefined`: not mine, let the next tap of the same name decide.
 */
export type FindResult = IntervalSet | null | undefined;
export type FindFn = (context: FindContext) => FindResult;

// ---------------------------------------------------------------- assign

export interface SearchOptions {
  /**
   * Which find computes the resources of each window: `"job"` (the job's `find=` plugin, or
   * `default` when it has none; the default), or the name of any registered find.
   */
  readonly find?: string;
  /** Check quotas on each candidate window (core §15.4). Default `false`: a custom assign opts in. */
  readonly quotas?: boolean;
}

/** The earliest window where a moldable fits. */
export interface Found {
  readonly found: true;
  readonly moldableIndex: number;
  readonly start: number;
  /** Inclusive end: `start + effectiveWalltime - 1`. */
  readonly end: number;
  readonly resources: IntervalSet;
}

export interface NotFound {
  readonly found: false;
  readonly reason: Reason;
}

export type SearchOutcome = Found | NotFound;

export interface AssignContext {
  readonly job: Job;
  readonly now: number;
  /** The slot set the job goes in (its container's, or `default`). */
  readonly slotSet: SlotSetView;
  readonly hierarchy: Hierarchy;
  readonly platform: PlatformView;
  /** Earliest start allowed by dependencies; `undefined` when unconstrained. */
  readonly minStart: number | undefined;
  readonly args: readonly string[];
  readonly kwargs: Readonly<Record<string, string>>;
  /** Quotas are enabled and the job is not `no_quotas`: the default assign checks them then. */
  readonly quotasApply: boolean;
  /**
   * Earliest window for one moldable (core §7.1–7.3, §15.4, §16.5): walks the slot set from
   * `minStart` (or the slot cache), calls the find on each window, checks quotas when asked.
   * Pure with respect to placements: nothing is inserted (a `minStart` inside a slot splits it).
   */
  searchMoldable(moldableIndex: number, options?: SearchOptions): SearchOutcome;
  /** The placement for a search result; keeps the slot-cache bookkeeping of core §7.7. */
  place(found: Found): Placement;
}

export interface Placement {
  readonly placed: true;
  readonly moldableIndex: number;
  readonly start: number;
  readonly resources: IntervalSet;
}

export interface Unplaced {
  readonly placed: false;
  /** Why; a reason without `kind` (API v1) gets the kind of its code. */
  readonly reason: ReasonInit;
}

/**
 * - `Placement`: the core inserts the job (occupation `[start, start + W - 1]`), registers
 *   timesharing/placeholder shares and quota counters, creates a container's inner slot set.
 * - `Unplaced`: the job stays waiting with this reason.
 * - `undefined`: not mine, let the next tap of the same name decide.
 */
export type AssignResult = Placement | Unplaced | undefined;
export type AssignFn = (context: AssignContext) => AssignResult;

// ---------------------------------------------------------------- jobsSorting

export interface SortContext {
  /** Queue names of the group being scheduled, in priority order. */
  readonly queues: readonly string[];
  readonly now: number;
  /** The group's waiting jobs in FIFO order (increasing id). */
  readonly jobs: readonly Job[];
  /** Free-form configuration string (`sorting.custom.config`, OAR `CUSTOM_JOB_SORTING_CONFIG`). */
  readonly config: string;
  readonly settings: SortingSettings;
  readonly accounting: readonly AccountingRecord[];
  readonly platform: PlatformView;
  /**
   * Set only when a tool explains the order (`oar-sched explain`); `undefined` in a scheduling
   * round, so a policy pays nothing for it. A policy that can say why a job is where it is calls
   * it once per job with the terms of its sort key (`{ karma: 0.12 }`, `{ age: 3, queue: 10 }`):
   * plain numbers, named as the policy documents them. Never changes the order. An addition to
   * plugin API v1: policies that ignore it are simply shown without factors.
   */
  readonly reportFactors?: ((job: Job, factors: Readonly<Record<string, number>>) => void) | undefined;
  /**
   * Set in every round. A fair-share policy calls it once per job it computed a karma for (OAR's
   * `job.karma`: FAIRSHARE, and MULTIFACTOR when its karma weight is not 0); the round keeps the
   * last value per job, and a planned job's decision carries it (`Decision.karma`), which the
   * database round writes into the job's message (` (Karma=0.345)`) and `jobs.last_karma`, as OAR
   * does for `oarstat`. Never changes the order. Optional (an addition to plugin API v1): a policy
   * without karma never calls it, and a tool that builds its own context may leave it out.
   */
  readonly reportKarma?: ((job: Job, karma: number) => void) | undefined;
}

/** The jobs in scheduling order (a subset is allowed: left-out jobs are not scheduled this round), or `undefined`: not mine. */
export type SortResult = readonly Job[] | undefined;
export type SortFn = (context: SortContext) => SortResult;

// ---------------------------------------------------------------- extraMetasched

export interface ExtraMetaschedContext {
  /** Queues of the previous group this round, `null` before the first group. */
  readonly prevQueues: readonly string[] | null;
  readonly queues: readonly string[];
  readonly now: number;
  readonly jobSecurityTime: number;
  readonly slotSets: ReadonlyMap<string, SlotSetView>;
  /**
   * Jobs running or planned when the round started (OAR's "scheduled jobs": running, launching,
   * suspended… jobs and accepted reservations), id → placement; the same map before every group
   * (metascheduler.md §5.2).
   */
  readonly scheduledJobs: ReadonlyMap<number, Placement>;
  /** Free-form configuration string (`extraMetasched.config`, OAR `EXTRA_METASCHED_CONFIG`). */
  readonly config: string;
  readonly platform: PlatformView;
  /**
   * Asks for a resource property change. Changes are buffered and applied to the round when this
   * call resolves, before its queue group is scheduled, so this group and the later ones see them
   * in their constraints (the hook itself still reads the old values). They are returned in
   * `RoundResult.propertyChanges` (a database adapter writes them). If the hook throws, they are
   * dropped and a warning says so. An unknown resource, a value that is not a string or a finite
   * number, or a call after the hook returned is ignored with a warning.
   */
  setResourceProperty(resourceId: number, property: string, value: string | number): void;
}

export type ExtraMetaschedFn = (context: ExtraMetaschedContext) => void | Promise<void>;

// ---------------------------------------------------------------- observation: roundStart, jobDecided, roundDone

/**
 * The settings a round runs with, as a summary an observer can log or export (the full
 * configuration stays with the app).
 */
export interface RoundConfigSummary {
  readonly jobSecurityTime: number;
  readonly resourceOrder: string;
  readonly hierarchyLabels: readonly string[];
  /** The `jobsSorting` policy in use (`sorting.custom.name` for `CUSTOM`). */
  readonly sortingPolicy: string;
  /** `null`: no limit. */
  readonly maxJobsPerQueuesGroup: number | null;
  readonly cacheEnabled: boolean;
  readonly quotasEnabled: boolean;
  /** The extra-metasched hook called before each queue group, `null` for none. */
  readonly extraMetasched: string | null;
}

/** What the round is about to work on. */
export interface RoundCounts {
  readonly resources: number;
  /** Alive or Absent resources. */
  readonly usableResources: number;
  readonly queues: number;
  readonly activeQueues: number;
  /** Waiting jobs to place (every queue, active or not). */
  readonly waitingJobs: number;
  /** New advance reservations to check. */
  readonly reservations: number;
  /** Running, planned or suspended jobs already holding resources. */
  readonly preoccupyingJobs: number;
}

/** `roundStart`: once per round, after the snapshot is read, before anything is scheduled. */
export interface RoundStartContext {
  readonly now: number;
  readonly config: RoundConfigSummary;
  readonly counts: RoundCounts;
}

/** `jobDecided`: once per waiting job and new reservation, when its decision is taken. */
export interface JobDecidedContext {
  readonly now: number;
  readonly job: Job;
  /** The decision as it appears in the round result (the same frozen object). */
  readonly decision: Decision;
  /** Active queues of the group the job was decided in; empty for a job whose queue was not scheduled. */
  readonly queues: readonly string[];
}

/** Observers return nothing; a value they return is ignored, an error they throw becomes a warning. */
export type RoundStartFn = (context: RoundStartContext) => void;
export type JobDecidedFn = (context: JobDecidedContext) => void;
/** `roundDone` receives the round's result, the object `runRound` returns (frozen). */
export type RoundDoneFn = (result: RoundResult) => void;
