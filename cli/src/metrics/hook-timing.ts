/**
 * Time spent in each hook, per plugin: every tap of the registry's hooks wrapped with a clock,
 * only when metrics are asked for (a round without `--metrics` never calls this, so its taps
 * stay as they are and cost nothing more). Uses tapable's `register` interceptor, which also
 * rewrites the taps already registered. A promise a tap returns is timed until it settles.
 *
 * A registry is wrapped once, at its first call: `oar-sched serve` keeps one registry for many
 * rounds, and wrapping it again at each `--metrics` round would pile the clocks up. Each call
 * returns fresh counters, which the wrappers fill from then on (the previous call's stop). In a
 * server, a round without `--metrics` after one with it runs the wrapped taps, counting for nobody.
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

/** One counter per hook and plugin; `timing` is replaced by each `timeHooks` call. */
interface Cell {
  timing: HookTiming;
}

const wrapped = new WeakMap<PluginRegistry, Map<string, Cell>>();

export function timeHooks(registry: PluginRegistry): ReadonlyMap<string, HookTiming> {
  const cells = wrapped.get(registry) ?? wrap(registry);
  const timings = new Map<string, HookTiming>();
  for (const [key, cell] of cells) {
    cell.timing = { hook: cell.timing.hook, plugin: cell.timing.plugin, calls: 0, ms: 0 };
    timings.set(key, cell.timing);
  }
  return timings;
}

function wrap(registry: PluginRegistry): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  wrapped.set(registry, cells);
  const clock = (hookName: string, hook: InterceptableHook | undefined) => {
    hook?.intercept({
      register: (tap) => {
        const key = `${hookName}\u0000${tap.name}`;
        let c = cells.get(key);
        if (!c) cells.set(key, (c = { timing: { hook: hookName, plugin: tap.name, calls: 0, ms: 0 } }));
        const cell = c;
        const fn = tap.fn;
        return {
          ...tap,
          fn: (...args: unknown[]) => {
            const timing = cell.timing;
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
    for (const name of names) clock(`${kind}:${name}`, hooks[kind]!.get!(name));
  }
  for (const kind of ['roundStart', 'jobDecided', 'roundDone'] as const) clock(kind, hooks[kind]);
  return cells;
}
