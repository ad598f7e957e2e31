/**
 * What `oar-sched` loads before doing any work. OAR starts the scheduler as a new process every
 * cycle, so start-up is paid every round: a command's modules load only when it runs, the config
 * machinery (cosmiconfig, jiti) only when there is a config file, and the binary runs from its
 * bundle (engine, zod and built-ins compiled in, the plugin API shared). Checked by recording
 * every module the real binary loads (a module.register hook, bundle files expanded);
 * speed itself is measured by `npm run bench`, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { recordLoadedModules } from '../support/loaded-modules.js';
import { startServer } from '../support/oar-sched-server.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'cli', 'bin', 'oar-sched.js');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const TINY = JSON.stringify({
  now: 0,
  resources: [{ ids: '1-4', properties: { network_address: 'n1' } }],
  jobs: [{ id: 1, moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 2 }] }] }] }],
});

/**
 * Runs the binary in a fresh folder holding `files` (and tiny.json); returns every module it
 * loaded, the source modules inside its bundle files included (see loaded-modules.ts).
 */
function loadedModules(args: readonly string[], files: Record<string, string> = {}): { code: number | null; stderr: string; modules: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'oar-startup-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'tiny.json'), TINY);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const recorder = recordLoadedModules();
  try {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env: recorder.env() });
    return { code: r.status, stderr: r.stderr, modules: recorder.read() };
  } finally {
    recorder.dispose();
  }
}

const from = (modules: readonly string[], fragment: string) => modules.filter((m) => m.includes(fragment));
/** Files Node itself read (not source modules inside a bundle file). */
const files = (modules: readonly string[]) => modules.filter((m) => !m.includes('#'));

