/**
 * What a site gets from the registry: every tarball of `npm pack --workspaces`, installed
 * together into an empty folder (no workspace, no checkout, no symlink back here), gives a working
 * `oar-sched`. It schedules the demo scenario with the built-in plugins it depends on, and an
 * example plugin written against plugin API v1 (`@oar-sched/core/plugin`), installed as a plain
 * dependency of the site, is discovered and changes a placement.
 *
 * Third-party dependencies (tapable, zod, commander, …) come from npm's cache or the registry.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLOW_SCRIPTS } from '../../create-plugin/src/dependencies.js';
import { brokenLinks } from '../docs/markdown.js';
import { recordLoadedModules } from '../support/loaded-modules.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let site: string;
let packs: string;
let prebuilds: string;

/**
 * better-sqlite3 (the SQLite driver of @oar-sched/db) installs a prebuilt binary downloaded from
 * its releases, or compiles itself from source (minutes) when it cannot download one, as on this
 * machine. The binary this checkout already built is offered to the site as that prebuilt
 * (prebuild-install's local prebuilds, same file name as a release asset), so the site installs
 * the way a connected site does instead of compiling a second time. Without a built binary here,
 * or for another version, the install compiles as usual.
 */
function offerLocalSqlitePrebuild(): Record<string, string> {
  const pkg = join(root, 'node_modules', 'better-sqlite3');
  const binary = join(pkg, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(binary)) return {};
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  const stage = join(prebuilds, 'stage');
  mkdirSync(join(stage, 'build', 'Release'), { recursive: true });
  copyFileSync(binary, join(stage, 'build', 'Release', 'better_sqlite3.node'));
  const asset = `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`;
  execFileSync('tar', ['-czf', join(prebuilds, asset), '-C', stage, 'build/Release/better_sqlite3.node']);
  return { npm_config_better_sqlite3_local_prebuilds: prebuilds };
}

beforeAll(() => {
  packs = mkdtempSync(join(tmpdir(), 'oar-packs-'));
  site = mkdtempSync(join(tmpdir(), 'oar-site-'));
  prebuilds = mkdtempSync(join(tmpdir(), 'oar-prebuilds-'));
  execFileSync('npm', ['pack', '--workspaces', '--pack-destination', packs, '--silent'], { cwd: root, stdio: 'pipe' });
  const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
  // The sites' install line (docs/guides) and the scaffolder record the same install-script
  // decisions; strict, npm refuses any install script they do not cover.
  writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'a-site', private: true, allowScripts: ALLOW_SCRIPTS }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--strict-allow-scripts', ...tarballs.map((t) => join(packs, t))], {
    cwd: site,
    stdio: 'pipe',
    env: { ...process.env, ...offerLocalSqlitePrebuild() },
  });
  copyFileSync(join(root, 'docs', 'demo', 'demo-cluster.json'), join(site, 'demo.json'));
}, 300_000);

afterAll(() => {
  for (const dir of [site, packs, prebuilds]) if (dir) rmSync(dir, { recursive: true, force: true });
});

function oarSched(...args: string[]) {
  return oarSchedWith(process.env, ...args);
}

