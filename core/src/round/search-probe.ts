/**
 * The windows one job met, as the engine saw them, for a tool that explains that job
 * (`oar-sched explain`, through `RoundOptions.probe`). It walks the job's own slot set (the
 * default one, or its container's) with the engine's window traversal (core §7.1), the engine's
 * free set per window (timesharing and placeholder shares included, §7.3, §11, §12), the job's
 * find and the round's quota check (§15.4), and returns what each said, as data.
 *
 * It never changes a decision: for a waiting job it runs after the job's assign has decided and
 * before anything is inserted (for a new reservation, before its check, with the built-in default
 * find); it reads slots and counters, calls the find once per window (a find is a function of its
 * context, core §18) and the quota check, which only reads. The one change it may make is the one
 * the engine's own search makes: splitting the slot that contains `minStart`.
 */
import type { IntervalSet, Job, Moldable, Reason } from '@oar-sched/plugin-api';
import type { Slot } from '../slots/slot.js';
import type { SlotSet } from '../slots/slot-set.js';
import { scanWindows } from '../slots/window-scan.js';
import { createFindContext } from './find-context.js';
import type { RoundState } from './round-state.js';
import { availabilityFor } from './shares.js';

/** What a caller asks for: the job to probe, and where the answer goes. */
export interface ProbeRequest {
  readonly jobId: number;
  /** Windows examined per moldable at most. */
  readonly maxWindows: number;
  /** Called once, when the job's windows have been walked (not at all when it never reached a search). */
  report(probe: SearchProbe): void;
}

export interface SearchProbe {
  readonly jobId: number;
  /** `default`, or the container slot set an inner job is placed in. */
  readonly slotSetName: string;
  /** Earliest start the dependencies allow; `undefined`: unconstrained. */
  readonly minStart: number | undefined;
  /** The find called on each window (`default`, or the job's `find=`). */
  readonly findName: string;
  /** Quotas were checked: enabled and the job is not `no_quotas` (a new reservation: enabled). */
  readonly quotasApply: boolean;
  readonly moldables: readonly ProbedMoldable[];
}

export interface ProbedMoldable {
  readonly index: number;
  /** Effective walltime (with the security time). */
  readonly walltime: number;
  /** Candidate windows in time order, up to the first one the find and the quotas accept. */
  readonly windows: readonly ProbedWindow[];
  /**
   * How the walk ended: `accepted` (the last window passed), `exhausted` (no later window fits
   * the walltime before the horizon), `latest-end` (later windows end after `latestEnd`, the
   * quotas' window time limit), `capped` (`maxWindows` reached), `after-horizon` (`minStart` is
   * past the slot set's end).
   */
  readonly end: 'accepted' | 'exhausted' | 'latest-end' | 'capped' | 'after-horizon';
  readonly latestEnd: number | undefined;
}

export interface ProbedWindow {
  readonly start: number;
  /** Inclusive: `start + walltime - 1`. */
  readonly end: number;
  /** What the find got: positions free for this job during the whole window, its shares included. */
  readonly available: IntervalSet;
  /** Positions free during the whole window for a job without shares (`slot.free`). */
  readonly free: IntervalSet;
  /** The find's resources; `null`: it found none. */
  readonly resources: IntervalSet | null;
  /** The find threw (message); `resources` is then `null`. */
  readonly findError?: string | undefined;
  /**
   * The quota check's refusal, `undefined` when it passes or quotas do not apply: checked with the
   * default resources the find returned, or, when it returned none, with the fewest it could
   * return (the engine's first check, before it calls the find).
   */
  readonly quota: Reason | undefined;
}

/** Walks the windows of every moldable of a waiting job, as its search did (core §7.2). */
export function probeSearch(state: RoundState, request: ProbeRequest, job: Job, slotSet: SlotSet, minStart: number | undefined, quotasApply: boolean): void {
  const findName = job.find?.name ?? 'default';
  const moldables = job.moldables.map((moldable) => probeMoldable(state, request, job, slotSet, moldable, minStart, findName, quotasApply));
  request.report(Object.freeze({ jobId: job.id, slotSetName: slotSet.name, minStart, findName, quotasApply, moldables }));
}

