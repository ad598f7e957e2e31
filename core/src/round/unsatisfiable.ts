/**
 * When no window ever produced resources, say why in terms of the request when it is a
 * property of the request itself (empty filter, unknown level) rather than of the schedule.
 */
import { reason, type Job, type Moldable, type Reason } from '@oar-sched/plugin-api';
import { createFindContext } from './find-context.js';
import type { RoundState } from './round-state.js';

export function describeUnsatisfiable(state: RoundState, job: Job, moldable: Moldable, findName: string): Reason | undefined {
  const { platform } = state;
  for (const [index, part] of moldable.parts.entries()) {
    for (const level of part.levels) {
      if (!platform.hierarchy.level(level.level)) {
        return reason(
          'UNKNOWN_LEVEL',
          `the request uses level "${level.level}", which is not in hierarchyLabels (${platform.hierarchy.labels.join(', ')})`,
          { details: { level: level.level } },
        );
      }
    }
    if (part.constraint.intersect(platform.usable).isEmpty) {
      return reason('CONSTRAINT_EMPTY', 'the property filter matched no usable resource', { details: { part: index } });
    }
  }
  // With the default find we know the request's meaning: ask it about a completely free platform.
  const find = findName === 'default' ? state.registry.hooks.find.get('default') : undefined;
  if (find) {
    const context = createFindContext(state, job, moldable, 'default', find);
    context.available = platform.usable;
    context.beginning = true;
    const onEmptyCluster = find.call(context);
    if (!onEmptyCluster || onEmptyCluster.isEmpty) {
      return reason('REQUEST_UNSATISFIABLE', 'the request cannot be met even with every resource free (not enough matching resources)');
    }
  }
  return undefined;
}
