/**
 * Snapshot job records → round jobs (core §5.2, §8.2, §18.3). Pure; one call per round.
 */
import { isOarSchedError } from '../errors.js';
import type { SchedulerConfig } from '../model/config.js';
import type { JobRecord } from '../model/snapshot.js';
import type { Platform } from '../platform/platform.js';
import { CORE_JOB_TYPES, hasJobType, jobType } from './job-types.js';
import { parsePluginSpec, type Job, type JobRole, type Moldable, type SharingKey } from '@oar-sched/plugin-api';


const PREOCCUPYING_STATES: ReadonlySet<string> = new Set(['Running', 'toLaunch', 'Launching', 'Finishing', 'Suspended', 'Resuming']);

export function roleOf(record: Pick<JobRecord, 'state' | 'reservation'>): JobRole {
  if (PREOCCUPYING_STATES.has(record.state)) return 'preoccupying';
  if (record.reservation === 'Scheduled' && (record.state === 'Waiting' || record.state === 'toAckReservation')) {
    return 'preoccupying';
  }
  if (record.state === 'Waiting' && record.reservation === 'toSchedule') return 'reservation';
  if (record.state === 'Waiting' && record.reservation === 'None') return 'waiting';
  return 'inert';
}

function sharingKey(record: JobRecord, value: string): SharingKey {
  const words = value.split(',').map((w) => w.trim());
  return {
    user: words.includes('user') ? record.user : '*',
    name: words.includes('name') ? (record.name ?? '') : '*',
  };
}

export function buildJob(record: JobRecord, platform: Platform, config: SchedulerConfig): Job {
  const types: Record<string, string> = {};
  for (const [type, value] of Object.entries(record.types)) if (!CORE_JOB_TYPES.has(type)) types[type] = value;
  const t = record.types;
  // A job whose rows describe no resource at all (no moldable with a group and a level: a broken
  // insert) cannot be scheduled; without this a find or assign would be handed an empty request.
  let requestError: string | undefined =
    record.moldables.length === 0
      ? 'no resource request: the job has no moldable with resource groups and levels'
      : record.moldables.some((m) => m.request.length === 0 || m.request.some((p) => p.levels.length === 0))
        ? 'no resource request: a moldable has no resource group or level'
        : undefined;
  const moldables: Moldable[] = record.moldables.map((m, index) => {
    const parts = m.request.map((part) => {
      let constraint = platform.defaultSet;
      try {
        constraint = platform.constraint(record.properties, part.property);
      } catch (e) {
        if (!isOarSchedError(e)) throw e;
        requestError = `unusable property filter: ${e.message}`;
      }
      return { levels: part.levels, constraint };
    });
    const effectiveWalltime = m.walltime + config.jobSecurityTime;
    const cacheKey = `${effectiveWalltime}|${parts
      .map((p) => `${p.levels.map((l) => `${l.level}=${l.count}`).join('/')}{${p.constraint.toString()}}`)
      .join('+')}`;
    return { index, walltime: m.walltime, effectiveWalltime, parts, cacheKey };
  });
  return {
    record,
    id: record.id,
    role: roleOf(record),
    user: record.user,
    name: record.name,
    project: record.project,
    queue: record.queue,
    types,
    moldables,
    besteffort: hasJobType(t, 'besteffort'),
    timesharing: hasJobType(t, 'timesharing') ? sharingKey(record, jobType(t, 'timesharing')!) : undefined,
    placeholder: jobType(t, 'placeholder'),
    allow: jobType(t, 'allow'),
    noQuotas: hasJobType(t, 'no_quotas'),
    container: hasJobType(t, 'container') ? jobType(t, 'container') || String(record.id) : undefined,
    slotSetName: jobType(t, 'inner') || 'default',
    assign: hasJobType(t, 'assign') ? parsePluginSpec(jobType(t, 'assign')!) : undefined,
    find: hasJobType(t, 'find') ? parsePluginSpec(jobType(t, 'find')!) : undefined,
    requestError,
  };
}
