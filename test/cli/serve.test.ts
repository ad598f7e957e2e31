/**
 * `oar-sched serve` and `oar-sched round` as its client: real processes, a real Unix socket,
 * SQLite databases. A served round must be the in-process round — same stdout (but the timing
 * figures), stderr, exit code and database — and everything around it must leave OAR's cycle as
 * it was without a server: no server, a dead one, one that dies mid-round, one that stops.
 */
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initSchema, insertJob, insertQueue, insertResources, listTables, openDatabase } from '@oar-sched/db';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Pull } from 'zeromq';
import { OAR_SCHED_BIN, runBin, startBin, startServer, type TestServer } from '../support/oar-sched-server.js';

const N = 1_000_000;
/** The environment of every child: nothing of the developer's OAR settings or server. */
const ENV = { ...process.env, OARCONFFILE: '', OAR_DB_URL: '', OAR_SCHED_SOCKET: '' };

const dirs: string[] = [];
const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) await s.kill();
});
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function serve(cwd: string, args: readonly string[] = [], socket = join(cwd, 's.sock')): Promise<TestServer> {
  const server = await startServer(cwd, socket, args, ENV);
  servers.push(server);
  return server;
}

const round = (cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = ENV) => runBin(cwd, ['round', ...args], env);

/** The demo database as `oar-sched demo` leaves it (queues, moldable, besteffort, reservation…), its config as oar.config.json. */
let demo: string | undefined;
async function demoFolder(): Promise<string> {
  if (demo === undefined) {
    demo = tempDir('oar-serve-demo-');
    const r = await runBin(demo, ['demo', '--db', `sqlite:${join(demo, 'base.sqlite')}`, '--format', 'json'], ENV);
    expect(r.code, r.stderr).toBe(0);
    copyFileSync(join(demo, 'base.config.json'), join(demo, 'oar.config.json'));
  }
  return demo;
}

let copies = 0;
/** A fresh copy of `base.sqlite` of the folder; its file name. */
function copyOf(dir: string): string {
  const name = `run-${copies++}.sqlite`;
  copyFileSync(join(dir, 'base.sqlite'), join(dir, name));
  return name;
}

