/**
 * Loads a plugin entry: JavaScript through Node's own `import()`, TypeScript through jiti (so a
 * plugin may ship `.ts` sources; jiti is imported only then). The built-ins pass their own import
 * (builtins.ts). Returns the plugin object (default export, or `plugin`); the api version it
 * carries is checked by the registry.
 *
 * jiti hands packages under node_modules (such as `@oar-sched/core`) to Node's own loader, so a
 * TypeScript plugin shares the scheduler's copy of the plugin API — provided it resolves the same
 * `@oar-sched/plugin-api` (a peer dependency), which matters because `IntervalSet` uses private
 * fields. The binary's bundle keeps the plugin API outside for the same reason.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { OarSchedError } from '@oar-sched/core';
import type { OarPlugin } from '@oar-sched/plugin-api';

const TYPESCRIPT = /\.(c|m)?tsx?$/;

export async function loadPluginModule(
  entry: string,
  label: string,
  importEntry?: () => Promise<Record<string, unknown>>,
): Promise<OarPlugin<unknown>> {
  if (importEntry === undefined && !existsSync(entry)) {
    throw new OarSchedError(
      'PLUGIN_ENTRY_MISSING',
      `plugin ${label}: entry file ${entry} does not exist`,
      `build ${label}, or fix "oar.entry" in its package.json`,
    );
  }
  let mod: Record<string, unknown>;
  try {
    mod = await (importEntry ?? (() => importPath(entry)))();
  } catch (e) {
    throw new OarSchedError(
      'PLUGIN_LOAD_FAILED',
      `plugin ${label}: loading ${entry} failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      `fix the error in ${label}, or disable it in the config (plugins.disable)`,
    );
  }
  const candidate = (mod.default ?? mod.plugin) as Partial<OarPlugin<unknown>> | undefined;
  if (!candidate || typeof candidate !== 'object' || typeof candidate.setup !== 'function' || typeof candidate.name !== 'string') {
    throw new OarSchedError(
      'PLUGIN_LOAD_FAILED',
      `plugin ${label}: ${entry} does not export a plugin`,
      'export it as `export default definePlugin({ name, setup })` (from @oar-sched/core/plugin)',
    );
  }
  return candidate as OarPlugin<unknown>;
}

async function importPath(entry: string): Promise<Record<string, unknown>> {
  if (TYPESCRIPT.test(entry)) {
    return (await import('jiti')).createJiti(import.meta.url, { moduleCache: true }).import<Record<string, unknown>>(entry);
  }
  return (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
}
