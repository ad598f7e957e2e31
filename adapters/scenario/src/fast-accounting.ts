/**
 * One entry of a scenario's `accounting` array (a database export carries one per user, project,
 * queue and accounting window), checked and converted without zod: the value the `accounting`
 * schema of scenario-schema.ts gives, or `undefined` when not plainly valid (then zod words the
 * error).
 */
import { countKnownKeys, isFiniteNumber, isJsonObject, isSafeInt, isString } from './fast-values.js';
import { CONSUMPTION_TYPES, type ScenarioDocument } from './scenario-schema.js';

export type AccountingEntry = ScenarioDocument['accounting'][number];

/** The `accounting` schema's keys (fast-scenario.test.ts compares them with the schema). */
export const ACCOUNTING_KEYS: ReadonlySet<string> = new Set(['windowStart', 'windowStop', 'user', 'project', 'queue', 'consumptionType', 'consumption']);
const TYPES: ReadonlySet<unknown> = new Set(CONSUMPTION_TYPES);

/** Every field is required: seven keys listed, seven valid values read. */
export function fastAccounting(value: unknown): AccountingEntry | undefined {
  if (!isJsonObject(value) || countKnownKeys(value, ACCOUNTING_KEYS) !== ACCOUNTING_KEYS.size) return undefined;
  const { windowStart, windowStop, user, project, queue, consumptionType, consumption } = value;
  if (!isSafeInt(windowStart) || !isSafeInt(windowStop) || !isString(user) || !isString(project) || !isString(queue)) return undefined;
  if (!TYPES.has(consumptionType) || !isFiniteNumber(consumption)) return undefined;
  return { windowStart, windowStop, user, project, queue, consumptionType: consumptionType as AccountingEntry['consumptionType'], consumption };
}
