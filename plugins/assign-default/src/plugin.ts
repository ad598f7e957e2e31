import { definePlugin } from '@oar-sched/plugin-api';
import { assignDefault } from './assign-default.js';

/** The built-in `assign` named `default`. */
export default definePlugin({
  name: '@oar-sched/plugin-assign-default',
  setup(api) {
    api.assign('default', assignDefault);
  },
});
