import { definePlugin } from '@oar-sched/core/plugin';
import { contiguousNecessarySize, findContiguous, findContiguousSorted } from './contiguous.js';

/**
 * Finds `contiguous_1h` and `contiguous_sorted_1h`, selected per job with the job type
 * `find=contiguous_1h` or `find=contiguous_sorted_1h`. Extra arguments are ignored.
 */
export default definePlugin({
  name: '@oar-sched/example-find-contiguous',
  setup(api) {
    api.find('contiguous_1h', findContiguous, { necessarySize: contiguousNecessarySize });
    api.find('contiguous_sorted_1h', findContiguousSorted, { necessarySize: contiguousNecessarySize });
  },
});
