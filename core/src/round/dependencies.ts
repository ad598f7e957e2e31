/**
 * Dependencies (core §14): either the job cannot run this round (a reason), or the earliest start
 * they allow (`minStart`, undefined when unconstrained). Waiting jobs that depend on each other
 * in a ring can never be planned; each gets a reason naming the ring rather than "waiting for
 * job N", since waiting would not help.
 */
import { reason, type Job, type Reason } from '@oar-sched/plugin-api';
import { roleOf } from '../jobs/build-jobs.js';
import type { JobRecord } from '../model/snapshot.js';
import type { ScheduledJob } from './round-state.js';

export type DependencyVerdict = { readonly ok: true; readonly minStart: number | undefined } | { readonly ok: false; readonly reason: Reason };

export function evaluateDependencies(
  job: Job,
  records: ReadonlyMap<number, JobRecord>,
  /** Jobs of the current group already placed this round. */
  placedInGroup: ReadonlyMap<number, ScheduledJob>,
): DependencyVerdict {
  const cycle = dependencyCycleOf(job.id, records);
  if (cycle) {
    const text = cycle.length === 2 ? `job ${job.id} depends on itself` : `jobs ${cycle.join(' → ')} depend on each other`;
    return { ok: false, reason: reason('DEPENDENCY', text) };
  }
  let minStart: number | undefined;
  for (const depId of job.record.dependencies) {
    const dep = records.get(depId);
    if (!dep || dep.state === 'Error') continue;
    if (dep.state === 'Waiting') {
      const placed = placedInGroup.get(depId);
      if (!placed) {
        return { ok: false, reason: reason('DEPENDENCY', `waiting for job ${depId}, which is not planned yet`) };
      }
      const end = placed.start + placed.walltime;
      minStart = minStart === undefined ? end : Math.max(minStart, end);
      continue;
    }
    if (dep.state === 'Terminated' && (dep.exitCode === 0 || dep.exitCode === null)) continue;
    const detail = dep.state === 'Terminated' ? `terminated with exit code ${dep.exitCode}` : `in state ${dep.state}`;
    return { ok: false, reason: reason('DEPENDENCY', `depends on job ${depId}, ${detail}`) };
  }
  return { ok: true, minStart };
}

/**
 * Dependency rings among waiting jobs, per round (keyed by the round's records map): for each job
 * on a ring, the other members of its strongly connected group. Only waiting jobs evaluate their
 * dependencies, and only a dependency on a `Waiting` job can hold forever, so the graph has the
 * waiting jobs as nodes and their dependencies on other waiting jobs as edges.
 */
const ringsOfRound = new WeakMap<ReadonlyMap<number, JobRecord>, Map<number, ReadonlySet<number>>>();

/** The shortest ring through `jobId`, `[jobId, …, jobId]`, or `undefined` when it is on none. */
function dependencyCycleOf(jobId: number, records: ReadonlyMap<number, JobRecord>): number[] | undefined {
  let rings = ringsOfRound.get(records);
  if (!rings) {
    rings = findRings(records);
    ringsOfRound.set(records, rings);
  }
  const group = rings.get(jobId);
  if (!group) return undefined;
  // Breadth-first inside the group, from the job back to itself.
  const parent = new Map<number, number>([[jobId, jobId]]);
  const queue = [jobId];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const to of records.get(node)!.dependencies) {
      if (to === jobId) {
        const back: number[] = [];
        for (let n = node; n !== jobId; n = parent.get(n)!) back.push(n);
        return [jobId, ...back.reverse(), jobId];
      }
      if (group.has(to) && !parent.has(to)) {
        parent.set(to, node);
        queue.push(to);
      }
    }
  }
  return undefined;
}

/** Tarjan's strongly connected components with an explicit stack (chains may be long). */
function findRings(records: ReadonlyMap<number, JobRecord>): Map<number, ReadonlySet<number>> {
  const edges = new Map<number, number[]>();
  for (const r of records.values()) if (roleOf(r) === 'waiting') edges.set(r.id, []);
  for (const [id, out] of edges) for (const dep of records.get(id)!.dependencies) if (edges.has(dep)) out.push(dep);
  const rings = new Map<number, ReadonlySet<number>>();
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  const visit = (node: number) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
  };
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    visit(root);
    const work = [{ node: root, next: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const out = edges.get(frame.node)!;
      if (frame.next < out.length) {
        const to = out[frame.next++]!;
        if (!index.has(to)) {
          visit(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const up = work[work.length - 1];
      if (up) low.set(up.node, Math.min(low.get(up.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const group = new Set<number>();
      let member: number;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.add(member);
      } while (member !== frame.node);
      if (group.size > 1 || out.includes(frame.node)) for (const m of group) rings.set(m, group);
    }
  }
  return rings;
}
