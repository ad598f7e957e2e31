/**
 * One entry of a scenario's `jobs` array, checked and converted without zod: the value the `job`
 * schema of scenario-schema.ts gives (same defaults, same key order, new objects and arrays), or
 * `undefined` when the job is not plainly valid (then zod words the error).
 */
import { JOB_STATES } from '@oar-sched/core';
import type { IntervalSet } from '@oar-sched/plugin-api';
import { countKnownKeys, copyRecord, isFiniteNumber, isJsonObject, isSafeInt, isString } from './fast-values.js';
import { isCount, JOB_DEFAULTS, MAX_RESOURCE_ID, parseResourceIdSet, RESERVATION_KINDS, TIMESHARING_VALUES, type ScenarioDocument } from './scenario-schema.js';

export type JobEntry = ScenarioDocument['jobs'][number];
type Moldable = JobEntry['moldables'][number];
type Part = Moldable['request'][number];
type Level = Part['levels'][number];

/** The schemas' keys (fast-scenario.test.ts compares them with the schemas). */
export const JOB_KEYS: ReadonlySet<string> = new Set([
  'id', 'name', 'user', 'project', 'queue', 'state', 'reservation', 'startTime', 'resources', 'moldableIndex',
  'suspendedDuration', 'exitCode', 'submissionTime', 'qos', 'nice', 'types', 'properties', 'moldables', 'dependencies',
]);
export const MOLDABLE_KEYS: ReadonlySet<string> = new Set(['walltime', 'request']);
export const PART_KEYS: ReadonlySet<string> = new Set(['levels', 'property']);
export const LEVEL_KEYS: ReadonlySet<string> = new Set(['level', 'count']);
const STATES: ReadonlySet<unknown> = new Set(JOB_STATES);
const RESERVATIONS: ReadonlySet<unknown> = new Set(RESERVATION_KINDS);
const TIMESHARING: ReadonlySet<string> = new Set(TIMESHARING_VALUES);

/**
 * Reads the job's fields one by one; `seen` counts those present, so that a key `for…in` listed
 * but that read as `undefined` sends the job to zod (see `countKnownKeys`).
 */
export function fastJob(value: unknown): JobEntry | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = countKnownKeys(value, JOB_KEYS);
  if (keys < 0) return undefined;
  let seen = 0;
  const v = value;

  const id = v['id'];
  if (!isSafeInt(id) || id < 1) return undefined;
  seen++;
  let name: string | null = JOB_DEFAULTS.name;
  if (v['name'] !== undefined) {
    const x = v['name'];
    if (x !== null && !isString(x)) return undefined;
    name = x;
    seen++;
  }
  let user: string = JOB_DEFAULTS.user;
  if (v['user'] !== undefined) {
    if (!isString(v['user'])) return undefined;
    user = v['user'];
    seen++;
  }
  let project: string = JOB_DEFAULTS.project;
  if (v['project'] !== undefined) {
    if (!isString(v['project'])) return undefined;
    project = v['project'];
    seen++;
  }
  let queue: string = JOB_DEFAULTS.queue;
  if (v['queue'] !== undefined) {
    if (!isString(v['queue'])) return undefined;
    queue = v['queue'];
    seen++;
  }
  let state: JobEntry['state'] = JOB_DEFAULTS.state;
  if (v['state'] !== undefined) {
    if (!STATES.has(v['state'])) return undefined;
    state = v['state'] as JobEntry['state'];
    seen++;
  }
  let reservation: JobEntry['reservation'] = JOB_DEFAULTS.reservation;
  if (v['reservation'] !== undefined) {
    if (!RESERVATIONS.has(v['reservation'])) return undefined;
    reservation = v['reservation'] as JobEntry['reservation'];
    seen++;
  }
  const startTime = v['startTime'];
  if (startTime !== undefined) {
    if (!isSafeInt(startTime)) return undefined;
    seen++;
  }
  let resources: IntervalSet | number[] | undefined;
  if (v['resources'] !== undefined) {
    resources = resourceIds(v['resources']);
    if (resources === undefined) return undefined;
    seen++;
  }
  let moldableIndex: number = JOB_DEFAULTS.moldableIndex;
  if (v['moldableIndex'] !== undefined) {
    const x = v['moldableIndex'];
    if (!isSafeInt(x) || x < 0) return undefined;
    moldableIndex = x;
    seen++;
  }
  let suspendedDuration: number = JOB_DEFAULTS.suspendedDuration;
  if (v['suspendedDuration'] !== undefined) {
    const x = v['suspendedDuration'];
    if (!isSafeInt(x) || x < 0) return undefined;
    suspendedDuration = x;
    seen++;
  }
  let exitCode: number | null = JOB_DEFAULTS.exitCode;
  if (v['exitCode'] !== undefined) {
    const x = v['exitCode'];
    if (x !== null && !isSafeInt(x)) return undefined;
    exitCode = x;
    seen++;
  }
  let submissionTime: number = JOB_DEFAULTS.submissionTime;
  if (v['submissionTime'] !== undefined) {
    if (!isSafeInt(v['submissionTime'])) return undefined;
    submissionTime = v['submissionTime'];
    seen++;
  }
  let qos: number = JOB_DEFAULTS.qos;
  if (v['qos'] !== undefined) {
    if (!isFiniteNumber(v['qos'])) return undefined;
    qos = v['qos'];
    seen++;
  }
  let nice: number = JOB_DEFAULTS.nice;
  if (v['nice'] !== undefined) {
    if (!isFiniteNumber(v['nice'])) return undefined;
    nice = v['nice'];
    seen++;
  }
  let types: Record<string, string> = {};
  if (v['types'] !== undefined) {
    const copy = copyRecord(v['types'], isString);
    if (copy === undefined) return undefined;
    const timesharing = copy['timesharing'];
    if (timesharing !== undefined && !TIMESHARING.has(timesharing)) return undefined;
    types = copy;
    seen++;
  }
  let properties: string = JOB_DEFAULTS.properties;
  if (v['properties'] !== undefined) {
    if (!isString(v['properties'])) return undefined;
    properties = v['properties'];
    seen++;
  }
  const moldables = moldableList(v['moldables']);
  if (moldables === undefined) return undefined;
  seen++;
  let dependencies: number[] = [];
  if (v['dependencies'] !== undefined) {
    const x = copyIntArray(v['dependencies'], 1, Number.MAX_SAFE_INTEGER);
    if (x === undefined) return undefined;
    dependencies = x;
    seen++;
  }
  if (seen !== keys) return undefined;

  // The schema's key order: the two optional keys only when given.
  const job: Record<string, unknown> = { id, name, user, project, queue, state, reservation };
  if (startTime !== undefined) job['startTime'] = startTime;
  if (resources !== undefined) job['resources'] = resources;
  job['moldableIndex'] = moldableIndex;
  job['suspendedDuration'] = suspendedDuration;
  job['exitCode'] = exitCode;
  job['submissionTime'] = submissionTime;
  job['qos'] = qos;
  job['nice'] = nice;
  job['types'] = types;
  job['properties'] = properties;
  job['moldables'] = moldables;
  job['dependencies'] = dependencies;
  return job as JobEntry;
}

