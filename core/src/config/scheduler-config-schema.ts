/**
 * The scheduling part of the configuration: the scenario file's `config` object and the
 * `scheduler` section of `oar.config.*` are both validated by this one schema, so the two can never
 * drift. Field names are camelCase; the OAR3 `oar.conf` key of each is in docs/reference/config.md.
 * Unknown keys are errors (a typo must not silently fall back to a default).
 */
import { z } from 'zod';

const nonNegativeInt = z.number().int().min(0);

export const fairshareSchema = z
  .object({
    windowSize: z.number().int().positive().default(2_592_000),
    projectTargets: z.record(z.string(), z.number()).default({ default: 21 }),
    userTargets: z.record(z.string(), z.number()).default({ default: 22 }),
    coefProject: z.number().default(0),
    coefUser: z.number().default(1),
    coefUserAsk: z.number().default(1),
  })
  .strict();

export const multifactorSchema = z
  .object({
    ageWeight: z.number().default(0),
    ageCoef: z.number().default(1.65e-6),
    queueWeight: z.number().default(0),
    queueCoefs: z.record(z.string(), z.number()).default({}),
    workWeight: z.literal(0, { error: 'workWeight must be 0: the work factor has no reference behaviour in OAR3' }).default(0),
    workMode: z.union([z.number(), z.string()]).default(0),
    sizeWeight: z.literal(0, { error: 'sizeWeight must be 0: the size factor has no reference behaviour in OAR3' }).default(0),
    sizeMode: z.union([z.number(), z.string()]).default(0),
    karmaWeight: z.number().default(0),
    qosWeight: z.number().default(0),
    niceWeight: z.number().default(0),
  })
  .strict();

export const sortingSchema = z
  .object({
    policy: z.enum(['FIFO', 'FAIRSHARE', 'MULTIFACTOR', 'CUSTOM']).default('FIFO'),
    fairshare: fairshareSchema.prefault({}),
    multifactor: multifactorSchema.prefault({}),
    custom: z
      .object({
        name: z.string().min(1, 'the name of a registered jobsSorting plugin'),
        config: z.string().default('{}'),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((sorting, ctx) => {
    if (sorting.policy === 'CUSTOM' && !sorting.custom) {
      ctx.addIssue({
        code: 'custom',
        path: ['custom'],
        message: 'policy "CUSTOM" needs custom: { name: "<jobsSorting plugin>", config?: "<string>" }',
      });
    }
  });

export const quotasSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** The OAR quotas JSON document, validated by the quotas module (it needs the resources). */
    rules: z.record(z.string(), z.unknown()).default({}),
    windowTimeLimit: nonNegativeInt.default(5_184_000),
    period: nonNegativeInt.default(1_296_000),
    allNbResourcesMode: z.enum(['default_not_dead', 'default']).default('default_not_dead'),
  })
  .strict();

export const schedulerConfigSchema = z
  .object({
    jobSecurityTime: nonNegativeInt.default(60),
    hierarchyLabels: z.array(z.string().min(1)).default(['resource_id', 'network_address']),
    resourceOrder: z.string().default('resource_id ASC'),
    suspendableResourceTypes: z.array(z.string()).default(['default']),
    maxJobsPerQueuesGroup: z.number().int().nullable().default(1000),
    cacheEnabled: z.boolean().default(true),
    timezone: z.string().default('UTC'),
    quotas: quotasSchema.prefault({}),
    sorting: sortingSchema.prefault({}),
    besteffortKillDurationBeforeReservation: z.number().int().default(0),
  })
  .strict();
