// The database round as OAR runs it: a workload of ../shared/perf imported once into an OAR
// database (SQLite in a temp file; PostgreSQL in a temp database, skipped with a notice when no
// server answers), then `oar-sched round` timed as a whole process, median of N runs. Speed is
// reported, never asserted. The protocol of one run, three rows of the table:
//
// - first round: a fresh copy of the imported database (SQLite: a file copy; PostgreSQL:
//   CREATE DATABASE … TEMPLATE), whose gantt is empty, then `oar-sched round --no-notify --now
//   <workload now> --metrics <file>`: the whole plan is new, every gantt row is written;
// - steady round: the same command again, same --now, on the same copy right after the first
//   round committed (PostgreSQL: no VACUUM in between, autovacuum may or may not have run). Nothing
//   happened in between, so the plan is the same: OAR's periodic round on a quiet cluster, the best
//   case for a round that writes only what changed (its gantt must still end exactly the plan);
// - steady, served: the same command once more, but as the client of an `oar-sched serve` started
//   in the same folder for the workload (and warmed by three untimed rounds): what OAR's cycle
//   costs with a server running (docs/guides/keep-the-scheduler-warm.md). Its start is the
//   client's, its load the server's work before the round (checking config and plugin files).
//
// The phases come from the --metrics file (not --json, whose printed gantt costs the process
// seconds at these sizes); `plan = core` compares the gantt the first round left in the database
// with the core's starts on the same snapshot, `steady = first` the gantt after the steady round
// with the one after the first (starts and resource row counts), `served = first` likewise. Beside the round's own phases
// the table shows the process's (start: Node's start up to the binary's main; load: modules,
// config, plugins, database connection), its peak memory, and `node -e 0` measured in the same
// run for scale.
//
// The workload is imported once per database by `oar-sched db import` (its time is shown). For
// first rounds the table also shows `db alone`: the database's own time to write the same resource
// rows into tables of the same shape, with no client (firstRoundFloorMs): a floor for any round.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '@oar-sched/db';
import { testDatabases } from '@oar-sched/db/testing';
import { runRound } from '@oar-sched/core';
import { scenarioFromJson } from '@oar-sched/scenario';
import { createSchedulerSetup } from 'oar-sched';
import { readWorkload } from './workloads.mjs';
import { startServer } from './serve-process.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(repoRoot, 'node_modules', '.bin', 'oar-sched');
// j300 and j2000: issue #10's whole-process targets; j2000 and mixed: issue #8's database phases.
export const DB_WORKLOADS = ['nodeonly-r10000-j300', 'nodeonly-r10000-j2000', 'mixed-r4096-j1000'];

/**
 * The workload written into the test database by `oar-sched db import`, as a site would (timed:
 * the import is a command users run too). A live PostgreSQL database has planner statistics
 * (autovacuum's ANALYZE); one just imported has none, and the planner then picks plans no site
 * runs (a nested loop over 1,000 moldables: 50 ms): it is analysed after the import.
 */
