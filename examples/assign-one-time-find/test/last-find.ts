/**
 * Test-only find `last`: the `n` highest free positions, ignoring the request's constraints.
 * Disagrees with `default` on resources while agreeing on time, to observe tie-breaking. Loaded
 * by the harness as a local plugin module (`plugins: [..., path]`), as a site's `plugins.list` would.
 */
import { definePlugin, IntervalSet } from '@oar-sched/core/plugin';

export default definePlugin({
  name: 'test-find-last',
  setup(api) {
    api.find('last', (ctx) => {
      const n = ctx.parts[0]?.levels[0]?.count;
      const free = [...ctx.available.values()];
      return typeof n === 'number' && free.length >= n ? IntervalSet.fromValues(free.slice(free.length - n)) : null;
    });
  },
});
