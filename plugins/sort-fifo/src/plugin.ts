import { definePlugin } from '@oar-sched/plugin-api';

/**
 * The built-in `jobsSorting` policy `FIFO` (core §17.1): increasing job id. The core hands every
 * sorting hook the jobs in that order already, so FIFO keeps it.
 */
export default definePlugin({
  name: '@oar-sched/plugin-sort-fifo',
  setup(api) {
    api.jobsSorting('FIFO', (ctx) => {
      // Only when the order is being explained: the key is the id; the submission time is shown beside it.
      if (ctx.reportFactors) for (const job of ctx.jobs) ctx.reportFactors(job, { id: job.id, submissionTime: job.record.submissionTime });
      return ctx.jobs;
    });
  },
});
