/**
 * The whole `oar.config.*` / `.oarrc*` file, validated by this one schema (docs/reference/config.md).
 * Every object is `.strict()`: a misspelt key is reported with its path instead of silently
 * falling back to a default. The `scheduler` section is the very schema of a scenario's `config`
 * (`schedulerConfigSchema`), reused, so the two can never drift.
 */
import { z } from 'zod';
import { schedulerConfigSchema } from '@oar-sched/core';

/** A string starting with `./`, `../` or `/` is a local file or folder; anything else is a package name. */
export function isLocalPluginPath(text: string): boolean {
  return text.startsWith('./') || text.startsWith('../') || text.startsWith('/') || text === '.' || text === '..';
}

const pluginListObject = z
  .object({
    /** npm package name, installed in the project (resolved from the config file's folder). */
    package: z.string().min(1).optional(),
    /** Local plugin module (`.ts`, `.js`, …) or plugin package folder, relative to the config file. */
    path: z.string().min(1).optional(),
    /** Options for this plugin, validated by the plugin's own schema. */
    options: z.unknown().optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if ((entry.package === undefined) === (entry.path === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'expected exactly one of "package" or "path"' });
    } else if (entry.package !== undefined && isLocalPluginPath(entry.package)) {
      ctx.addIssue({ code: 'custom', path: ['package'], message: `"${entry.package}" is a path: write { path: "${entry.package}" }` });
    }
  });

export const pluginListEntrySchema = z.union([z.string().min(1, 'expected a package name or a "./file" path'), pluginListObject], {
  error: 'expected a package name, a "./local/file" path, or { package | path, options }',
});

export const pluginsConfigSchema = z
  .object({
    /** Register every direct dependency of the project whose package.json has an `"oar"` field. */
    discover: z.boolean().default(true),
    /** Package names or plugin names never registered (discovered or listed). Built-ins cannot be disabled. */
    disable: z.array(z.string().min(1)).default([]),
    /** Plugins registered explicitly, in this order, after the discovered ones. */
    list: z.array(pluginListEntrySchema).default([]),
    /** Options per plugin, keyed by plugin name or package name. */
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const extraMetaschedConfigSchema = z
  .object({
    /** Name of the `extraMetasched` tap to call before each queue group; `"default"` means none (OAR `EXTRA_METASCHED`). */
    name: z.string().min(1),
    /** Free-form string handed to the hook (OAR `EXTRA_METASCHED_CONFIG`). */
    config: z.string().default(''),
  })
  .strict();

export const oarConfigSchema = z
  .object({
    scheduler: schedulerConfigSchema.prefault({}),
    plugins: pluginsConfigSchema.prefault({}),
    extraMetasched: extraMetaschedConfigSchema.optional(),
    /** The OAR database of `oar-sched round` and `db` commands (`sqlite:PATH`, `postgres://…`). */
    database: z.object({ url: z.string().min(1, 'expected sqlite:PATH, sqlite::memory: or postgres://…') }).strict().optional(),
  })
  .strict();

/** What a config file may write: every field optional (the argument of `defineConfig`). */
export type OarUserConfig = z.input<typeof oarConfigSchema>;
/** The config with every default applied. */
export type ResolvedOarConfig = z.output<typeof oarConfigSchema>;
export type PluginListEntry = z.output<typeof pluginListEntrySchema>;
