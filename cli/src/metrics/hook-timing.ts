/**
 * Time spent in each hook, per plugin: every tap of the registry's hooks wrapped with a clock,
 * only when metrics are asked for (a round without `--metrics` never calls this, so its taps
 * stay as they are and cost nothing more). Uses tapable's `register` interceptor, which also
 * rewrites the taps already registered. A promise a tap returns is timed until it settles.
 */
import { performance } from 'node:perf_hooks';
import type { PluginRegistry } from '@oar-sched/core';

export interface HookTiming {
  readonly hook: string;
  /** The tap's name: the plugin's name. */
  readonly plugin: string;
  calls: number;
  /** Milliseconds. */
  ms: number;
}

interface TapLike {
  readonly name: string;
  fn: (...args: unknown[]) => unknown;
}
interface InterceptableHook {
  intercept(interceptor: { register: (tap: TapLike) => TapLike }): void;
}

export function timeHooks(registry: PluginRegistry): ReadonlyMap<string, HookTiming> {
  const timings = new Map<string, HookTiming>();
  const wrap = (hookName: string, hook: InterceptableHook | undefined) => {
    hook?.intercept({
      register: (tap) => {
        const key = `${hookName}\u0000${tap.name}`;
        let t = timings.get(key);
        if (!t) timings.set(key, (t = { hook: hookName, plugin: tap.name, calls: 0, ms: 0 }));
        const timing = t;
        const fn = tap.fn;
        return {
          ...tap,
          fn: (...args: unknown[]) => {
            const start = performance.now();
            const settle = () => {
              timing.calls++;
              timing.ms += performance.now() - start;
            };
            const out = fn(...args);
            if (out !== null && typeof out === 'object' && typeof (out as PromiseLike<unknown>).then === 'function') {
              return (out as Promise<unknown>).finally(settle);
            }
            settle();
            return out;
          },
        };
      },
    });
  };
  const hooks = registry.hooks as unknown as Record<string, { get?: (key: string) => InterceptableHook | undefined } & InterceptableHook>;
  for (const kind of ['jobsSorting', 'assign', 'find', 'extraMetasched'] as const) {
    const names = new Set(registry.plugins.flatMap((p) => (p.provides as Record<string, readonly string[]>)[kind] ?? []));
    for (const name of names) wrap(`${kind}:${name}`, hooks[kind]!.get!(name));
  }
  for (const kind of ['roundStart', 'jobDecided', 'roundDone'] as const) wrap(kind, hooks[kind]);
  return timings;
}
