/**
 * The explanation of one job, as plain data (what `explain --json` prints): its place in its
 * queue group's order (with the sorting policy's factors when it reports them), its
 * dependencies, the quota rule that refused it, the running besteffort jobs its queue does not
 * see, and per candidate window what blocks it (windows.ts). Built from a round the engine ran
 * (observe-round.ts): the decisions are the engine's, only the "why" is recomputed here.
 */
import { DEFAULT_AVAILABLE_UPTO, MAX_TIME, Platform, roleOf, type Snapshot } from '@oar-sched/core';
import type { Decision, JobRecord, QuotaRuleDetails, Reason } from '@oar-sched/plugin-api';
import type { ObservedRound } from './observe-round.js';
import { examineWindows, type Occupation, type WindowSummary } from './windows.js';

export type OccupantKind = 'running' | 'reservation' | 'planned' | 'besteffort';

export interface Explanation {
  readonly source: string;
  readonly now: number;
  readonly timezone: string;
  readonly job: { readonly id: number; readonly user: string; readonly queue: string; readonly state: string; readonly types: Readonly<Record<string, string>>; readonly properties: string };
  /** `planned`/`not-planned`: decided this round; `not-waiting`: nothing to decide (running, terminated, on hold…). */
  readonly status: 'planned' | 'not-planned' | 'not-waiting';
  /** For a job that is not waiting: where it runs (or is planned), when known. */
  readonly runs?: { readonly start: number | undefined; readonly end: number | undefined; readonly resourceIds: string } | undefined;
  readonly decision?: PlainDecision | undefined;
  readonly queueGroup?: QueueGroupExplanation | undefined;
  readonly dependencies: readonly DependencyExplanation[];
  readonly quota?: QuotaRuleDetails | undefined;
  /** Running besteffort jobs the job's queue group does not see: their resources look free to it. */
  readonly invisibleBesteffort: readonly { readonly job: number; readonly resourceIds: string; readonly overlapsPlacement: boolean }[];
  /** Per examined moldable: the candidate windows before the start it got (all windows when not planned). */
  readonly placement: readonly MoldableExplanation[];
  /** Why the windows were not examined, when they were not. */
  readonly placementNote?: string | undefined;
  /** What each job named in a window summary is. */
  readonly occupants: Readonly<Record<string, OccupantKind>>;
}

export type PlainDecision =
  | { readonly scheduled: true; readonly start: number; readonly end: number; readonly walltime: number; readonly moldableIndex: number; readonly resourceIds: string }
  | { readonly scheduled: false; readonly reason: Reason };

export interface QueueGroupExplanation {
  readonly queues: readonly string[];
  readonly policy: string;
  /** 1-based position in the policy's order; `undefined` when the policy left the job out. */
  readonly position: number | undefined;
  readonly of: number;
  /** Jobs ordered before it, in order. */
  readonly ahead: readonly number[];
  /** Factors the policy reported, by job id, for every job of the group (empty when it reports none). */
  readonly factors: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** `maxJobsPerQueuesGroup`, when it is a limit. */
  readonly limit: number | undefined;
}

export interface DependencyExplanation {
  readonly job: number;
  /** `unknown`: not in the round's data (ignored by the scheduler). */
  readonly state: string;
  readonly exitCode?: number | null | undefined;
  /** Start and end (exclusive) of the dependency, when it runs or was planned this round. */
  readonly start?: number | undefined;
  readonly end?: number | undefined;
  readonly reason?: Reason | undefined;
}

export interface MoldableExplanation {
  readonly moldable: number;
  /** Effective walltime (with the security time). */
  readonly walltime: number;
  readonly parts: readonly { readonly part: number; readonly request: string; readonly filter: string; readonly windows: readonly WindowSummary[] }[];
}

/** Reasons for which the engine searched windows (the others are decided before any search). */
const SEARCHED: ReadonlySet<string> = new Set(['NO_WINDOW', 'QUOTA_EXCEEDED', 'WINDOW_TIME_LIMIT', 'REQUEST_UNSATISFIABLE', 'CONSTRAINT_EMPTY', 'RESERVATION_UNAVAILABLE']);
/** At most this many window starts are examined. */
const MAX_WINDOWS = 2000;