async function importWorkload(t, project) {
  const t0 = performance.now();
  const out = spawnSync(BIN, ['db', 'import', '--scenario', 'scenario.json', '--db', t.url], { cwd: project, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`oar-sched db import exited ${out.status}: ${out.stderr}`);
  const ms = performance.now() - t0;
  if (t.db.dialect === 'postgres') await sql`ANALYZE`.execute(t.db.kysely);
  return ms;
}

/**
 * What the database alone needs to write a first round's resource rows, whoever writes them: on
 * a copy whose gantt holds the plan, two new tables shaped like the gantt's resource tables
 * (columns, primary key) are filled from them by `INSERT … SELECT` and committed, in one
 * transaction as a round's. No client takes part (no row crosses the connection, nothing is
 * parsed) and the rows come in key order: no implementation of the round writes them faster.
 */
async function firstRoundFloorMs(url) {
  const db = await openDatabase(url, { poolSize: 1 });
  try {
    const like = (name, from) =>
      db.dialect === 'postgres'
        ? sql.raw(`CREATE TABLE ${name} (LIKE ${from} INCLUDING ALL)`)
        : sql.raw(`CREATE TABLE ${name} (moldable_job_id INTEGER NOT NULL, resource_id INTEGER NOT NULL, PRIMARY KEY (moldable_job_id, resource_id))`);
    const t0 = performance.now();
    await db.transaction(async (tx) => {
      for (const [name, from] of [['floor_gantt', 'gantt_jobs_resources'], ['floor_gantt_visu', 'gantt_jobs_resources_visu']]) {
        await like(name, from).execute(tx.kysely);
        await sql.raw(`INSERT INTO ${name} SELECT moldable_job_id, resource_id FROM ${from}`).execute(tx.kysely);
      }
    });
    return performance.now() - t0;
  } finally {
    await db.close();
  }
}

/** `socket`: the round goes to that `oar-sched serve`; without it, --no-serve (even if a server runs on this machine). */
function runRoundProcess(url, now, cwd, socket) {
  const metrics = join(cwd, 'round.metrics');
  const t0 = performance.now();
  const out = spawnSync(BIN, ['round', '--db', url, '--now', String(now), '--no-notify', '--metrics', metrics, ...(socket ? ['--socket', socket] : ['--no-serve'])], { cwd, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (out.status !== 0) throw new Error(`oar-sched round exited ${out.status}: ${out.stderr}`);
  const samples = readFileSync(metrics, 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#'));
  const sum = (name) => samples.filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `)).reduce((n, l) => n + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  const phases = {};
  for (const l of samples) {
    const m = /^oar_sched_round_phase_seconds\{phase="(\w+)"\} (\S+)$/.exec(l);
    if (m) phases[m[1]] = Number(m[2]) * 1000;
  }
  return { ms, phases, peakMb: sum('oar_sched_process_peak_memory_bytes') / 2 ** 20, launched: sum('oar_sched_jobs_launched'), planned: sum('oar_sched_jobs_planned') };
}

/** The gantt a round left in the database: job id → start, and its resource row count. */
async function ganttOf(url) {
  const db = await openDatabase(url, { poolSize: 1 });
  try {
    const rows = await sql`SELECT m.moldable_job_id AS job_id, p.start_time FROM gantt_jobs_predictions p JOIN moldable_job_descriptions m ON m.moldable_id = p.moldable_job_id`.execute(db.kysely);
    const count = await sql`SELECT count(*) AS n FROM gantt_jobs_resources`.execute(db.kysely);
    return { starts: new Map(rows.rows.map((r) => [Number(r.job_id), Number(r.start_time)])), resourceRows: Number(count.rows[0].n) };
  } finally {
    await db.close();
  }
}

function sameGantt(a, b) {
  return a.resourceRows === b.resourceRows && a.starts.size === b.starts.size && [...a.starts].every(([id, start]) => b.starts.get(id) === start);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** `node -e 0`, the floor of any Node process on this machine, measured in the same run for scale (median of 7). */
function nodeFloorMs() {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(performance.now() - t0);
  }
  return median(times);
}

export async function measureDbRounds({ runs = 3, workloads = DB_WORKLOADS, log = console.log } = {}) {
  const rows = [];
  const nodeMs = nodeFloorMs();
  const targets = await testDatabases();
  const setup = await createSchedulerSetup({ logger: { info: () => {}, warn: () => {} } });
  for (const name of workloads) {
    const json = readWorkload(name);
    const { snapshot } = scenarioFromJson(json, name);
    // The core alone on the same snapshot: the database round must plan the same starts (checks the import).
    const core = await runRound(snapshot, setup.registry, setup.roundOptions);
    const coreStarts = new Map([...core.decisions].filter(([, d]) => d.scheduled).map(([id, d]) => [id, d.placement.start]));
    const project = mkdtempSync(join(tmpdir(), 'oar-sched-bench-'));
    writeFileSync(join(project, 'oar.config.json'), JSON.stringify({ scheduler: json.config ?? {} }));
    writeFileSync(join(project, 'scenario.json'), JSON.stringify(json));
    const counts = { resources: snapshot.resources.length, waiting: snapshot.jobs.filter((j) => j.state === 'Waiting').length };
    const server = await startServer(BIN, project);
    try {
      for (const target of targets) {
        if (!target.available) {
          log(`db-round ${name} on postgres: SKIPPED (${target.skipReason})`);
          continue;
        }
        const t = await target.create({ file: true });
        try {
          const importMs = await importWorkload(t, project);
          // The server's first rounds compile its code: untimed, as OAR's first cycles would be.
          const warmUp = await freshCopy(t, target.dialect);
          try {
            for (let i = 0; i < 3; i++) runRoundProcess(warmUp.url, snapshot.now, project, server.socket);
          } finally {
            await warmUp.remove();
          }
          const first = [];
          const steady = [];
          const served = [];
          let check = '';
          let floorMs;
          for (let i = 0; i < runs; i++) {
            const copy = await freshCopy(t, target.dialect);
            try {
              first.push(runRoundProcess(copy.url, snapshot.now, project));
              const before = i === 0 ? await ganttOf(copy.url) : undefined;
              steady.push(runRoundProcess(copy.url, snapshot.now, project));
              const afterSteady = i === 0 ? await ganttOf(copy.url) : undefined;
              served.push(runRoundProcess(copy.url, snapshot.now, project, server.socket));
              if (before) {
                const diffs = [...coreStarts].filter(([id, start]) => before.starts.get(id) !== start).length;
                const afterServed = await ganttOf(copy.url);
                check =
                  `plan = core: ${diffs === 0 ? 'yes' : `${diffs} DIFF`}, steady = first: ${sameGantt(before, afterSteady) ? 'yes' : 'NO'}, ` +
                  `served = first: ${sameGantt(before, afterServed) ? 'yes' : 'NO'} (${before.resourceRows} resource rows)`;
                floorMs = await firstRoundFloorMs(copy.url);
              }
            } finally {
              await copy.remove();
            }
          }
          for (const [round, results] of [['first', first], ['steady', steady], ['steady, served', served]]) {
            const phase = (p) => median(results.map((r) => r.phases[p]));
            const read = phase('read');
            const engine = phase('engine');
            const write = phase('write');
            const commit = phase('commit');
            const dbTotal = read + write + commit;
            rows.push({
              workload: name,
              db: target.dialect,
              round,
              resources: counts.resources,
              waiting: counts.waiting,
              'import s': (importMs / 1000).toFixed(1),
              planned: results[0].planned,
              launched: results[0].launched,
              'process ms': median(results.map((r) => r.ms)).toFixed(0),
              'node -e 0 ms': nodeMs.toFixed(0),
              'start ms': phase('start').toFixed(0),
              'load ms': phase('load').toFixed(0),
              'read ms': read.toFixed(0),
              'engine ms': engine.toFixed(0),
              'write ms': write.toFixed(0),
              'commit ms': commit.toFixed(0),
              'notify ms': phase('notify').toFixed(1),
              'db phases ≤ engine': `${dbTotal <= engine ? 'yes' : 'NO'} (${dbTotal.toFixed(0)} vs ${engine.toFixed(0)})`,
              'db alone ms': round === 'first' ? floorMs.toFixed(0) : '',
              'peak MB': median(results.map((r) => r.peakMb)).toFixed(0),
              runs,
            });
          }
          log(`db-round ${name} on ${target.dialect}: ${check}; the database alone writes a first round's resource rows in ${floorMs.toFixed(0)} ms (db alone)`);
        } finally {
          await t.dispose();
        }
      }
    } finally {
      await server.stop();
      rmSync(project, { recursive: true, force: true });
    }
  }
  return rows;
}

