/**
 * A scenario's `expect` block (one entry per job: thousands in the benchmark workloads), checked
 * and converted without zod: the value the `expect` schema of scenario-schema.ts gives (keys in
 * the schema's order, whatever the input's), or `undefined` when not plainly valid (then zod words
 * the error).
 */
import { countKnownKeys, hasOnlyPlainKeys, isJsonObject, isSafeInt, isString } from './fast-values.js';
import type { ScenarioExpect } from './scenario-schema.js';

type ExpectedJob = ScenarioExpect['jobs'][string];
type ExpectedSlot = NonNullable<ScenarioExpect['slots']>[number];

/** The schemas' keys (fast-scenario.test.ts compares them with the schemas). */
export const EXPECT_KEYS: ReadonlySet<string> = new Set(['jobs', 'slots']);
export const EXPECTED_JOB_KEYS: ReadonlySet<string> = new Set(['scheduled', 'startTime', 'endTime', 'moldableIndex', 'resources']);
export const SLOT_KEYS: ReadonlySet<string> = new Set(['begin', 'end', 'resources']);

export function fastExpect(value: unknown): ScenarioExpect | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = countKnownKeys(value, EXPECT_KEYS);
  if (keys < 0) return undefined;
  let seen = 0;
  let jobs: Record<string, ExpectedJob> = {};
  if (value['jobs'] !== undefined) {
    const x = expectedJobs(value['jobs']);
    if (x === undefined) return undefined;
    jobs = x;
    seen++;
  }
  if (value['slots'] === undefined) return seen === keys ? { jobs } : undefined;
  const slots = expectedSlots(value['slots']);
  if (slots === undefined || seen + 1 !== keys) return undefined;
  return { jobs, slots };
}

/** `z.record(z.string(), expectedJob)`: a new object, same keys, same order. */
function expectedJobs(value: unknown): Record<string, ExpectedJob> | undefined {
  if (!isJsonObject(value) || !hasOnlyPlainKeys(value)) return undefined;
  const out: Record<string, ExpectedJob> = {};
  for (const key in value) {
    const job = expectedJob(value[key]);
    if (job === undefined) return undefined;
    out[key] = job;
  }
  return out;
}

/** Every field optional: only those given, in the schema's order. */
function expectedJob(value: unknown): ExpectedJob | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = countKnownKeys(value, EXPECTED_JOB_KEYS);
  if (keys < 0) return undefined;
  const out: ExpectedJob = {};
  let seen = 0;
  const { scheduled, startTime, endTime, moldableIndex, resources } = value;
  if (scheduled !== undefined) {
    if (typeof scheduled !== 'boolean') return undefined;
    out.scheduled = scheduled;
    seen++;
  }
  if (startTime !== undefined) {
    if (!isSafeInt(startTime)) return undefined;
    out.startTime = startTime;
    seen++;
  }
  if (endTime !== undefined) {
    if (!isSafeInt(endTime)) return undefined;
    out.endTime = endTime;
    seen++;
  }
  if (moldableIndex !== undefined) {
    if (!isSafeInt(moldableIndex)) return undefined;
    out.moldableIndex = moldableIndex;
    seen++;
  }
  if (resources !== undefined) {
    if (!isString(resources)) return undefined;
    out.resources = resources;
    seen++;
  }
  return seen === keys ? out : undefined;
}

function expectedSlots(value: unknown): ExpectedSlot[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: ExpectedSlot[] = [];
  for (let i = 0; i < value.length; i++) {
    const slot: unknown = value[i];
    if (!isJsonObject(slot) || countKnownKeys(slot, SLOT_KEYS) !== SLOT_KEYS.size) return undefined;
    const { begin, end, resources } = slot;
    if (!isSafeInt(begin) || !isSafeInt(end) || !isString(resources)) return undefined;
    out.push({ begin, end, resources });
  }
  return out;
}
