/**
 * Which plugins a harness loads, and loading them through the scheduler's own code: the built-ins
 * plus the packages under test, registered by `registerPlugins` of `oar-sched` (manifest check,
 * API version, jiti entry loading, options) exactly as a production start registers a
 * `plugins.list`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginRegistry } from '@oar-sched/core';
import type { PluginLogger } from '@oar-sched/plugin-api';
import { BUILTIN_PLUGIN_PACKAGES, findProjectRoot, registerPlugins, type PluginListEntry } from 'oar-sched';

/**
 * The `plugins.list` entries for a harness's `plugins` option:
 * - undefined: the package under test, i.e. the nearest package.json from `cwd` if it has an
 *   `"oar"` field (nothing otherwise);
 * - a folder or file path (absolute, or relative to `cwd`), or a `file:` URL (e.g.
 *   `import.meta.url`: the nearest package.json above that file): that plugin package or module;
 * - anything else: a package name, resolved from `cwd` as the config's `plugins.list` does.
 * Built-in package names are skipped (they are always registered).
 */
export function pluginEntries(plugins: string | readonly string[] | undefined, cwd: string): PluginListEntry[] {
  if (plugins === undefined) {
    const root = findProjectRoot(cwd);
    return root !== undefined && hasOarField(root) ? [{ path: root }] : [];
  }
  const list = typeof plugins === 'string' ? [plugins] : plugins;
  return list.flatMap((item): PluginListEntry[] => {
    if (item.startsWith('file:')) {
      const file = fileURLToPath(item);
      const root = findProjectRoot(existsSync(file) && statSync(file).isDirectory() ? file : dirname(file));
      if (root === undefined) throw new Error(`plugins: no package.json above ${file}`);
      return [{ path: root }];
    }
    if (isAbsolute(item) || item.startsWith('./') || item.startsWith('../') || item === '.' || item === '..') return [{ path: resolve(cwd, item) }];
    return BUILTIN_PLUGIN_PACKAGES.includes(item) ? [] : [{ package: item }];
  });
}

function hasOarField(dir: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { oar?: unknown }).oar !== undefined;
  } catch {
    return false;
  }
}

/** A registry with the built-ins and the listed plugins, registered as `oar-sched` does. */
export async function loadRegistry(entries: readonly PluginListEntry[], options: Record<string, unknown>, cwd: string, logger: PluginLogger): Promise<PluginRegistry> {
  const registry = new PluginRegistry(logger);
  await registerPlugins(registry, {
    plugins: { discover: false, disable: [], list: [...entries], options },
    baseDir: cwd,
    projectDir: undefined,
    logger,
  });
  return registry;
}
