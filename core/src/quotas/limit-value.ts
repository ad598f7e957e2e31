/**
 * Quota limit values (core §15.1): an integer, a numeric string, `"ALL"` or `"<float>*ALL"`.
 * `ALL` is only known once the resources are (it depends on their states), so parsing keeps it
 * symbolic and `resolveLimits` turns a rule's triple into numbers for one round.
 */
import { quotasInvalid } from './calendar/invalid.js';

/** A constant, or a multiple of `ALL`. Negative values other than -1 (no limit) never get here. */
export type LimitValue = { readonly kind: 'constant'; readonly value: number } | { readonly kind: 'all'; readonly factor: number };

/** `[maxResources, maxJobs, maxResourceHours]` as written. */
export interface LimitTriple {
  readonly resources: LimitValue;
  readonly jobs: LimitValue;
  readonly resourceHours: LimitValue;
}

/** Limits of one rule for one round; -1 = no limit. */
export interface Limits {
  readonly resources: number;
  readonly jobs: number;
  /** Resource-hours truncated to an integer, then × 3600 (OAR3; Redox multiplies first). */
  readonly resourceSeconds: number;
}

export const NO_LIMIT = -1;
const HOUR = 3600;

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TIMES_ALL = /^(.*)\*\s*ALL$/;

const EXPECTED = 'a limit is an integer, a numeric string, "ALL" or "<number>*ALL"; -1 = no limit';

/** Parses one value; throws `QUOTAS_INVALID` at `where` for anything else or a negative other than -1. */
export function parseLimitValue(raw: unknown, where: string): LimitValue {
  let value: LimitValue | undefined;
  if (typeof raw === 'number' && Number.isFinite(raw)) {
    value = { kind: 'constant', value: raw };
  } else if (typeof raw === 'string') {
    const text = raw.trim();
    const times = TIMES_ALL.exec(text);
    if (text === 'ALL') value = { kind: 'all', factor: 1 };
    else if (times && DECIMAL.test(times[1]!.trim())) value = { kind: 'all', factor: Number(times[1]!.trim()) };
    else if (DECIMAL.test(text)) value = { kind: 'constant', value: Number(text) };
  }
  if (!value) throw quotasInvalid(where, `${JSON.stringify(raw)} is not a limit`, EXPECTED);
  if (value.kind === 'all' && value.factor < 0) {
    throw quotasInvalid(where, `negative multiple of ALL ${JSON.stringify(raw)}`, EXPECTED);
  }
  if (value.kind === 'constant' && value.value < 0 && value.value !== NO_LIMIT) {
    throw quotasInvalid(where, `negative limit ${JSON.stringify(raw)}: only -1 (no limit) may be negative`, EXPECTED);
  }
  return value;
}

/** Parses a rule's value: exactly three limits. */
export function parseLimitTriple(raw: unknown, where: string): LimitTriple {
  if (!Array.isArray(raw) || raw.length !== 3) {
    throw quotasInvalid(where, `expected [maxResources, maxJobs, maxResourceHours], got ${JSON.stringify(raw)}`, EXPECTED);
  }
  return {
    resources: parseLimitValue(raw[0], `${where}[0]`),
    jobs: parseLimitValue(raw[1], `${where}[1]`),
    resourceHours: parseLimitValue(raw[2], `${where}[2]`),
  };
}

/** The value as a truncated integer (`"34.5"` → 34, `0.5*ALL` with ALL = 7 → 3); -1 stays -1. */
export function resolveLimit(value: LimitValue, all: number): number {
  const n = value.kind === 'all' ? value.factor * all : value.value;
  return Math.trunc(n) + 0; // + 0 turns -0 into 0
}

export function resolveLimits(triple: LimitTriple, all: number): Limits {
  const hours = resolveLimit(triple.resourceHours, all);
  return {
    resources: resolveLimit(triple.resources, all),
    jobs: resolveLimit(triple.jobs, all),
    resourceSeconds: hours === NO_LIMIT ? NO_LIMIT : hours * HOUR,
  };
}
