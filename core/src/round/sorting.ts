/**
 * Orders a group's waiting jobs through the `jobsSorting` hook chosen by `sorting.policy`
 * (`CUSTOM` → `sorting.custom.name`).
 */
import { OarSchedError } from '../errors.js';
import type { Job } from '../jobs/job.js';
import type { SchedulerConfig } from '../model/config.js';
import type { SortContext } from '../plugin-api/contexts.js';
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
      `config.sorting: no jobsSorting plugin is registered under "${name}" (known: ${known.join(', ') || 'none'})`,
      config.sorting.policy === 'CUSTOM' ? 'install the plugin that provides it, or fix sorting.custom.name' : undefined,
    );
  }
}

/** The ordered jobs, or `undefined` when every tap of the policy declined. Plugin errors propagate. */
export function sortJobs(registry: PluginRegistry, config: SchedulerConfig, context: SortContext): readonly Job[] | undefined {
  return registry.hooks.jobsSorting.get(sortingPolicyName(config))?.call(context);
}
