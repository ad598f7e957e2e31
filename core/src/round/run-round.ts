/**
 * One scheduling round (core §8): a pure function of the snapshot and the registered plugins.
 * It is async only because `extraMetasched` hooks may be. Never touches a database or a file.
 */
import { OarSchedError } from '../errors.js';
import { buildJob, roleOf } from '../jobs/build-jobs.js';
import { reason, type ExtraMetaschedContext, type Job, type PropertyChange, type Reason, type RoundResult, type RoundStartContext } from '@oar-sched/plugin-api';
import type { JobRecord, Snapshot } from '../model/snapshot.js';
import { Platform, type ResourcePropertyChange } from '../platform/platform.js';
import { filterKey, isDefaultFilter, type PropertyFilter, type PropertyFilterPort } from '../platform/property-filters.js';
import { createPlatformView } from '../platform/platform-view.js';
import { createQuotaPort } from '../quotas/index.js';
import { errorText, type PluginRegistry } from '../registry/plugin-registry.js';
import { createDefaultSlotSet, insertPreoccupying } from './initial-state.js';
import type { QuotaPort } from '../quotas/quota-port.js';
import { observe } from './observe.js';
import { pluginErrorReason } from './plugin-error.js';
import { queueGroups } from './queue-groups.js';
import { scheduleReservation } from './reservations.js';
import type { RoundState, ScheduledJob } from './round-state.js';
import { buildRoundResult, placedDecision, unscheduledDecision } from './round-result.js';
import { scheduleJob } from './schedule-job.js';
import type { ProbeRequest } from './search-probe.js';
import { assertSortingAvailable, resolveSortingSettings, sortingPolicyName, sortJobs } from './sorting.js';

export interface RoundOptions {
  /** Builds the quotas port when `config.quotas.enabled`; default `createQuotaPort` (core §15–16). */
  readonly quotas?: (snapshot: Snapshot, platform: Platform) => QuotaPort | undefined;
  /** Settings of the extra-metasched hook: the tap name to call (none when absent) and its config string. */
  readonly extraMetasched?: { readonly name: string; readonly config: string } | undefined;
  /** Evaluates property filters outside the engine (the database does, in a database round). */
  readonly propertyFilters?: PropertyFilterPort | undefined;
  /**
   * Told, before the group's filters are evaluated, of the property changes the group's hook
   * made (a database round writes them in its transaction, so that its filters see them).
   */
  readonly onPropertyChanges?: ((changes: readonly PropertyChange[]) => Promise<void>) | undefined;
  /**
   * For a tool explaining one job (`oar-sched explain`): when that job is searched, the windows it
   * met are walked again and reported (round/search-probe.ts). Changes no decision.
   */
  readonly probe?: ProbeRequest | undefined;
}

export function assertRunnable(snapshot: Snapshot, registry: PluginRegistry, options: RoundOptions = {}): void {
  for (const kind of ['assign', 'find'] as const) {
    if (!registry.has(kind, 'default')) {
      throw new OarSchedError('HOOK_MISSING_DEFAULT', `no ${kind} plugin is registered under "default"`, 'register the built-in plugins before running a round');
    }
  }
  assertSortingAvailable(snapshot.config, registry);
  const extra = options.extraMetasched;
  if (extra && extra.name !== 'default' && !registry.has('extraMetasched', extra.name)) {
    throw new OarSchedError('CONFIG_INVALID', `extraMetasched: no plugin is registered under "${extra.name}"`);
  }
}

