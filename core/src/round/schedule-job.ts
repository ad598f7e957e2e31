/**
 * One waiting job (core §8.4): dependencies, slot set, the assign hook (the job's `assign=` or
 * `default`), insertion of the placement, then the container's inner slot set. A plugin that
 * throws leaves this job unscheduled with the error as reason; nothing was inserted yet.
 */
import { completeReason, reason, type Job, type AssignContext, type Found, type Placement, type SearchOptions, type Reason } from '@oar-sched/plugin-api';
import type { JobRecord } from '../model/snapshot.js';
import { openContainer } from './containers.js';
import { pluginErrorReason } from './plugin-error.js';
import { evaluateDependencies } from './dependencies.js';
import { insertJob } from './insert-job.js';
import type { RoundState, ScheduledJob } from './round-state.js';
import { leftSlotOf, searchMoldable } from './search-moldable.js';
import { probeSearch } from './search-probe.js';

export function scheduleJob(
  state: RoundState,
  job: Job,
  records: ReadonlyMap<number, JobRecord>,
  placedInGroup: Map<number, ScheduledJob>,
): ScheduledJob | Reason {
  if (job.requestError) return reason('REQUEST_INVALID', job.requestError);
  const deps = evaluateDependencies(job, records, placedInGroup);
  if (!deps.ok) return deps.reason;
  const slotSet = state.slotSets.get(job.slotSetName);
  if (!slotSet) {
    return reason('NO_SLOT_SET', `no container provides the inner slot set "${job.slotSetName}" this round`);
  }
  const assignName = job.assign?.name ?? 'default';
  const assignHook = state.registry.hooks.assign.get(assignName);
  if (!assignHook || assignHook.taps.length === 0) {
    return reason('UNKNOWN_ASSIGN_PLUGIN', `no assign plugin is registered under "${assignName}"`);
  }
  if (job.find && !state.registry.has('find', job.find.name)) {
    return reason('UNKNOWN_FIND_PLUGIN', `no find plugin is registered under "${job.find.name}"`);
  }
  const minStart = deps.minStart;
  const quotasApply = state.quotas !== undefined && !job.noQuotas;
  const cacheable =
    state.config.cacheEnabled &&
    minStart === undefined &&
    !job.timesharing &&
    job.placeholder === undefined &&
    job.allow === undefined &&
    !job.assign &&
    !job.find;
  const cacheSlots = new WeakMap<Placement, Found>();
  const context: AssignContext = {
    job,
    now: state.now,
    slotSet,
    hierarchy: state.platform.hierarchy,
    platform: state.platformView,
    minStart,
    args: job.assign?.args ?? [],
    kwargs: job.assign?.kwargs ?? {},
    quotasApply,
    searchMoldable(moldableIndex: number, options?: SearchOptions) {
      const moldable = job.moldables[moldableIndex];
      if (!moldable) throw new RangeError(`job ${job.id} has no moldable ${moldableIndex}`);
      const findName = !options?.find || options.find === 'job' ? (job.find?.name ?? 'default') : options.find;
      return searchMoldable(state, {
        job,
        slotSet,
        moldable,
        minStart,
        findName,
        quotas: options?.quotas ?? false,
        useCache: cacheable && findName === 'default',
      });
    },
    place(found: Found): Placement {
      const placement: Placement = { placed: true, moldableIndex: found.moldableIndex, start: found.start, resources: found.resources };
      cacheSlots.set(placement, found);
      return placement;
    },
  };
  let result;
  try {
    result = assignHook.call(context);
  } catch (e) {
    return pluginErrorReason(state.registry, e, 'assign/find plugin failed');
  }
  // After the decision, before any insertion: the probe sees the slot set the assign saw.
  if (state.probe?.jobId === job.id) probeSearch(state, state.probe, job, slotSet, minStart, quotasApply);
  if (result === undefined) {
    // Nobody handled the job: a configuration or plugin fault, not something time will fix.
    return reason('PLUGIN_DECLINED', `every assign plugin named "${assignName}" declined the job`, { kind: 'error' });
  }
  if (!result.placed) return completeReason(result.reason);
  const moldable = job.moldables[result.moldableIndex];
  if (!moldable || result.resources.isEmpty) {
    return reason('PLUGIN_ERROR', `assign plugin "${assignName}" returned an invalid placement`);
  }
  const walltime = moldable.effectiveWalltime;
  const found = cacheSlots.get(result);
  const left = found && leftSlotOf.get(found);
  insertJob(state, slotSet, job, result.start, walltime, result.resources, left);
  // Cache writes follow OAR3: only placements not subject to quotas (core §7.7).
  if (cacheable && left && !quotasApply) slotSet.cache.set(moldable.cacheKey, left);
  if (job.container !== undefined) {
    openContainer(state, job.container, result.start, walltime - state.config.jobSecurityTime, result.resources);
  }
  const placed: ScheduledJob = { job, start: result.start, walltime, moldableIndex: result.moldableIndex, resources: result.resources };
  placedInGroup.set(job.id, placed);
  return placed;
}
