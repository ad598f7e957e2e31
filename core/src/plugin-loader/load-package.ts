/**
 * One plugin package → registered plugin: manifest validated, api version checked before any
 * code runs, entry loaded, options validated, setup run. Any failure is a coded error naming the
 * package; the caller refuses to start rather than run half-loaded.
 */
import { join } from 'node:path';
import { OarSchedError } from '../errors.js';
import { formatZodIssues } from '../config/format-issues.js';
import { PLUGIN_API_VERSION } from '../plugin-api/define-plugin.js';
import type { PluginRegistry, PluginSource, RegisteredPlugin } from '../registry/plugin-registry.js';
import type { PackageInfo } from './find-package.js';
import { loadPluginModule } from './load-module.js';
import { manifestSchema, type PluginManifest } from './manifest.js';

export function readManifest(pkg: PackageInfo): PluginManifest {
  const name = String(pkg.json.name ?? pkg.dir);
  if (pkg.json.oar === undefined) {
    throw new OarSchedError('PLUGIN_MANIFEST_INVALID', `package ${name} has no "oar" field in its package.json: it is not an oar-sched plugin`);
  }
  const parsed = manifestSchema.safeParse(pkg.json.oar);
  if (!parsed.success) {
    throw new OarSchedError(
      'PLUGIN_MANIFEST_INVALID',
      `package ${name}: invalid "oar" field in ${join(pkg.dir, 'package.json')}:\n${formatZodIssues(parsed.error.issues, 'oar')}`,
    );
  }
  if (parsed.data.apiVersion !== PLUGIN_API_VERSION) {
    throw new OarSchedError(
      'PLUGIN_API_MISMATCH',
      `package ${name} declares plugin API ${parsed.data.apiVersion}, this scheduler provides API ${PLUGIN_API_VERSION}`,
      `install a version of ${name} made for plugin API ${PLUGIN_API_VERSION}`,
    );
  }
  return parsed.data;
}

export async function registerPackage(
  registry: PluginRegistry,
  pkg: PackageInfo,
  source: PluginSource,
  options?: unknown,
): Promise<RegisteredPlugin> {
  const manifest = readManifest(pkg);
  const packageName = String(pkg.json.name ?? pkg.dir);
  const entry = join(pkg.dir, manifest.entry);
  const plugin = await loadPluginModule(entry, packageName);
  return registry.use(plugin, { source, packageName, version: String(pkg.json.version ?? ''), entry }, options);
}
