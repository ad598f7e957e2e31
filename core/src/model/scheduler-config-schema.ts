/**
 * The scheduling part of the configuration: the scenario file's `config` object and the
 * `scheduler` section of `oar.config.*` are both validated by this one schema, so the two can never
 * drift. Field names are camelCase; the OAR3 `oar.conf` key of each is in docs/reference/config.md.
 * Unknown keys are errors (a typo must not silently fall back to a default).
 */
import { z } from 'zod';

const nonNegativeInt = z.number().int().min(0);

/**
 * `sorting`: the policy is the name of any registered `jobsSorting` plugin (`CUSTOM` + `custom.name`
 * is OAR3's spelling of the same). Every other key is a policy's settings section, validated by the
 * schema its plugin registered (`api.sortingSettings`) when the round starts: the engine does not
 * know which sections exist until the plugins are loaded.
 */
export const sortingSchema = z
  .object({
    policy: z.string().min(1, 'the name of a registered jobsSorting policy (FIFO, FAIRSHARE, MULTIFACTOR, …)').default('FIFO'),
    custom: z
      .object({
        name: z.string().min(1, 'the name of a registered jobsSorting plugin'),
        config: z.string().default('{}'),
      })
      .strict()
      .optional(),
  })
  .catchall(z.unknown())
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
    /** How long an accepted reservation whose resources are partly missing waits before starting on the rest (s). */
    reservationWaitingResourcesTimeout: nonNegativeInt.default(300),
  })
  .strict();