function probeMoldable(
  state: RoundState,
  request: ProbeRequest,
  job: Job,
  slotSet: SlotSet,
  moldable: Moldable,
  minStart: number | undefined,
  findName: string,
  quotasApply: boolean,
): ProbedMoldable {
  const W = moldable.effectiveWalltime;
  const quotas = quotasApply ? state.quotas : undefined;
  const latestEnd = quotas?.latestEnd;
  const windows: ProbedWindow[] = [];
  const hook = state.registry.hooks.find.get(findName);
  if (!hook) return { index: moldable.index, walltime: W, windows, end: 'exhausted', latestEnd };
  let from = slotSet.first;
  if (minStart !== undefined && minStart > slotSet.begin) {
    if (minStart > slotSet.end) return { index: moldable.index, walltime: W, windows, end: 'after-horizon', latestEnd };
    from = slotSet.slotAt(minStart);
    if (from.begin < minStart) slotSet.splitBefore(from, minStart);
  }
  const context = createFindContext(state, job, moldable, findName, hook);
  const defaultSet = state.platform.defaultSet;
  const onlyDefault = moldable.parts.every((p) => p.constraint.isSubsetOf(defaultSet));
  const hint = state.registry.findSizeHint(findName);
  const minDefault = onlyDefault && hint ? hint(moldable.parts, state.platform.hierarchy) : 0;
  let accepted = false;
  const end = scanWindows({
    from,
    walltime: W,
    availability: availabilityFor(job),
    minSize: 0,
    latestEnd,
    visit(left, right, available) {
      context.available = available;
      context.beginning = left === slotSet.first;
      let resources: IntervalSet | null = null;
      let findError: string | undefined;
      try {
        const found = hook.call(context);
        resources = found && !found.isEmpty ? found : null;
      } catch (e) {
        findError = e instanceof Error ? e.message : String(e);
      }
      const n = resources ? resources.intersectionSize(defaultSet) : minDefault;
      const quota = quotas?.check(left, right, job, n, W);
      windows.push({ start: left.begin, end: left.begin + W - 1, available, free: plainFree(left, right, available, job), resources, findError, quota });
      accepted = resources !== null && quota === undefined;
      return accepted || windows.length >= request.maxWindows;
    },
  });
  return { index: moldable.index, walltime: W, windows, end: end === 'accepted' ? (accepted ? 'accepted' : 'capped') : end, latestEnd };
}

/** A new reservation's one window (core §9): its exact start, the default find, quotas when enabled. */
export function probeReservation(
  state: RoundState,
  request: ProbeRequest,
  job: Job,
  start: number,
  window: { readonly left: Slot; readonly right: Slot; readonly available: IntervalSet },
): void {
  const moldable = job.moldables[0]!;
  const W = moldable.effectiveWalltime;
  const hook = state.registry.hooks.find.get('default');
  let resources: IntervalSet | null = null;
  let findError: string | undefined;
  if (hook) {
    const context = createFindContext(state, job, moldable, 'default', hook);
    context.available = window.available;
    context.beginning = window.left === state.slotSets.get('default')!.first;
    try {
      const found = hook.call(context);
      resources = found && !found.isEmpty ? found : null;
    } catch (e) {
      findError = e instanceof Error ? e.message : String(e);
    }
  }
  const quota = resources && state.quotas ? state.quotas.check(window.left, window.right, job, resources.intersectionSize(state.platform.defaultSet), W) : undefined;
  const probed: ProbedWindow = {
    start,
    end: start + W - 1,
    available: window.available,
    free: plainFree(window.left, window.right, window.available, job),
    resources,
    findError,
    quota,
  };
  const moldableProbe: ProbedMoldable = { index: 0, walltime: W, windows: [probed], end: resources !== null && quota === undefined ? 'accepted' : 'exhausted', latestEnd: undefined };
  request.report(
    Object.freeze({
      jobId: job.id,
      slotSetName: 'default',
      minStart: undefined,
      findName: 'default',
      quotasApply: state.quotas !== undefined,
      moldables: [moldableProbe],
    }),
  );
}

/** `∩ slot.free` over `left..right`; the job's own free set when it has no shares. */
function plainFree(left: Slot, right: Slot, available: IntervalSet, job: Job): IntervalSet {
  if (availabilityFor(job) === undefined) return available;
  let free = left.free;
  for (let s = left; s !== right && s.next; ) {
    s = s.next;
    free = free.intersect(s.free);
  }
  return free;
}