const closed = new WeakSet();

/** A copy of the imported database to run one round on. */
async function freshCopy(t, dialect) {
  if (dialect === 'sqlite') {
    // The template connection is idle; checkpoint its WAL so the main file is complete.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(t.db.kysely);
    const dir = mkdtempSync(join(tmpdir(), 'oar-sched-bench-run-'));
    const file = join(dir, 'oar.db');
    copyFileSync(t.url.replace(/^sqlite:/, ''), file);
    return { url: `sqlite:${file}`, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  // PostgreSQL: CREATE DATABASE … TEMPLATE needs no other session on the template.
  const source = new URL(t.url);
  const template = source.pathname.slice(1);
  const name = `${template}_run_${randomBytes(3).toString('hex')}`;
  const admin = new URL(t.url);
  admin.pathname = '/postgres';
  if (!closed.has(t)) {
    closed.add(t);
    await t.db.close();
  }
  const a = await openDatabase(admin.toString(), { poolSize: 1 });
  try {
    await sql.raw(`CREATE DATABASE "${name}" TEMPLATE "${template}"`).execute(a.kysely);
  } finally {
    await a.close();
  }
  const target = new URL(t.url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    remove: async () => {
      const b = await openDatabase(admin.toString(), { poolSize: 1 });
      try {
        await sql.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).execute(b.kysely);
      } finally {
        await b.close();
      }
    },
  };
}

/** Issue #10's whole-process targets for `oar-sched round` on SQLite (medians; a steady round is OAR's usual cycle). */
const PROCESS_TARGETS_MS = { 'nodeonly-r10000-j300': 300, 'nodeonly-r10000-j2000': 1000 };

export function formatDbRounds(rows) {
  if (rows.length === 0) return;
  console.table(rows);
  for (const [workload, target] of Object.entries(PROCESS_TARGETS_MS)) {
    const ms = (round) => rows.find((r) => r.workload === workload && r.db === 'sqlite' && r.round === round)?.['process ms'];
    if (ms('steady') === undefined) continue;
    const verdict = (value) => `${value} ms (${Number(value) < target ? 'within' : 'OVER'} ${target})`;
    console.log(`oar-sched round on SQLite, ${workload}, whole process: steady ${verdict(ms('steady'))}, steady served ${verdict(ms('steady, served'))}, first ${verdict(ms('first'))}`);
  }
}

// Alone: node test/bench/db-round.mjs [--runs N] [workload…]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--runs');
  const runs = i >= 0 ? Number(args[i + 1]) : 3;
  const names = args.filter((a, j) => !a.startsWith('--') && args[j - 1] !== '--runs');
  formatDbRounds(await measureDbRounds({ runs, workloads: names.length > 0 ? names : DB_WORKLOADS }));
}
