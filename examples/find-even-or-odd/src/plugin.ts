import { definePlugin } from '@oar-sched/core/plugin';
import { findEvenOrOdd } from './even-or-odd.js';

/**
 * Find `find_even_or_odd`, selected per job with the job type `find=find_even_or_odd:odd` (or
 * `:even`). No window prefilter hint: the work is the `default` find's, whose bound it declares.
 */
export default definePlugin({
  name: '@oar-sched/example-find-even-or-odd',
  setup(api) {
    api.find('find_even_or_odd', findEvenOrOdd);
  },
});
