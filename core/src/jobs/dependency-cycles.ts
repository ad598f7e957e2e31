/**
 * Dependency cycles among waiting jobs. Only waiting batch jobs evaluate their dependencies, and a
 * dependency on a job that is still `Waiting` holds until that job is planned (core §14), so
 * waiting jobs that depend on each other in a ring can never be scheduled. The round gives each
 * of them a reason naming its ring; adapters warn about rings when they read their input.
 * Iterative throughout: a chain of 100,000 dependencies must not overflow the stack.
 */
import type { JobRecord } from '../model/snapshot.js';
import { roleOf } from './build-jobs.js';

/**
 * One cycle per strongly connected group of jobs (self-dependencies included), each written
 * `[a, b, …, a]`: the shortest cycle through the group's smallest job id, which starts and ends it.
 * `graph` maps a job id to the ids it depends on; ids that are not keys are ignored.
 */
export function findDependencyCycles(graph: ReadonlyMap<number, readonly number[]>): number[][] {
  if (!hasEdge(graph)) return []; // most rounds: no waiting job depends on another, no search
  const cycles: number[][] = [];
  for (const group of stronglyConnected(graph)) {
    const start = group.reduce((a, b) => Math.min(a, b));
    if (group.length === 1 && !graph.get(start)!.includes(start)) continue;
    cycles.push(shortestCycle(graph, start, new Set(group))!);
  }
  return cycles.sort((a, b) => a[0]! - b[0]!);
}

/**
 * The graph rings are looked for in: waiting jobs, and their dependencies on other waiting jobs
 * (only those can hold forever).
 */
export function waitingDependencyGraph(records: Iterable<Pick<JobRecord, 'id' | 'state' | 'reservation' | 'dependencies'>>): Map<number, number[]> {
  const waiting = [...records].filter((r) => roleOf(r) === 'waiting');
  const ids = new Set(waiting.map((r) => r.id));
  return new Map(waiting.map((r) => [r.id, r.dependencies.filter((d) => ids.has(d))]));
}

function hasEdge(graph: ReadonlyMap<number, readonly number[]>): boolean {
  for (const edges of graph.values()) if (edges.length > 0) return true;
  return false;
}

/** `jobs 3 → 5 → 3 depend on each other`, or `job 3 depends on itself`. */
export function describeCycle(cycle: readonly number[]): string {
  return cycle.length === 2 ? `job ${cycle[0]} depends on itself` : `jobs ${cycle.join(' → ')} depend on each other`;
}

/** Tarjan's algorithm with an explicit stack. */
function stronglyConnected(graph: ReadonlyMap<number, readonly number[]>): number[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const groups: number[][] = [];
  let next = 0;
  const visit = (node: number) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
  };
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    visit(root);
    const work: { node: number; edge: number }[] = [{ node: root, edge: 0 }];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node)!;
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!graph.has(to)) continue;
        if (!index.has(to)) {
          visit(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const group: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          group.push(member);
        } while (member !== frame.node);
        groups.push(group);
      }
    }
  }
  return groups;
}

/**
 * Each job on a ring → the jobs of its ring (its strongly connected group). The shortest ring
 * through one job is then `shortestCycle(graph, job, group)`, computed only for the jobs asked
 * about (a ring of 50,000 jobs must not cost 50,000 searches up front).
 */
export function ringMembers(graph: ReadonlyMap<number, readonly number[]>): Map<number, ReadonlySet<number>> {
  const rings = new Map<number, ReadonlySet<number>>();
  for (const group of stronglyConnected(graph)) {
    if (group.length === 1 && !graph.get(group[0]!)!.includes(group[0]!)) continue;
    const members = new Set(group);
    for (const member of group) rings.set(member, members);
  }
  return rings;
}

/** Breadth-first from `start` inside `within`: the shortest way back to `start`. */
export function shortestCycle(graph: ReadonlyMap<number, readonly number[]>, start: number, within: ReadonlySet<number>): number[] | undefined {
  const parent = new Map<number, number>([[start, start]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const to of graph.get(node) ?? []) {
      if (to === start) {
        const back: number[] = [];
        for (let n = node; n !== start; n = parent.get(n)!) back.push(n);
        return [start, ...back.reverse(), start];
      }
      if (within.has(to) && !parent.has(to)) {
        parent.set(to, node);
        queue.push(to);
      }
    }
  }
  return undefined;
}
