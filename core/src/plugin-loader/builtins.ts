/**
 * The built-in plugins. Core never imports them: they are packages like any other, found next to
 * core and registered through the same manifest → entry → `registry.use` path, at the lowest
 * priority (built-in taps run after every other tap of the same name).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OarSchedError } from '../errors.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';
import { findPackage } from './find-package.js';
import { registerPackage } from './load-package.js';

export const BUILTIN_PLUGIN_PACKAGES: readonly string[] = [
  '@oar-sched/plugin-find-default',
  '@oar-sched/plugin-assign-default',
  '@oar-sched/plugin-sort-fifo',
];

const here = dirname(fileURLToPath(import.meta.url));

export async function registerBuiltins(registry: PluginRegistry, packages: readonly string[] = BUILTIN_PLUGIN_PACKAGES): Promise<void> {
  for (const name of packages) {
    const pkg = findPackage(name, here);
    if (!pkg) {
      throw new OarSchedError('PLUGIN_NOT_FOUND', `built-in plugin ${name} is not installed next to @oar-sched/core`, 'reinstall oar-sched');
    }
    await registerPackage(registry, pkg, 'built-in');
  }
}
