/**
 * FAIRSHARE job ordering (OAR `JOB_PRIORITY=FAIRSHARE`, "karma"): pure computations of
 * scheduler-core.md §17.2. No I/O: plain data in, plain data out.
 *
 * Name lookups (project/user sums and targets) use own properties / `Map`s only, so a user or
 * project called `constructor`, `toString` or `__proto__` never picks up an `Object.prototype`
 * member.
 */
import type { AccountingRecord } from '@oar-sched/plugin-api';
import { fairshareSchema } from './settings.js';

/** One row of the accounting table (scenario-format.md §7): the core's own type. */
export type { AccountingRecord };

/**
 * Fair-share parameters (OAR `SCHEDULER_FAIRSHARING_*`). Targets are percentages (`50` = half of
 * the window), keyed by the exact project / user name.
 */
export interface FairshareParams {
  windowSize: number;
  projectTargets: Readonly<Record<string, number>>;
  userTargets: Readonly<Record<string, number>>;
  coefProject: number;
  coefUser: number;
  coefUserAsk: number;
}

/**
 * Spec defaults (§17.2), as the settings schema applies them. Note that `default` is an ordinary key: it is the target of a project /
 * user literally named `default`, not a fallback (see {@link karma}).
 */
export const DEFAULT_FAIRSHARE: FairshareParams = Object.freeze(fairshareSchema.parse({}));

/** What karma needs to know about a job. */
export interface KarmaJob {
  id: number;
  user: string;
  project: string;
}

/**
 * Consumption summed over the fair-share window for the queues of one group.
 * `sumAsked`/`sumUsed` are the denominators of the karma (never 0, see {@link accountingSums});
 * the maps only hold names that have at least one record in the window (absent = 0).
 */
export interface AccountingSums {
  sumAsked: number;
  sumUsed: number;
  projectAsked: ReadonlyMap<string, number>;
  projectUsed: ReadonlyMap<string, number>;
  userAsked: ReadonlyMap<string, number>;
  userUsed: ReadonlyMap<string, number>;
}

function addTo(map: Map<string, number>, key: string, value: number): void {
  map.set(key, (map.get(key) ?? 0) + value);
}

/**
 * Sums of the accounting window for the given queues (spec 17.2: totals and per-project with
 * windowStop < now, per-user with windowStop <= now; empty totals default to 1).
 *
 * Window: records of a queue in `queues` with `windowStart >= now - windowSize`, and
 * - totals and per-project sums: `windowStop < now`;
 * - per-user sums: `windowStop <= now` (OAR3's SQL uses `<=` for users only; kept on purpose, so a
 *   record ending exactly at `now` counts for its user but not in the denominators).
 *
 * A total with no record is 1 (OAR3 initialises the sums to 1, not 0). Choice: a total whose
 * records add up to exactly 0 is also replaced by 1 — OAR3 divides by it and crashes
 * (ZeroDivisionError) in that case, and the spec's formula would give NaN / Infinity and an
 * unordered sort; with 1 the quotients are the (zero) consumptions themselves.
 */
export function accountingSums(
  records: readonly AccountingRecord[],
  queues: readonly string[],
  now: number,
  windowSize: number,
): AccountingSums {
  const queueSet = new Set(queues);
  const windowStart = now - windowSize;
  let sumAsked = 0;
  let sumUsed = 0;
  const projectAsked = new Map<string, number>();
  const projectUsed = new Map<string, number>();
  const userAsked = new Map<string, number>();
  const userUsed = new Map<string, number>();

  for (const r of records) {
    if (!queueSet.has(r.queue) || r.windowStart < windowStart) continue;
    const asked = r.consumptionType === 'ASKED';
    if (r.windowStop <= now) {
      addTo(asked ? userAsked : userUsed, r.user, r.consumption);
    }
    if (r.windowStop < now) {
      if (asked) sumAsked += r.consumption;
      else sumUsed += r.consumption;
      addTo(asked ? projectAsked : projectUsed, r.project, r.consumption);
    }
  }

  return {
    sumAsked: sumAsked === 0 ? 1 : sumAsked,
    sumUsed: sumUsed === 0 ? 1 : sumUsed,
    projectAsked,
    projectUsed,
    userAsked,
    userUsed,
  };
}

/** Own-property lookup of a target in percent; a name without its own entry has target 0. */
function targetPercent(targets: Readonly<Record<string, number>>, name: string): number {
  return Object.hasOwn(targets, name) ? (targets[name] ?? 0) : 0;
}

/**
 * Karma of one job (§17.2), lower = served first:
 * ```
 * coefProject * (usedProj[p]/sumUsed  - projTarget[p]/100)
 * + coefUser    * (usedUser[u]/sumUsed  - userTarget[u]/100)
 * + coefUserAsk * (askedUser[u]/sumAsked - userTarget[u]/100)
 * ```
 * Missing sums and missing targets are 0. Targets are divided by 100 exactly once (§22 row 29:
 * OAR3 would divide user targets twice, if it did not crash first; Redox divides once).
 *
 * Target lookup is by the job's own project / user name only: the `default` key of the default
 * targets is NOT a fallback for names without an entry. Both references do this (OAR3 `karma.py`:
 * `if job.user in karma_user_targets ... else 0.0`; Redox `sorting.rs`: `get(user).unwrap_or(0)`),
 * and the spec says "missing targets = 0". The conformance vectors cannot tell the two readings
 * apart (a target shared by every job shifts all karmas by the same amount), so the references
 * decide.
 */
export function karma(job: KarmaJob, sums: AccountingSums, params: FairshareParams): number {
  const projectUsed = sums.projectUsed.get(job.project) ?? 0;
  const userUsed = sums.userUsed.get(job.user) ?? 0;
  const userAsked = sums.userAsked.get(job.user) ?? 0;
  const projectTarget = targetPercent(params.projectTargets, job.project) / 100;
  const userTarget = targetPercent(params.userTargets, job.user) / 100;
  return (
    params.coefProject * (projectUsed / sums.sumUsed - projectTarget) +
    params.coefUser * (userUsed / sums.sumUsed - userTarget) +
    params.coefUserAsk * (userAsked / sums.sumAsked - userTarget)
  );
}

/**
 * Job ids ordered by increasing karma, stable (ties keep the input order).
 *
 * Returns a new array of the same job objects (the input is not modified). The sums are computed
 * once for the whole group (`queues` = the queues of the group being sorted).
 */
export function orderByKarma<J extends KarmaJob>(
  jobs: readonly J[],
  records: readonly AccountingRecord[],
  queues: readonly string[],
  now: number,
  params: FairshareParams,
): J[] {
  const sums = accountingSums(records, queues, now, params.windowSize);
  return orderByKeys(jobs, jobs.map((job) => karma(job, sums, params)));
}

/** The jobs ordered by increasing key (`keys[i]` is `jobs[i]`'s), stable; a new array. */
export function orderByKeys<J>(jobs: readonly J[], keys: readonly number[]): J[] {
  const keyed = jobs.map((job, index) => ({ job, index, key: keys[index]! }));
  // Explicit comparisons (not `a - b`): equal keys, including two equal infinities, fall through
  // to the input index, so the order is stable regardless of the engine's sort.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  return keyed.map((k) => k.job);
}
