import type { QueueRecord } from '../model/snapshot.js';

/** Queues grouped by equal priority, highest first; scenario order inside a group (core §8.3). */
export function queueGroups(queues: readonly QueueRecord[]): QueueRecord[][] {
  const byPriority = new Map<number, QueueRecord[]>();
  for (const q of queues) {
    let group = byPriority.get(q.priority);
    if (!group) byPriority.set(q.priority, (group = []));
    group.push(q);
  }
  return [...byPriority.entries()].sort((a, b) => b[0] - a[0]).map(([, group]) => group);
}
