/**
 * A `PLUGIN_ERROR` reason for an error caught around a hook call: it names the plugin whose tap
 * threw (or broke its contract) when the registry knows it, in `reason.plugin` and in the message.
 */
import { reason, type Reason } from '@oar-sched/plugin-api';
import { errorText, type PluginRegistry } from '../registry/plugin-registry.js';

/** `fallback` prefixes the message when no tap claimed the error (`"assign/find plugin failed"`). */
export function pluginErrorReason(registry: PluginRegistry, error: unknown, fallback: string): Reason {
  const failure = registry.pluginFailure(error);
  if (failure) return reason('PLUGIN_ERROR', failure.message, { plugin: failure.plugin });
  return reason('PLUGIN_ERROR', `${fallback}: ${errorText(error)}`);
}
