/**
 * Calls the observation hooks (`roundStart`, `jobDecided`, `roundDone`). Each tap is called on
 * its own, in tap order, so one failing observer neither stops the others nor the round: what it
 * throws becomes a round warning naming the plugin. Return values are ignored; a returned promise
 * that rejects is reported to the registry's logger (the round may be over by then).
 * Callers check `hook.isUsed()` before building the argument.
 */
import type { ObservationHookKind } from '@oar-sched/plugin-api';
import { errorText, type PluginRegistry } from '../registry/plugin-registry.js';

/** A tapable hook as far as observe() needs it: its taps, in order. */
interface ObservedHook {
  readonly taps: readonly { readonly name: string; readonly fn: unknown }[];
}

export function observe<T>(registry: PluginRegistry, kind: ObservationHookKind, hook: ObservedHook, argument: T, warnings: string[]): void {
  for (const tap of hook.taps) {
    try {
      const returned: unknown = (tap.fn as (argument: T) => unknown)(argument);
      if (isThenable(returned)) {
        returned.then(undefined, (e: unknown) => registry.logger.warn(`${describe(registry, kind, tap.name)} failed after it returned: ${errorText(e)}`));
      }
    } catch (e) {
      warnings.push(`${describe(registry, kind, tap.name)} failed: ${errorText(e)}`);
    }
  }
}

/** `roundDone observer of plugin "stats" (@acme/stats)`. */
function describe(registry: PluginRegistry, kind: ObservationHookKind, tapName: string): string {
  const pkg = registry.pluginOfTap(tapName)?.packageName;
  return `${kind} observer of plugin "${tapName}"${pkg && pkg !== tapName ? ` (${pkg})` : ''}`;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
