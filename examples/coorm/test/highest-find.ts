/**
 * Test-only override of the built-in `default` find: the highest free allowed positions, as many
 * as the first level's count. Loaded by the harness as a local plugin module (as a site's
 * `plugins.list` would), to show that coorm's fallback goes through the hooks.
 */
import { definePlugin, IntervalSet } from '@oar-sched/core/plugin';

export default definePlugin({
  name: 'test-highest-default',
  setup(api) {
    api.find('default', (ctx) => {
      const n = ctx.parts[0]?.levels[0]?.count;
      const free = [...ctx.available.intersect(ctx.parts[0]!.constraint).values()];
      return typeof n === 'number' && free.length >= n ? IntervalSet.fromValues(free.slice(free.length - n)) : null;
    });
  },
});
