/**
 * `oar-sched plugins`: the table a sysadmin reads and the JSON a script reads, from a site
 * project with a built-in, a discovered dependency, a listed local file and a disabled package.
 */
import { runCli, type PluginsReport } from 'oar-sched';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, manifest, pluginModule, recordingIo, removeProjects } from './fixture.js';

afterAll(removeProjects);

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function site(): string {
  return createProject({
    packages: [
      {
        name: '@site/oar-plugin-contiguous',
        version: '3.0.1',
        oar: manifest('./src/index.ts', { find: ['contiguous'] }),
        files: { 'src/index.ts': pluginModule('@site/oar-plugin-contiguous', "api.find('contiguous', () => undefined); api.assign('contiguous', () => undefined);") },
      },
      { name: 'oar-plugin-off', oar: manifest('./index.js'), files: { 'index.js': 'throw new Error("never loaded");' } },
    ],
    files: {
      'conf/site.json': JSON.stringify({ plugins: { disable: ['oar-plugin-off'], list: ['./local-sort.js'] } }),
      'conf/local-sort.js': pluginModule('site-sort', "api.jobsSorting('site', (ctx) => ctx.jobs);"),
    },
  });
}

describe('oar-sched plugins', () => {
  it('prints a table: plugin, source, package, version, api version, hooks', async () => {
    const dir = site();
    const io = recordingIo(dir);
    expect(await runCli(['plugins', '--config', 'conf/site.json'], io)).toBe(0);
    expect(io.stderr()).toBe('');
    const lines = io.stdout().split('\n');
    expect(lines.slice(0, 3)).toEqual([`config:  ${join(dir, 'conf', 'site.json')}`, `project: ${dir}`, '']);
    const table = lines.slice(3).filter((l) => l !== '');
    expect(table[0]).toMatch(/^PLUGIN +SOURCE +PACKAGE +VERSION +API +PROVIDES$/);
    const row = (name: string) => table.find((l) => l.startsWith(`${name} `))?.split(/ {2,}/);
    expect(row('@oar-sched/plugin-find-default')).toEqual(['@oar-sched/plugin-find-default', 'built-in', '@oar-sched/plugin-find-default', '0.1.0', '1', 'find: default']);
    expect(row('@site/oar-plugin-contiguous')).toEqual(['@site/oar-plugin-contiguous', 'dependency', '@site/oar-plugin-contiguous', '3.0.1', '1', 'assign: contiguous; find: contiguous']);
    expect(row('site-sort')).toEqual(['site-sort', 'config', 'file conf/local-sort.js', '-', '1', 'jobsSorting: site']);
    expect(table.at(-1)).toBe('disabled: oar-plugin-off');
    // built-ins first, then dependencies, then the config's list
    const sources = table.slice(1, -1).map((l) => l.split(/ {2,}/)[1]);
    expect(new Set(sources.slice(0, -2))).toEqual(new Set(['built-in']));
    expect(sources.slice(-2)).toEqual(['dependency', 'config']);
  });

  it('prints JSON with --json', async () => {
    const dir = site();
    const io = recordingIo(dir);
    expect(await runCli(['plugins', '--json', '--config', join(dir, 'conf', 'site.json')], io)).toBe(0);
    const report = JSON.parse(io.stdout()) as PluginsReport;
    expect(report.config).toBe(join(dir, 'conf', 'site.json'));
    expect(report.project).toBe(dir);
    expect(report.disabled).toEqual(['oar-plugin-off']);
    expect(report.plugins.filter((p) => p.source !== 'built-in')).toEqual([
      {
        name: '@site/oar-plugin-contiguous',
        source: 'dependency',
        package: '@site/oar-plugin-contiguous',
        version: '3.0.1',
        apiVersion: 1,
        entry: join(dir, 'packages', '@site__oar-plugin-contiguous', 'src', 'index.ts'),
        provides: { jobsSorting: [], assign: ['contiguous'], find: ['contiguous'], extraMetasched: [] },
      },
      {
        name: 'site-sort',
        source: 'config',
        package: null,
        version: null,
        apiVersion: 1,
        entry: join(dir, 'conf', 'local-sort.js'),
        provides: { jobsSorting: ['site'], assign: [], find: [], extraMetasched: [] },
      },
    ]);
    expect(report.plugins.filter((p) => p.source === 'built-in').map((p) => p.name)).toEqual(
      expect.arrayContaining(['@oar-sched/plugin-find-default', '@oar-sched/plugin-assign-default', '@oar-sched/plugin-sort-fifo']),
    );
  });

  it('without a config file: says so, and takes the nearest package.json up as the project', async () => {
    const dir = createProject({});
    const io = recordingIo(join(dir, 'node_modules'));
    // node_modules has no package.json of its own: the project is found one level up
    expect(await runCli(['plugins'], io)).toBe(0);
    expect(io.stdout().split('\n').slice(0, 2)).toEqual(['config:  none found (defaults)', `project: ${dir}`]);
  });

  it('from the repository root, lists the OAR3 example plugins as discovered dependencies', async () => {
    const io = recordingIo(REPO);
    expect(await runCli(['plugins', '--json'], io), io.stderr()).toBe(0);
    const report = JSON.parse(io.stdout()) as PluginsReport;
    const provided = (kind: 'find' | 'assign' | 'jobsSorting' | 'extraMetasched') =>
      report.plugins.filter((p) => p.source === 'dependency').flatMap((p) => p.provides[kind]);
    expect(provided('find')).toEqual(expect.arrayContaining(['contiguous_1h', 'contiguous_sorted_1h', 'local', 'begin', 'find_even_or_odd']));
    expect(provided('assign')).toEqual(expect.arrayContaining(['one_time_find', 'one_time_find_mld']));
    expect(provided('jobsSorting')).toEqual(expect.arrayContaining(['simple_priority']));
    expect(provided('extraMetasched')).toEqual(expect.arrayContaining(['logger', 'foo']));
  });
});
