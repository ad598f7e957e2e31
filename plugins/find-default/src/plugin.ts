import { definePlugin } from '@oar-sched/plugin-api';
import { findDefault, necessarySize } from './find-default.js';

/** The built-in `find` named `default`: OAR's hierarchical selection. */
export default definePlugin({
  name: '@oar-sched/plugin-find-default',
  setup(api) {
    api.find('default', (ctx) => findDefault(ctx.available, ctx.parts, ctx.hierarchy), { necessarySize });
  },
});
