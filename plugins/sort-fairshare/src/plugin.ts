import { definePlugin } from '@oar-sched/plugin-api';
import { orderByKarma, type FairshareParams } from './karma.js';
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
    api.jobsSorting('FAIRSHARE', (ctx) => orderByKarma(ctx.jobs, ctx.accounting, ctx.queues, ctx.now, ctx.settings.fairshare as FairshareParams));
  },
});
