// What a database round costs as a whole process, against the same round in a process that is
// already running: issue #10's question of whether a long-lived scheduler (`oar-sched serve`) is
// worth having. OAR starts `oar-sched round` as a new process every cycle.
//
// Three ways to run the same round, each on a fresh copy of the same SQLite database:
//   - cold: `oar-sched round --no-serve` as a new process (what OAR pays today), wall time from
//     spawn to exit, and its CPU time (user + system, from /proc: 10 ms ticks);
//   - warm in-process: `runCli(['round', …])` from the binary's bundle, called again and again in
//     this process (modules loaded and compiled, the setup rebuilt by each call as the command does);
//   - served: `oar-sched round --socket S` as a new process, a thin client of an `oar-sched serve`
//     started once on that socket (engine, plugins and config kept warm in the server).
// The timed rounds run as OAR runs them (`round --no-notify`, no --json: on a large cluster the
// JSON is tens of MB, whose printing is not what is compared here): every mode runs once untimed
// first, then the runs rotate through the modes, so that the load of this shared machine weighs on
// all of them alike; medians of --runs (default 9) runs. Then 3 rounds per mode with --json give
// the phases (medians) and the plans, compared across the modes (they must be the same). Speed is
// reported, never asserted.
//
// Databases: "demo" is `oar-sched demo`'s database as the demo leaves it (its own round done: the
// next round replans its waiting jobs); a workload name (nodeonly-r10000-j300, …) is that workload
// of ../shared/perf imported with `oar-sched db import`, its config in an oar.config.json
// `{ "scheduler": <workload config> }` of the folder the rounds run in.
//   node test/bench/warm-round.mjs [--runs N] [demo] [WORKLOAD…]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readWorkload } from './workloads.mjs';
import { startServer } from './serve-process.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(repoRoot, 'cli', 'bin', 'oar-sched.js');
const DEMO_NOW = 1_700_000_000;

/** A folder holding `base.sqlite` and `oar.config.json`, and the round's `now`. */
function prepare(name) {
  const dir = mkdtempSync(join(tmpdir(), `oar-sched-warm-${name}-`));
  if (name === 'demo') {
    mustRun([BIN, 'demo', '--db', `sqlite:${join(dir, 'base.sqlite')}`, '--now', String(DEMO_NOW), '--format', 'json'], dir);
    copyFileSync(join(dir, 'base.config.json'), join(dir, 'oar.config.json'));
    return { dir, now: DEMO_NOW };
  }
  const workload = readWorkload(name);
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(workload));
  mustRun([BIN, 'db', 'import', '--scenario', 'scenario.json', '--db', `sqlite:${join(dir, 'base.sqlite')}`], dir);
  rmSync(join(dir, 'scenario.json'));
  writeFileSync(join(dir, 'oar.config.json'), JSON.stringify({ scheduler: workload.config ?? {} }));
  return { dir, now: workload.now };
}

