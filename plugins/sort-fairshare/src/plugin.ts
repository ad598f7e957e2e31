import { definePlugin } from '@oar-sched/plugin-api';
import { accountingSums, karma, orderByKeys, type FairshareParams } from './karma.js';
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
      const sums = accountingSums(ctx.accounting, ctx.queues, ctx.now, params.windowSize);
      const karmas = ctx.jobs.map((job) => karma(job, sums, params));
      ctx.jobs.forEach((job, i) => {
        // The round writes it into the job's message, as OAR does; explain shows it as the sort key (lower first).
        ctx.reportKarma?.(job, karmas[i]!);
        ctx.reportFactors?.(job, { karma: karmas[i]! });
      });
      return orderByKeys(ctx.jobs, karmas);
    });
  },
});
