/**
 * `oar-sched`: the app. The composition root (config file, plugin discovery and loading, the
 * built-in plugins), the command line, and `defineConfig` for typed config files.
 */
export { defineConfig } from './config/define-config.js';
export { oarConfigSchema } from './config/oar-config-schema.js';
export type { OarUserConfig, ResolvedOarConfig, PluginListEntry } from './config/oar-config-schema.js';
export { loadOarConfig, validateConfig, CONFIG_SEARCH_PLACES } from './config/load-config.js';
export type { LoadedConfig, LoadConfigOptions } from './config/load-config.js';
export { registerBuiltins, BUILTIN_PLUGIN_PACKAGES } from './plugin-loader/builtins.js';
export { registerPackage, readManifest, loadPackagePlugin } from './plugin-loader/load-package.js';
export { findPackage, readPackage, findProjectRoot } from './plugin-loader/find-package.js';
export type { PackageInfo } from './plugin-loader/find-package.js';
export { directDependencies, discoverPluginPackages } from './plugin-loader/discover.js';
export { registerPlugins } from './plugin-loader/register-plugins.js';
export type { PluginSelection, RegistrationReport } from './plugin-loader/register-plugins.js';
export { createSchedulerSetup } from './setup.js';
export type { SchedulerSetup, SetupOptions } from './setup.js';
export { buildProgram, runCli } from './main.js';
export type { CliIo } from './io.js';
export type { PluginsReport, PluginListing } from './commands/plugins.js';
