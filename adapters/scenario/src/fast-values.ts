/**
 * Predicates of the scenario fast path (fast-scenario.ts): each is true only where the zod type it
 * stands for would accept the value as it is. Every fast-path function returns `undefined` for
 * "not sure", and then zod validates the document and words the error; so these may be stricter
 * than zod (refusing what zod would accept only costs time), never looser.
 */

/**
 * A plain object as `JSON.parse` builds them (the prototype is `Object.prototype`). Anything else
 * (class instances, null-prototype objects) goes to zod, whose rules for them differ by type.
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** `z.number().int()`: zod's `int` is a safe integer (|n| ≤ 2^53 - 1). */
export function isSafeInt(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

/** `z.number()`: any finite number (zod refuses NaN and ±Infinity). */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Own enumerable string keys as `for…in` lists them, if `value` has no other kind: no symbol keys
 * (`z.record` reads `Reflect.ownKeys` and refuses them) and no `__proto__` key (`z.record` and
 * `z.object` drop it from their output without a word, so the output would differ).
 */
export function hasOnlyPlainKeys(value: object): boolean {
  if (Object.getOwnPropertySymbols(value).length !== 0) return false;
  return !Object.prototype.hasOwnProperty.call(value, '__proto__');
}

/**
 * `z.record(z.string(), X)` where X accepts exactly the values `accepts` does, and the keys are
 * those `acceptsKey` takes (a refinement of the schema; default: any): a new object with the same
 * keys in the same order, or `undefined`.
 */
export function copyRecord<T>(value: unknown, accepts: (v: unknown) => v is T, acceptsKey?: (key: string) => boolean): Record<string, T> | undefined {
  if (!isJsonObject(value) || !hasOnlyPlainKeys(value)) return undefined;
  const out: Record<string, T> = {};
  for (const key in value) {
    const v = value[key];
    if (!accepts(v) || (acceptsKey !== undefined && !acceptsKey(key))) return undefined;
    out[key] = v;
  }
  return out;
}

export function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * How many keys `for…in` lists on `value`, or -1 when one is not in `known` (a strict `z.object`
 * refuses it). The caller then reads each known key and counts those it finds defined: equal
 * counts mean it saw every key zod would see, none `undefined` (zod treats a key present with
 * `undefined` differently from an absent one, which JSON never produces anyway).
 */
export function countKnownKeys(value: object, known: ReadonlySet<string>): number {
  let n = 0;
  for (const key in value) {
    if (!known.has(key)) return -1;
    n++;
  }
  return n;
}