/** `idSet`: a resource-set string (as intervals) or a new array of resource ids. */
function resourceIds(value: unknown): IntervalSet | number[] | undefined {
  if (isString(value)) {
    const parsed = parseResourceIdSet(value);
    return typeof parsed === 'string' ? undefined : parsed;
  }
  return copyIntArray(value, 1, MAX_RESOURCE_ID);
}

/** A new array of safe integers in `[min, max]`, or `undefined`. */
function copyIntArray(value: unknown, min: number, max: number): number[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const x: unknown = value[i];
    if (!isSafeInt(x) || x < min || x > max) return undefined;
    out.push(x);
  }
  return out;
}

function moldableList(value: unknown): Moldable[] | undefined {
  if (!Array.isArray(value) || value.length < 1) return undefined;
  const out: Moldable[] = [];
  for (let i = 0; i < value.length; i++) {
    const m: unknown = value[i];
    if (!isJsonObject(m) || countKnownKeys(m, MOLDABLE_KEYS) !== 2) return undefined;
    const walltime = m['walltime'];
    if (!isSafeInt(walltime) || walltime < 0) return undefined;
    const request = partList(m['request']);
    if (request === undefined) return undefined;
    out.push({ walltime, request });
  }
  return out;
}

function partList(value: unknown): Part[] | undefined {
  if (!Array.isArray(value) || value.length < 1) return undefined;
  const out: Part[] = [];
  for (let i = 0; i < value.length; i++) {
    const p: unknown = value[i];
    if (!isJsonObject(p)) return undefined;
    const keys = countKnownKeys(p, PART_KEYS);
    if (keys < 0) return undefined;
    const levels = levelList(p['levels']);
    if (levels === undefined) return undefined;
    const property = p['property'];
    if (property === undefined) {
      if (keys !== 1) return undefined;
      out.push({ levels, property: '' });
    } else {
      if (!isString(property) || keys !== 2) return undefined;
      out.push({ levels, property });
    }
  }
  return out;
}

/** The part's superRefine: a special count (`ALL`, …) only in a single-level request. */
function levelList(value: unknown): Level[] | undefined {
  if (!Array.isArray(value) || value.length < 1) return undefined;
  const out: Level[] = [];
  for (let i = 0; i < value.length; i++) {
    const l: unknown = value[i];
    if (!isJsonObject(l) || countKnownKeys(l, LEVEL_KEYS) !== 2) return undefined;
    const level = l['level'];
    const count = l['count'];
    if (!isString(level) || level === '' || !isCount(count)) return undefined;
    if (typeof count === 'string' && value.length > 1) return undefined;
    out.push({ level, count });
  }
  return out;
}
