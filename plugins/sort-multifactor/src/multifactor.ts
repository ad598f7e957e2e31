/**
 * MULTIFACTOR job ordering (OAR `JOB_PRIORITY=MULTIFACTOR`): pure computations of
 * scheduler-core.md §17.3. No I/O: plain data in, plain data out. The karma term reuses the
 * FAIRSHARE computation (§17.2).
 */
import {
  accountingSums,
  karma,
  type AccountingRecord,
  type FairshareParams,
  type KarmaJob,
} from '@oar-sched/plugin-sort-fairshare';
import { multifactorSchema } from './settings.js';

/**
 * Weights and coefficients (OAR `PRIORITY_CONF_FILE` YAML, camelCased). `work*`/`size*` exist
 * only so that a configuration can be carried through unchanged: their factors have no usable
 * reference, so a non-zero `workWeight`/`sizeWeight` is rejected (§17.3).
 */
export interface MultifactorParams {
  ageWeight: number;
  ageCoef: number;
  queueWeight: number;
  queueCoefs: Readonly<Record<string, number>>;
  workWeight: number;
  workMode: number | string;
  sizeWeight: number;
  sizeMode: number | string;
  karmaWeight: number;
  qosWeight: number;
  niceWeight: number;
}

/** Spec defaults, as the config schema applies them: everything 0 except `ageCoef = 1.65e-6`. */
export const DEFAULT_MULTIFACTOR: MultifactorParams = Object.freeze(multifactorSchema.parse({}));

/** What the priority needs to know about a job (scenario defaults: qos 0, nice 1, submissionTime 0). */
export interface MultifactorJob extends KarmaJob {
  queue: string;
  submissionTime: number;
  qos: number;
  nice: number;
}

/**
 * Priority of one job (§17.3), higher = served first:
 * ```
 * ageWeight * max(1, ageCoef * (now - submissionTime))
 * + (queueWeight > 0 ? queueWeight * queueCoefs[queue] : 0)   # missing coef: term skipped
 * + karmaWeight * 1/(1 + karma)
 * + (qosWeight  > 0 ? qosWeight * qos : 0)
 * + (niceWeight > 0 ? niceWeight * max(1, nice) : 0)
 * ```
 * The age and karma terms are unconditional (as in OAR3; Redox only adds them for a positive
 * weight and clamps negative ages, which this function does not). Exception: with
 * `karmaWeight === 0` the karma term is skipped rather than computed, because `0 * 1/(1 + -1)`
 * would be NaN; the value is 0 for every other karma, so nothing else changes.
 * A karma of exactly -1 with a non-zero weight gives ±Infinity (OAR3 crashes there; Redox gives
 * the same infinity); the orderings below handle infinities.
 *
 * @param karmaValue the job's karma (§17.2), only read when `karmaWeight !== 0`.
 * @throws RangeError if `workWeight` or `sizeWeight` is non-zero (no reference behaviour; the
 *   config schema rejects them first, this guard keeps a bypassing caller from a silently wrong
 *   order).
 */
export function multifactorPriority(
  job: MultifactorJob,
  now: number,
  params: MultifactorParams,
  karmaValue: number,
): number {
  const t = multifactorTerms(job, now, params, karmaValue);
  // Summed in this order, skipped terms being 0: the same value as adding them one by one.
  return t.age + t.queue + t.karma + t.qos + t.nice;
}

/** The weighted terms of `multifactorPriority` (0 for a skipped term), for explaining an order. */
export interface MultifactorTerms {
  readonly age: number;
  readonly queue: number;
  readonly karma: number;
  readonly qos: number;
  readonly nice: number;
}

/** The terms `multifactorPriority` sums; same rules (and the same RangeError). */
export function multifactorTerms(job: MultifactorJob, now: number, params: MultifactorParams, karmaValue: number): MultifactorTerms {
  assertNoWorkOrSize(params);
  return {
    age: params.ageWeight * Math.max(1, params.ageCoef * (now - job.submissionTime)),
    queue: params.queueWeight > 0 && Object.hasOwn(params.queueCoefs, job.queue) ? params.queueWeight * (params.queueCoefs[job.queue] ?? 0) : 0,
    karma: params.karmaWeight !== 0 ? params.karmaWeight * (1 / (1 + karmaValue)) : 0,
    qos: params.qosWeight > 0 ? params.qosWeight * job.qos : 0,
    nice: params.niceWeight > 0 ? params.niceWeight * Math.max(1, job.nice) : 0,
  };
}

function assertNoWorkOrSize(params: MultifactorParams): void {
  if (params.workWeight !== 0 || params.sizeWeight !== 0) {
    throw new RangeError(
      `multifactor: workWeight and sizeWeight must be 0 (got ${params.workWeight}, ${params.sizeWeight}); ` +
        'the work and size factors have no reference behaviour',
    );
  }
}

/**
 * Decreasing priority, stable. Karma computed as in FAIRSHARE with the given fairshare params.
 *
 * Stable = jobs of equal priority keep their input (FIFO) order, as OAR3's
 * `sorted(..., reverse=True)` does (§22 row 28; Redox reverses ties). Returns a new array of the
 * same job objects; the input is not modified. The accounting sums are only computed when the
 * karma term is active (`karmaWeight !== 0`), which cannot change the result.
 */
export function orderByMultifactor<J extends MultifactorJob>(
  jobs: readonly J[],
  records: readonly AccountingRecord[],
  queues: readonly string[],
  now: number,
  params: MultifactorParams,
  fairshare: FairshareParams,
): J[] {
  return orderByPriority(jobs, now, params, multifactorKarmas(jobs, records, queues, now, params, fairshare));
}

/** Each job's karma (§17.2), in input order, when the karma term counts (`karmaWeight !== 0`); otherwise `undefined`. */
export function multifactorKarmas(
  jobs: readonly MultifactorJob[],
  records: readonly AccountingRecord[],
  queues: readonly string[],
  now: number,
  params: MultifactorParams,
  fairshare: FairshareParams,
): number[] | undefined {
  if (params.karmaWeight === 0) return undefined;
  const sums = accountingSums(records, queues, now, fairshare.windowSize);
  return jobs.map((job) => karma(job, sums, fairshare));
}

/** The jobs by decreasing priority, stable; `karmas[i]` is `jobs[i]`'s karma (none: 0, unread). */
export function orderByPriority<J extends MultifactorJob>(jobs: readonly J[], now: number, params: MultifactorParams, karmas: readonly number[] | undefined): J[] {
  assertNoWorkOrSize(params);
  const keyed = jobs.map((job, index) => ({ job, index, key: multifactorPriority(job, now, params, karmas?.[index] ?? 0) }));
  // Explicit comparisons (not `b - a`, which is NaN for two equal infinities): higher priority
  // first, equal priorities by input index.
  keyed.sort((a, b) => (a.key > b.key ? -1 : a.key < b.key ? 1 : a.index - b.index));
  return keyed.map((k) => k.job);
}
