/**
 * Test helpers for round tests inside the engine (not built, not shipped: core/tsconfig.json
 * excludes it). The engine must not depend on the built-in plugin packages, so this file brings a
 * minimal `first fit` find (the lowest free positions allowed by the constraint, for requests of
 * one `resource_id=N` level per part), an assign that, like the built-in, keeps the moldable
 * ending first, and FIFO ordering.
 */
import { definePlugin, IntervalSet, type AssignContext, type AssignResult, type FindContext, type Found, type JobRecord, type OarPlugin, type Reason, type ResourceRecord } from '@oar-sched/plugin-api';
import { schedulerConfigSchema } from '../model/scheduler-config-schema.js';
import type { QueueRecord, Snapshot } from '../model/snapshot.js';
import { DEFAULT_AVAILABLE_UPTO } from '../model/time.js';
import { PluginRegistry, type PluginOrigin } from '../registry/plugin-registry.js';

export const NOW = 1000;
export const quiet = { info: () => {}, warn: () => {} };

export function firstFit(ctx: FindContext): IntervalSet | null {
  let result = IntervalSet.EMPTY;
  for (const part of ctx.parts) {
    const level = part.levels[0];
    const count = level?.count;
    if (!level || !ctx.hierarchy.level(level.level)) return null;
    const candidates = ctx.available.intersect(part.constraint);
    if (typeof count !== 'number' || candidates.size < count) return null;
    result = result.union(candidates.firstN(count));
  }
  return result;
}

/** The built-in assign's rule, written against the plugin API only. */
export function earliestEnd(ctx: AssignContext): AssignResult {
  let best: Found | undefined;
  let first: Reason | undefined;
  for (const moldable of ctx.job.moldables) {
    const outcome = ctx.searchMoldable(moldable.index, { quotas: ctx.quotasApply });
    if (!outcome.found) first ??= outcome.reason;
    else if (!best || outcome.end < best.end) best = outcome;
  }
  return best ? ctx.place(best) : { placed: false, reason: first! };
}

export const builtIns: OarPlugin = definePlugin({
  name: 'test-built-ins',
  setup(api) {
    api.find('default', firstFit);
    api.assign('default', earliestEnd);
    api.jobsSorting('FIFO', (ctx) => ctx.jobs);
  },
});

export const dependency = (packageName: string): PluginOrigin => ({ source: 'dependency', packageName, version: '1.0.0' });

/** A registry with the test built-ins and then `plugins` (each from a package named after it). */
export function registryWith(...plugins: OarPlugin<unknown>[]): PluginRegistry {
  const registry = new PluginRegistry(quiet);
  registry.use(builtIns, { source: 'built-in', packageName: '@oar-sched/test-built-ins' });
  for (const plugin of plugins) registry.use(plugin, dependency(`@acme/${plugin.name}`));
  return registry;
}

export function resources(count: number, properties: (id: number) => Record<string, string | number> = () => ({})): ResourceRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    state: 'Alive' as const,
    type: 'default',
    availableUpto: DEFAULT_AVAILABLE_UPTO,
    properties: { network_address: `node${i + 1}`, ...properties(i + 1) },
  }));
}

/** A waiting job of `count` resources (one `resource_id` level) per moldable walltime. */
export function waiting(id: number, count: number, extra: Partial<JobRecord> & { walltimes?: readonly number[]; property?: string } = {}): JobRecord {
  const { walltimes = [60], property = '', ...rest } = extra;
  return {
    id,
    name: null,
    user: 'alice',
    project: 'p',
    queue: 'default',
    state: 'Waiting',
    reservation: 'None',
    startTime: undefined,
    resources: undefined,
    moldableIndex: 0,
    suspendedDuration: 0,
    exitCode: null,
    submissionTime: id,
    qos: 0,
    nice: 0,
    types: {},
    properties: '',
    moldables: walltimes.map((walltime) => ({ walltime, request: [{ levels: [{ level: 'resource_id', count }], property }] })),
    dependencies: [],
    ...rest,
  };
}

export function snapshot(options: {
  readonly resources?: readonly ResourceRecord[];
  readonly jobs: readonly JobRecord[];
  readonly config?: object;
  readonly queues?: readonly QueueRecord[];
}): Snapshot {
  return {
    now: NOW,
    config: schedulerConfigSchema.parse({ jobSecurityTime: 0, ...options.config }),
    queues: options.queues ?? [{ name: 'default', priority: 3, state: 'Active' }],
    resources: options.resources ?? resources(8),
    jobs: options.jobs,
    accounting: [],
  };
}
