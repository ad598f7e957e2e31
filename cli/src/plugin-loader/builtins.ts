/**
 * The built-in plugins. Core never imports them: they are packages like any other, found next to
 * core and registered through the same manifest → entry → `registry.use` path, at the lowest
 * priority (built-in taps run after every other tap of the same name).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OarSchedError, type PluginRegistry } from '@oar-sched/core';
import { findPackage, type PackageInfo } from './find-package.js';
import { registerPackage } from './load-package.js';

export const BUILTIN_PLUGIN_PACKAGES: readonly string[] = [
  '@oar-sched/plugin-find-default',
  '@oar-sched/plugin-assign-default',
  '@oar-sched/plugin-sort-fifo',
  '@oar-sched/plugin-sort-fairshare',
  '@oar-sched/plugin-sort-multifactor',
];

const here = dirname(fileURLToPath(import.meta.url));

/** A built-in plugin package, resolved from core's own folder (never from the project). */
export function findBuiltinPackage(name: string): PackageInfo {
  const pkg = findPackage(name, here);
  if (!pkg) {
    throw new OarSchedError('PLUGIN_NOT_FOUND', `built-in plugin ${name} is not installed next to @oar-sched/core`, 'reinstall oar-sched');
  }
  return pkg;
}

export async function registerBuiltins(registry: PluginRegistry, packages: readonly string[] = BUILTIN_PLUGIN_PACKAGES): Promise<void> {
  for (const name of packages) await registerPackage(registry, findBuiltinPackage(name), 'built-in');
}
