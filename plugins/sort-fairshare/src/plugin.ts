import { definePlugin } from '@oar-sched/core/plugin';
import { orderByKarma } from './karma.js';

/**
 * The built-in `jobsSorting` policy `FAIRSHARE` (core §17.2): increasing karma, stable. Karma is
 * computed from the accounting records of the group's queues over `sorting.fairshare.windowSize`,
 * with the targets and coefficients of `sorting.fairshare`.
 */
export default definePlugin({
  name: '@oar-sched/plugin-sort-fairshare',
  setup(api) {
    api.jobsSorting('FAIRSHARE', (ctx) => orderByKarma(ctx.jobs, ctx.accounting, ctx.queues, ctx.now, ctx.settings.fairshare));
  },
});
