// Start-up cost of the scheduler process. OAR starts the scheduler as a new process every cycle,
// so what one `oar-sched schedule --scenario` costs before any scheduling is paid every round.
// Measured: the whole process (spawn to exit) on a tiny workload (the demo cluster of the README,
// docs/demo/demo-cluster.json: 64 resources, 12 jobs), next to `node -e 0` (Node's own start-up)
// measured in the same run; runs alternate after one untimed warm-up of each, so disk cache and
// machine drift hit both alike. The scheduler runs in an empty temporary folder, as a site
// without a config file or plugins of its own would (built-in plugins only); both commands run
// with the same node binary (`process.execPath`). Budget: at most 3× `node -e 0` in wall time.
// On Linux it also reports the CPU time (user + system) of each child, from /proc/self/stat,
// and the load average: on a busy machine wall times stretch with the load, CPU times less.
//   node test/bench/startup.mjs [--runs N]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STARTUP_SCENARIO = join(repoRoot, 'docs', 'demo', 'demo-cluster.json');
const bin = join(repoRoot, 'cli', 'bin', 'oar-sched.js');

/**
 * @param {{ runs?: number }} [options] runs per command (at least 5)
 * @returns {{ runs: number, nodeMs: number, scheduleMs: number, ratio: number, withinBudget: boolean,
 *   nodeCpuMs?: number, scheduleCpuMs?: number, cpuRatio?: number, load: number, cores: number }}
 *   medians in milliseconds; `ratio` = scheduleMs / nodeMs (wall), `cpuRatio` the same in CPU time.
 */
export function measureStartup({ runs = 11 } = {}) {
  const n = Math.max(5, runs);
  const cwd = mkdtempSync(join(tmpdir(), 'oar-startup-'));
  try {
    const node = () => time([process.execPath, '-e', '0'], cwd);
    const schedule = () => time([process.execPath, bin, 'schedule', '--scenario', STARTUP_SCENARIO, '--format', 'json'], cwd);
    node();
    schedule();
    const load = loadavg()[0];
    const nodeRuns = [];
    const scheduleRuns = [];
    for (let i = 0; i < n; i++) {
      // ABBA order: neither command always runs right after the other.
      if (i % 2 === 0) {
        nodeRuns.push(node());
        scheduleRuns.push(schedule());
      } else {
        scheduleRuns.push(schedule());
        nodeRuns.push(node());
      }
    }
    const nodeMs = median(nodeRuns.map((r) => r.wall));
    const scheduleMs = median(scheduleRuns.map((r) => r.wall));
    const ratio = scheduleMs / nodeMs;
    const result = { runs: n, nodeMs, scheduleMs, ratio, withinBudget: ratio <= 3, load: Math.max(load, loadavg()[0]), cores: availableParallelism() };
    if (nodeRuns[0].cpu === undefined) return result;
    const nodeCpuMs = median(nodeRuns.map((r) => r.cpu));
    const scheduleCpuMs = median(scheduleRuns.map((r) => r.cpu));
    return { ...result, nodeCpuMs, scheduleCpuMs, cpuRatio: scheduleCpuMs / nodeCpuMs };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** Wall time and, on Linux, CPU time of one run, in milliseconds. */
function time([command, ...args], cwd) {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const wall = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`startup bench: ${[command, ...args].join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0 };
}

/** User + system time of the waited-for children of this process (Linux /proc; clock ticks of 10 ms). */
function childrenCpuMs() {
  if (!existsSync('/proc/self/stat')) return undefined;
  // Fields after the command name (which is in parentheses): cutime and cstime are the 14th and 15th.
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function formatStartup(result) {
  const cpu =
    result.cpuRatio === undefined
      ? ''
      : `; CPU time ${result.scheduleCpuMs.toFixed(0)} ms vs ${result.nodeCpuMs.toFixed(0)} ms: ${result.cpuRatio.toFixed(2)}×`;
  return (
    `start-up: oar-sched schedule --scenario docs/demo/demo-cluster.json ${result.scheduleMs.toFixed(0)} ms, ` +
    `node -e 0 ${result.nodeMs.toFixed(0)} ms (wall, medians of ${result.runs} alternating runs): ` +
    `${result.ratio.toFixed(2)}× (${result.withinBudget ? 'within' : 'OVER'} the 3× budget)${cpu} ` +
    `[load average ${result.load.toFixed(1)} on ${result.cores} cores]`
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf('--runs');
  const result = measureStartup(runsAt >= 0 ? { runs: Number(args[runsAt + 1]) } : {});
  console.log(formatStartup(result));
  process.exitCode = result.withinBudget ? 0 : 1;
}
