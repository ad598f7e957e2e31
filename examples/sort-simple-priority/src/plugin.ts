import { definePlugin } from '@oar-sched/core/plugin';
import { sortSimplePriority } from './simple-priority.js';

/**
 * Job sorting `simple_priority`, selected by the config:
 * `sorting: { policy: 'CUSTOM', custom: { name: 'simple_priority', config: '{"WAITING_TIME_WEIGHT": 0.5}' } }`
 * (OAR `JOB_PRIORITY=CUSTOM`, `CUSTOM_JOB_SORTING=simple_priority`, `CUSTOM_JOB_SORTING_CONFIG`).
 */
export default definePlugin({
  name: '@oar-sched/example-sort-simple-priority',
  setup(api) {
    api.jobsSorting('simple_priority', (ctx) => sortSimplePriority(ctx, api.log));
  },
});
