/**
 * One plugin package → registered plugin: manifest validated, api version checked before any
 * code runs, entry loaded, options validated, setup run. Any failure is a coded error naming the
 * package and the fix; the caller refuses to start rather than run half-loaded.
 */
import { join } from 'node:path';
import { OarSchedError, formatZodIssues, type PluginOrigin, type PluginRegistry, type PluginSource, type RegisteredPlugin } from '@oar-sched/core';
import { PLUGIN_API_VERSION, type OarPlugin } from '@oar-sched/plugin-api';
import type { PackageInfo } from './find-package.js';
import { loadPluginModule } from './load-module.js';
import { manifestSchema, type PluginManifest } from './manifest.js';
import { docPath } from '../docs-path.js';

export function packageLabel(pkg: PackageInfo): string {
  return typeof pkg.json.name === 'string' ? pkg.json.name : pkg.dir;
}

export function readManifest(pkg: PackageInfo): PluginManifest {
  const name = packageLabel(pkg);
  if (pkg.json.oar === undefined) {
    throw new OarSchedError(
      'PLUGIN_MANIFEST_INVALID',
      `package ${name} has no "oar" field in its package.json: it is not an oar-sched plugin`,
      `remove ${name} from plugins.list, or add the "oar" field (${docPath('guides/plugins.md')})`,
    );
  }
  const parsed = manifestSchema.safeParse(pkg.json.oar);
  if (!parsed.success) {
    throw new OarSchedError(
      'PLUGIN_MANIFEST_INVALID',
      `package ${name}: invalid "oar" field in ${join(pkg.dir, 'package.json')}:\n${formatZodIssues(parsed.error.issues, 'oar')}`,
      `fix the "oar" field of ${name} (${docPath('guides/plugins.md')}), or add "${name}" to plugins.disable in the config`,
    );
  }
  if (parsed.data.apiVersion !== PLUGIN_API_VERSION) {
    throw new OarSchedError(
      'PLUGIN_API_MISMATCH',
      `package ${name} declares plugin API ${parsed.data.apiVersion}, this scheduler provides API ${PLUGIN_API_VERSION}`,
      `install a version of ${name} made for plugin API ${PLUGIN_API_VERSION}, or add "${name}" to plugins.disable in the config`,
    );
  }
  return parsed.data;
}

/**
 * Manifest checked, entry loaded; nothing registered yet (the caller still decides: disabled,
 * options). `importEntry`, when given, imports the entry module in place of a path `import()`
 * (the built-ins: a literal import the bundler can follow).
 */
export async function loadPackagePlugin(
  pkg: PackageInfo,
  source: PluginSource,
  importEntry?: () => Promise<Record<string, unknown>>,
): Promise<{ plugin: OarPlugin<unknown>; origin: PluginOrigin }> {
  const manifest = readManifest(pkg);
  const packageName = packageLabel(pkg);
  const entry = join(pkg.dir, manifest.entry);
  const plugin = await loadPluginModule(entry, packageName, importEntry);
  return { plugin, origin: { source, packageName, version: String(pkg.json.version ?? ''), entry } };
}

export async function registerPackage(
  registry: PluginRegistry,
  pkg: PackageInfo,
  source: PluginSource,
  options?: unknown,
): Promise<RegisteredPlugin> {
  const { plugin, origin } = await loadPackagePlugin(pkg, source);
  return registry.use(plugin, origin, options);
}