function oarSchedWith(env: NodeJS.ProcessEnv, ...args: string[]) {
  const r = spawnSync(join(site, 'node_modules', '.bin', 'oar-sched'), args, { cwd: site, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the packed packages installed into an empty folder', () => {
  it('are real copies, not links into the checkout', () => {
    for (const pkg of ['oar-sched', '@oar-sched/core', '@oar-sched/plugin-api', '@oar-sched/plugin-find-default', '@oar-sched/db']) {
      expect(lstatSync(join(site, 'node_modules', pkg)).isSymbolicLink()).toBe(false);
    }
  });

  it('give an oar-sched that schedules the demo scenario', () => {
    const r = oarSched('schedule', '--scenario', 'demo.json');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(0);
    const jobs = Object.values(JSON.parse(r.stdout).jobs as Record<string, { scheduled: boolean }>);
    expect(jobs.length).toBeGreaterThan(5);
    expect(jobs.some((j) => j.scheduled)).toBe(true);
  });

  it('give an oar-sched that runs from its bundle, sharing the one plugin API with site plugins', () => {
    const recorder = recordLoadedModules();
    try {
      const r = oarSchedWith(recorder.env(), 'schedule', '--scenario', 'demo.json');
      expect(r.code).toBe(0);
      // Files Node itself read: entries with `#` are source modules inside a bundle file.
      const installed = (pkg: string) => recorder.read().filter((url) => !url.includes('#') && url.includes(`/node_modules/${pkg}/`));
      expect(installed('oar-sched/bundle').length).toBeGreaterThan(0);
      // The engine, zod and the built-ins are compiled into the bundle: their own files stay unread
      // (the find-default package is left out of the list: a site example imports its helpers).
      for (const pkg of ['oar-sched/dist', '@oar-sched/scenario', 'zod', '@oar-sched/plugin-assign-default', '@oar-sched/plugin-sort-fifo', '@oar-sched/plugin-sort-multifactor']) {
        expect(installed(pkg), pkg).toEqual([]);
      }
      // Only the API v1 alias the site's own plugin imports (`@oar-sched/core/plugin`), which
      // re-exports the one installed plugin API the bundle uses too.
      expect(installed('@oar-sched/core').map((url) => url.replace(/.*\/node_modules\//, ''))).toEqual(['@oar-sched/core/dist/plugin.js']);
      expect(new Set(installed('@oar-sched/plugin-api').map((url) => url.replace(/\/dist\/.*/, '')))).toEqual(
        new Set([pathToFileURL(join(site, 'node_modules', '@oar-sched', 'plugin-api')).href]),
      );
    } finally {
      recorder.dispose();
    }
  });

  it('load the built-in plugins as dependencies of oar-sched', () => {
    const r = oarSched('plugins', '--json');
    expect(r.code).toBe(0);
    const plugins = (JSON.parse(r.stdout) as { plugins: { name: string; source: string }[] }).plugins;
    const builtIns = plugins.filter((p) => p.source === 'built-in').map((p) => p.name);
    expect(builtIns).toEqual(expect.arrayContaining(['@oar-sched/plugin-find-default', '@oar-sched/plugin-assign-default', '@oar-sched/plugin-sort-fifo']));
  });

  it('run an unchanged plugin API v1 example (find=contiguous_1h) installed as a site dependency', () => {
    // Resources 1-2 and 5-8 are free at now, 3-4 are held: 4 contiguous resources exist only at 5-8;
    // the default find takes the first four free ones (1-2, 5-6).
    const scenario = (types: Record<string, string>) => ({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'] },
      resources: [{ ids: '1-8' }],
      jobs: [
        { id: 1, state: 'Running', startTime: 0, resources: '3-4', moldables: [{ walltime: 100, request: [{ levels: [{ level: 'resource_id', count: 2 }] }] }] },
        { id: 2, types, moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 4 }] }] }] },
      ],
    });
    writeFileSync(join(site, 'contiguous.json'), JSON.stringify(scenario({ find: 'contiguous_1h' })));
    writeFileSync(join(site, 'default.json'), JSON.stringify(scenario({})));
    const placed = (file: string) => {
      const r = oarSched('schedule', '--scenario', file);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { jobs: Record<string, { resources?: string }> }).jobs['2']?.resources;
    };
    expect(placed('default.json')).toBe('1-2 5-6');
    expect(placed('contiguous.json')).toBe('5-8');
  });

  it('each have a README, and oar-sched ships the docs its README, help texts and hints point at', () => {
    for (const tarball of readdirSync(packs).filter((f) => f.endsWith('.tgz'))) {
      const files = execFileSync('tar', ['-tzf', join(packs, tarball)], { encoding: 'utf8' }).split('\n');
      const { private: isPrivate } = JSON.parse(execFileSync('tar', ['-xzOf', join(packs, tarball), 'package/package.json'], { encoding: 'utf8' })) as { private?: boolean };
      if (!isPrivate) expect(files, tarball).toContain('package/README.md');
    }
    const installed = join(site, 'node_modules', 'oar-sched');
    expect(brokenLinks('README.md', installed)).toEqual([]);
    const help = oarSched('schedule', '--help');
    const page = join('node_modules', 'oar-sched', 'docs', 'reference', 'scenario-format.md');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain(`format: ${page}`); // commander wraps the option's text
    expect(existsSync(join(site, page))).toBe(true);
    // The help's own example runs as printed, from the site's folder.
    const example = /oar-sched schedule --scenario (\S+) --format table/.exec(help.stdout)?.[1];
    expect(example).toBe(join('node_modules', 'oar-sched', 'docs', 'demo', 'demo-cluster.json'));
    expect(oarSched('schedule', '--scenario', example!, '--format', 'table').code).toBe(0);
  });

  it('give a working database adapter, its native SQLite driver included', () => {
    const script = [
      "const { openDatabase, initSchema, listTables } = await import('@oar-sched/db');",
      "const db = await openDatabase('sqlite::memory:');",
      'await initSchema(db);',
      'console.log((await listTables(db)).length);',
      'await db.close();',
    ].join(' ');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: site, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('27');
  });
});
