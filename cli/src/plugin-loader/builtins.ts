/**
 * The built-in plugins. Core never imports them: they are packages like any other — dependencies
 * of the `oar-sched` package, resolved the way Node resolves this package's own imports — and
 * are registered through the same manifest → entry → `registry.use` path, at the lowest priority
 * (built-in taps run after every other tap of the same name). Their entries are JavaScript.
 *
 * Each built-in's module is imported by its package name with a literal `import()`: Node resolves
 * it as a dependency of `oar-sched` (the same file as the manifest's `entry`: a test checks it),
 * and the bundler that builds the `oar-sched` binary (cli/scripts/bundle.mjs) compiles them into
 * the binary's bundle, so that a round does not pay for loading five more packages.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { OarSchedError, type PluginRegistry } from '@oar-sched/core';
import type { OarPlugin } from '@oar-sched/plugin-api';
import type { PluginOrigin } from '@oar-sched/core';
import { readPackage, type PackageInfo } from './find-package.js';
import { loadPackagePlugin } from './load-package.js';

const BUILTIN_MODULES: Readonly<Record<string, () => Promise<Record<string, unknown>>>> = {
  '@oar-sched/plugin-find-default': () => import('@oar-sched/plugin-find-default'),
  '@oar-sched/plugin-assign-default': () => import('@oar-sched/plugin-assign-default'),
  '@oar-sched/plugin-sort-fifo': () => import('@oar-sched/plugin-sort-fifo'),
  '@oar-sched/plugin-sort-fairshare': () => import('@oar-sched/plugin-sort-fairshare'),
  '@oar-sched/plugin-sort-multifactor': () => import('@oar-sched/plugin-sort-multifactor'),
};

export const BUILTIN_PLUGIN_PACKAGES: readonly string[] = Object.keys(BUILTIN_MODULES);

const require = createRequire(import.meta.url);

/**
 * A built-in plugin package, resolved as a dependency of `oar-sched` (never from the project): every
 * built-in exports `./package.json`.
 */
export function findBuiltinPackage(name: string): PackageInfo {
  let manifest: string;
  try {
    manifest = require.resolve(`${name}/package.json`);
  } catch {
    throw new OarSchedError('PLUGIN_NOT_FOUND', `built-in plugin ${name} cannot be resolved from oar-sched (it is one of its dependencies)`, 'reinstall oar-sched');
  }
  return readPackage(dirname(manifest));
}

export interface LoadedPlugin {
  readonly plugin: OarPlugin<unknown>;
  readonly origin: PluginOrigin;
}

/**
 * Every built-in loaded (manifest checked, entry imported), all at once so that their files are
 * read while others compile, in `names` order. A failure rejects with the error of the first
 * failing package of the list, whatever the order they finished in.
 */
export async function loadBuiltinPlugins(names: readonly string[] = BUILTIN_PLUGIN_PACKAGES): Promise<LoadedPlugin[]> {
  const settled = await Promise.allSettled(names.map(async (name) => loadPackagePlugin(findBuiltinPackage(name), 'built-in', BUILTIN_MODULES[name])));
  return settled.map((s) => {
    if (s.status === 'rejected') throw s.reason;
    return s.value;
  });
}

export async function registerBuiltins(registry: PluginRegistry, packages: readonly string[] = BUILTIN_PLUGIN_PACKAGES): Promise<void> {
  for (const { plugin, origin } of await loadBuiltinPlugins(packages)) registry.use(plugin, origin);
}
