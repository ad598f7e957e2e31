import { definePlugin } from '@oar-sched/plugin-api';
import { accountingSums, karma, orderByKarma, type FairshareParams } from './karma.js';
import { fairshareSchema } from './settings.js';

/**
 * The built-in `jobsSorting` policy `FAIRSHARE` (core §17.2): increasing karma, stable. Karma is
 * computed from the accounting records of the group's queues over `sorting.fairshare.windowSize`,
 * with the targets and coefficients of `sorting.fairshare`.
 */
export default definePlugin({
  name: '@oar-sched/plugin-sort-fairshare',
  setup(api) {
    api.sortingSettings('fairshare', fairshareSchema);
    api.jobsSorting('FAIRSHARE', (ctx) => {
      const params = ctx.settings.fairshare as FairshareParams;
      if (ctx.reportFactors) {
        // Only when the order is being explained: each job's karma, the sort key (lower first).
        const sums = accountingSums(ctx.accounting, ctx.queues, ctx.now, params.windowSize);
        for (const job of ctx.jobs) ctx.reportFactors(job, { karma: karma(job, sums, params) });
      }
      return orderByKarma(ctx.jobs, ctx.accounting, ctx.queues, ctx.now, params);
    });
  },
});
