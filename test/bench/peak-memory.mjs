// Peak memory of one round (issue #10: `nodeonly-r10000-j5000` under 300 MB). A fresh process
// loads the workload, builds the setup and runs the round once, then reports its own peak
// resident set (`process.resourceUsage().maxRSS`, what `/usr/bin/time -v` calls "Maximum resident
// set size"): parsing the scenario and loading the plugins are in the figure, as they are in a
// real run; the bench's own earlier rounds are not.
//   node test/bench/peak-memory.mjs [workload]
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runRound } from '@oar-sched/core';
import { scenarioFromJson } from '@oar-sched/scenario';
import { createSchedulerSetup } from 'oar-sched';
import { readWorkload } from './workloads.mjs';

export const PEAK_MEMORY_BUDGET_MB = 300;

/**
 * @param {{ workload?: string }} [options]
 * @returns {{ workload: string, peakMb: number, beforeRoundMb: number, withinBudget: boolean }}
 *   `beforeRoundMb`: the resident set once the scenario and plugins are loaded, before the round.
 */
export function measurePeakMemory({ workload = 'nodeonly-r10000-j5000' } = {}) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), workload, '--child'], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`peak-memory: the round process failed:\n${child.stderr}`);
  const { peakKb, beforeRoundKb } = JSON.parse(child.stdout.trim().split('\n').pop());
  const peakMb = peakKb / 1024;
  return { workload, peakMb, beforeRoundMb: beforeRoundKb / 1024, withinBudget: peakMb < PEAK_MEMORY_BUDGET_MB };
}

export function formatPeakMemory(m) {
  return (
    `peak memory of one ${m.workload} round process: ${m.peakMb.toFixed(0)} MB ` +
    `(${m.beforeRoundMb.toFixed(0)} MB before the round; ${m.withinBudget ? 'within' : 'OVER'} the ${PEAK_MEMORY_BUDGET_MB} MB budget)`
  );
}

async function child(workload) {
  const scenario = scenarioFromJson(readWorkload(workload), workload);
  const setup = await createSchedulerSetup({ logger: { info() {}, warn() {} } });
  const beforeRoundKb = process.memoryUsage().rss / 1024;
  await runRound(scenario.snapshot, setup.registry, setup.roundOptions);
  console.log(JSON.stringify({ peakKb: process.resourceUsage().maxRSS, beforeRoundKb }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [workload = 'nodeonly-r10000-j5000', flag] = process.argv.slice(2);
  if (flag === '--child') await child(workload);
  else console.log(formatPeakMemory(measurePeakMemory({ workload })));
}
