import { definePlugin } from '@oar-sched/core/plugin';
import { logCall, markFirstDeployable } from './hooks.js';

/** Extra-metasched hooks `default`, `logger` and `foo` (see hooks.ts). */
export default definePlugin({
  name: '@oar-sched/example-extra-metasched',
  setup(api) {
    api.extraMetasched('default', (ctx) => logCall(ctx, api.log));
    api.extraMetasched('logger', (ctx) => logCall(ctx, api.log));
    api.extraMetasched('foo', markFirstDeployable);
  },
});
