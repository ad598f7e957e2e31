/**
 * When no window ever produced resources, say why in terms of the request when it is a
 * property of the request itself (empty filter, unknown level) rather than of the schedule.
 */
import type { Moldable } from '../jobs/job.js';
import { reason, type Reason } from '../plugin-api/reason.js';
import type { RoundState } from './round-state.js';

export function describeUnsatisfiable(state: RoundState, moldable: Moldable): Reason | undefined {
  const { platform } = state;
  for (const part of moldable.parts) {
    for (const level of part.levels) {
      if (!platform.hierarchy.level(level.level)) {
        return reason(
          'UNKNOWN_LEVEL',
          `the request uses level "${level.level}", which is not in hierarchyLabels (${platform.hierarchy.labels.join(', ')})`,
        );
      }
    }
    if (part.constraint.intersect(platform.usable).isEmpty) {
      return reason('CONSTRAINT_EMPTY', 'the property filter matched no usable resource');
    }
  }
  return undefined;
}
