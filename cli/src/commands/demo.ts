/**
 * `oar-sched demo`: the embedded default at work. Writes a demo cluster into an SQLite OAR
 * database as OAR's tools would have (`importSnapshot`), runs one meta-scheduler round on it
 * (notifications off, a fixed `now` so the output is reproducible), prints the plan read back from
 * the database, then where the database is and what to run next.
 *
 * The default database is `oar-demo.sqlite` in the current folder, recreated on each run; any other
 * path must not exist yet. The scheduler configuration the demo uses (its hierarchy labels) is
 * written next to it (`oar-demo.config.json`), for the next commands' `--config`.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { openDatabase, importSnapshot, runDbRound, parseDatabaseUrl, type Db } from '@oar-sched/db';
import { scenarioFromJson } from '@oar-sched/scenario';
import { cwdOf, stderrLogger, type CliIo } from '../io.js';
import { createSchedulerSetup } from '../setup.js';
import { UsageError } from '../usage-error.js';
import { parseEpoch } from './database-target.js';
import { writeSchedulerConfig } from './db-import.js';
import { alignRows, dateFormatter, resourceFormatter } from './table-format.js';

export interface DemoOptions {
  readonly db?: string;
  readonly now?: string;
  readonly format?: 'table' | 'json';
}

export const DEMO_DEFAULT_FILE = 'oar-demo.sqlite';
/** 2023-11-14 22:13:20 UTC. */
export const DEMO_NOW = 1_700_000_000;

const HOUR = 3600;

export async function demoCommand(options: DemoOptions, io: CliIo): Promise<number> {
  const now = options.now === undefined ? DEMO_NOW : parseEpoch(options.now, '--now');
  const cwd = cwdOf(io);
  const { file, shown, isDefault } = demoFile(options.db, cwd);
  const configFile = join(dirname(file), `${basename(file, extname(file))}.config.json`);
  const configShown = relative(cwd, configFile) || configFile;
  for (const f of isDefault ? [] : [file, configFile]) {
    if (existsSync(f)) {
      throw new UsageError(`${f} already exists: the demo only recreates its own default file (${DEMO_DEFAULT_FILE} in the current folder)`, 'remove it, or give --db sqlite:NEW-FILE');
    }
  }
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });

  const scenario = scenarioFromJson(demoScenario(now), 'oar-sched demo');
  const snapshot = scenario.snapshot;
  const setup = await createSchedulerSetup({ cwd, logger: stderrLogger(io) });
  const db = await openDatabase(`sqlite:${file}`, { baseDir: cwd });
  let rows: DemoRow[];
  let exitCode: number;
  try {
    await importSnapshot(db, snapshot);
    const round = await runDbRound(db, { config: snapshot.config, registry: setup.registry, now, logger: stderrLogger(io) });
    exitCode = round.exitCode;
    for (const w of round.warnings) io.err(`oar-sched: warning: ${w}\n`);
    rows = await readPlan(db, snapshot.config.jobSecurityTime);
  } finally {
    await db.close();
  }
  writeSchedulerConfig(configFile, { jobSecurityTime: snapshot.config.jobSecurityTime, hierarchyLabels: snapshot.config.hierarchyLabels });

  const date = dateFormatter(snapshot.config.timezone, 'oar-sched demo');
  const nodes = resourceFormatter(snapshot.resources, snapshot.config.hierarchyLabels);
  const next = now + 600;
  const dbArg = `--db sqlite:${shown}`;
  const commands = [
    `oar-sched round ${dbArg} --config ${configShown} --now ${next} --no-notify`,
    `oar-sched db export ${dbArg} --config ${configShown} --now ${next} --out replay.json`,
    'oar-sched schedule --scenario replay.json --format table',
    // Job 11 waits for four free nodes: explain shows what holds each earlier window.
    `oar-sched explain 11 ${dbArg} --config ${configShown} --now ${now}`,
    `oar-sched gantt ${dbArg} --config ${configShown} --now ${now} --out demo-gantt.html`,
  ];
  if (options.format === 'json') {
    const jobs = rows.map((r) => ({ ...r, about: ABOUT[r.id] ?? '' }));
    io.out(`${JSON.stringify({ database: file, configFile, now, roundExitCode: exitCode, jobs, next: commands }, null, 2)}\n`);
    return 0;
  }
  const header = { job: 'JOB', queue: 'QUEUE', user: 'USER', state: 'STATE', start: 'START', end: 'END', resources: 'RESOURCES', about: 'WHAT', message: 'MESSAGE' };
  const table = rows.map((r) => ({
    job: String(r.id),
    queue: r.queue,
    user: r.user,
    state: r.reservation === 'None' ? r.state : `${r.state} (AR)`,
    start: r.start === null ? '-' : date(r.start),
    end: r.end === null ? '-' : date(r.end),
    resources: r.resources.length === 0 ? '-' : nodes(r.resources),
    about: ABOUT[r.id] ?? '',
    message: r.message,
  }));
  const columns = [{ key: 'job', right: true }, { key: 'queue' }, { key: 'user' }, { key: 'state' }, { key: 'start' }, { key: 'end' }, { key: 'resources' }, { key: 'about' }, { key: 'message' }] as const;
  const lines = [
    `oar-sched demo: one round at ${date(now)} (${snapshot.config.timezone}) on a demo cluster of ${snapshot.resources.length} cores`,
    '(2 switches, 8 nodes, 2 cpus per node, 4 cores per cpu; queues admin, default, besteffort)',
    '',
    ...alignRows([header, ...table], columns),
    '',
    'STATE after the round: toLaunch = started by this round; (AR) = advance reservation. END includes the',
    `job security time (${snapshot.config.jobSecurityTime} s). MESSAGE is what the round wrote into jobs.message.`,
    '',
    `The database: ${shown}${isDefault ? ' (the demo\'s default file, in the current folder; recreated on each run)' : ''}`,
    `Its scheduler configuration: ${configShown} (hierarchy labels: ${snapshot.config.hierarchyLabels.join(',')})`,
    '',
    'The gantt the round wrote:',
    `  sqlite3 ${shown} "${GANTT_QUERY}"`,
    '',
    'Next:',
    ...commands.map((c) => `  ${c}`),
  ];
  io.out(`${lines.join('\n')}\n`);
  return 0;
}

