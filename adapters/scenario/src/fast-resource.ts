/**
 * One entry of a scenario's `resources` array, checked and converted without zod: the value the
 * `resource` schema of scenario-schema.ts gives (same defaults, same key order, new objects), or
 * `undefined` when the entry is not plainly valid (then zod words the error).
 */
import type { IntervalSet } from '@oar-sched/plugin-api';
import { countKnownKeys, copyRecord, isJsonObject, isSafeInt, isString } from './fast-values.js';
import { MAX_RESOURCE_ID, parseResourceIdSet, RESERVED_PROPERTIES, RESOURCE_DEFAULTS, RESOURCE_STATES, type ScenarioDocument } from './scenario-schema.js';

export type ResourceEntry = ScenarioDocument['resources'][number];

/** The `resource` schema's keys (fast-scenario.test.ts compares them with the schema). */
export const RESOURCE_KEYS: ReadonlySet<string> = new Set(['id', 'ids', 'state', 'type', 'availableUpto', 'properties']);
const STATES: ReadonlySet<unknown> = new Set(RESOURCE_STATES);
const RESERVED: ReadonlySet<string> = new Set(RESERVED_PROPERTIES);

/** The schema's superRefine refuses `""` and the reserved attribute names. */
function isPropertyName(name: string): boolean {
  return name !== '' && !RESERVED.has(name);
}

function isPropertyValue(v: unknown): v is string | number {
  return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
}

export function fastResource(value: unknown): ResourceEntry | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = countKnownKeys(value, RESOURCE_KEYS);
  if (keys < 0) return undefined;
  let seen = 0;

  const id = value['id'];
  const idsText = value['ids'];
  let ids: IntervalSet | undefined;
  if (id !== undefined) {
    if (!isSafeInt(id) || id < 1 || id > MAX_RESOURCE_ID || idsText !== undefined) return undefined;
    seen++;
  } else {
    if (!isString(idsText)) return undefined; // neither (zod: "exactly one of") or not a string
    const parsed = parseResourceIdSet(idsText);
    if (typeof parsed === 'string') return undefined;
    ids = parsed;
    seen++;
  }

  let state: ResourceEntry['state'] = RESOURCE_DEFAULTS.state;
  const stateIn = value['state'];
  if (stateIn !== undefined) {
    if (!STATES.has(stateIn)) return undefined;
    state = stateIn as ResourceEntry['state'];
    seen++;
  }
  let type: string = RESOURCE_DEFAULTS.type;
  const typeIn = value['type'];
  if (typeIn !== undefined) {
    if (!isString(typeIn)) return undefined;
    type = typeIn;
    seen++;
  }
  let availableUpto: number = RESOURCE_DEFAULTS.availableUpto;
  const availableUptoIn = value['availableUpto'];
  if (availableUptoIn !== undefined) {
    if (!isSafeInt(availableUptoIn)) return undefined;
    availableUpto = availableUptoIn;
    seen++;
  }
  let properties: Record<string, string | number> = {};
  const propertiesIn = value['properties'];
  if (propertiesIn !== undefined) {
    const copy = copyRecord(propertiesIn, isPropertyValue, isPropertyName);
    if (copy === undefined) return undefined;
    properties = copy;
    seen++;
  }

  if (seen !== keys) return undefined;
  return ids === undefined ? { id: id as number, state, type, availableUpto, properties } : { ids, state, type, availableUpto, properties };
}
