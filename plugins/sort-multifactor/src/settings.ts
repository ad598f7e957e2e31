/**
 * The `sorting.multifactor` section of the scheduler config (OAR `PRIORITY_CONF_FILE`), owned by
 * this plugin: registered with `api.sortingSettings('multifactor', …)`, so the scheduler validates
 * it and applies these defaults before the round.
 */
import { z } from 'zod';

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
