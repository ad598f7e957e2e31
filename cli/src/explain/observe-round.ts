/**
 * Runs one round exactly as `schedule`/`round` would and records what `explain` needs, through
 * the engine's observation hooks only: the order in which jobs were decided (with the queues of
 * their group and the slot set they went into), the factors the sorting policy reports when
 * asked (`SortContext.reportFactors`), and the windows the explained job met (the round's
 * `probe` option: the engine's own traversal, free sets, find and quota check, core
 * round/search-probe.ts). Nothing here changes a decision: the observers return nothing, the
 * factor callback only stores numbers, and the probe runs after the job's decision.
 */
import { runRound, type PluginRegistry, type RoundOptions, type SearchProbe, type Snapshot } from '@oar-sched/core';
import type { Job, RoundResult, SortContext } from '@oar-sched/plugin-api';

/** One `jobDecided` call, in order. */
export interface DecidedJob {
  readonly id: number;
  /** Active queues of the job's group (empty: its queue was not scheduled). */
  readonly queues: readonly string[];
  /** Slot set the job is placed in (`default`, or a container's). */
  readonly slotSetName: string;
  readonly role: Job['role'];
  readonly besteffort: boolean;
  /** The inner slot set the job opens (type `container`), when it is one. */
  readonly container: string | undefined;
  /** Its `placeholder=` name, when it holds one. */
  readonly placeholder: string | undefined;
}

export interface ObservedRound {
  readonly result: RoundResult;
  /** Every decided job, in decision order. */
  readonly order: readonly DecidedJob[];
  /** The round's view of the explained job (constraints as positions), when it was decided. */
  readonly job: Job | undefined;
  /** Sort factors reported by the policy, by job id. */
  readonly factors: ReadonlyMap<number, Readonly<Record<string, number>>>;
  /** The sorting policy's order of each group, by the group's queues joined with `,`. */
  readonly sorted: ReadonlyMap<string, readonly number[]>;
  /** The windows the explained job met; `undefined` when it never reached a window search. */
  readonly probe: SearchProbe | undefined;
}

/** Windows walked per moldable at most. */
export const MAX_WINDOWS = 2000;

const TAP = 'oar-sched-explain';

/**
 * Taps the registry's observation hooks (and the sorting hook's calls) for this round only: the
 * registry is the command's own, made for this one run.
 */
export async function observeRound(snapshot: Snapshot, registry: PluginRegistry, jobId: number, options: RoundOptions = {}, policy?: string): Promise<ObservedRound> {
  const order: DecidedJob[] = [];
  const factors = new Map<number, Readonly<Record<string, number>>>();
  const sorted = new Map<string, readonly number[]>();
  let job: Job | undefined;
  registry.hooks.jobDecided.tap(TAP, (ctx) => {
    const j = ctx.job;
    order.push({ id: j.id, queues: ctx.queues, slotSetName: j.slotSetName, role: j.role, besteffort: j.besteffort, container: j.container, placeholder: j.placeholder });
    if (ctx.job.id === jobId) job = ctx.job;
  });
  const sortHook = policy !== undefined ? registry.hooks.jobsSorting.get(policy) : undefined;
  let group = '';
  sortHook?.intercept({
    // The context is the round's own object for this call: the callback is added to it before
    // the policy's taps run (calls are synchronous, one group at a time), and the order they
    // return is recorded after.
    call: (ctx: SortContext) => {
      group = ctx.queues.join(',');
      (ctx as { reportFactors?: SortContext['reportFactors'] }).reportFactors = (j, f) => {
        factors.set(j.id, Object.freeze({ ...f }));
      };
    },
    result: (jobs: readonly Job[] | undefined) => {
      if (jobs) sorted.set(group, jobs.map((j) => j.id));
    },
  } as Parameters<NonNullable<typeof sortHook>['intercept']>[0]);
  let probe: SearchProbe | undefined;
  const result = await runRound(snapshot, registry, { ...options, probe: { jobId, maxWindows: MAX_WINDOWS, report: (p) => (probe = p) } });
  return { result, order, job, factors, sorted, probe };
}
