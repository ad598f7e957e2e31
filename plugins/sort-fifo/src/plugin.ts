import { definePlugin } from '@oar-sched/plugin-api';

/**
 * The built-in `jobsSorting` policy `FIFO` (core §17.1): increasing job id. The core hands every
 * sorting hook the jobs in that order already, so FIFO keeps it.
 */
export default definePlugin({
  name: '@oar-sched/plugin-sort-fifo',
  setup(api) {
    api.jobsSorting('FIFO', (ctx) => ctx.jobs);
  },
});
