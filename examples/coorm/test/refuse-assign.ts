/**
 * Test-only override of the built-in `default` assign: refuses every job with its own reason.
 * Loaded by the harness as a local plugin module, to show that coorm's fallback goes through the hooks.
 */
import { definePlugin } from '@oar-sched/core/plugin';

export default definePlugin({
  name: 'test-refuse-default',
  setup(api) {
    api.assign('default', () => ({ placed: false, reason: { code: 'PLUGIN_DECLINED', message: 'refused by the override' } }));
  },
});
