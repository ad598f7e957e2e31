/**
 * The `"oar"` field of a plugin package's package.json:
 * `{ "apiVersion": 1, "entry": "./dist/index.js", "provides": { "find": ["contiguous"] } }`.
 * `provides` is informative (listed by `oar-sched plugins` before loading); what the plugin
 * actually taps is recorded by the registry.
 */
import { z } from 'zod';

const names = z.array(z.string().min(1)).default([]);

export const manifestSchema = z
  .object({
    apiVersion: z.number({ error: 'expected the plugin API version number, e.g. 1' }).int().positive(),
    entry: z.string({ error: 'expected the path of the plugin module, e.g. "./dist/index.js"' }).min(1),
    provides: z
      .object({ find: names, assign: names, jobsSorting: names, extraMetasched: names })
      .strict()
      .prefault({}),
  })
  .strict();

export type PluginManifest = z.output<typeof manifestSchema>;