const GANTT_QUERY =
  "SELECT m.moldable_job_id AS job, j.state, datetime(p.start_time, 'unixepoch') AS start, COUNT(*) AS cores, group_concat(DISTINCT r.network_address) AS nodes " +
  'FROM gantt_jobs_predictions p JOIN moldable_job_descriptions m ON m.moldable_id = p.moldable_job_id JOIN jobs j ON j.job_id = m.moldable_job_id ' +
  'JOIN gantt_jobs_resources g ON g.moldable_job_id = p.moldable_job_id JOIN resources r ON r.resource_id = g.resource_id ' +
  'GROUP BY p.moldable_job_id ORDER BY p.start_time, job';

function demoFile(url: string | undefined, cwd: string): { file: string; shown: string; isDefault: boolean } {
  const defaultFile = resolve(cwd, DEMO_DEFAULT_FILE);
  if (url === undefined) return { file: defaultFile, shown: DEMO_DEFAULT_FILE, isDefault: true };
  const location = parseDatabaseUrl(url, { baseDir: cwd });
  if (location.dialect !== 'sqlite' || location.memory) {
    throw new UsageError(`--db ${url}: the demo writes an SQLite file: expected sqlite:PATH`, 'e.g. --db sqlite:/tmp/oar-demo.sqlite');
  }
  const file = resolve(cwd, location.path);
  return { file, shown: relative(cwd, file) || file, isDefault: file === defaultFile };
}

interface DemoRow {
  readonly id: number;
  readonly queue: string;
  readonly user: string;
  readonly state: string;
  readonly reservation: string;
  readonly start: number | null;
  readonly end: number | null;
  readonly resources: number[];
  readonly message: string;
}

/** Every job after the round, with its plan: the gantt row of its moldable, else its assigned resources. */
async function readPlan(db: Db, securityTime: number): Promise<DemoRow[]> {
  const k = db.kysely;
  const jobs = await k.selectFrom('jobs').select(['job_id', 'queue_name', 'job_user', 'state', 'reservation', 'message', 'start_time', 'assigned_moldable_job']).orderBy('job_id').execute();
  const walltimes = new Map((await k.selectFrom('moldable_job_descriptions').select(['moldable_id', 'moldable_walltime']).execute()).map((m) => [Number(m.moldable_id), Number(m.moldable_walltime)]));
  const plans = await k
    .selectFrom('gantt_jobs_predictions as p')
    .innerJoin('moldable_job_descriptions as m', 'm.moldable_id', 'p.moldable_job_id')
    .innerJoin('gantt_jobs_resources as r', 'r.moldable_job_id', 'p.moldable_job_id')
    .select(['m.moldable_job_id as job_id', 'p.moldable_job_id as moldable_id', 'p.start_time', 'r.resource_id'])
    .orderBy('r.resource_id')
    .execute();
  const plan = new Map<number, { moldable: number; start: number; resources: number[] }>();
  for (const p of plans) {
    let entry = plan.get(Number(p.job_id));
    if (!entry) plan.set(Number(p.job_id), (entry = { moldable: Number(p.moldable_id), start: Number(p.start_time), resources: [] }));
    entry.resources.push(Number(p.resource_id));
  }
  const assigned = new Map<number, number[]>();
  for (const a of await k.selectFrom('assigned_resources').select(['moldable_job_id', 'resource_id']).orderBy('resource_id').execute()) {
    let list = assigned.get(Number(a.moldable_job_id));
    if (!list) assigned.set(Number(a.moldable_job_id), (list = []));
    list.push(Number(a.resource_id));
  }
  return jobs.map((j) => {
    const id = Number(j.job_id);
    const p = plan.get(id);
    const moldable = p?.moldable ?? Number(j.assigned_moldable_job);
    const resources = p?.resources ?? assigned.get(moldable) ?? [];
    const start = p?.start ?? (resources.length > 0 ? Number(j.start_time) : null);
    const walltime = walltimes.get(moldable);
    return {
      id,
      queue: String(j.queue_name),
      user: String(j.job_user),
      state: String(j.state),
      reservation: String(j.reservation),
      start,
      end: start === null || walltime === undefined ? null : start + walltime + securityTime - 1,
      resources,
      message: String(j.message ?? ''),
    };
  });
}

