/**
 * The quotas of one round (core §15, §16): rule selection per job and rule set, counting placed
 * jobs into slot counters, and the check of a candidate window. Implements the round's
 * `QuotaPort`; built by `createQuotaPort`.
 */
import type { Job, Reason } from '@oar-sched/plugin-api';
import type { QuotaPort } from './quota-port.js';
import type { Slot } from '../slots/slot.js';
import type { RuleBoundaries } from '../slots/slot-set.js';
import { CounterKeys } from './counter-keys.js';
import type { Limits } from './limit-value.js';
import { QuotaCounters } from './quota-counters.js';
import { quotaExceeded, type RuleRef } from './quota-reason.js';
import { ALL_TOGETHER, type RuleKey } from './rule-key.js';
import { RuleTree } from './rule-tree.js';

/** A rule with its limits for this round. */
export interface ResolvedRule extends RuleRef {
  readonly limits: Limits;
}

/**
 * The rule sets by rules id + 1: index 0 = the default rules (rules id -1), index `i + 1` = the
 * calendar's rule set `i`. `undefined` (or an empty tree) = no rule applies there.
 */
export type RuleSetsById = readonly (RuleTree<ResolvedRule> | undefined)[];

/** How one job is checked: per rules id + 1, its rule and the counter it reads (-1 = unconstrained). */
interface JobSelection {
  readonly rules: readonly (ResolvedRule | undefined)[];
  readonly keys: Int32Array;
  /** Some rule set constrains the job. */
  readonly constrained: boolean;
}

const NOT_COUNTED = (): void => {};

export class QuotaEnforcer implements QuotaPort {
  readonly #ruleSets: RuleSetsById;
  readonly #keys: CounterKeys;
  readonly #selections = new WeakMap<Job, JobSelection>();
  /** Scratch of `check`, per rules id + 1: folded resources, jobs, resource-seconds. */
  readonly #folded: Float64Array;
  readonly #inWindow: Uint8Array;
  readonly #groups: number[] = [];

  /**
   * @param ruleSets see `RuleSetsById`.
   * @param jobTypes types counted besides `*` (the document's `job_types`).
   * @param calendar rule boundaries, only when the document has a calendar.
   * @param latestEnd `now + windowTimeLimit` when there is a calendar (core §16.5), else undefined.
   */
  constructor(
    ruleSets: RuleSetsById,
    jobTypes: readonly string[],
    readonly calendar: RuleBoundaries | undefined,
    readonly latestEnd: number | undefined,
  ) {
    this.#ruleSets = ruleSets;
    const keys: RuleKey[] = [];
    for (const tree of ruleSets) if (tree) for (const rule of tree.rules()) keys.push(rule.key);
    this.#keys = new CounterKeys(keys, jobTypes);
    this.#folded = new Float64Array(3 * ruleSets.length);
    this.#inWindow = new Uint8Array(ruleSets.length);
  }

  newCounters(): QuotaCounters {
    return QuotaCounters.empty();
  }

  counter(job: Job, n: number, walltime: number): (slot: Slot) => void {
    const keys = this.#keys.countedKeys(job);
    if (keys.length === 0) return NOT_COUNTED;
    const resourceSeconds = n * walltime;
    return (slot) => {
      const counters = (slot.counters ??= QuotaCounters.empty()) as QuotaCounters;
      counters.add(keys, n, resourceSeconds);
    };
  }

  check(left: Slot, right: Slot, job: Job, n: number, walltime: number): Reason | undefined {
    const selection = this.#selectionOf(job);
    if (!selection.constrained) return undefined;
    const { keys } = selection;
    const folded = this.#folded;
    const inWindow = this.#inWindow;
    const groups = this.#groups;
    groups.length = 0;
    // 1. Fold the window's counters per rules id: resources and jobs = max, resource-seconds = sum.
    for (let slot = left; ; slot = slot.next!) {
      const g = slot.rulesId + 1;
      const key = keys[g]!;
      if (key >= 0) {
        if (inWindow[g] === 0) {
          inWindow[g] = 1;
          groups.push(g);
          folded[3 * g] = folded[3 * g + 1] = folded[3 * g + 2] = 0;
        }
        const counters = slot.counters as QuotaCounters | undefined;
        const i = counters ? counters.indexOf(key) : -1;
        if (i >= 0) {
          folded[3 * g] = Math.max(folded[3 * g]!, counters!.resourcesAt(i));
          folded[3 * g + 1] = Math.max(folded[3 * g + 1]!, counters!.jobsAt(i));
          folded[3 * g + 2] = folded[3 * g + 2]! + counters!.resourceSecondsAt(i);
        }
      }
      if (slot === right) break;
    }
    // 2. Add the candidate and compare with each group's rule; 3. every group must pass.
    let refused: Reason | undefined;
    for (const g of groups) {
      inWindow[g] = 0;
      if (refused) continue;
      const rule = selection.rules[g]!;
      const { limits } = rule;
      const resources = folded[3 * g]! + n;
      const jobs = folded[3 * g + 1]! + 1;
      const resourceSeconds = folded[3 * g + 2]! + n * walltime;
      if (limits.resources >= 0 && resources > limits.resources) refused = quotaExceeded(rule, 'resources', resources, limits.resources);
      else if (limits.jobs >= 0 && jobs > limits.jobs) refused = quotaExceeded(rule, 'jobs', jobs, limits.jobs);
      else if (limits.resourceSeconds >= 0 && resourceSeconds > limits.resourceSeconds) {
        refused = quotaExceeded(rule, 'resourceSeconds', resourceSeconds, limits.resourceSeconds);
      }
    }
    return refused;
  }

  #selectionOf(job: Job): JobSelection {
    let selection = this.#selections.get(job);
    if (selection) return selection;
    const target = { queue: job.queue, project: job.project, type: firstType(job), user: job.user };
    const rules = this.#ruleSets.map((tree) => tree?.select(target));
    const keys = new Int32Array(rules.length).fill(-1);
    rules.forEach((rule, g) => {
      if (rule && this.#keys.isCounted(rule.key)) keys[g] = this.#keys.readKey(rule.key, job);
    });
    selection = { rules, keys, constrained: keys.some((k) => k >= 0) };
    this.#selections.set(job, selection);
    return selection;
  }
}

/**
 * The type the rule selection looks at (core §15.2, OAR3): the job's first visible type in
 * declaration order, `*` when it has none. (JavaScript lists integer-like keys first; a type
 * named like a number would be taken first.)
 */
export function firstType(job: Pick<Job, 'types'>): string {
  for (const type in job.types) return type;
  return ALL_TOGETHER;
}
