import type { z } from 'zod';
import type { schedulerConfigSchema } from './scheduler-config-schema.js';

/** Scheduling configuration with every default applied (see scheduler-config-schema.ts). */
export type SchedulerConfig = z.output<typeof schedulerConfigSchema>;
/** What a scenario or config file may write: every field optional. */
export type SchedulerConfigInput = z.input<typeof schedulerConfigSchema>;