describe('oar-sched start-up loads what the command needs, nothing more', () => {
  it('schedule without a config file: no cosmiconfig, no jiti; the engine, zod and the built-ins from the bundle', () => {
    const { code, stderr, modules } = loadedModules(['schedule', '--scenario', 'tiny.json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(from(files(modules), '/cli/bundle/main.js')).toHaveLength(1);
    for (const fragment of ['/cli/dist/', '/core/dist/', '/adapters/', '/plugins/', '/node_modules/zod/', '/node_modules/tapable/', '/node_modules/commander/']) {
      expect(from(files(modules), fragment), fragment).toEqual([]);
    }
    // The one copy of the plugin API that site plugins share.
    expect(from(files(modules), '/plugin-api/dist/index.js')).toHaveLength(1);
    expect(from(modules, '/node_modules/cosmiconfig/')).toEqual([]);
    expect(from(modules, '/node_modules/jiti/')).toEqual([]);
    expect(from(modules, '/commands/plugins.js')).toEqual([]);
    for (const name of ['find-default', 'assign-default', 'sort-fifo', 'sort-fairshare', 'sort-multifactor']) {
      expect(from(modules, `/plugins/${name}/dist/`).length, name).toBeGreaterThan(0);
    }
  });

  it('--version and --help load neither the engine nor zod', () => {
    for (const args of [['--version'], ['--help'], ['schedule', '--help']]) {
      const { code, modules } = loadedModules(args);
      expect(code).toBe(0);
      expect(from(modules, '/core/dist/')).toEqual([]);
      expect(from(modules, '/node_modules/zod/')).toEqual([]);
      expect(from(modules, '/commands/')).toEqual([]);
    }
  });

  it('round on SQLite without a server: kysely from the bundle, better-sqlite3 but not pg (each driver loads only for its engine), not the server client', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-startup-db-'));
    dirs.push(dir);
    const init = spawnSync(process.execPath, [bin, 'db', 'init', '--db', 'sqlite:oar.db'], { cwd: dir, encoding: 'utf8' });
    expect(init.status, init.stderr).toBe(0);
    const recorder = recordLoadedModules();
    let modules: string[];
    try {
      const noServer = { ...process.env, OAR_SCHED_SOCKET: join(dir, 'no-server.sock') };
      const r = spawnSync(process.execPath, [bin, 'round', '--db', 'sqlite:oar.db', '--now', '1700000000', '--no-notify'], { cwd: dir, encoding: 'utf8', env: recorder.env(noServer) });
      expect(r.status, r.stderr).toBe(0);
      modules = recorder.read();
    } finally {
      recorder.dispose();
    }
    expect(from(files(modules), '/node_modules/kysely/')).toEqual([]);
    expect(from(modules, '/node_modules/kysely/').length).toBeGreaterThan(0);
    expect(from(files(modules), '/node_modules/better-sqlite3/').length).toBeGreaterThan(0);
    expect(from(modules, '/node_modules/pg')).toEqual([]);
    // No socket file, no client: the check for a server is one lstat, by the binary's fast path
    // (its one CommonJS file holds the client's code, not run); the command tree, told so, does
    // not ask again (its own client chunk stays unloaded).
    expect(from(files(modules), '/cli/bundle/fast-client.cjs')).toHaveLength(1);
    expect(from(files(modules), '/cli/bundle/client-')).toEqual([]);
  });

  it('round as the client of a running oar-sched serve: neither the engine, zod, kysely nor a database driver', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-startup-serve-'));
    dirs.push(dir);
    const env = { ...process.env, OARCONFFILE: '', OAR_DB_URL: '', OAR_SCHED_SOCKET: '' };
    const init = spawnSync(process.execPath, [bin, 'db', 'init', '--db', 'sqlite:oar.db'], { cwd: dir, encoding: 'utf8', env });
    expect(init.status, init.stderr).toBe(0);
    const server = await startServer(dir, join(dir, 's.sock'), [], env);
    const recorder = recordLoadedModules();
    let modules: string[];
    try {
      const r = spawnSync(process.execPath, [bin, 'round', '--db', 'sqlite:oar.db', '--now', '1700000000', '--no-notify', '--socket', server.socket], { cwd: dir, encoding: 'utf8', env: recorder.env(env) });
      expect(r.status, r.stderr).toBe(0);
      modules = recorder.read();
    } finally {
      recorder.dispose();
      await server.stop();
    }
    expect(server.log()).toContain('round in'); // the round did run in the server
    expect(from(modules, '/serve/client.js').length).toBeGreaterThan(0);
    // The binary's fast path (serve/fast-client.ts): of oar-sched, only the CommonJS launcher and
    // fast client load; not even the command tree, nor any ES module of the bundle.
    // (With the recorder's --import, Node's ES loader hands the CommonJS entry over: seen twice.)
    expect(new Set(from(files(modules), '/cli/').map((m) => m.slice(m.indexOf('/cli/'))))).toEqual(new Set(['/cli/bin/oar-sched.js', '/cli/bundle/fast-client.cjs']));
    for (const fragment of ['/node_modules/commander/', '/cli/dist/main.js', '/core/dist/', '/node_modules/zod/', '/node_modules/kysely/', '/node_modules/better-sqlite3/', '/node_modules/pg', '/adapters/', '/plugins/', '/commands/round.js']) {
      expect(from(modules, fragment), fragment).toEqual([]);
    }
  });

  it('a YAML config file brings cosmiconfig, but not jiti (no code to evaluate)', () => {
    const { code, modules } = loadedModules(['schedule', '--scenario', 'tiny.json'], { '.oarrc.yaml': 'scheduler:\n  jobSecurityTime: 30\n' });
    expect(code).toBe(0);
    expect(from(modules, '/node_modules/cosmiconfig/').length).toBeGreaterThan(0);
    expect(from(modules, '/node_modules/jiti/')).toEqual([]);
  });

  it('a TypeScript config file brings jiti too', () => {
    const { code, modules } = loadedModules(['schedule', '--scenario', 'tiny.json'], { 'oar.config.ts': 'export default { scheduler: { jobSecurityTime: 30 } };\n' });
    expect(code).toBe(0);
    expect(from(modules, '/node_modules/jiti/').length).toBeGreaterThan(0);
  });
});
