/**
 * Every tap of a keyed hook is wrapped once, when it is registered (a tapable `register`
 * interceptor, so raw `api.hooks.…tap()` calls are covered too):
 * - an error it throws is remembered as coming from that tap, so the round can name the plugin
 *   in a `PLUGIN_ERROR` reason. The innermost tap wins: a find that throws inside an assign's
 *   search is blamed, not the assign. The error object itself is rethrown unchanged (a plugin
 *   catching it sees its own error); a thrown non-object becomes an `Error` with its text.
 * - a find's result must lie in the free set of its window (`ctx.available`): otherwise the job
 *   would be placed on resources that are taken. Positions past the last resource do not exist
 *   and occupy nothing, so they are tolerated (the OAR3 example `begin` relies on it).
 * No allocation on the success path: one extra call frame and, for a find returning resources,
 * one binary-search containment test.
 */
import type { FindContext, FindResult, HookKind, IntervalSet } from '@oar-sched/plugin-api';

/** A registered tap as tapable stores it (tapable does not export the type). */
export interface TapRecord {
  readonly name: string;
  readonly type: 'sync' | 'async' | 'promise';
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly fn: Function;
  readonly stage?: number;
  readonly before?: string | string[];
}

/** Which tap something came from. */
export interface TapIdentity {
  readonly hook: HookKind;
  /** The name the tap was registered under (`default`, `contiguous`, …). */
  readonly key: string;
  /** tapable's tap name: the plugin's name for taps made through the setup API. */
  readonly tapName: string;
}

/** A plugin broke its hook's contract (the message says how, without naming the plugin). */
export class PluginContractError extends Error {
  override readonly name = 'PluginContractError';
}

export class TapFailures {
  readonly #origin = new WeakMap<object, TapIdentity>();

  /** The error to rethrow, remembered as coming from `who` unless an inner tap already claimed it. */
  tag(error: unknown, who: TapIdentity): unknown {
    const thrown = typeof error === 'object' && error !== null ? error : new Error(String(error));
    if (!this.#origin.has(thrown)) this.#origin.set(thrown, who);
    return thrown;
  }

  originOf(error: unknown): TapIdentity | undefined {
    return typeof error === 'object' && error !== null ? this.#origin.get(error) : undefined;
  }

  /** `tap` with its function wrapped (tapable `register` interceptor). */
  guard<T extends TapRecord>(hook: HookKind, key: string, tap: T): T {
    const who: TapIdentity = { hook, key, tapName: tap.name };
    const fn = tap.fn as (...args: unknown[]) => unknown;
    if (tap.type === 'promise') {
      return { ...tap, fn: (...args: unknown[]) => this.#promise(fn, args, who) };
    }
    if (tap.type === 'async') {
      return {
        ...tap,
        fn: (...args: unknown[]) => {
          const callback = args.pop() as (error?: unknown, result?: unknown) => void;
          try {
            fn(...args, (error?: unknown, result?: unknown) => callback(error ? this.tag(error, who) : error, result));
          } catch (e) {
            throw this.tag(e, who);
          }
        },
      };
    }
    if (hook === 'find') {
      const find = fn as (context: FindContext) => FindResult;
      return {
        ...tap,
        fn: (context: FindContext): FindResult => {
          let result: FindResult;
          try {
            result = find(context);
          } catch (e) {
            throw this.tag(e, who);
          }
          if (result && !withinFree(context, result)) throw this.tag(contractError(result), who);
          return result;
        },
      };
    }
    return {
      ...tap,
      fn: (...args: unknown[]) => {
        try {
          return fn(...args);
        } catch (e) {
          throw this.tag(e, who);
        }
      },
    };
  }

  async #promise(fn: (...args: unknown[]) => unknown, args: unknown[], who: TapIdentity): Promise<unknown> {
    try {
      return await fn(...args);
    } catch (e) {
      throw this.tag(e, who);
    }
  }
}

/**
 * Every existing position of `result` is free in the window. The common case is one containment
 * test; only a result that fails it is clipped to the platform's positions and tested again.
 */
function withinFree(context: FindContext, result: IntervalSet): boolean {
  const available = context.available;
  if (available.contains(result)) return true;
  const count = context.platform?.resources.length;
  if (count === undefined || !(result.bounds instanceof Int32Array)) return false;
  const b = result.bounds;
  let previousEnd = -2;
  for (let i = 0; i + 1 < b.length; i += 2) {
    const lo = b[i]!;
    const hi = b[i + 1]!;
    if (lo > hi || lo <= previousEnd + 1) return false;
    previousEnd = hi;
    if (lo >= count) break;
    if (!available.containsRange(lo, hi < count ? hi : count - 1)) return false;
  }
  return b.length % 2 === 0;
}

function contractError(result: unknown): PluginContractError {
  const isSet = typeof result === 'object' && result !== null && (result as { bounds?: unknown }).bounds instanceof Int32Array;
  return new PluginContractError(
    isSet ? 'returned resources outside the free set of the window' : 'returned something that is not a resource set (IntervalSet)',
  );
}
