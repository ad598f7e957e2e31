import { definePlugin } from '@oar-sched/core/plugin';
import { assignCoorm, findCoorm } from './coorm.js';

/**
 * Assign `coorm` and find `coorm`, selected per job with the job types `assign=coorm:…` and
 * `find=coorm:…`: both fall back to `default` (see coorm.ts).
 */
export default definePlugin({
  name: '@oar-sched/example-coorm',
  setup(api) {
    api.assign('coorm', assignCoorm(api.hooks));
    api.find('coorm', findCoorm);
  },
});