/** Every row of every table, sorted: two databases with the same dump hold the same data. */
async function dump(file: string): Promise<Record<string, string[]>> {
  const db = await openDatabase(`sqlite:${file}`, { create: false });
  try {
    const out: Record<string, string[]> = {};
    for (const table of await listTables(db)) {
      const rows = await db.kysely.selectFrom(table as never).selectAll().execute();
      out[table] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return out;
  } finally {
    await db.close();
  }
}

/** `round --json` output without what differs between two processes (timings, memory). */
function decisions(stdout: string): unknown {
  const { phases, peakMemoryBytes, ...rest } = JSON.parse(stdout) as Record<string, unknown>;
  expect(Object.keys(phases as object)).toEqual(['start', 'load', 'read', 'engine', 'write', 'commit', 'notify']);
  expect(peakMemoryBytes).toBeGreaterThan(0);
  return rest;
}

/** A folder with 4 resources and two jobs of 4 resources for 600 s: the second's start is now + 600 + the security time. */
async function twoJobSite(security: number): Promise<string> {
  const dir = tempDir('oar-serve-site-');
  const db = await openDatabase(`sqlite:${join(dir, 'base.sqlite')}`);
  await initSchema(db);
  await insertQueue(db, { name: 'default', priority: 3 });
  await insertResources(db, [1, 2, 3, 4].map(() => ({ network_address: 'node1' })));
  for (const user of ['alice', 'bob']) await insertJob(db, { user, moldables: [{ walltime: 600, groups: [{ levels: [{ label: 'resource_id', value: 4 }] }] }] });
  await db.close();
  writeFileSync(join(dir, 'package.json'), '{ "name": "site", "private": true }\n');
  writeFileSync(join(dir, 'oar.config.json'), `{ "scheduler": { "jobSecurityTime": ${security} } }\n`);
  return dir;
}

const plannedStarts = (stdout: string) => (JSON.parse(stdout) as { gantt: { jobId: number; start: number }[] }).gantt.map((g) => g.start).sort();

/**
 * A local plugin whose extraMetasched hook `slow` writes `<marker>` when called, then waits `ms`:
 * a round that stays inside its transaction long enough to be interrupted.
 */
function slowPlugin(dir: string, ms: number): void {
  writeFileSync(
    join(dir, 'slow-plugin.mjs'),
    `import { appendFileSync } from 'node:fs';\n` +
      `export default { apiVersion: 1, name: 'slow', setup(api) {\n` +
      `  api.extraMetasched('slow', async (ctx) => {\n` +
      `    appendFileSync(${JSON.stringify(join(dir, 'hook.log'))}, 'start ' + Date.now() + '\\n');\n` +
      `    await new Promise((r) => setTimeout(r, ${ms}));\n` +
      `    appendFileSync(${JSON.stringify(join(dir, 'hook.log'))}, 'end ' + Date.now() + '\\n');\n` +
      `  });\n} };\n`,
  );
  writeFileSync(join(dir, 'oar.config.json'), '{ "plugins": { "list": ["./slow-plugin.mjs"] }, "extraMetasched": { "name": "slow" } }\n');
}

async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('oar-sched serve: a served round is the in-process round', () => {
  it('same stdout (but timings), stderr, exit code and database, round after round', async () => {
    const dir = await demoFolder();
    const server = await serve(dir);
    const args = (db: string) => ['--db', `sqlite:${db}`, '--now', '1700000000', '--no-notify', '--json'];
    const local = copyOf(dir);
    const here = await round(dir, [...args(local), '--no-serve']);
    expect(here.code, here.stderr).toBe(0);
    for (let i = 0; i < 2; i++) {
      const served = copyOf(dir);
      const there = await round(dir, [...args(served), '--socket', server.socket]);
      expect(there.stderr).toBe(here.stderr);
      expect(there.code).toBe(here.code);
      expect(decisions(there.stdout)).toEqual(decisions(here.stdout));
      expect(await dump(join(dir, served))).toEqual(await dump(join(dir, local)));
    }
    expect(server.log().match(/round in .*: exit 0/g)).toHaveLength(2);
  });

  it('listens on a socket only its user may open (mode 0600), and finds it through OAR_SCHED_SOCKET too', async () => {
    const dir = await twoJobSite(60);
    const server = await serve(dir);
    expect(lstatSync(server.socket).mode & 0o777).toBe(0o600);
    const r = await round(dir, ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--no-notify'], { ...ENV, OAR_SCHED_SOCKET: server.socket });
    expect(r.code, r.stderr).toBe(0);
    expect(server.log()).toContain('round in');
  });

  it('takes the database from the client\'s OAR_DB_URL and paths from the client\'s folder', async () => {
    const dir = await twoJobSite(60);
    const elsewhere = tempDir('oar-serve-elsewhere-');
    const server = await serve(elsewhere, [], join(elsewhere, 's.sock'));
    const db = copyOf(dir);
    const r = await round(dir, ['--now', String(N), '--no-notify', '--json', '--socket', server.socket], { ...ENV, OAR_DB_URL: `sqlite:${db}` });
    expect(r.code, r.stderr).toBe(0);
    // The client's folder holds the config (security time 60) and the database.
    expect(plannedStarts(r.stdout)).toEqual([N, N + 660]);
  });

  it('notifies the launcher (ZeroMQ, from the round thread), round after round and after a reload', async () => {
    const pull = new Pull({ linger: 0 });
    await pull.bind('tcp://127.0.0.1:*');
    try {
      const port = Number(/:(\d+)$/.exec(pull.lastEndpoint ?? '')?.[1]);
      const dir = await twoJobSite(60);
      writeFileSync(join(dir, 'oar.conf'), `BIPBIP_COMMANDER_SERVER="127.0.0.1"\nBIPBIP_COMMANDER_PORT="${port}"\n`);
      const server = await serve(dir, ['--oar-conf', 'oar.conf']);
      pull.receiveTimeout = 5000;
      for (const security of [60, 60, 90]) {
        writeFileSync(join(dir, 'oar.config.json'), `{ "scheduler": { "jobSecurityTime": ${security} } }\n`);
        const r = await round(dir, ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--oar-conf', 'oar.conf', '--socket', server.socket]);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stderr).not.toContain('warning');
        expect((await pull.receive()).map(String)).toEqual(['{"job_id": 1, "cmd": "OARRUN", "args": []}']);
      }
      expect(server.log()).toContain('loading the config and plugins anew');
    } finally {
      pull.close();
    }
  });

  it('with the launcher unreachable: the warning of an in-process round; the server still reloads and stops', async () => {
    const dir = await twoJobSite(60);
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const port = (dead.address() as { port: number }).port;
    await new Promise<void>((r) => dead.close(() => r()));
    writeFileSync(join(dir, 'oar.conf'), `BIPBIP_COMMANDER_SERVER="127.0.0.1"\nBIPBIP_COMMANDER_PORT="${port}"\n`);
    const server = await serve(dir, ['--oar-conf', 'oar.conf']);
    const args = () => ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--oar-conf', 'oar.conf'];
    const here = await round(dir, [...args(), '--no-serve']);
    expect(here.stderr).toContain('warning: notification');
    for (const security of [60, 90]) {
      writeFileSync(join(dir, 'oar.config.json'), `{ "scheduler": { "jobSecurityTime": ${security} } }\n`);
      const there = await round(dir, [...args(), '--socket', server.socket]);
      expect({ code: there.code, stderr: there.stderr }).toEqual({ code: here.code, stderr: here.stderr });
    }
    const t0 = Date.now();
    expect(await server.stop()).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('what the setup logs (a loader warning) is printed by every served round, as by every in-process one', async () => {
    const dir = await twoJobSite(60);
    writeFileSync(join(dir, 'oar.config.json'), '{ "plugins": { "disable": ["no-such-plugin"] } }\n');
    const server = await serve(dir);
    const args = () => ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--no-notify'];
    const here = await round(dir, [...args(), '--no-serve']);
    expect(here.stderr).toContain('warning: ' + join(dir, 'oar.config.json') + ': plugins.disable: "no-such-plugin" matches no discovered or listed plugin');
    for (let i = 0; i < 2; i++) expect((await round(dir, [...args(), '--socket', server.socket])).stderr).toBe(here.stderr);
  });

  it('a changed config file is picked up by the next round', async () => {
    const dir = await twoJobSite(60);
    const server = await serve(dir);
    const args = () => ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--no-notify', '--json', '--socket', server.socket];
    expect(plannedStarts((await round(dir, args())).stdout)).toEqual([N, N + 660]);
    // Same size: only the modification time tells.
    writeFileSync(join(dir, 'oar.config.json'), '{ "scheduler": { "jobSecurityTime": 90 } }\n');
    expect(plannedStarts((await round(dir, args())).stdout)).toEqual([N, N + 690]);
    expect(server.log()).toContain(`changed since loaded: ${join(dir, 'oar.config.json')}`);
    // A config file appearing where the search looks first (oar.config.ts before oar.config.json).
    writeFileSync(join(dir, 'oar.config.ts'), 'export default { scheduler: { jobSecurityTime: 120 } };\n');
    expect(plannedStarts((await round(dir, args())).stdout)).toEqual([N, N + 720]);
    expect(server.log().match(/round in .*: exit 0/g)).toHaveLength(3);
  });

  it('a changed plugin is loaded anew, its other modules too', async () => {
    const dir = await twoJobSite(60);
    const plugin = (message: string) => {
      writeFileSync(join(dir, 'message.mjs'), `export const message = ${JSON.stringify(message)};\n`);
      writeFileSync(join(dir, 'plugin.mjs'), `import { message } from './message.mjs';\nexport default { apiVersion: 1, name: 'says', setup(api) { api.extraMetasched('says', () => api.log.info(message)); } };\n`);
    };
    plugin('first words');
    writeFileSync(join(dir, 'oar.config.json'), '{ "plugins": { "list": ["./plugin.mjs"] }, "extraMetasched": { "name": "says" } }\n');
    const server = await serve(dir);
    const args = () => ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--no-notify', '--socket', server.socket];
    expect((await round(dir, args())).stderr).toContain('first words');
    plugin('second words'); // the entry is rewritten (its mtime changes), and the module it imports
    const r = await round(dir, args());
    expect(r.stderr).toContain('second words');
    expect(r.stderr).not.toContain('first words');
  });
});

describe('oar-sched serve: failures are reported as in-process', () => {
  /** Each case: files of the client's folder, the round's extra arguments, the exit code and a part of the message (in-process and served). */
  const cases: [string, Record<string, string>, string[], number, string][] = [
    ['an invalid --now', {}, ['--now', 'soon'], 10, '--now: expected a whole number of seconds'],
    ['an invalid config file', { 'oar.config.json': '{ "scheduler": { "jobSecurityTime": "soon" } }\n' }, [], 10, 'oar.config.json: invalid config'],
    ['a plugin whose setup throws', { 'oar.config.json': '{ "plugins": { "list": ["./bad.mjs"] } }\n', 'bad.mjs': "export default { apiVersion: 1, name: 'bad', setup() { throw new Error('bad plugin'); } };\n" }, [], 10, 'bad plugin'],
    ['a plugin whose module does not load', { 'oar.config.json': '{ "plugins": { "list": ["./broken.mjs"] } }\n', 'broken.mjs': 'export default {;\n' }, [], 10, 'plugin ./broken.mjs: loading'],
    ['a missing database', {}, ['--db', 'sqlite:missing.sqlite'], 10, 'missing.sqlite'],
    [
      'a plugin whose hook throws during the round (a warning; the round stands)',
      { 'oar.config.json': '{ "plugins": { "list": ["./throws.mjs"] }, "extraMetasched": { "name": "throws" } }\n', 'throws.mjs': "export default { apiVersion: 1, name: 'throws', setup(api) { api.extraMetasched('throws', () => { throw new Error('hook failed'); }); } };\n" },
      [],
      0,
      'hook failed',
    ],
  ];

  it.each(cases)('%s: same message and exit code', async (_name, files, extra, code, message) => {
    const dir = await twoJobSite(60);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    // The server runs from a clean folder: the client's broken files are the client's round's.
    const home = tempDir('oar-serve-home-');
    const server = await serve(home, [], join(home, 's.sock'));
    const args = (db: string) => ['--db', `sqlite:${db}`, '--now', String(N), '--no-notify', ...extra];
    const local = copyOf(dir);
    const here = await round(dir, [...args(local), '--no-serve']);
    const served = copyOf(dir);
    const there = await round(dir, [...args(served), '--socket', server.socket]);
    expect(here.code).toBe(code);
    expect(here.stderr).toContain(message);
    expect({ code: there.code, stdout: there.stdout, stderr: there.stderr }).toEqual({ code: here.code, stdout: here.stdout, stderr: here.stderr });
    expect(server.log()).toContain(`round in ${dir}: exit ${here.code}`);
    expect(await dump(join(dir, served))).toEqual(await dump(join(dir, local)));
  });

  it('a broken config given to serve stops it at start, with the message a round would print (exit 2)', async () => {
    const dir = tempDir('oar-serve-broken-');
    writeFileSync(join(dir, 'oar.config.json'), '{ "scheduler": { "jobSecurityTime": "soon" } }\n');
    const r = await runBin(dir, ['serve', '--socket', join(dir, 's.sock'), '--config', 'oar.config.json'], ENV);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`oar-sched: ${join(dir, 'oar.config.json')}: invalid config`);
    expect(existsSync(join(dir, 's.sock'))).toBe(false);
  });
});

describe('oar-sched round: without a working server, the round runs in-process', () => {
  it('no server: in-process, no warning (the output of --no-serve)', async () => {
    const dir = await twoJobSite(60);
    const args = (db: string) => ['--db', `sqlite:${db}`, '--now', String(N), '--no-notify'];
    const forced = await round(dir, [...args(copyOf(dir)), '--no-serve']);
    for (const r of [await round(dir, [...args(copyOf(dir)), '--socket', join(dir, 'nobody.sock')]), await round(dir, args(copyOf(dir)), { ...ENV, OAR_SCHED_SOCKET: join(dir, 'nobody.sock') })]) {
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: forced.code, stderr: forced.stderr });
      expect(r.code).toBe(0);
    }
  });

  it('a stale socket file (its server was killed): the client runs the round quietly, a new server removes it', async () => {
    const dir = await twoJobSite(60);
    const first = await serve(dir);
    await first.kill();
    expect(lstatSync(first.socket).isSocket()).toBe(true);
    const args = (db: string) => ['--db', `sqlite:${db}`, '--now', String(N), '--no-notify'];
    const forced = await round(dir, [...args(copyOf(dir)), '--no-serve']);
    const r = await round(dir, [...args(copyOf(dir)), '--socket', first.socket]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: forced.stderr });
    const second = await serve(dir);
    expect(second.log()).toContain(`removed ${first.socket}: a socket no server answered on`);
    expect((await round(dir, [...args(copyOf(dir)), '--socket', second.socket])).code).toBe(0);
    expect(second.log()).toContain('round in');
  });

  it('a server of another version: a warning, then in-process (asked once: the binary\'s fast path tells the command tree)', async () => {
    const dir = await twoJobSite(60);
    const socket = join(dir, 'other.sock');
    let connections = 0;
    const other = createServer((c) => {
      connections++;
      c.write('{"hello":{"version":"0.0.0-other","pid":1}}\n');
    });
    await new Promise<void>((r) => other.listen(socket, r));
    try {
      const r = await round(dir, ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--no-notify', '--socket', socket]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/^oar-sched: warning: the oar-sched server at .* runs oar-sched 0\.0\.0-other, this is .*: the round runs in this process\n/);
      expect(r.stderr.match(/warning/g)).toHaveLength(1);
      expect(connections).toBe(1);
      expect(r.stderr).toContain('exit 0');
    } finally {
      other.close();
    }
  });

  it('refuses to start where another server answers, or where the path is not a socket', async () => {
    const dir = await twoJobSite(60);
    const server = await serve(dir);
    const again = await runBin(dir, ['serve', '--socket', server.socket], ENV);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`another oar-sched serve answers on ${server.socket}`);
    writeFileSync(join(dir, 'plain-file'), '');
    const file = await runBin(dir, ['serve', '--socket', 'plain-file'], ENV);
    expect(file.code).toBe(2);
    expect(file.stderr).toContain(`${join(dir, 'plain-file')} exists and is not a socket`);
  });
});

describe('oar-sched serve: one round at a time, stopping, dying', () => {
  it('a second client waits for the first round to finish', async () => {
    const dir = await twoJobSite(60);
    slowPlugin(dir, 400);
    const server = await serve(dir);
    const args = () => ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--no-notify', '--socket', server.socket];
    const [a, b] = await Promise.all([round(dir, args()), round(dir, args())]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const log = readFileSync(join(dir, 'hook.log'), 'utf8').trim().split('\n');
    expect(log.map((l) => l.split(' ')[0])).toEqual(['start', 'end', 'start', 'end']);
  });

  it('SIGTERM: the round in progress finishes, then the socket is removed and the server exits 0', async () => {
    const dir = await twoJobSite(60);
    slowPlugin(dir, 800);
    const server = await serve(dir);
    const pending = round(dir, ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--no-notify', '--socket', server.socket]);
    await until(() => existsSync(join(dir, 'hook.log')), 'the round to start');
    const code = await server.stop();
    const r = await pending;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('oar-sched: exit 0');
    expect(code).toBe(0);
    expect(existsSync(server.socket)).toBe(false);
    expect(server.log()).toMatch(/SIGTERM: finishing the round in progress, then stopping\n.*round in .*: exit 0[^]*stopped\n$/);
  });

  it('a server killed mid-round: the client says the transaction rolled back and exits 10; nothing was written', async () => {
    const dir = await twoJobSite(60);
    slowPlugin(dir, 5000);
    const server = await serve(dir);
    const db = copyOf(dir);
    const before = await dump(join(dir, db));
    const pending = round(dir, ['--db', `sqlite:${db}`, '--now', String(N), '--no-notify', '--socket', server.socket]);
    await until(() => existsSync(join(dir, 'hook.log')), 'the round to start');
    await server.kill();
    const r = await pending;
    expect(r.code).toBe(10);
    expect(r.stderr).toBe(
      `oar-sched: the oar-sched server at ${server.socket} stopped before the round finished (the connection closed without an exit code): ` +
        'its database transaction was not committed and rolled back with its connection\noar-sched: the round wrote nothing\n',
    );
    expect(await dump(join(dir, db))).toEqual(before);
  });

  it('a client killed during its round takes the round with it (rolled back, as in-process); the next round runs', async () => {
    const dir = await twoJobSite(60);
    slowPlugin(dir, 5000);
    const server = await serve(dir);
    const db = copyOf(dir);
    const before = await dump(join(dir, db));
    const client = startBin(dir, ['round', '--db', `sqlite:${db}`, '--now', String(N), '--no-notify', '--socket', server.socket], ENV);
    await until(() => existsSync(join(dir, 'hook.log')), 'the round to start');
    client.child.kill('SIGKILL');
    await client.done;
    await until(() => server.log().includes('the round thread stopped during the round'), 'the server to stop the round');
    expect(server.log()).toContain(`the client in ${dir} went away during its round: stopping the round`);
    expect(await dump(join(dir, db))).toEqual(before);
    slowPlugin(dir, 0);
    const next = await round(dir, ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--no-notify', '--socket', server.socket]);
    expect(next.code, next.stderr).toBe(0);
    expect(server.log()).toMatch(/round in .*: exit 0/);
  });

  it('a round thread that died between rounds (a plugin threw from a timer) is replaced: the next round runs', async () => {
    const dir = await twoJobSite(60);
    writeFileSync(join(dir, 'late.mjs'), "export default { apiVersion: 1, name: 'late', setup(api) { api.extraMetasched('late', () => { setTimeout(() => { throw new Error('late failure'); }, 100); }); } };\n");
    writeFileSync(join(dir, 'oar.config.json'), '{ "plugins": { "list": ["./late.mjs"] }, "extraMetasched": { "name": "late" } }\n');
    const server = await serve(dir);
    const args = () => ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--no-notify', '--socket', server.socket];
    expect((await round(dir, args())).code).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const next = await round(dir, args());
    expect(next.code, next.stderr).toBe(0);
    expect(server.log()).toContain('the round thread had stopped since the last round (late failure): starting a new one');
  });

  it('a server lost after the commit: a warning, and the exit code of the committed plan (its notifications may be missing)', async () => {
    const dir = await twoJobSite(60);
    const socket = join(dir, 'dies.sock');
    const version = JSON.parse(readFileSync(join(OAR_SCHED_BIN, '..', '..', 'package.json'), 'utf8')).version as string;
    // Stands for a server that dies right after its round committed (exit code 2: kill besteffort jobs first).
    const dying = createServer((c) => {
      c.write(`{"hello":{"version":"${version}","pid":1}}\n`);
      c.once('data', () => {
        c.write('{"committed":2}\n');
        c.destroy();
      });
    });
    await new Promise<void>((r) => dying.listen(socket, r));
    try {
      const r = await round(dir, ['--db', `sqlite:${copyOf(dir)}`, '--now', String(N), '--no-notify', '--socket', socket]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `oar-sched: warning: the oar-sched server at ${socket} stopped after the round committed (the connection closed without an exit code): ` +
          "the plan is in the database, but notifications and the round's report may be missing\noar-sched: exit 2\n",
      );
    } finally {
      dying.close();
    }
  });
});
