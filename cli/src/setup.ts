/**
 * Composition root, shared by every command and by the tests: the config file (searched or
 * given), a registry with the built-in, discovered and listed plugins, and the round options the
 * config implies. Any problem is a coded `OarSchedError`; nothing is returned half-loaded.
 *
 * Where things are looked for:
 * - the config file: `configFile` when given, else searched from `cwd` up to the project root
 *   (config/load-config.ts);
 * - the project whose dependencies are discovered: the nearest package.json from the config
 *   file's folder, or from `cwd` when there is no config file;
 * - `plugins.list` entries: relative to the config file's folder (else `cwd`).
 */
import { dirname, resolve } from 'node:path';
import { loadOarConfig, type LoadedConfig } from './config/load-config.js';
import { isOarSchedError, OarSchedError, Platform, resolveSortingSettings, schedulerConfigSchema, validateQuotasConfig, PluginRegistry, type RoundOptions } from '@oar-sched/core';
import type { PluginLogger } from '@oar-sched/plugin-api';
import { findProjectRoot } from './plugin-loader/find-package.js';
import { registerPlugins } from './plugin-loader/register-plugins.js';
import { BUILTIN_PLUGIN_PACKAGES, loadBuiltinPlugins } from './plugin-loader/builtins.js';
import { processIo, stderrLogger } from './io.js';

export interface SchedulerSetup {
  readonly registry: PluginRegistry;
  readonly roundOptions: RoundOptions;
  /** The config file used (`file` undefined: none found, defaults only). */
  readonly config: LoadedConfig;
  /** Project whose direct dependencies were searched for plugins; `undefined`: no package.json found. */
  readonly projectDir: string | undefined;
  /** Discovered or listed plugins left out because `plugins.disable` names them. */
  readonly disabled: readonly string[];
}

export interface SetupOptions {
  /** An explicit config file (`--config`); no search then. */
  readonly configFile?: string | undefined;
  /** Where the config search (and, without a config file, the project search) starts. Default: `process.cwd()`. */
  readonly cwd?: string | undefined;
  /** Receives plugin log lines and loader warnings. Default: stderr. */
  readonly logger?: PluginLogger | undefined;
}

/** Where a command gets its setup: `createSchedulerSetup`, or `oar-sched serve`'s warm copies (serve/warm-setups.ts). */
export type SetupSource = (options: SetupOptions) => Promise<SchedulerSetup>;

export async function createSchedulerSetup(options: SetupOptions = {}): Promise<SchedulerSetup> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const logger = options.logger ?? stderrLogger(processIo);
  // The built-ins do not depend on the config: their modules load while the config is read.
  const builtinsLoading = loadBuiltinPlugins(BUILTIN_PLUGIN_PACKAGES);
  builtinsLoading.catch(() => {}); // reported by registerPlugins, or moot if the config fails first
  const config = await loadOarConfig({ file: options.configFile, searchFrom: cwd });
  const baseDir = config.file !== undefined ? dirname(config.file) : cwd;
  const projectDir = findProjectRoot(baseDir);
  const registry = new PluginRegistry(logger);
  const { disabled } = await registerPlugins(registry, {
    plugins: config.config.plugins,
    baseDir,
    projectDir,
    configFile: config.file,
    logger,
    builtinsLoading,
  });
  const extra = config.config.extraMetasched;
  if (extra && extra.name !== 'default' && !registry.has('extraMetasched', extra.name)) {
    const known = registry.plugins.flatMap((p) => p.provides.extraMetasched);
    throw new OarSchedError(
      'CONFIG_INVALID',
      `${config.file}: extraMetasched.name: no plugin provides an extraMetasched hook named "${extra.name}" (known: ${known.join(', ') || 'none'})`,
      'install the plugin that provides it (a dependency of the project, or plugins.list), or fix the name',
    );
  }
  if (config.file !== undefined && config.schedulerInput !== undefined) checkSchedulerSection(config, registry);
  const roundOptions: RoundOptions = extra ? { extraMetasched: { name: extra.name, config: extra.config } } : {};
  return { registry, roundOptions, config, projectDir, disabled };
}

/**
 * The values of the config file's `scheduler` section that the schema cannot check on its own,
 * checked now so that a bad one is reported against this file and its key path
 * (`scheduler.resourceOrder`), not later against the scenario it was merged into.
 */
function checkSchedulerSection(config: LoadedConfig, registry: PluginRegistry): void {
  const input = config.schedulerInput!;
  const scheduler = config.config.scheduler;
  const inFile = (e: unknown, rename: (message: string) => string): never => {
    if (isOarSchedError(e)) throw new OarSchedError(e.code, `${config.file}: ${rename(e.message)}`, e.hint);
    throw e;
  };
  if (input.sorting !== undefined) {
    // The round checks this too, but only here can the message name the file the sections are in.
    try {
      resolveSortingSettings(schedulerConfigSchema.parse(input), registry, 'scheduler.sorting');
    } catch (e) {
      inFile(e, (m) => m);
    }
  }
  if (input.resourceOrder !== undefined) {
    try {
      // Parses the order (the engine's own parser); no resource is needed for that.
      new Platform([], scheduler);
    } catch (e) {
      inFile(e, (m) => m.replace(/^config\.resourceOrder/, 'scheduler.resourceOrder'));
    }
  }
  if (input.timezone !== undefined && !isTimeZone(scheduler.timezone)) {
    throw new OarSchedError(
      'CONFIG_INVALID',
      `${config.file}: scheduler.timezone: unknown time zone "${scheduler.timezone}"`,
      'use an IANA time zone name such as "UTC" or "Europe/Paris"',
    );
  }
  if (input.quotas !== undefined) {
    try {
      validateQuotasConfig(scheduler);
    } catch (e) {
      inFile(e, (m) => (m.startsWith('quotas.') ? `scheduler.${m}` : m.replace(/^config\./, 'scheduler.')));
    }
  }
}

function isTimeZone(name: string): boolean {
  // The default needs no check, and creating a first Intl formatter costs a process about 10 ms.
  if (name === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
