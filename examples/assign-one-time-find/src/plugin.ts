import { definePlugin } from '@oar-sched/core/plugin';
import { assignOneTimeFind, assignOneTimeFindMld } from './one-time-find.js';

/**
 * Assigns `one_time_find` and `one_time_find_mld`, selected per job with the job type
 * `assign=one_time_find` (usually with `find=NAME` for the find to try once; without one, both
 * searches use `default`).
 */
export default definePlugin({
  name: '@oar-sched/example-assign-one-time-find',
  setup(api) {
    api.assign('one_time_find', assignOneTimeFind);
    api.assign('one_time_find_mld', assignOneTimeFindMld);
  },
});
