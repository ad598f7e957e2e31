#!/usr/bin/env node
// `npm run bench`: schedules every workload of ../shared/perf with the core alone (scenario
// parsing and plugin loading are outside the timed region), prints jobs, slots, the median core
// time over several runs and the speed-up against OAR3's Python core, and checks the schedule
// against the reference stored in the workload. Exit 1 when a schedule differs. Then the hook
// overhead (hook-overhead.mjs) and the start-up cost of the whole `oar-sched schedule` process
// next to `node -e 0` (startup.mjs; the filters "hook-overhead" and "startup" select them), and
// the database round through the binary (db-round.mjs, filter "db-round"), the same round cold,
// warm in-process and served by `oar-sched serve` (warm-round.mjs, filter "warm-round"), and one round of the
// plugin test harness with ten jobs on eight nodes (harness-round.mjs, filter "harness"). The peak
// memory of one nodeonly-r10000-j5000 round in a fresh process (peak-memory.mjs) is printed with
// the workloads (filters "peak-memory" or a name of that workload). Core times are wall-clock
// medians; the CPU time (user + system, all threads: garbage collection included) of the same runs
// is beside them. Each workload runs once untimed before its timed runs.
//   node test/bench/run.mjs [name-filter] [--runs N]
import { performance } from 'node:perf_hooks';
import { resetScanCounters, runRound, scanCounters } from '@oar-sched/core';
import { checkExpectation, scenarioFromJson, toScenarioResult } from '@oar-sched/scenario';
import { createSchedulerSetup } from 'oar-sched';
import { measureHookOverhead } from './hook-overhead.mjs';
import { formatDbRounds, measureDbRounds } from './db-round.mjs';
import { formatPeakMemory, measurePeakMemory } from './peak-memory.mjs';
import { formatStartup, measureStartup } from './startup.mjs';
import { formatHarnessRound, measureHarnessRound } from './harness-round.mjs';
import { measureWarmRound } from './warm-round.mjs';
import { baseline, listWorkloads, readWorkload } from './workloads.mjs';

const args = process.argv.slice(2);
const runsIndex = args.indexOf('--runs');
const runs = runsIndex >= 0 ? Number(args[runsIndex + 1]) : 5;
const filter = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');

const reference = baseline();
const setup = await createSchedulerSetup();
const rows = [];
let failed = false;
for (const name of listWorkloads()) {
  if (filter && !name.includes(filter)) continue;
  const scenario = scenarioFromJson(readWorkload(name), name);
  const waiting = scenario.snapshot.jobs.filter((j) => j.state === 'Waiting').length;
  const times = [];
  const cpuTimes = [];
  let round;
  const n = name.includes('j5000') || name.includes('j1000') ? Math.min(runs, 3) : runs;
  // Untimed rounds first (at least one, and at least half a second's worth): otherwise the first
  // workloads of the run also pay for compiling the engine's hot paths, and a small workload's
  // median says more about its place in the list than about itself. These are warm-engine times;
  // the whole-process tables below show what a cold process pays.
  const warmUntil = performance.now() + 500;
  do await runRound(scenario.snapshot, setup.registry, setup.roundOptions);
  while (performance.now() < warmUntil);
  for (let i = 0; i < n; i++) {
    resetScanCounters();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    round = await runRound(scenario.snapshot, setup.registry, setup.roundOptions);
    times.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  const median = medianOf(times);
  const result = toScenarioResult(round, false);
  const mismatches = scenario.expect ? checkExpectation(result, scenario.expect) : [];
  if (mismatches.length > 0) failed = true;
  const py = reference[name]?.coreMedianSeconds;
  rows.push({
    workload: name,
    jobs: waiting,
    slots: round.slotSets.get('default').slotCount,
    'core ms (median)': median.toFixed(1),
    'core cpu ms (median)': medianOf(cpuTimes).toFixed(1),
    'windows/job': Math.round(scanCounters.windows / Math.max(1, waiting)),
    'intersections/window': (scanCounters.intersections / Math.max(1, scanCounters.evaluated)).toFixed(2),
    'µs/window': ((median * 1000) / Math.max(1, scanCounters.windows)).toFixed(2),
    runs: n,
    'OAR3 Python s': py === undefined ? '-' : py.toFixed(2),
    'speed-up': py === undefined || py < 0.01 ? '-' : `${Math.round((py * 1000) / median)}×`,
    schedule: scenario.expect ? (mismatches.length === 0 ? '= reference' : `${mismatches.length} DIFF`) : 'no reference',
  });
  if (mismatches.length > 0) console.error(`${name}: schedule differs from the reference:\n  ${mismatches.slice(0, 5).join('\n  ')}`);
}
if (rows.length > 0) console.table(rows);
if (!filter || 'peak-memory'.includes(filter) || 'nodeonly-r10000-j5000'.includes(filter)) {
  console.log(formatPeakMemory(measurePeakMemory({ workload: 'nodeonly-r10000-j5000' })));
}

// Quotas must not cost more than 1.5× the same workload without them.
const coreMedians = new Map(rows.map((r) => [r.workload, Number(r['core ms (median)'])]));
for (const [name, ms] of coreMedians) {
  const base = coreMedians.get(name.replace(/-quotas$/, ''));
  if (!name.endsWith('-quotas') || base === undefined) continue;
  const ratio = ms / base;
  console.log(`${name}: ${ratio.toFixed(2)}× the time without quotas (${ratio <= 1.5 ? 'within' : 'OVER'} the 1.5× budget)`);
}

// The find hot path through the tapable registry vs. calling the default find directly.
if (!filter || 'hook-overhead'.includes(filter)) {
  const hook = await measureHookOverhead({ runs: runs >= 5 ? 15 : 5 });
  console.log(
    `hook overhead on ${hook.workload}: ${hook.findCalls} find calls, registry ${hook.registryMs.toFixed(1)} ms vs direct ` +
      `${hook.directMs.toFixed(1)} ms (${(hook.overhead * 100).toFixed(1)}%, ${hook.withinTenPercent ? 'within' : 'OVER'} the 10% budget)`,
  );
}
// The whole process on a tiny workload: what OAR pays every cycle before any scheduling.
if (!filter || 'startup'.includes(filter)) {
  console.log(formatStartup(measureStartup({ runs: Math.max(11, runs) })));
}
// `oar-sched round` on an OAR database (SQLite and PostgreSQL) for the two big workloads: the
// whole process and its phases (db-round.mjs; the filter "db-round" selects it alone).
if (!filter || 'db-round'.includes(filter)) {
  formatDbRounds(await measureDbRounds({ runs: Math.max(3, Math.min(runs, 5)) }));
}
// The same database round cold (a process of its own), warm in-process and served by
// `oar-sched serve` (warm-round.mjs; the filter "warm-round" selects it alone).
if (!filter || 'warm-round'.includes(filter)) {
  console.table(await measureWarmRound({ runs: Math.max(7, runs) }));
}
// The plugin test harness: one round with ten jobs on eight nodes (target < 50 ms).
if (!filter || 'harness'.includes(filter)) {
  console.log(formatHarnessRound(await measureHarnessRound({ runs: Math.max(21, runs) })));
}
process.exitCode = failed ? 1 : 0;

function medianOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
