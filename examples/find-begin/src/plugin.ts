import { definePlugin } from '@oar-sched/core/plugin';
import { findBegin } from './begin.js';

/**
 * Find `begin`, selected per job with the job type `find=begin`. No window prefilter hint: after
 * the first window it answers whatever is free.
 */
export default definePlugin({
  name: '@oar-sched/example-find-begin',
  setup(api) {
    api.find('begin', findBegin);
  },
});
