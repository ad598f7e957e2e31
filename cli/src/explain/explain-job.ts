/**
 * The explanation of one job, as plain data (what `explain --json` prints): its place in its
 * queue group's order (with the sorting policy's factors when it reports them), its
 * dependencies, the quota rule that refused it, the running besteffort jobs its queue does not
 * see, the container an inner job is confined to, and per candidate window what blocks it
 * (windows.ts). Built from a round the engine ran (observe-round.ts): the decisions, the windows,
 * their free sets and the find and quota verdicts are the engine's; only the wording (which jobs,
 * which level) is counted here.
 */
import { buildJob, Platform, roleOf, type ProbedMoldable, type SearchProbe, type Snapshot } from '@oar-sched/core';
import type { Decision, Job, JobRecord, QuotaRuleDetails, Reason } from '@oar-sched/plugin-api';
import { partShape, type PartShape } from './level-shortfall.js';
import { MAX_WINDOWS, type ObservedRound } from './observe-round.js';
import { examineWindows, type ContainerSpan, type Occupation, type WindowSummary } from './windows.js';

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
  /** Why the windows were not examined, when they were not; or where their walk stopped. */
  readonly placementNote?: string | undefined;
  /** For an inner job: the container whose resources and time span its windows lie in. */
  readonly container?: ContainerScope | undefined;
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

/** The container slot set an inner job is placed in, and the container jobs that provide it. */
export interface ContainerScope {
  /** The slot set's name (the job's `inner=` value). */
  readonly name: string;
  readonly containers: readonly ContainerProvider[];
}

export interface ContainerProvider {
  /** The container job. */
  readonly job: number;
  /**
   * `running` (or planned before the round), `planned` this round before the inner job was
   * decided, `planned-after` (decided after the inner job: it did not exist yet for it),
   * `not-planned` (with the reason).
   */
  readonly status: 'running' | 'planned' | 'planned-after' | 'not-planned';
  /** The inner window (start, end exclusive: the container's window minus the security time) and resources. */
  readonly start?: number | undefined;
  readonly end?: number | undefined;
  readonly resourceIds?: string | undefined;
  readonly reason?: Reason | undefined;
}

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
  const preoccupying = snapshot.jobs.filter((r) => roleOf(r) === 'preoccupying').map((r) => buildJob(r, platform, config));
  const occupations = (j: Job): Occupation => {
    const r = j.record;
    const walltime = (r.moldables[r.moldableIndex] ?? r.moldables[0])?.walltime ?? 0;
    const begin = r.startTime ?? now;
    let resources = platform.indicesOfIds(r.resources ?? []);
    if (r.state === 'Suspended') resources = resources.difference(platform.suspendableSet);
    return { jobId: r.id, begin, end: begin + walltime + config.jobSecurityTime + r.suspendedDuration - 1, resources, placeholder: j.placeholder };
  };
  if (!decision) {
    const runs = roleOf(record) === 'preoccupying' ? occupations(buildJob(record, platform, config)) : undefined;
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
  for (const j of preoccupying) {
    const o = occupations(j);
    // Each job occupies its own slot set: the default one, or its container's (core §13.3).
    if (j.slotSetName !== me.slotSetName) continue;
    if (j.besteffort && !besteffortGroup) {
      const overlaps = placed !== undefined && o.resources.intersects(placed.resources) && o.end >= placed.start && o.begin <= placed.end;
      invisibleBesteffort.push({ job: j.id, resourceIds: platform.idsText(o.resources), overlapsPlacement: overlaps });
      continue;
    }
    visible.push(o);
    occupants[j.id] = j.besteffort ? 'besteffort' : j.record.reservation === 'Scheduled' ? 'reservation' : 'running';
  }
  for (const d of observed.order.slice(0, index)) {
    const other = observed.result.decisions.get(d.id);
    if (!other?.scheduled || d.slotSetName !== me.slotSetName) continue;
    const p = other.placement;
    visible.push({ jobId: d.id, begin: p.start, end: p.end, resources: p.resources, placeholder: d.placeholder });
    occupants[d.id] = d.role === 'reservation' ? 'reservation' : 'planned';
  }
  const dependencies = record.dependencies.map((id) => explainDependency(id, records.get(id), observed, config.jobSecurityTime));
  const why = decision.scheduled ? undefined : decision.reason;
  const inner = me.slotSetName === 'default' ? undefined : containerScope(me.slotSetName, snapshot, observed, index, preoccupying, platform);
  const container = inner?.scope;
  let placementNote: string | undefined;
  let placement: MoldableExplanation[] = [];
  const job = observed.job;
  const probe = observed.probe;
  if (why?.code === 'NO_SLOT_SET' && container) {
    placementNote = noContainerNote(container);
  } else if (!probe || !job) {
    placementNote = why ? `no window was searched: ${why.code}` : 'no window was searched';
  } else {
    const moldables = probe.moldables.filter((m) => !placed || m.index === placed.moldableIndex);
    placement = moldables.map((m) => explainMoldable(m, probe, job, record, platform, visible, placed?.start, inner));
    placementNote = walkNote(moldables, placed !== undefined);
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
    container,
    occupants,
  };
}

