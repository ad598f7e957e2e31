/**
 * Registers every plugin of one scheduler start, in this order (docs/guides/plugins.md):
 * 1. the built-ins (their taps run last anyway: stage `BUILTIN_STAGE`);
 * 2. with `plugins.discover` (default), the project's direct dependencies that carry an `"oar"`
 *    field, by package name — except those named in `plugins.list`, which register in step 3;
 * 3. `plugins.list`, in its order: packages (resolved from the config file's folder) and local
 *    files or plugin folders (paths relative to the config file).
 * `plugins.disable` removes discovered or listed plugins by package name (checked before any code
 * of the package is loaded, so it also silences a package that fails to load) or by plugin name.
 * Options come from the list entry, else `plugins.options[pluginName]`, else
 * `plugins.options[packageName]`; two sources for one plugin is an error.
 *
 * Any failure throws a coded `OarSchedError` naming the package: the scheduler does not start
 * half-loaded. Config entries that match nothing (a stale disable, options for an absent
 * plugin) are warnings, so removing a plugin does not stop a production scheduler.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { OarSchedError, type PluginOrigin, type PluginRegistry } from '@oar-sched/core';
import { isLocalPluginPath, type ResolvedOarConfig } from '../config/oar-config-schema.js';
import type { OarPlugin, PluginLogger } from '@oar-sched/plugin-api';
import { BUILTIN_PLUGIN_PACKAGES, loadBuiltinPlugins, type LoadedPlugin } from './builtins.js';
import { discoverPluginPackages } from './discover.js';
import { findPackage, readPackage } from './find-package.js';
import { loadPackagePlugin } from './load-package.js';
import { loadPluginModule } from './load-module.js';

export interface PluginSelection {
  /** The `plugins` section of the config (defaults applied). */
  readonly plugins: ResolvedOarConfig['plugins'];
  /** Folder `plugins.list` entries resolve from: the config file's folder, else the current folder. */
  readonly baseDir: string;
  /** Project root whose package.json dependencies are discovered; `undefined`: none found. */
  readonly projectDir: string | undefined;
  /** Named in config errors (`<file>: plugins.list[2]: …`). */
  readonly configFile?: string | undefined;
  readonly logger: PluginLogger;
  /** Built-in packages (default `BUILTIN_PLUGIN_PACKAGES`). */
  readonly builtins?: readonly string[] | undefined;
  /**
   * The built-ins already being loaded (`loadBuiltinPlugins(builtins)`, started by the caller
   * while it reads the config); default: loaded here.
   */
  readonly builtinsLoading?: Promise<readonly LoadedPlugin[]> | undefined;
}

export interface RegistrationReport {
  /** Packages or plugins found but not registered because `plugins.disable` names them. */
  readonly disabled: readonly string[];
}

type ListEntry =
  | { readonly kind: 'package'; readonly name: string; readonly options: unknown; readonly at: string }
  | { readonly kind: 'path'; readonly path: string; readonly file: string; readonly options: unknown; readonly at: string };

