/**
 * The JSON contract of `oar-sched schedule --scenario` (scenario-format.md). Unknown top-level
 * keys are ignored (vectors carry `origin`, `note`, …); unknown keys inside objects are errors.
 *
 * The constants below are shared with the fast path (fast-resource.ts, fast-job.ts), which must
 * accept exactly what this schema accepts and produce the same values: change both together
 * (fast-scenario.test.ts compares the two on every field).
 */
import { z } from 'zod';
import { parseIntervalSet, type IntervalSet } from '@oar-sched/plugin-api';
import { schedulerConfigSchema, JOB_STATES } from '@oar-sched/core';

/** The largest resource id a resource-set string accepts (ids are 32-bit in OAR and here). */
export const MAX_RESOURCE_ID = 2 ** 31 - 1;
const RESOURCE_ID_ERROR = 'expected a resource id ≥ 1';

/** One resource id, refused below 1 with the same words whether it comes alone or in a range. */
const resourceId = z.number().int().min(1, { error: RESOURCE_ID_ERROR }).max(MAX_RESOURCE_ID);

/**
 * A resource-set string as intervals, or why it is refused (the issue's message). Never
 * enumerates: `"1-100000000"` must reach the size check in load-scenario.ts first.
 */
export function parseResourceIdSet(text: string): IntervalSet | string {
  const parsed = parseIntervalSet(text);
  if (typeof parsed === 'string') return `expected a resource-set string like "1-16 22" (${parsed})`;
  if (parsed.min === 0) return `${RESOURCE_ID_ERROR}, but "${text.trim()}" includes 0`;
  return parsed;
}

const idSetString = z.string().transform((text, ctx): IntervalSet => {
  const parsed = parseResourceIdSet(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  }
  return parsed;
});

/** A resource-set string (as intervals) or an array of ids. */
export const idSet = z.union([idSetString, z.array(resourceId)], {
  error: 'expected a resource-set string like "1-16 22" or an array of ids',
});

/** The values core §11.1 gives meaning to (`X,Y`, each `*`, `user` or `name`, order irrelevant). */
export const TIMESHARING_VALUES: readonly string[] = ['*,*', 'user,*', '*,user', 'name,*', '*,name', 'user,name', 'name,user'];

const SPECIAL_COUNTS = ['ALL', 'BEST', 'HALF_BEST'] as const;

/** A level's `count`: an integer ≥ 1 (not necessarily a safe one) or one of the special words. */
export function isCount(v: unknown): v is number | (typeof SPECIAL_COUNTS)[number] {
  return (typeof v === 'number' && Number.isInteger(v) && v >= 1) || SPECIAL_COUNTS.includes(v as never);
}

const count = z.custom<number | (typeof SPECIAL_COUNTS)[number]>(isCount, { error: 'expected a count ≥ 1 or "ALL", "BEST", "HALF_BEST"' });

const part = z
  .object({
    levels: z.array(z.object({ level: z.string().min(1), count }).strict()).min(1, 'expected at least one level'),
    property: z.string().default(''),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.levels.length > 1 && p.levels.some((l) => typeof l.count === 'string')) {
      ctx.addIssue({ code: 'custom', path: ['levels'], message: 'ALL, BEST and HALF_BEST are only allowed in a single-level request' });
    }
  });

const moldable = z
  .object({
    walltime: z.number().int().min(0),
    request: z.array(part).min(1, 'expected at least one request part'),
  })
  .strict();

const propertyValue = z.union([z.string(), z.number()]);

export const RESERVED_PROPERTIES: readonly string[] = ['id', 'resource_id', 'type', 'state', 'available_upto'];
export const RESOURCE_STATES = ['Alive', 'Absent', 'Suspected', 'Dead'] as const;
export const RESERVATION_KINDS = ['None', 'toSchedule', 'Scheduled'] as const;

/** What an absent field of a resource entry becomes (`properties` becomes a new `{}`). */
export const RESOURCE_DEFAULTS = { state: 'Alive', type: 'default', availableUpto: 2147483647 } as const;

/** What an absent field of a job becomes (`types` a new `{}`, `dependencies` a new `[]`). */
export const JOB_DEFAULTS = {
  name: null,
  user: '',
  project: '',
  queue: 'default',
  state: 'Waiting',
  reservation: 'None',
  moldableIndex: 0,
  suspendedDuration: 0,
  exitCode: null,
  submissionTime: 0,
  qos: 0,
  nice: 1,
  properties: '',
} as const;

