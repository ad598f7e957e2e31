/**
 * Orders a group's waiting jobs through the `jobsSorting` hook chosen by `sorting.policy`
 * (`CUSTOM` → `sorting.custom.name`), and resolves the settings sections the sorting plugins
 * declared.
 */
import type { Job, SortContext, SortingSettings } from '@oar-sched/plugin-api';
import { OarSchedError } from '../errors.js';
import { formatZodIssues } from '../format-issues.js';
import type { SchedulerConfig } from '../model/config.js';
import type { PluginRegistry } from '../registry/plugin-registry.js';

export function sortingPolicyName(config: SchedulerConfig): string {
  return config.sorting.policy === 'CUSTOM' ? config.sorting.custom!.name : config.sorting.policy;
}

/** Fails before the round starts when the configured policy has no plugin. */
export function assertSortingAvailable(config: SchedulerConfig, registry: PluginRegistry): void {
  const name = sortingPolicyName(config);
  if (!registry.has('jobsSorting', name)) {
    const known = registry.plugins.flatMap((p) => p.provides.jobsSorting);
    throw new OarSchedError(
      'SORTING_INVALID',
      `config.sorting${config.sorting.policy === 'CUSTOM' ? '.custom.name' : '.policy'}: no jobsSorting plugin is registered under "${name}" (known: ${known.join(', ') || 'none'})`,
      config.sorting.policy === 'CUSTOM' ? 'install the plugin that provides it, or fix sorting.custom.name' : 'install the plugin that provides it, or fix sorting.policy',
    );
  }
}

/**
 * `sorting` with every declared section validated by its plugin's schema (defaults applied). A
 * section no plugin declares is refused: it is a typo or a plugin that is not installed. `root`
 * is the key path messages name (`scheduler.sorting` for a config file).
 */
export function resolveSortingSettings(config: SchedulerConfig, registry: PluginRegistry, root = 'config.sorting'): SortingSettings {
  const { policy, custom, ...sections } = config.sorting;
  const declared = registry.sortingSections;
  const unknown = Object.keys(sections).filter((k) => !declared.has(k));
  if (unknown.length > 0) {
    throw new OarSchedError(
      'CONFIG_INVALID',
      `${root}.${unknown[0]}: no sorting plugin declares settings named "${unknown[0]}" (declared: ${[...declared.keys()].join(', ') || 'none'})`,
      'fix the key, or install the plugin whose policy reads it',
    );
  }
  const resolved: Record<string, unknown> = { policy, ...(custom ? { custom } : {}) };
  for (const [section, { schema, plugin }] of declared) {
    const parsed = schema.safeParse(sections[section] ?? {});
    if (!parsed.success) {
      throw new OarSchedError(
        'CONFIG_INVALID',
        `invalid sorting settings (declared by ${plugin}):\n${formatZodIssues(parsed.error.issues, `${root}.${section}`)}`,
        `fix ${root}.${section}; the documentation of ${plugin} lists its settings`,
      );
    }
    resolved[section] = parsed.data;
  }
  return resolved as SortingSettings;
}

/** The ordered jobs, or `undefined` when every tap of the policy declined. Plugin errors propagate. */
export function sortJobs(registry: PluginRegistry, config: SchedulerConfig, context: SortContext): readonly Job[] | undefined {
  return registry.hooks.jobsSorting.get(sortingPolicyName(config))?.call(context);
}