export function explainJob(snapshot: Snapshot, observed: ObservedRound, record: JobRecord, source: string, policy: string): Explanation {
  const { config, now } = snapshot;
  const platform = new Platform(snapshot.resources, config);
  const records = new Map(snapshot.jobs.map((r) => [r.id, r]));
  const decision = observed.result.decisions.get(record.id);
  const base = {
    source,
    now,
    timezone: config.timezone,
    job: { id: record.id, user: record.user, queue: record.queue, state: record.state, types: record.types, properties: record.properties },
  };
  const preoccupying = snapshot.jobs.filter((r) => roleOf(r) === 'preoccupying');
  const occupations = (r: JobRecord): Occupation => {
    const walltime = (r.moldables[r.moldableIndex] ?? r.moldables[0])?.walltime ?? 0;
    const begin = r.startTime ?? now;
    let resources = platform.indicesOfIds(r.resources ?? []);
    if (r.state === 'Suspended') resources = resources.difference(platform.suspendableSet);
    return { jobId: r.id, begin, end: begin + walltime + config.jobSecurityTime + r.suspendedDuration - 1, resources };
  };
  if (!decision) {
    const runs = roleOf(record) === 'preoccupying' ? occupations(record) : undefined;
    return {
      ...base,
      status: 'not-waiting',
      runs: runs ? { start: runs.begin, end: runs.end + 1, resourceIds: platform.idsText(runs.resources) } : undefined,
      dependencies: [],
      invisibleBesteffort: [],
      placement: [],
      occupants: {},
    };
  }
  const index = observed.order.findIndex((d) => d.id === record.id);
  const me = observed.order[index]!;
  const besteffortGroup = me.queues.length === 1 && me.queues[0] === 'besteffort';
  const occupants: Record<string, OccupantKind> = {};
  const visible: Occupation[] = [];
  const invisibleBesteffort: { job: number; resourceIds: string; overlapsPlacement: boolean }[] = [];
  const placed = decision.scheduled ? decision.placement : undefined;
  for (const r of preoccupying) {
    const o = occupations(r);
    const besteffort = 'besteffort' in r.types;
    if (besteffort && !besteffortGroup) {
      const overlaps = placed !== undefined && o.resources.intersects(placed.resources) && o.end >= placed.start && o.begin <= placed.end;
      invisibleBesteffort.push({ job: r.id, resourceIds: platform.idsText(o.resources), overlapsPlacement: overlaps });
      continue;
    }
    visible.push(o);
    occupants[r.id] = besteffort ? 'besteffort' : r.reservation === 'Scheduled' ? 'reservation' : 'running';
  }
  for (const d of observed.order.slice(0, index)) {
    const other = observed.result.decisions.get(d.id);
    if (!other?.scheduled || d.slotSetName !== me.slotSetName) continue;
    const p = other.placement;
    visible.push({ jobId: d.id, begin: p.start, end: p.end, resources: p.resources });
    occupants[d.id] = d.role === 'reservation' ? 'reservation' : 'planned';
  }
  const dependencies = record.dependencies.map((id) => explainDependency(id, records.get(id), observed, config.jobSecurityTime));
  const earliest = Math.max(now, ...dependencies.map((d) => (d.state === 'Waiting' && d.end !== undefined ? d.end : now)));
  const why = decision.scheduled ? undefined : decision.reason;
  let placementNote: string | undefined;
  let placement: MoldableExplanation[] = [];
  const job = observed.job;
  if (me.slotSetName !== 'default') {
    placementNote = `the job is placed inside container "${me.slotSetName}": its windows are not examined`;
  } else if (why && !SEARCHED.has(why.code)) {
    placementNote = `no window was searched: ${why.code}`;
  } else if (job) {
    const moldables = placed ? [placed.moldableIndex] : job.moldables.map((m) => m.index);
    const starts = windowStarts(visible, snapshot, earliest, record, placed?.start);
    placement = moldables.map((mi) => {
      const m = job.moldables[mi]!;
      const input = { resources: platform.resources, usable: platform.usable, occupations: visible, walltime: m.effectiveWalltime, starts };
      return {
        moldable: mi,
        walltime: m.effectiveWalltime,
        parts: m.parts.map((part, pi) => {
          const filter = filterText(record.properties, record.moldables[mi]!.request[pi]!.property);
          return { part: pi, request: part.levels.map((l) => `${l.level}=${l.count}`).join('/'), filter, windows: examineWindows(input, { levels: part.levels, constraint: part.constraint, filter }) };
        }),
      };
    });
    if (starts.length >= MAX_WINDOWS) placementNote = `only the first ${MAX_WINDOWS} windows were examined`;
  }
  return {
    ...base,
    status: decision.scheduled ? 'planned' : 'not-planned',
    decision: plainDecision(decision),
    queueGroup: me.queues.length > 0 ? queueGroup(snapshot, observed, record.id, me.queues, policy) : undefined,
    dependencies,
    quota: quotaRule(why),
    invisibleBesteffort,
    placement,
    placementNote,
    occupants,
  };
}

