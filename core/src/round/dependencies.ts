/**
 * Dependencies (core §14): either the job cannot run this round (a reason), or the earliest start
 * they allow (`minStart`, undefined when unconstrained). Waiting jobs that depend on each other
 * in a ring can never be planned; each gets a reason naming the ring rather than "waiting for
 * job N", since waiting would not help.
 */
import { reason, type Job, type Reason } from '@oar-sched/plugin-api';
import type { JobRecord } from '../model/snapshot.js';
import type { ScheduledJob } from './round-state.js';
import { describeCycle, ringMembers, shortestCycle, waitingDependencyGraph } from '../jobs/dependency-cycles.js';

export type DependencyVerdict = { readonly ok: true; readonly minStart: number | undefined } | { readonly ok: false; readonly reason: Reason };

export function evaluateDependencies(
  job: Job,
  records: ReadonlyMap<number, JobRecord>,
  /** Jobs of the current group already placed this round. */
  placedInGroup: ReadonlyMap<number, ScheduledJob>,
): DependencyVerdict {
  const cycle = dependencyCycleOf(job.id, records);
  if (cycle) {
    return { ok: false, reason: reason('DEPENDENCY', describeCycle(cycle)) };
  }
  let minStart: number | undefined;
  for (const depId of job.record.dependencies) {
    const dep = records.get(depId);
    if (!dep || dep.state === 'Error') continue;
    if (dep.state === 'Waiting') {
      const placed = placedInGroup.get(depId);
      if (!placed) {
        return { ok: false, reason: reason('DEPENDENCY', `waiting for job ${depId}, which is not planned yet`, { details: { dependency: depId } }) };
      }
      const end = placed.start + placed.walltime;
      minStart = minStart === undefined ? end : Math.max(minStart, end);
      continue;
    }
    if (dep.state === 'Terminated' && (dep.exitCode === 0 || dep.exitCode === null)) continue;
    const failed = dep.state === 'Terminated';
    const detail = failed ? `terminated with exit code ${dep.exitCode}` : `in state ${dep.state}`;
    // A dependency that terminated with an error code never changes: the job can never run.
    return {
      ok: false,
      reason: reason('DEPENDENCY', `depends on job ${depId}, ${detail}`, {
        kind: failed ? 'unresolvable' : 'unschedulable',
        details: { dependency: depId },
      }),
    };
  }
  return { ok: true, minStart };
}

/** Dependency rings among waiting jobs, computed once per round (keyed by the round's records map). */
const ringsOfRound = new WeakMap<ReadonlyMap<number, JobRecord>, { graph: Map<number, number[]>; rings: Map<number, ReadonlySet<number>> }>();

/** The shortest ring through `jobId`, `[jobId, …, jobId]`, or `undefined` when it is on none. */
function dependencyCycleOf(jobId: number, records: ReadonlyMap<number, JobRecord>): readonly number[] | undefined {
  let round = ringsOfRound.get(records);
  if (!round) {
    const graph = waitingDependencyGraph(records.values());
    round = { graph, rings: ringMembers(graph) };
    ringsOfRound.set(records, round);
  }
  const ring = round.rings.get(jobId);
  return ring ? shortestCycle(round.graph, jobId, ring) : undefined;
}
