/**
 * Composition root: a registry with the built-in plugins (and, with a config, the configured and
 * discovered ones), plus the round options the config implies.
 */
import { registerBuiltins } from '../plugin-loader/builtins.js';
import { PluginRegistry } from '../registry/plugin-registry.js';
import type { RoundOptions } from '../round/run-round.js';

export interface SchedulerSetup {
  readonly registry: PluginRegistry;
  readonly roundOptions: RoundOptions;
}

export interface SetupOptions {
  readonly configFile?: string | undefined;
  readonly scenarioFile?: string | undefined;
}

export async function createSchedulerSetup(_options: SetupOptions = {}): Promise<SchedulerSetup> {
  const registry = new PluginRegistry();
  await registerBuiltins(registry);
  return { registry, roundOptions: {} };
}