export async function registerPlugins(registry: PluginRegistry, selection: PluginSelection): Promise<RegistrationReport> {
  const { plugins, logger } = selection;
  const where = selection.configFile ? `${selection.configFile}: ` : '';
  const disable = new Set(plugins.disable);
  const usedDisable = new Set<string>();
  const usedOptions = new Set<string>();
  const disabled: string[] = [];
  const builtins = selection.builtins ?? BUILTIN_PLUGIN_PACKAGES;

  /** Registers a loaded plugin unless disabled by plugin name; resolves its options. */
  const register = (plugin: OarPlugin<unknown>, origin: PluginOrigin, listOptions: unknown, at: string): void => {
    const builtIn = origin.source === 'built-in';
    if (disable.has(plugin.name)) {
      if (builtIn) throw builtinDisabled(where, plugin.name);
      usedDisable.add(plugin.name);
      disabled.push(plugin.name);
      return;
    }
    const keys = [...new Set([plugin.name, origin.packageName].filter((k): k is string => k !== undefined))];
    const given = keys.filter((k) => Object.hasOwn(plugins.options, k));
    for (const k of given) usedOptions.add(k);
    if (given.length > 1 || (given.length === 1 && listOptions !== undefined)) {
      const sources = [...(listOptions !== undefined ? [`${at}.options`] : []), ...given.map((k) => `plugins.options[${JSON.stringify(k)}]`)];
      throw new OarSchedError(
        'CONFIG_INVALID',
        `${where}options for plugin ${plugin.name} are given twice: ${sources.join(' and ')}`,
        'keep one of them',
      );
    }
    const options = listOptions !== undefined ? listOptions : given.length === 1 ? plugins.options[given[0]!] : undefined;
    registry.use(plugin, origin, options);
  };

  // 1. built-ins
  for (const name of builtins) if (disable.has(name)) throw builtinDisabled(where, name);
  for (const { plugin, origin } of await (selection.builtinsLoading ?? loadBuiltinPlugins(builtins))) {
    register(plugin, origin, undefined, 'built-in');
  }

  const list = plugins.list.map((entry, i) => normalize(entry, i, selection.baseDir));
  const listedPackages = new Set(list.flatMap((e) => (e.kind === 'package' ? [e.name] : [])));

  // 2. discovered dependencies
  if (plugins.discover && selection.projectDir !== undefined) {
    const skip = new Set([...builtins, ...listedPackages]);
    for (const pkg of discoverPluginPackages(selection.projectDir, skip, logger)) {
      const name = String(pkg.json.name);
      if (disable.has(name)) {
        usedDisable.add(name);
        disabled.push(name);
        continue;
      }
      const { plugin, origin } = await loadPackagePlugin(pkg, 'dependency');
      register(plugin, origin, undefined, name);
    }
  }

  // 3. the config's list
  for (const entry of list) {
    if (entry.kind === 'package') {
      if (disable.has(entry.name)) {
        usedDisable.add(entry.name);
        disabled.push(entry.name);
        continue;
      }
      const pkg = findPackage(entry.name, selection.baseDir);
      if (!pkg) {
        throw new OarSchedError(
          'PLUGIN_NOT_FOUND',
          `${where}${entry.at}: plugin package ${entry.name} is not installed (looked in node_modules from ${selection.baseDir} up)`,
          `npm install ${entry.name}, or remove it from plugins.list`,
        );
      }
      const { plugin, origin } = await loadPackagePlugin(pkg, 'config');
      register(plugin, origin, entry.options, entry.at);
    } else {
      if (!existsSync(entry.file)) {
        throw new OarSchedError(
          'PLUGIN_NOT_FOUND',
          `${where}${entry.at}: local plugin ${entry.path} does not exist (${entry.file})`,
          'fix the path: it is relative to the config file',
        );
      }
      if (statSync(entry.file).isDirectory()) {
        const { plugin, origin } = await loadPackagePlugin(readPackage(entry.file), 'config');
        register(plugin, origin, entry.options, entry.at);
      } else {
        const plugin = await loadPluginModule(entry.file, entry.path);
        register(plugin, { source: 'config', entry: entry.file }, entry.options, entry.at);
      }
    }
  }

  for (const name of disable) {
    if (!usedDisable.has(name)) logger.warn(`${where}plugins.disable: "${name}" matches no discovered or listed plugin`);
  }
  for (const name of Object.keys(plugins.options)) {
    if (!usedOptions.has(name)) logger.warn(`${where}plugins.options: "${name}" matches no registered plugin; its options are unused`);
  }
  return { disabled };
}

function normalize(entry: ResolvedOarConfig['plugins']['list'][number], index: number, baseDir: string): ListEntry {
  const at = `plugins.list[${index}]`;
  if (typeof entry === 'string') {
    return isLocalPluginPath(entry)
      ? { kind: 'path', path: entry, file: resolve(baseDir, entry), options: undefined, at }
      : { kind: 'package', name: entry, options: undefined, at };
  }
  if (entry.path !== undefined) return { kind: 'path', path: entry.path, file: resolve(baseDir, entry.path), options: entry.options, at };
  return { kind: 'package', name: entry.package!, options: entry.options, at };
}

function builtinDisabled(where: string, name: string): OarSchedError {
  return new OarSchedError(
    'CONFIG_INVALID',
    `${where}plugins.disable: "${name}" is a built-in plugin; built-ins cannot be disabled`,
    'to replace a built-in, tap the same hook name in your plugin: it runs first, the built-in only when yours returns undefined',
  );
}