export async function runRound(snapshot: Snapshot, registry: PluginRegistry, options: RoundOptions = {}): Promise<RoundResult> {
  assertRunnable(snapshot, registry, options);
  const { now, config } = snapshot;
  const sortingSettings = resolveSortingSettings(config, registry);
  const platform = new Platform(snapshot.resources, config);
  const state: RoundState = {
    now,
    config,
    platform,
    platformView: createPlatformView(platform),
    registry,
    quotas: config.quotas.enabled ? (options.quotas ?? createQuotaPort)(snapshot, platform) : undefined,
    slotSets: new Map(),
    decisions: new Map(),
    karma: new Map(),
    propertyChanges: [],
    preplaced: new Map(),
    warnings: [],
    sortingSettings,
    probe: options.probe,
  };
  if (registry.hooks.roundStart.isUsed()) {
    observe(registry, 'roundStart', registry.hooks.roundStart, roundStartContext(snapshot, state, options), state.warnings);
  }
  const records = new Map(snapshot.jobs.map((r) => [r.id, r]));
  const preoccupying = snapshot.jobs.filter((r) => roleOf(r) === 'preoccupying').map((r) => buildJob(r, platform, config));
  for (const job of preoccupying) {
    const { moldableIndex, startTime, resources } = job.record;
    state.preplaced.set(job.id, Object.freeze({ placed: true, moldableIndex, start: startTime ?? now, resources: platform.indicesOfIds(resources ?? []) }));
  }
  createDefaultSlotSet(state);
  insertPreoccupying(state, preoccupying.filter((j) => !j.besteffort));

  const declared = new Set(snapshot.queues.map((q) => q.name));
  let prevQueues: readonly string[] | null = null;
  for (const group of queueGroups(snapshot.queues)) {
    // The hook runs before every group, an all-inactive one included, and sees the group's
    // queues before the active filter (metascheduler.md §5.2).
    const names = group.map((q) => q.name);
    if (options.extraMetasched && options.extraMetasched.name !== 'default') {
      const before = state.propertyChanges.length;
      await callExtraMetasched(state, options.extraMetasched, prevQueues, names);
      if (options.onPropertyChanges && state.propertyChanges.length > before) await options.onPropertyChanges(state.propertyChanges.slice(before));
    }
    prevQueues = names;
    const active = group.filter((q) => q.state === 'Active').map((q) => q.name);
    if (active.length === 0) continue;
    if (options.propertyFilters) await evaluateFilters(options.propertyFilters, platform, snapshot.jobs, new Set(active));
    if (active.length === 1 && active[0] === 'besteffort') {
      insertPreoccupying(state, preoccupying.filter((j) => j.besteffort));
    }
    const queues = Object.freeze([...active]);
    const inGroup = new Set(active);
    // Jobs are built per group, after the hook: a property it changed shows in their constraints.
    const waiting = snapshot.jobs
      .filter((r) => roleOf(r) === 'waiting' && inGroup.has(r.queue))
      .sort((a, b) => a.id - b.id)
      .map((r) => buildJob(r, platform, config));
    scheduleGroup(state, snapshot, queues, waiting, records);
    for (const queue of active) {
      const reservations = snapshot.jobs
        .filter((r) => roleOf(r) === 'reservation' && r.queue === queue)
        .sort((a, b) => a.id - b.id);
      for (const record of reservations) {
        const job = buildJob(record, platform, config);
        decide(state, job, scheduleReservation(state, job), queues);
      }
    }
  }
  for (const r of snapshot.jobs) {
    const role = roleOf(r);
    if ((role !== 'waiting' && role !== 'reservation') || state.decisions.has(r.id)) continue;
    // An inactive queue may be activated; a queue the snapshot does not declare cannot run anything.
    const why = declared.has(r.queue)
      ? reason('QUEUE_NOT_SCHEDULED', `queue "${r.queue}" is not active`, { details: { queue: r.queue } })
      : reason('QUEUE_NOT_SCHEDULED', `queue "${r.queue}" is not declared`, { kind: 'unresolvable', details: { queue: r.queue } });
    state.decisions.set(r.id, unscheduledDecision(why));
    // The job was never built: build it for the observers only.
    if (registry.hooks.jobDecided.isUsed()) notifyDecided(state, buildJob(r, platform, config), NO_QUEUES);
  }
  const result = buildRoundResult(state);
  if (!registry.hooks.roundDone.isUsed()) return result;
  const failures: string[] = [];
  observe(registry, 'roundDone', registry.hooks.roundDone, result, failures);
  return failures.length === 0 ? result : Object.freeze({ ...result, warnings: Object.freeze([...result.warnings, ...failures]) });
}

