// Hook cost (issue #4, "calling the hooks costs little"): one workload scheduled with the find
// going through the hook registry, and with the default find called directly.
//
// Why the comparison is honest: both variants use the same `createSchedulerSetup()` registry
// (same plugins, same assign, same `necessarySize` hint, so the same windows are skipped and the
// same windows reach the find), the same snapshot and the same search loop. The only difference
// is the dispatch of `find` "default":
//   registry: hooks.find.get('default').call(ctx) — tapable's compiled SyncBailHook walking the
//             taps (the built-in's tap, an arrow calling findDefault) with its bail check;
//   direct:   the same hook object's `call` replaced by `ctx => findDefault(ctx.available,
//             ctx.parts, ctx.hierarchy)`, i.e. what the core would do with no plugin layer.
// Runs alternate (ABBA) after one untimed warm-up each, so JIT warm-up and machine drift hit both
// alike; the schedules must be identical. A third, informative variant adds a third-party tap in
// front of the built-in that declines every window (returns undefined), the cost of a site
// plugin that wraps the default find.
//   node test/bench/hook-overhead.mjs [workload] [--runs N]
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { definePlugin, runRound } from '@oar-sched/core';
import { scenarioFromJson } from '@oar-sched/scenario';
import { createSchedulerSetup } from 'oar-sched';
import { findDefault, necessarySize } from '@oar-sched/plugin-find-default';
import { readWorkload } from './workloads.mjs';

const quiet = { info: () => {}, warn: () => {} };

/**
 * @param {{ workload?: string, runs?: number }} [options]
 * @returns {Promise<{ workload: string, runs: number, findCalls: number, registryMs: number,
 *   directMs: number, chainedMs: number, overhead: number, nsPerCall: number, withinTenPercent: boolean }>}
 *   medians in milliseconds; `overhead` = registryMs / directMs - 1.
 */
export async function measureHookOverhead({ workload = 'nodeonly-r10000-j1000', runs = 15 } = {}) {
  const scenario = scenarioFromJson(readWorkload(workload), workload);

  const registry = await createSchedulerSetup({ logger: quiet });

  const direct = await createSchedulerSetup({ logger: quiet });
  direct.registry.hooks.find.get('default').call = (ctx) => findDefault(ctx.available, ctx.parts, ctx.hierarchy);

  const chained = await createSchedulerSetup({ logger: quiet });
  chained.registry.use(
    definePlugin({ name: 'bench-pass-through', setup: (api) => api.find('default', () => undefined, { necessarySize }) }),
    { source: 'config' },
  );

  const variants = { registry, direct, chained };
  const round = (name) => runRound(scenario.snapshot, variants[name].registry, variants[name].roundOptions);

  // Same schedule whichever way the find is called; also the warm-up.
  const reference = signature(await round('registry'));
  for (const name of ['direct', 'chained']) {
    if (signature(await round(name)) !== reference) throw new Error(`hook-overhead: the ${name} variant changed the schedule`);
  }

  const findCalls = await countFindCalls(scenario, registry);

  const times = { registry: [], direct: [], chained: [] };
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? ['registry', 'direct', 'chained'] : ['chained', 'direct', 'registry'];
    for (const name of order) {
      const t0 = performance.now();
      await round(name);
      times[name].push(performance.now() - t0);
    }
  }
  const registryMs = median(times.registry);
  const directMs = median(times.direct);
  const overhead = registryMs / directMs - 1;
  return {
    workload,
    runs,
    findCalls,
    registryMs,
    directMs,
    chainedMs: median(times.chained),
    overhead,
    nsPerCall: findCalls > 0 ? ((registryMs - directMs) * 1e6) / findCalls : 0,
    withinTenPercent: overhead <= 0.1,
  };
}

/** Number of find calls one round makes (an untimed pass with a counting wrapper). */
async function countFindCalls(scenario, setup) {
  const hook = setup.registry.hooks.find.get('default');
  let calls = 0;
  const dispatch = hook._createCall('sync'); // tapable's compiled dispatcher, what `call` becomes on first use
  hook.call = (ctx) => {
    calls++;
    return dispatch.call(hook, ctx);
  };
  try {
    await runRound(scenario.snapshot, setup.registry, setup.roundOptions);
  } finally {
    hook._resetCompilation(); // tapable's own reset: `call` recompiles on next use
  }
  return calls;
}

function signature(round) {
  const out = [];
  for (const [id, d] of [...round.decisions].sort((a, b) => a[0] - b[0])) {
    out.push(d.scheduled ? `${id}@${d.placement.start}:${d.placement.resourceIds}` : `${id}:-`);
  }
  return out.join(' ');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const workload = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  const result = await measureHookOverhead({ ...(workload ? { workload } : {}), ...(runsAt >= 0 ? { runs: Number(args[runsAt + 1]) } : {}) });
  console.table([
    {
      workload: result.workload,
      'find calls': result.findCalls,
      'direct ms': result.directMs.toFixed(1),
      'registry ms': result.registryMs.toFixed(1),
      'registry + pass-through tap ms': result.chainedMs.toFixed(1),
      overhead: `${(result.overhead * 100).toFixed(1)}%`,
      'ns/call': result.nsPerCall.toFixed(0),
      '≤ 10%': result.withinTenPercent ? 'yes' : 'NO',
    },
  ]);
  process.exitCode = result.withinTenPercent ? 0 : 1;
}
