/**
 * Temporary site projects for the plugin end-to-end tests: a folder under the OS temp dir with a
 * package.json, plugin packages under `packages/` installed as `file:` dependencies (npm links
 * those as symlinks in node_modules; we create the same links without running npm), and
 * `@oar-sched/core` resolvable as it is in a real site (a link to this repository's core).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from 'oar-sched';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type DependencyField = 'dependencies' | 'devDependencies' | 'optionalDependencies';

export interface PluginPackage {
  readonly name: string;
  readonly version?: string;
  /** The package.json `"oar"` field; omitted: not a plugin. */
  readonly oar?: unknown;
  /** Files of the package, by path inside it. */
  readonly files: Readonly<Record<string, string>>;
  /** Where the project lists it; `false`: installed in node_modules but not a direct dependency. */
  readonly field?: DependencyField | false;
}

export interface ProjectSpec {
  readonly packages?: readonly PluginPackage[];
  /** Further files of the project (config file, local plugins, scenarios), by relative path. */
  readonly files?: Readonly<Record<string, string>>;
}

const created: string[] = [];

export function createProject(spec: ProjectSpec): string {
  const dir = mkdtempSync(join(tmpdir(), 'oar-site-'));
  created.push(dir);
  const json: Record<string, unknown> = { name: 'site', private: true, type: 'module' };
  for (const pkg of spec.packages ?? []) {
    const folder = join(dir, 'packages', pkg.name.replace('/', '__'));
    write(folder, 'package.json', JSON.stringify({
      name: pkg.name,
      version: pkg.version ?? '1.0.0',
      type: 'module',
      ...(pkg.oar !== undefined ? { oar: pkg.oar } : {}),
      peerDependencies: { '@oar-sched/core': '*' },
    }, null, 2));
    for (const [file, text] of Object.entries(pkg.files)) write(folder, file, text);
    link(folder, join(dir, 'node_modules', pkg.name));
    if (pkg.field !== false) {
      const field = pkg.field ?? 'dependencies';
      json[field] = { ...(json[field] as object | undefined), [pkg.name]: `file:./packages/${pkg.name.replace('/', '__')}` };
    }
  }
  write(dir, 'package.json', JSON.stringify(json, null, 2));
  link(join(REPO, 'core'), join(dir, 'node_modules', '@oar-sched', 'core'));
  link(join(REPO, 'node_modules', 'zod'), join(dir, 'node_modules', 'zod'));
  for (const [file, text] of Object.entries(spec.files ?? {})) write(dir, file, text);
  return dir;
}

export function removeProjects(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function write(dir: string, file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

function link(target: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, 'dir');
}

/** A `CliIo` that records what the CLI writes, running in `cwd`. */
export function recordingIo(cwd: string): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    cwd,
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stdout: () => out,
    stderr: () => err,
  };
}

/** A logger that keeps the lines (plugin log lines, loader warnings). */
export function recordingLogger(): { info(m: string): void; warn(m: string): void; lines: string[] } {
  const lines: string[] = [];
  return { info: (m) => void lines.push(`info: ${m}`), warn: (m) => void lines.push(`warn: ${m}`), lines };
}

/** An `"oar"` manifest. */
export function manifest(entry: string, provides: Record<string, string[]> = {}, apiVersion = 1): unknown {
  return { apiVersion, entry, provides };
}

/** A one-file plugin module exporting `definePlugin({ name, setup })`. */
export function pluginModule(name: string, setupBody: string, extra = ''): string {
  return [
    "import { definePlugin } from '@oar-sched/core/plugin';",
    extra,
    `export default definePlugin({ name: ${JSON.stringify(name)}, setup(api) {\n${setupBody}\n} });`,
    '',
  ].join('\n');
}

/**
 * A small cluster: 8 resources (ids 1-8) on two nodes `a` (1-4) and `b` (5-8), one queue, and
 * the given waiting jobs (walltime 60 each, security time left to the config).
 */
export function scenario(jobs: readonly { id: number; request: string; types?: Record<string, string> }[], config?: object): string {
  return JSON.stringify({
    now: 1000,
    ...(config ? { config } : {}),
    resources: [
      { ids: '1-4', properties: { network_address: 'a' } },
      { ids: '5-8', properties: { network_address: 'b' } },
    ],
    jobs: jobs.map((j) => {
      const [level, count] = j.request.split('=') as [string, string];
      return {
        id: j.id,
        types: j.types ?? {},
        moldables: [{ walltime: 60, request: [{ levels: [{ level, count: Number(count) }] }] }],
      };
    }),
  });
}
