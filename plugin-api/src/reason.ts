/**
 * Why a job was not scheduled, as data. `code` is stable (scripts may branch on it); `kind` says
 * what the code means for the job's future; `message` is a sentence for a sysadmin and becomes the
 * job's message in OAR; `plugin` names the plugin at fault on `PLUGIN_ERROR`; `details` carries
 * structured data (per-moldable reasons, the quota rule, the dependency, …).
 * See docs/reference/hooks.md, "Reasons".
 */
export interface Reason {
  readonly code: ReasonCode;
  readonly kind: ReasonKind;
  readonly message: string;
  /** The plugin that threw or broke its contract (set on `PLUGIN_ERROR` when the core knows it). */
  readonly plugin?: ReasonPlugin | undefined;
  readonly details?: ReasonDetails | undefined;
}

/**
 * - `unschedulable`: could run later or elsewhere (no window now, quota, dependency waiting, …);
 * - `unresolvable`: can never run as requested (empty property filter, unknown level, a request
 *   the platform cannot meet even when idle, a reservation that is too old, …);
 * - `error`: a plugin threw or misbehaved, or the input is invalid.
 */
export type ReasonKind = 'unschedulable' | 'unresolvable' | 'error';

export type ReasonCode =
  | 'NO_WINDOW'
  | 'REQUEST_UNSATISFIABLE'
  | 'CONSTRAINT_EMPTY'
  | 'UNKNOWN_LEVEL'
  | 'QUOTA_EXCEEDED'
  | 'WINDOW_TIME_LIMIT'
  | 'DEPENDENCY'
  | 'NO_SLOT_SET'
  | 'UNKNOWN_FIND_PLUGIN'
  | 'UNKNOWN_ASSIGN_PLUGIN'
  | 'PLUGIN_DECLINED'
  | 'PLUGIN_ERROR'
  | 'QUEUE_NOT_SCHEDULED'
  | 'GROUP_LIMIT'
  | 'NOT_SORTED'
  | 'RESERVATION_TOO_OLD'
  | 'RESERVATION_UNAVAILABLE'
  | 'REQUEST_INVALID';

/**
 * The kind of each code, used when a reason is made without one (`reason(code, message)`, or a
 * plugin returning `{ code, message }`). A call site may still give another kind when it knows
 * better (a dependency that terminated with an error code can never be met: `unresolvable`).
 */
export const REASON_KINDS: Readonly<Record<ReasonCode, ReasonKind>> = Object.freeze({
  NO_WINDOW: 'unschedulable',
  REQUEST_UNSATISFIABLE: 'unresolvable',
  CONSTRAINT_EMPTY: 'unresolvable',
  UNKNOWN_LEVEL: 'unresolvable',
  QUOTA_EXCEEDED: 'unschedulable',
  WINDOW_TIME_LIMIT: 'unschedulable',
  DEPENDENCY: 'unschedulable',
  NO_SLOT_SET: 'unschedulable',
  UNKNOWN_FIND_PLUGIN: 'unresolvable',
  UNKNOWN_ASSIGN_PLUGIN: 'unresolvable',
  PLUGIN_DECLINED: 'unschedulable',
  PLUGIN_ERROR: 'error',
  QUEUE_NOT_SCHEDULED: 'unschedulable',
  GROUP_LIMIT: 'unschedulable',
  NOT_SORTED: 'unschedulable',
  RESERVATION_TOO_OLD: 'unresolvable',
  RESERVATION_UNAVAILABLE: 'unresolvable',
  REQUEST_INVALID: 'error',
});

/** Which plugin a `PLUGIN_ERROR` is about. */
export interface ReasonPlugin {
  /** The plugin's name (`definePlugin({ name })`), which is also the name of its taps. */
  readonly name: string;
  /** The npm package it was loaded from, when it came from a package. */
  readonly packageName?: string | undefined;
  /** The hook it tapped (`find`, `assign`, `jobsSorting`, `extraMetasched`). */
  readonly hook: string;
  /** The name it tapped that hook under (`default`, `contiguous`, …). */
  readonly key: string;
}

/**
 * Structured data about a reason. The fields below are the ones the core and the built-in plugins
 * fill; plugins may add their own keys.
 */
export interface ReasonDetails {
  /** Per-moldable reasons of a job none of whose moldables could be placed, in moldable order. */
  readonly moldables?: readonly Reason[] | undefined;
  /** `QUOTA_EXCEEDED`: the rule that refused the job. */
  readonly rule?: QuotaRuleDetails | undefined;
  /** `DEPENDENCY`: the job id the job depends on. */
  readonly dependency?: number | undefined;
  readonly [key: string]: unknown;
}

export interface QuotaRuleDetails {
  /** The rule key as written, e.g. `"*,*,*,/"`. */
  readonly key: string;
  /** The temporal rule set, `null` for the default rules. */
  readonly ruleSet: string | null;
  /** What is limited. */
  readonly limit: 'resources' | 'jobs' | 'resourceSeconds';
  /** The rule's maximum. */
  readonly max: number;
  /** The count the job would have brought it to. */
  readonly count: number;
}

/** A reason as a plugin may write it: `kind` is derived from `code` when left out (API v1). */
export interface ReasonInit {
  readonly code: ReasonCode;
  readonly kind?: ReasonKind | undefined;
  readonly message: string;
  readonly plugin?: ReasonPlugin | undefined;
  readonly details?: ReasonDetails | undefined;
}

export interface ReasonOptions {
  readonly kind?: ReasonKind | undefined;
  readonly plugin?: ReasonPlugin | undefined;
  readonly details?: ReasonDetails | undefined;
}

/** `reason('NO_WINDOW', '…')`: the kind comes from `REASON_KINDS` unless `options.kind` says otherwise. */
export function reason(code: ReasonCode, message: string, options?: ReasonOptions): Reason {
  const kind = options?.kind ?? kindOf(code);
  if (!options || (options.plugin === undefined && options.details === undefined)) return { code, kind, message };
  return {
    code,
    kind,
    message,
    ...(options.plugin !== undefined ? { plugin: options.plugin } : {}),
    ...(options.details !== undefined ? { details: options.details } : {}),
  };
}

/** The kind of a code; `error` for a code this version does not know (a plugin's typo). */
export function kindOf(code: string): ReasonKind {
  return (REASON_KINDS as Readonly<Record<string, ReasonKind>>)[code] ?? 'error';
}

/**
 * A reason a plugin returned, completed: `kind` from the code when missing or not one of the
 * three kinds. Returns the same object when it is already complete.
 */
export function completeReason(init: ReasonInit): Reason {
  const kind = init.kind;
  if (kind === 'unschedulable' || kind === 'unresolvable' || kind === 'error') return init as Reason;
  return { ...init, kind: kindOf(init.code) };
}