function scheduleGroup(
  state: RoundState,
  snapshot: Snapshot,
  queues: readonly string[],
  fifo: readonly Job[],
  records: ReadonlyMap<number, JobRecord>,
): void {
  let ordered: readonly Job[];
  try {
    ordered =
      sortJobs(state.registry, state.config, {
        queues,
        now: state.now,
        jobs: fifo,
        config: state.config.sorting.custom?.config ?? '{}',
        settings: state.sortingSettings,
        accounting: snapshot.accounting,
        platform: state.platformView,
        reportKarma: (job, value) => state.karma.set(job.id, value),
      }) ?? fifo;
  } catch (e) {
    const why = pluginErrorReason(state.registry, e, 'the job sorting plugin failed');
    for (const job of fifo) decide(state, job, why, queues);
    return;
  }
  const limit = state.config.maxJobsPerQueuesGroup;
  const kept = limit !== null && limit > 0 ? ordered.slice(0, limit) : ordered;
  const placedInGroup = new Map<number, ScheduledJob>();
  for (const job of kept) {
    if (state.decisions.has(job.id)) continue;
    decide(state, job, scheduleJob(state, job, records, placedInGroup), queues);
  }
  const keptIds = new Set(kept.map((j) => j.id));
  const sortedIds = new Set(ordered.map((j) => j.id));
  for (const job of fifo) {
    if (keptIds.has(job.id)) continue;
    decide(
      state,
      job,
      sortedIds.has(job.id)
        ? reason('GROUP_LIMIT', `only the first ${limit} jobs of the queue group are considered per round`, { details: { limit } })
        : reason('NOT_SORTED', 'the job sorting plugin left this job out of the order'),
      queues,
    );
  }
}

const NO_QUEUES: readonly string[] = Object.freeze([]);

/** Records a decision as plain result data and tells the `jobDecided` observers. */
function decide(state: RoundState, job: Job, outcome: ScheduledJob | Reason, queues: readonly string[]): void {
  state.decisions.set(job.id, 'job' in outcome ? placedDecision(state.platform, outcome, state.karma.get(job.id)) : unscheduledDecision(outcome));
  if (state.registry.hooks.jobDecided.isUsed()) notifyDecided(state, job, queues);
}

function notifyDecided(state: RoundState, job: Job, queues: readonly string[]): void {
  const context = Object.freeze({ now: state.now, job, decision: state.decisions.get(job.id)!, queues });
  observe(state.registry, 'jobDecided', state.registry.hooks.jobDecided, context, state.warnings);
}

function roundStartContext(snapshot: Snapshot, state: RoundState, options: RoundOptions): RoundStartContext {
  const { config, platform } = state;
  const roles = { waiting: 0, reservation: 0, preoccupying: 0, inert: 0 };
  for (const r of snapshot.jobs) roles[roleOf(r)]++;
  const extra = options.extraMetasched;
  return Object.freeze({
    now: state.now,
    config: Object.freeze({
      jobSecurityTime: config.jobSecurityTime,
      resourceOrder: config.resourceOrder,
      hierarchyLabels: Object.freeze([...config.hierarchyLabels]),
      sortingPolicy: sortingPolicyName(config),
      maxJobsPerQueuesGroup: config.maxJobsPerQueuesGroup,
      cacheEnabled: config.cacheEnabled,
      quotasEnabled: config.quotas.enabled,
      extraMetasched: extra && extra.name !== 'default' ? extra.name : null,
    }),
    counts: Object.freeze({
      resources: platform.resources.length,
      usableResources: platform.usable.size,
      queues: snapshot.queues.length,
      activeQueues: snapshot.queues.filter((q) => q.state === 'Active').length,
      waitingJobs: roles.waiting,
      reservations: roles.reservation,
      preoccupyingJobs: roles.preoccupying,
    }),
  });
}