/** What each demo job shows. */
const ABOUT: Readonly<Record<number, string>> = {
  1: 'running, 2 nodes',
  2: 'running, 1 node',
  3: 'running, 1 node',
  4: 'container, 1 node',
  5: 'inner job of 4: 8 cores',
  6: 'inner job of 4: 2 cpus',
  10: '1 switch / 2 nodes',
  11: 'moldable: 4 nodes 4h or 2 nodes 8h',
  12: 'depends on 10',
  13: "mem >= 1024: no such node",
  14: 'timesharing (user,*), 1 cpu',
  15: 'timesharing (user,*), 1 cpu',
  16: 'besteffort, 2 nodes',
  20: 'advance reservation, 1 switch',
};

type Level = { level: string; count: number };
const one = (walltime: number, levels: Level[], property?: string) => ({ walltime, request: [{ levels, ...(property ? { property } : {}) }] });
const nodesOf = (count: number): Level[] => [{ level: 'network_address', count }];

/** The demo cluster as a scenario document (docs/reference/scenario-format.md). */
export function demoScenario(now: number): Record<string, unknown> {
  const resources = [];
  for (let core = 1; core <= 64; core++) {
    const node = Math.ceil(core / 8);
    resources.push({
      id: core,
      properties: { switch: node <= 4 ? 'sw1' : 'sw2', network_address: `node-${node}`, host: `node-${node}`, cpu: Math.ceil(core / 4), core, mem: node <= 4 ? 256 : 512 },
    });
  }
  const running = (id: number, user: string, since: number, walltime: number, count: number, ids: string, extra: object = {}) => ({
    id,
    user,
    state: 'Running',
    startTime: now - since,
    resources: ids,
    submissionTime: now - since - 60,
    moldables: [one(walltime, nodesOf(count))],
    ...extra,
  });
  const waiting = (id: number, user: string, moldables: object[], extra: object = {}) => ({ id, user, submissionTime: now - 900 + id, moldables, ...extra });
  return {
    now,
    config: { jobSecurityTime: 60, hierarchyLabels: ['resource_id', 'network_address', 'cpu', 'core', 'switch'] },
    queues: [
      { name: 'admin', priority: 10 },
      { name: 'default', priority: 3 },
      { name: 'besteffort', priority: 0 },
    ],
    resources,
    jobs: [
      running(1, 'alice', 1800, 2 * HOUR, 2, '1-16', { project: 'climate' }),
      running(2, 'bob', 600, HOUR, 1, '33-40', { project: 'genomics' }),
      running(3, 'carol', 300, 6 * HOUR, 1, '49-56', { project: 'physics' }),
      waiting(4, 'dave', [one(3 * HOUR, nodesOf(1))], { types: { container: '' } }),
      waiting(5, 'dave', [one(HOUR, [{ level: 'resource_id', count: 8 }])], { types: { inner: '4' } }),
      waiting(6, 'dave', [one(HOUR / 2, [{ level: 'cpu', count: 2 }])], { types: { inner: '4' } }),
      waiting(10, 'alice', [one(HOUR, [{ level: 'switch', count: 1 }, { level: 'network_address', count: 2 }])], { project: 'climate' }),
      waiting(11, 'bob', [one(4 * HOUR, nodesOf(4)), one(8 * HOUR, nodesOf(2))], { project: 'genomics' }),
      waiting(12, 'erin', [one(600, [{ level: 'resource_id', count: 4 }])], { dependencies: [10] }),
      waiting(13, 'frank', [one(HOUR, nodesOf(1), 'mem >= 1024')]),
      waiting(14, 'erin', [one(900, [{ level: 'cpu', count: 1 }])], { types: { timesharing: 'user,*' } }),
      waiting(15, 'erin', [one(900, [{ level: 'cpu', count: 1 }])], { types: { timesharing: 'user,*' } }),
      waiting(16, 'carol', [one(HOUR, nodesOf(2))], { queue: 'besteffort', types: { besteffort: '' } }),
      { id: 20, user: 'admin', queue: 'admin', reservation: 'toSchedule', startTime: now + 2 * HOUR, submissionTime: now - 300, moldables: [one(HOUR, [{ level: 'switch', count: 1 }])] },
    ],
  };
}
