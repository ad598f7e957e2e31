/**
 * The JSON contract of `oar-sched schedule --scenario` (scenario-format.md). Unknown top-level
 * keys are ignored (vectors carry `origin`, `note`, …); unknown keys inside objects are errors.
 */
import { z } from 'zod';
import { parseIntervalSet, type IntervalSet } from '@oar-sched/plugin-api';
import { schedulerConfigSchema, JOB_STATES } from '@oar-sched/core';

/** The largest resource id a resource-set string accepts (ids are 32-bit in OAR and here). */
const MAX_RESOURCE_ID = 2 ** 31 - 1;
const RESOURCE_ID_ERROR = 'expected a resource id ≥ 1';

/** One resource id, refused below 1 with the same words whether it comes alone or in a range. */
const resourceId = z.number().int().min(1, { error: RESOURCE_ID_ERROR }).max(MAX_RESOURCE_ID);

/**
 * A resource-set string, kept as intervals: `"1-100000000"` must reach the size check in
 * load-scenario.ts before anything enumerates it.
 */
const idSetString = z.string().transform((text, ctx): IntervalSet => {
  const parsed = parseIntervalSet(text);
  if (typeof parsed === 'string') {
    ctx.addIssue({ code: 'custom', message: `expected a resource-set string like "1-16 22" (${parsed})` });
    return z.NEVER;
  }
  if (parsed.min === 0) {
    ctx.addIssue({ code: 'custom', message: `${RESOURCE_ID_ERROR}, but "${text.trim()}" includes 0` });
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
const count = z.custom<number | (typeof SPECIAL_COUNTS)[number]>(
  (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 1) || SPECIAL_COUNTS.includes(v as never),
  { error: 'expected a count ≥ 1 or "ALL", "BEST", "HALF_BEST"' },
);

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

const reservedProperties = ['id', 'resource_id', 'type', 'state', 'available_upto'];

const resource = z
  .object({
    id: resourceId.optional(),
    ids: idSetString.optional(),
    state: z.enum(['Alive', 'Absent', 'Suspected', 'Dead']).default('Alive'),
    type: z.string().default('default'),
    availableUpto: z.number().int().default(2147483647),
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
      } else if (reservedProperties.includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['properties', name], message: `"${name}" is a reserved attribute name, not a property` });
      }
    }
  });

const jobId = z.number().int().min(1, { error: 'expected a job id ≥ 1 (OAR numbers jobs from 1)' });

const job = z
  .object({
    id: jobId,
    name: z.string().nullable().default(null),
    user: z.string().default(''),
    project: z.string().default(''),
    queue: z.string().default('default'),
    state: z
      .enum(JOB_STATES, { error: (issue) => `expected an OAR job state: ${JOB_STATES.join(', ')} (got ${JSON.stringify(issue.input)})` })
      .default('Waiting'),
    reservation: z.enum(['None', 'toSchedule', 'Scheduled']).default('None'),
    startTime: z.number().int().optional(),
    resources: idSet.optional(),
    moldableIndex: z.number().int().min(0).default(0),
    suspendedDuration: z.number().int().min(0).default(0),
    exitCode: z.number().int().nullable().default(null),
    submissionTime: z.number().int().default(0),
    qos: z.number().default(0),
    nice: z.number().default(1),
    types: z.record(z.string(), z.string()).default({}),
    properties: z.string().default(''),
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

const accounting = z
  .object({
    windowStart: z.number().int(),
    windowStop: z.number().int(),
    user: z.string(),
    project: z.string(),
    queue: z.string(),
    consumptionType: z.enum(['ASKED', 'USED']),
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
