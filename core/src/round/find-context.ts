/**
 * The one place a `FindContext` is made: for a job's window search (search-moldable.ts), a new
 * reservation's check at its start (reservations.ts) and the "could it ever fit" question
 * (unsatisfiable.ts). Built once per search; the caller sets `available` and `beginning` for each
 * window, so the find hot path allocates nothing.
 */
import { IntervalSet, type FindContext, type FindHook, type Job, type Moldable } from '@oar-sched/plugin-api';
import type { RoundState } from './round-state.js';

/** A find context whose window fields the core updates between calls. */
export interface WindowFindContext extends FindContext {
  available: IntervalSet;
  beginning: boolean;
}

/**
 * `hook` is the find registered under `findName` (the caller already looked it up). Arguments
 * come from the job's `find=NAME:…` type when it names this find. `delegate` calls another find
 * (or this one) on the same context with its own `available`, without arguments.
 */
export function createFindContext(state: RoundState, job: Job, moldable: Moldable, findName: string, hook: FindHook): WindowFindContext {
  const spec = job.find?.name === findName ? job.find : undefined;
  const context: WindowFindContext = {
    job,
    moldable,
    parts: moldable.parts,
    hierarchy: state.platform.hierarchy,
    platform: state.platformView,
    available: IntervalSet.EMPTY,
    beginning: false,
    args: spec?.args ?? [],
    kwargs: spec?.kwargs ?? {},
    delegate(name: string, available?: IntervalSet): IntervalSet | null {
      const other = name === findName ? hook : state.registry.hooks.find.get(name);
      if (!other) throw new Error(`find plugin "${name}" is not registered`);
      const result = other.call({ ...context, available: available ?? context.available, args: [], kwargs: {} });
      return result && !result.isEmpty ? result : null;
    },
  };
  return context;
}