const resource = z
  .object({
    id: resourceId.optional(),
    ids: idSetString.optional(),
    state: z.enum(RESOURCE_STATES).default(RESOURCE_DEFAULTS.state),
    type: z.string().default(RESOURCE_DEFAULTS.type),
    availableUpto: z.number().int().default(RESOURCE_DEFAULTS.availableUpto),
    properties: z.record(z.string(), propertyValue).default({}),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.id === undefined) === (r.ids === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of "id" or "ids"' });
    }
    for (const name of Object.keys(r.properties)) {
      if (name === '') {
        ctx.addIssue({ code: 'custom', path: ['properties'], message: 'expected non-empty property names, found a property named ""' });
      } else if (RESERVED_PROPERTIES.includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['properties', name], message: `"${name}" is a reserved attribute name, not a property` });
      }
    }
  });

const jobId = z.number().int().min(1, { error: 'expected a job id ≥ 1 (OAR numbers jobs from 1)' });

const job = z
  .object({
    id: jobId,
    name: z.string().nullable().default(JOB_DEFAULTS.name),
    user: z.string().default(JOB_DEFAULTS.user),
    project: z.string().default(JOB_DEFAULTS.project),
    queue: z.string().default(JOB_DEFAULTS.queue),
    state: z
      .enum(JOB_STATES, { error: (issue) => `expected an OAR job state: ${JOB_STATES.join(', ')} (got ${JSON.stringify(issue.input)})` })
      .default(JOB_DEFAULTS.state),
    reservation: z.enum(RESERVATION_KINDS).default(JOB_DEFAULTS.reservation),
    startTime: z.number().int().optional(),
    resources: idSet.optional(),
    moldableIndex: z.number().int().min(0).default(JOB_DEFAULTS.moldableIndex),
    suspendedDuration: z.number().int().min(0).default(JOB_DEFAULTS.suspendedDuration),
    exitCode: z.number().int().nullable().default(JOB_DEFAULTS.exitCode),
    submissionTime: z.number().int().default(JOB_DEFAULTS.submissionTime),
    qos: z.number().default(JOB_DEFAULTS.qos),
    nice: z.number().default(JOB_DEFAULTS.nice),
    types: z.record(z.string(), z.string()).default({}),
    properties: z.string().default(JOB_DEFAULTS.properties),
    moldables: z.array(moldable).min(1, 'expected at least one moldable'),
    dependencies: z.array(jobId).default([]),
  })
  .strict()
  .superRefine((j, ctx) => {
    const ts = j.types['timesharing'];
    if (ts !== undefined && !TIMESHARING_VALUES.includes(ts)) {
      ctx.addIssue({
        code: 'custom',
        path: ['types', 'timesharing'],
        message: `expected two comma-separated fields, each "*", "user" or "name" (${TIMESHARING_VALUES.map((v) => `"${v}"`).join(', ')}), got ${JSON.stringify(ts)}`,
      });
    }
  });

const queue = z
  .object({
    name: z.string().min(1),
    priority: z.number().int().default(0),
    state: z.string().default('Active'),
  })
  .strict();

export const CONSUMPTION_TYPES = ['ASKED', 'USED'] as const;

const accounting = z
  .object({
    windowStart: z.number().int(),
    windowStop: z.number().int(),
    user: z.string(),
    project: z.string(),
    queue: z.string(),
    consumptionType: z.enum(CONSUMPTION_TYPES),
    consumption: z.number(),
  })
  .strict();

const expectedJob = z
  .object({
    scheduled: z.boolean().optional(),
    startTime: z.number().int().optional(),
    endTime: z.number().int().optional(),
    moldableIndex: z.number().int().optional(),
    resources: z.string().optional(),
  })
  .strict();

const expectedSlot = z.object({ begin: z.number().int(), end: z.number().int(), resources: z.string() }).strict();

export const scenarioSchema = z.looseObject({
  formatVersion: z.literal(1, { error: 'expected formatVersion 1 (the only version this release reads)' }).default(1),
  now: z.number({ error: 'expected an integer time in seconds' }).int(),
  config: schedulerConfigSchema.prefault({}),
  queues: z.array(queue).default([{ name: 'default', priority: 3, state: 'Active' }]),
  resources: z.array(resource),
  jobs: z.array(job).default([]),
  accounting: z.array(accounting).default([]),
  expect: z
    .object({ jobs: z.record(z.string(), expectedJob).default({}), slots: z.array(expectedSlot).optional() })
    .strict()
    .optional(),
});

export type ScenarioDocument = z.output<typeof scenarioSchema>;
export type ScenarioExpect = NonNullable<ScenarioDocument['expect']>;