/**
 * Calls the configured extra-metasched hook before a queue group. The property changes it asks
 * for are buffered and applied to the round's platform only once it has returned (the group's
 * jobs are built after that, so their constraints see them); when it throws they are dropped and
 * a warning says so. Applied changes go to the result (`propertyChanges`) for a database adapter.
 */
async function callExtraMetasched(
  state: RoundState,
  settings: { readonly name: string; readonly config: string },
  prevQueues: readonly string[] | null,
  queues: readonly string[],
): Promise<void> {
  const hook = state.registry.hooks.extraMetasched.get(settings.name);
  if (!hook) return;
  const asked: ResourcePropertyChange[] = [];
  let open = true;
  const context: ExtraMetaschedContext = {
    prevQueues,
    queues,
    now: state.now,
    jobSecurityTime: state.config.jobSecurityTime,
    slotSets: state.slotSets,
    scheduledJobs: state.preplaced,
    config: settings.config,
    platform: state.platformView,
    setResourceProperty: (resourceId, property, value) => {
      const problem = badPropertyChange(resourceId, property, value);
      if (!open || problem) {
        state.warnings.push(
          `extraMetasched "${settings.name}": property change ${describeChange({ resourceId, property, value })} ignored: ${problem ?? 'asked for after the hook returned'}`,
        );
        return;
      }
      asked.push({ resourceId, property, value });
    },
  };
  try {
    await hook.promise(context);
  } catch (e) {
    open = false;
    state.warnings.push(state.registry.pluginFailure(e)?.message ?? `extraMetasched "${settings.name}" failed: ${errorText(e)}`);
    if (asked.length > 0) {
      const listed = asked.slice(0, 5).map(describeChange).join(', ') + (asked.length > 5 ? `, … (${asked.length - 5} more)` : '');
      state.warnings.push(
        `extraMetasched "${settings.name}" failed, so the ${asked.length} resource property change${asked.length === 1 ? '' : 's'} it asked for ${asked.length === 1 ? 'was' : 'were'} dropped: ${listed}`,
      );
    }
    return;
  }
  open = false;
  const applied = state.platform.setResourceProperties(asked);
  for (const change of applied) state.propertyChanges.push(Object.freeze({ ...change, queues: Object.freeze([...queues]) }));
  if (applied.length < asked.length) {
    const unknown = [...new Set(asked.filter((c) => !applied.includes(c)).map((c) => c.resourceId))];
    state.warnings.push(`extraMetasched "${settings.name}" changed properties of unknown resource${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}: ignored`);
  }
}

/** The filters of the group's waiting jobs and new reservations, evaluated by the port. */
async function evaluateFilters(port: PropertyFilterPort, platform: Platform, jobs: readonly JobRecord[], queues: ReadonlySet<string>): Promise<void> {
  const filters = new Map<string, PropertyFilter>();
  for (const r of jobs) {
    const role = roleOf(r);
    if ((role !== 'waiting' && role !== 'reservation') || !queues.has(r.queue)) continue;
    for (const m of r.moldables) {
      for (const part of m.request) {
        const filter = { job: r.properties, part: part.property };
        if (!isDefaultFilter(filter)) filters.set(filterKey(filter), filter);
      }
    }
  }
  platform.useEvaluatedFilters(filters.size === 0 ? new Map() : await port.resolve([...filters.values()]));
}

function describeChange(c: { readonly resourceId: unknown; readonly property: unknown; readonly value: unknown }): string {
  return `resource ${String(c.resourceId)} ${String(c.property)}=${JSON.stringify(c.value)}`;
}

/** Why a change cannot be applied (a hook written in plain JavaScript may pass anything). */
function badPropertyChange(resourceId: unknown, property: unknown, value: unknown): string | undefined {
  if (typeof resourceId !== 'number' || !Number.isInteger(resourceId)) return 'the resource id is not an integer';
  if (typeof property !== 'string' || property === '') return 'the property name is not a non-empty string';
  if (typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value))) return 'the value is not a string or a finite number';
  return undefined;
}
