/**
 * The reload rule of `oar-sched serve`: which files a setup (config file and plugins) was built
 * from, and whether any of them changed since. A file's state is its modification time (to the
 * nanosecond the file system keeps), size and inode, or its absence; before each round the server
 * compares them with what they were when the setup was built (a few `stat` calls, no reading).
 *
 * Watched, for one setup:
 * - the config file given with `--config`; without one, every place the search would look
 *   (`CONFIG_SEARCH_PLACES` in each folder from the current one up to the project root) and the
 *   package.json or package.yaml that ends the search, so that a config file created, removed or
 *   edited there is seen;
 * - the project's package.json (its dependencies are the discovered plugins) and npm's record of
 *   the installed tree, `node_modules/.package-lock.json`, which every `npm install`, `update` or
 *   `uninstall` in the project rewrites;
 * - for each plugin that is not a built-in: its entry file and the package.json of its package
 *   (the nearest one above the entry).
 * Not watched: files a config or a plugin entry imports in turn (a plugin's other modules, a
 * quotas file a TypeScript config reads), the oar.conf (read anew by every round anyway) and
 * oar-sched itself (restart the server after upgrading it: its clients then refuse a server of
 * another version).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_SEARCH_PLACES, configSearchFolders } from '../config/load-config.js';
import type { SchedulerSetup } from '../setup.js';

/** Each watched path with its state (`mtime:size:ino`, or `absent`). */
export type Fingerprint = ReadonlyMap<string, string>;

export function fingerprintOf(paths: Iterable<string>): Fingerprint {
  const out = new Map<string, string>();
  for (const path of paths) out.set(path, stateOf(path));
  return out;
}

/** The watched paths whose state is no longer the fingerprint's, in its order. */
export function changedSince(fingerprint: Fingerprint): string[] {
  return [...fingerprint].filter(([path, state]) => stateOf(path) !== state).map(([path]) => path);
}

function stateOf(path: string): string {
  const s = statSync(path, { bigint: true, throwIfNoEntry: false });
  return s === undefined ? 'absent' : `${s.mtimeNs}:${s.size}:${s.ino}`;
}

/** What the config lookup of a setup depends on: known before the setup is built. */
export function configPaths(configFile: string | undefined, cwd: string): string[] {
  if (configFile !== undefined) return [configFile];
  return configSearchFolders(cwd).flatMap((dir) => [...CONFIG_SEARCH_PLACES.map((place) => join(dir, place)), join(dir, 'package.json'), join(dir, 'package.yaml')]);
}

/** What the plugins of a built setup were loaded from. */
export function pluginPaths(setup: SchedulerSetup): string[] {
  const paths = new Set<string>();
  if (setup.projectDir !== undefined) {
    paths.add(join(setup.projectDir, 'package.json'));
    paths.add(join(setup.projectDir, 'node_modules', '.package-lock.json'));
  }
  for (const plugin of setup.registry.plugins) {
    if (plugin.source === 'built-in' || plugin.entry === undefined) continue;
    paths.add(plugin.entry);
    const manifest = nearestPackageJson(dirname(plugin.entry));
    if (manifest !== undefined) paths.add(manifest);
  }
  return [...paths];
}

function nearestPackageJson(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'package.json');
    if (dirname(dir) === dir) return undefined;
  }
}
