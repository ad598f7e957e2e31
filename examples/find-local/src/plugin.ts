import { definePlugin } from '@oar-sched/core/plugin';
import { findLocal, findResourceNhLocal } from './local.js';

/**
 * Finds `local`, `resource_hierarchies_scattered_local` (same find) and `resource_n_h_local`,
 * selected per job with the job type `find=local` (etc.). No window prefilter hint: with a
 * single level `local` uses the built-in rule, whose bound belongs to the built-in find.
 */
export default definePlugin({
  name: '@oar-sched/example-find-local',
  setup(api) {
    api.find('local', findLocal);
    api.find('resource_hierarchies_scattered_local', findLocal);
    api.find('resource_n_h_local', findResourceNhLocal);
  },
});