function plainDecision(d: Decision): PlainDecision {
  if (!d.scheduled) return { scheduled: false, reason: d.reason };
  const p = d.placement;
  return { scheduled: true, start: p.start, end: p.end + 1, walltime: p.walltime, moldableIndex: p.moldableIndex, resourceIds: p.resourceIds };
}

/** Window starts the engine could have tried: every slot boundary from `earliest` on (before `before`). */
function windowStarts(occupations: readonly Occupation[], snapshot: Snapshot, earliest: number, record: JobRecord, before: number | undefined): number[] {
  if (record.reservation === 'toSchedule') return [Math.max(record.startTime ?? earliest, snapshot.now)];
  const bounds = new Set<number>([earliest]);
  for (const o of occupations) {
    bounds.add(o.begin);
    bounds.add(o.end + 1);
  }
  // The end of time (no limit, or a job that never ends) is no window start.
  const endless = Math.min(MAX_TIME, DEFAULT_AVAILABLE_UPTO);
  for (const r of snapshot.resources) if (r.availableUpto < endless) bounds.add(r.availableUpto);
  return [...bounds]
    .filter((t) => t >= earliest && (before === undefined || t < before) && t < endless)
    .sort((a, b) => a - b)
    .slice(0, MAX_WINDOWS);
}

function explainDependency(id: number, dep: JobRecord | undefined, observed: ObservedRound, securityTime: number): DependencyExplanation {
  if (!dep) return { job: id, state: 'unknown' };
  const decided = observed.result.decisions.get(id);
  if (decided?.scheduled) return { job: id, state: dep.state, start: decided.placement.start, end: decided.placement.end + 1 };
  if (decided) return { job: id, state: dep.state, reason: decided.reason };
  if (roleOf(dep) === 'preoccupying') {
    const walltime = (dep.moldables[dep.moldableIndex] ?? dep.moldables[0])?.walltime ?? 0;
    const start = dep.startTime;
    return { job: id, state: dep.state, start, end: start === undefined ? undefined : start + walltime + securityTime + dep.suspendedDuration };
  }
  return { job: id, state: dep.state, exitCode: dep.exitCode };
}

function queueGroup(snapshot: Snapshot, observed: ObservedRound, id: number, queues: readonly string[], policy: string): QueueGroupExplanation {
  const inGroup = new Set(queues);
  const order =
    observed.sorted.get(queues.join(',')) ??
    observed.order.filter((d) => d.role === 'waiting' && d.queues.length > 0 && inGroup.has(snapshot.jobs.find((j) => j.id === d.id)?.queue ?? '')).map((d) => d.id);
  const at = order.indexOf(id);
  const factors: Record<string, Readonly<Record<string, number>>> = {};
  for (const j of order) {
    const f = observed.factors.get(j);
    if (f) factors[j] = f;
  }
  const limit = snapshot.config.maxJobsPerQueuesGroup;
  return {
    queues,
    policy,
    position: at < 0 ? undefined : at + 1,
    of: order.length,
    ahead: at < 0 ? order : order.slice(0, at),
    factors,
    limit: limit !== null && limit > 0 ? limit : undefined,
  };
}

function quotaRule(why: Reason | undefined): QuotaRuleDetails | undefined {
  if (!why) return undefined;
  if (why.details?.rule) return why.details.rule;
  for (const m of why.details?.moldables ?? []) if (m.details?.rule) return m.details.rule;
  return undefined;
}

/** The filter a part's resources must pass, as the user wrote it (`type = 'default'` when none). */
export function filterText(job: string, part: string): string {
  const texts = [job, part].map((t) => t.trim()).filter((t) => t !== '');
  if (texts.length === 0) return "type = 'default'";
  return texts.length === 1 ? texts[0]! : texts.map((t) => `(${t})`).join(' AND ');
}
