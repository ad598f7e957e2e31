/**
 * A job as the round sees it: the snapshot record plus everything derived once per round —
 * request parts with their constraint sets (positions), effective walltimes, and the special
 * job types the core consumes (core §18.3).
 */
import type { IntervalSet } from './interval-set.js';
import type { JobRecord, LevelRequest } from './records.js';
import type { PluginSpec } from './plugin-spec.js';

/** One part of a moldable's request, resolved to positions (what find plugins receive). */
export interface RequestPart {
  /** Coarse to fine. */
  readonly levels: readonly LevelRequest[];
  /** Positions allowed by the job and part property expressions. */
  readonly constraint: IntervalSet;
}

export interface Moldable {
  /** 0-based position in the job's moldable list. */
  readonly index: number;
  /** Requested walltime, without the job security time. */
  readonly walltime: number;
  /** `walltime + jobSecurityTime`: the length the job occupies. */
  readonly effectiveWalltime: number;
  readonly parts: readonly RequestPart[];
  /** Identical keys ⇒ identical requests (slot cache, core §7.7). */
  readonly cacheKey: string;
}

/** `timesharing=X,Y` resolved to the job's sharing key (core §11.1). */
export interface SharingKey {
  readonly user: string;
  readonly name: string;
}

export type JobRole = 'waiting' | 'reservation' | 'preoccupying' | 'inert';

export interface Job {
  readonly record: JobRecord;
  readonly id: number;
  readonly role: JobRole;
  readonly user: string;
  readonly name: string | null;
  readonly project: string;
  readonly queue: string;
  /** Types visible to quotas and plugins (everything but the core's special types). */
  readonly types: Readonly<Record<string, string>>;
  readonly moldables: readonly Moldable[];
  readonly besteffort: boolean;
  readonly timesharing: SharingKey | undefined;
  readonly placeholder: string | undefined;
  readonly allow: string | undefined;
  readonly noQuotas: boolean;
  /** Name of the inner slot set this job creates (type `container`), `undefined` otherwise. */
  readonly container: string | undefined;
  /** Slot set the job is placed in: its `inner` type, or `default`. */
  readonly slotSetName: string;
  readonly assign: PluginSpec | undefined;
  readonly find: PluginSpec | undefined;
  /** Set when a request could not be resolved (e.g. a level that does not exist): never schedulable. */
  readonly requestError: string | undefined;
}