function mustRun(args, cwd) {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${args.slice(1).join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
}

/** A fresh copy of the base database; returns its path. */
function freshCopy(dir, i) {
  const file = join(dir, `run-${i}.sqlite`);
  copyFileSync(join(dir, 'base.sqlite'), file);
  return file;
}

function removeCopy(file) {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

const roundArgs = (file, now, json) => ['round', '--db', `sqlite:${file}`, '--now', String(now), '--no-notify', ...(json ? ['--json'] : [])];
const PHASE_RUNS = 3;

/** User + system time of the waited-for children of this process (Linux /proc; 10 ms ticks). */
function childrenCpuMs() {
  if (!existsSync('/proc/self/stat')) return undefined;
  const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

function runProcess(args, cwd) {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  if (r.status !== 0) throw new Error(`oar-sched ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { wall, cpu: cpu0 === undefined ? undefined : cpu1 - cpu0, ...jsonOf(args, r.stdout) };
}

function nodeAlone(cwd) {
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { cwd });
  const wall = performance.now() - t0;
  const cpu1 = childrenCpuMs();
  return { wall, cpu: cpu0 === undefined ? undefined : cpu1 - cpu0 };
}

async function runInProcess(runCli, args, cwd) {
  let out = '';
  let err = '';
  const io = { out: (t) => (out += t), err: (t) => (err += t), cwd };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const code = await runCli(args, io);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (code !== 0) throw new Error(`in-process round exited ${code}: ${err}`);
  return { wall, cpu: (cpu.user + cpu.system) / 1000, ...jsonOf(args, out) };
}

/** With --json: the phases and the plan (gantt, launches, operations written). */
function jsonOf(args, stdout) {
  if (!args.includes('--json')) return {};
  const json = JSON.parse(stdout);
  return { phases: json.phases, plan: JSON.stringify({ gantt: json.gantt, launched: json.launched, operations: json.operations }) };
}

function hasServe() {
  return /^\s+serve\b/m.test(spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' }).stdout);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureWarmRound({ runs = 9, databases = ['demo', 'nodeonly-r10000-j300'], log = console.log } = {}) {
  const { runCli } = await import(pathToFileURL(join(repoRoot, 'cli', 'bundle', 'main.js')).href);
  const served = hasServe();
  const rows = [];
  for (const name of databases) {
    const { dir, now } = prepare(name);
    const server = served ? await startServer(BIN, dir) : undefined;
    try {
      const modes = {
        cold: (file, json) => runProcess([...roundArgs(file, now, json), ...(served ? ['--no-serve'] : [])], dir),
        'warm in-process': (file, json) => runInProcess(runCli, roundArgs(file, now, json), dir),
        ...(server ? { served: (file, json) => runProcess([...roundArgs(file, now, json), '--socket', server.socket], dir) } : {}),
        // The floor of any process OAR starts: Node's own start, nothing loaded.
        'node -e 0': () => nodeAlone(dir),
      };
      const names = Object.keys(modes);
      const roundModes = names.filter((m) => m !== 'node -e 0');
      const timed = Object.fromEntries(names.map((m) => [m, []]));
      const withJson = Object.fromEntries(names.map((m) => [m, []]));
      let copies = 0;
      const once = async (mode, json) => {
        const file = freshCopy(dir, copies++);
        try {
          return await modes[mode](file, json);
        } finally {
          removeCopy(file);
        }
      };
      for (const mode of names) await once(mode, false); // untimed: disk cache, the first in-process round
      const load0 = loadavg()[0];
      // Rotate the order: no mode always runs right after another.
      const rotate = async (n, list, into, json) => {
        for (let i = 0; i < n; i++) for (let k = 0; k < list.length; k++) into[list[(i + k) % list.length]].push(await once(list[(i + k) % list.length], json));
      };
      await rotate(runs, names, timed, false);
      await rotate(PHASE_RUNS, roundModes, withJson, true);
      const plans = new Set(roundModes.flatMap((m) => withJson[m].map((r) => r.plan)));
      for (const mode of names) {
        const r = timed[mode];
        const j = withJson[mode];
        if (j.length === 0) {
          rows.push({ database: name, mode, 'wall ms': median(r.map((x) => x.wall)).toFixed(0), 'cpu ms': r[0].cpu === undefined ? '' : median(r.map((x) => x.cpu)).toFixed(0), runs: `${runs}` });
          continue;
        }
        const phase = (p) => median(j.map((x) => x.phases[p] ?? 0));
        const inProcess = mode === 'warm in-process';
        rows.push({
          database: name,
          mode,
          'wall ms': median(r.map((x) => x.wall)).toFixed(0),
          'cpu ms': r[0].cpu === undefined ? '' : median(r.map((x) => x.cpu)).toFixed(0),
          'start ms': inProcess ? '' : phase('start').toFixed(0),
          'load ms': inProcess ? '' : phase('load').toFixed(0),
          'read+engine+write+commit ms': median(j.map((x) => x.phases.read + x.phases.engine + x.phases.write + x.phases.commit)).toFixed(0),
          'engine ms': phase('engine').toFixed(0),
          'wall with --json ms': median(j.map((x) => x.wall)).toFixed(0),
          'same plan': plans.size === 1 ? 'yes' : 'NO',
          runs: `${runs} + ${PHASE_RUNS}`,
          load: `${load0.toFixed(1)}→${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
        });
      }
      if (!server) log(`warm-round ${name}: no serve command in this build, served mode skipped`);
    } finally {
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--runs');
  const runs = at >= 0 ? Number(args[at + 1]) : 9;
  const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  console.table(await measureWarmRound({ runs, ...(names.length > 0 ? { databases: names } : {}) }));
}
