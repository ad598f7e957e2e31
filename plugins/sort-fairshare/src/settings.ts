/**
 * The `sorting.fairshare` section of the scheduler config (OAR `SCHEDULER_FAIRSHARING_*`), owned
 * by this plugin: registered with `api.sortingSettings('fairshare', …)`, so the scheduler
 * validates it and applies these defaults before the round. MULTIFACTOR's karma term reads it too.
 */
import { z } from 'zod';

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