/** The windows of one moldable (before `before`, the start it got, when planned), per request part. */
function explainMoldable(
  m: ProbedMoldable,
  probe: SearchProbe,
  job: Job,
  record: JobRecord,
  platform: Platform,
  occupations: readonly Occupation[],
  before: number | undefined,
  container: InnerSlotSet | undefined,
): MoldableExplanation {
  const moldable = job.moldables[m.index]!;
  const windows = before === undefined ? m.windows : m.windows.filter((w) => w.start < before);
  // Level counts put the built-in find's refusals into words; another find's are only reported.
  const shapes = new Map<number, PartShape | undefined>();
  const shape = (p: number): PartShape | undefined => {
    if (probe.findName !== 'default') return undefined;
    if (!shapes.has(p)) shapes.set(p, partShape(moldable.parts[p]!.levels, platform.hierarchy));
    return shapes.get(p);
  };
  const input = {
    resources: platform.resources,
    usable: platform.usable,
    occupations,
    windows,
    container: container && { name: container.scope.name, spans: container.spans },
    verdict: { findName: probe.findName, parts: moldable.parts, shape },
  };
  return {
    moldable: m.index,
    walltime: m.walltime,
    parts: moldable.parts.map((part, pi) => {
      const filter = filterText(record.properties, record.moldables[m.index]!.request[pi]!.property);
      return {
        part: pi,
        request: part.levels.map((l) => `${l.level}=${l.count}`).join('/'),
        filter,
        windows: examineWindows(input, { index: pi, levels: part.levels, constraint: part.constraint, filter }),
      };
    }),
  };
}

/** Where the walk of the windows stopped, when that is worth saying. */
function walkNote(moldables: readonly ProbedMoldable[], planned: boolean): string | undefined {
  const notes = new Set<string>();
  for (const m of moldables) {
    if (m.end === 'capped') notes.add(`only the first ${MAX_WINDOWS} windows were examined`);
    else if (m.end === 'latest-end' && !planned) notes.add(`later windows end after the quotas' window time limit (${m.latestEnd})`);
    else if (m.end === 'after-horizon') notes.add('the dependencies only allow a start after the end of the horizon');
  }
  return notes.size > 0 ? [...notes].join('; ') : undefined;
}

/**
 * The containers that provide slot set `name` (core §13): jobs of type `container` with that
 * name, running (their inner window from `max(start, now)`) or decided this round (planned
 * before the inner job, after it, or not at all). The inner window is the container's minus the
 * security time.
 */
function containerScope(name: string, snapshot: Snapshot, observed: ObservedRound, index: number, preoccupying: readonly Job[], platform: Platform): InnerSlotSet {
  const { now, config } = snapshot;
  const containers: ContainerProvider[] = [];
  const spans: ContainerSpan[] = [];
  for (const j of preoccupying) {
    if (j.container !== name) continue;
    const r = j.record;
    const walltime = (r.moldables[r.moldableIndex] ?? r.moldables[0])?.walltime ?? 0;
    // As the engine opens it (core §13.2): from max(start, now), for the walltime (no security time).
    const start = Math.max(r.startTime ?? now, now);
    const end = start + walltime + r.suspendedDuration;
    const resources = platform.indicesOfIds(r.resources ?? []);
    containers.push({ job: j.id, status: 'running', start, end, resourceIds: platform.idsText(resources) });
    spans.push({ begin: start, end: end - 1, resources });
  }
  observed.order.forEach((d, i) => {
    if (d.container !== name) return;
    const decision = observed.result.decisions.get(d.id)!;
    if (!decision.scheduled) {
      containers.push({ job: d.id, status: 'not-planned', reason: decision.reason });
      return;
    }
    const p = decision.placement;
    const end = p.start + p.walltime - config.jobSecurityTime;
    containers.push({ job: d.id, status: i < index ? 'planned' : 'planned-after', start: p.start, end, resourceIds: p.resourceIds });
    if (i < index) spans.push({ begin: p.start, end: end - 1, resources: p.resources });
  });
  return { scope: { name, containers: containers.sort((a, b) => a.job - b.job) }, spans };
}

/** The container slot set of an inner job: who provides it (for the explanation), and what they release (for the windows). */
interface InnerSlotSet {
  readonly scope: ContainerScope;
  readonly spans: readonly ContainerSpan[];
}

function noContainerNote(scope: ContainerScope): string {
  const why = scope.containers.length === 0 ? `no job of type container=${scope.name} is running or waiting` : 'its container is not running nor planned before it';
  return `no window was searched: the inner slot set "${scope.name}" does not exist when the job is decided (${why}): the container is the block`;
}

function plainDecision(d: Decision): PlainDecision {
  if (!d.scheduled) return { scheduled: false, reason: d.reason };
  const p = d.placement;
  return { scheduled: true, start: p.start, end: p.end + 1, walltime: p.walltime, moldableIndex: p.moldableIndex, resourceIds: p.resourceIds };
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
