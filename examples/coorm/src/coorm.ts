/**
 * The OAR3 example `coorm` assign and find. OAR3 sent the slot set and the job to a remote COORM
 * application over zerorpc (`assign=coorm:PROTOCOL:IP:PORT[:timeout=S]`) and fell back to the
 * default assign / find when the RPC library was not installed. This port is that fallback only:
 * the remote protocol (pickled Python slot sets) has no TypeScript counterpart and is out of
 * scope. The arguments are accepted and ignored, so jobs written for OAR3 keep working.
 */
import type { AssignContext, AssignResult, FindContext, IntervalSet, SchedulerHooks } from '@oar-sched/core/plugin';

/** The find `coorm`: the `default` find on this window (through the hooks: overrides are honoured). */
export function findCoorm(ctx: FindContext): IntervalSet | null {
  return ctx.delegate('default');
}

/**
 * The assign `coorm`: whatever the assign registered as `default` decides (through the hooks, so
 * an override of `default` is honoured). An assign context has no `delegate`, hence the hooks
 * object from `setup`.
 */
export function assignCoorm(hooks: SchedulerHooks): (ctx: AssignContext) => AssignResult {
  return (ctx) => hooks.assign.get('default')?.call(ctx);
}
