/**
 * Snapshot + round result → what the gantt page draws (`GanttData`, embedded in the page as JSON).
 * Pure and synchronous; nothing here knows about HTML or the browser.
 *
 * Rows are resources, grouped by switch (when some resource has a `switch` property) and by node
 * (`network_address`), each group in the order of its smallest resource id, resources by id inside
 * a group. Bars, one per job that holds or will hold resources:
 * - jobs already holding resources (`Running`, `toLaunch`, …, `Suspended`, and accepted
 *   reservations with their plan), from the snapshot: start, resources, and the end the round
 *   used (walltime + job security time + suspended time − 1);
 * - jobs the round placed (waiting jobs and new reservations), from the decisions.
 * Waiting jobs the round could not place have no bar; they are listed with their reason.
 */
import { roleOf, type JobRecord, type MoldableRecord, type Snapshot } from '@oar-sched/core';
import { parseIntervalSet, type Decision } from '@oar-sched/plugin-api';

/** How a bar is drawn: what the job is doing, independent of its queue. */
export type BarKind = 'running' | 'planned' | 'reservation';

export interface GanttBar {
  readonly id: number;
  readonly user: string;
  readonly queue: string;
  /** OAR's job state (`Running`, `Waiting`, …). */
  readonly state: string;
  readonly kind: BarKind;
  readonly besteffort: boolean;
  readonly start: number;
  /** Last second held, inclusive. */
  readonly end: number;
  /** Row runs, flattened: `[first, last, first, last, …]`, inclusive, ascending, disjoint. */
  readonly rows: readonly number[];
  /** The request of the moldable in use, e.g. `/switch=1/network_address=2 {gpu='yes'}, 1:00:00`. */
  readonly request: string;
  readonly message: string;
}

export interface Unplanned {
  readonly id: number;
  readonly user: string;
  readonly queue: string;
  readonly code: string;
  readonly message: string;
}

/** A run of consecutive rows sharing one label (a node, or a switch). */
export interface RowGroup {
  readonly name: string;
  readonly first: number;
  readonly count: number;
}

export interface GanttData {
  readonly title: string;
  /** Where the snapshot came from, for the header (`scenario FILE`, `database URL`). */
  readonly source: string;
  readonly now: number;
  readonly timezone: string;
  /** Resource id of each row, top to bottom. */
  readonly resourceIds: readonly number[];
  readonly nodes: readonly RowGroup[];
  /** Empty when no resource has a `switch` property. */
  readonly switches: readonly RowGroup[];
  /** Rows whose resource is not `Alive`: `[row, state]`. */
  readonly unavailable: readonly (readonly [number, string])[];
  /** Queue names by priority (highest first), then any other queue a bar uses: the colour order. */
  readonly queues: readonly string[];
  /** Drawing order: besteffort first, then running, reservations, planned; by start, then id. */
  readonly bars: readonly GanttBar[];
  readonly unplanned: readonly Unplanned[];
  readonly warnings: readonly string[];
}

export interface GanttRound {
  readonly decisions: ReadonlyMap<number, Decision>;
  readonly warnings?: readonly string[];
}

export interface GanttDataOptions {
  readonly title?: string;
  readonly source?: string;
}

const NODE = 'network_address';
const SWITCH = 'switch';
const NO_NODE = '(no node)';
const NO_SWITCH = '(no switch)';

export function ganttData(snapshot: Snapshot, round: GanttRound, options: GanttDataOptions = {}): GanttData {
  const layout = rowLayout(snapshot);
  const rowOf = new Map(layout.resourceIds.map((id, row) => [id, row]));
  const bars: GanttBar[] = [];
  const unplanned: Unplanned[] = [];
  const security = snapshot.config.jobSecurityTime;
  const jobs = new Map(snapshot.jobs.map((j) => [j.id, j]));

  for (const job of snapshot.jobs) {
    if (round.decisions.has(job.id) || roleOf(job) !== 'preoccupying') continue;
    if (job.startTime === undefined || job.resources === undefined || job.resources.length === 0) continue;
    const moldable = job.moldables[job.moldableIndex] ?? job.moldables[0];
    const walltime = moldable?.walltime ?? 0;
    const kind: BarKind = job.reservation === 'Scheduled' && job.state !== 'Running' ? 'reservation' : 'running';
    bars.push({
      ...identity(job),
      kind,
      start: job.startTime,
      end: job.startTime + walltime + security + job.suspendedDuration - 1,
      rows: rowRuns(job.resources, rowOf),
      request: formatRequest(moldable),
      message: kind === 'running' ? `${job.state} since the snapshot` : 'accepted reservation',
    });
  }
  for (const [id, decision] of round.decisions) {
    const job = jobs.get(id);
    if (!job) continue;
    if (!decision.scheduled) {
      unplanned.push({ id, user: job.user, queue: job.queue, code: decision.reason.code, message: decision.reason.message });
      continue;
    }
    const p = decision.placement;
    const ids = parseIntervalSet(p.resourceIds);
    const kind: BarKind = roleOf(job) === 'reservation' ? 'reservation' : 'planned';
    bars.push({
      ...identity(job),
      kind,
      start: p.start,
      end: p.end,
      rows: typeof ids === 'string' ? [] : rowRuns(ids.values(), rowOf),
      request: formatRequest(job.moldables[p.moldableIndex]),
      message: kind === 'reservation' ? 'new reservation, accepted by this round' : `planned by this round${job.moldables.length > 1 ? ` (moldable ${p.moldableIndex + 1} of ${job.moldables.length})` : ''}`,
    });
  }
  bars.sort((a, b) => drawRank(a) - drawRank(b) || a.start - b.start || a.id - b.id);

  const queues = snapshot.queues.map((q) => q.name);
  for (const b of bars) if (!queues.includes(b.queue)) queues.push(b.queue);
  return {
    title: options.title ?? 'oar-sched gantt',
    source: options.source ?? '',
    now: snapshot.now,
    timezone: snapshot.config.timezone,
    ...layout,
    queues,
    bars,
    unplanned,
    warnings: [...(round.warnings ?? [])],
  };
}

function identity(job: JobRecord): Pick<GanttBar, 'id' | 'user' | 'queue' | 'state' | 'besteffort'> {
  return { id: job.id, user: job.user, queue: job.queue, state: job.state, besteffort: Object.hasOwn(job.types, 'besteffort') || job.queue === 'besteffort' };
}

function drawRank(bar: GanttBar): number {
  if (bar.besteffort) return 0;
  return bar.kind === 'running' ? 1 : bar.kind === 'reservation' ? 2 : 3;
}

type Layout = Pick<GanttData, 'resourceIds' | 'nodes' | 'switches' | 'unavailable'>;

/** Rows in switch → node → id order, each group placed where its smallest resource id falls. */
export function rowLayout(snapshot: Pick<Snapshot, 'resources'>): Layout {
  const resources = [...snapshot.resources].sort((a, b) => a.id - b.id);
  const hasSwitch = resources.some((r) => r.properties[SWITCH] !== undefined);
  const hasNode = resources.some((r) => r.properties[NODE] !== undefined);
  const label = (value: string | number | undefined, none: string) => (value === undefined || value === '' ? none : String(value));
  // Group keys in order of first appearance (by id): a Map keeps insertion order.
  const tree = new Map<string, Map<string, typeof resources>>();
  for (const r of resources) {
    const sw = hasSwitch ? label(r.properties[SWITCH], NO_SWITCH) : '';
    const node = hasNode ? label(r.properties[NODE], NO_NODE) : `resource ${r.id}`;
    let nodes = tree.get(sw);
    if (!nodes) tree.set(sw, (nodes = new Map()));
    let list = nodes.get(node);
    if (!list) nodes.set(node, (list = []));
    list.push(r);
  }
  const resourceIds: number[] = [];
  const nodes: RowGroup[] = [];
  const switches: RowGroup[] = [];
  const unavailable: [number, string][] = [];
  for (const [sw, byNode] of tree) {
    const swFirst = resourceIds.length;
    for (const [node, list] of byNode) {
      nodes.push({ name: node, first: resourceIds.length, count: list.length });
      for (const r of list) {
        if (r.state !== 'Alive') unavailable.push([resourceIds.length, r.state]);
        resourceIds.push(r.id);
      }
    }
    if (hasSwitch) switches.push({ name: sw, first: swFirst, count: resourceIds.length - swFirst });
  }
  return { resourceIds, nodes, switches, unavailable };
}

/** Resource ids → the rows they occupy, as inclusive runs `[first, last, …]`; unknown ids are skipped. */
export function rowRuns(ids: Iterable<number>, rowOf: ReadonlyMap<number, number>): number[] {
  const rows: number[] = [];
  for (const id of ids) {
    const row = rowOf.get(id);
    if (row !== undefined) rows.push(row);
  }
  rows.sort((a, b) => a - b);
  const runs: number[] = [];
  for (const row of rows) {
    const last = runs.length - 1;
    if (last > 0 && (runs[last] === row || runs[last] === row - 1)) runs[last] = row;
    else runs.push(row, row);
  }
  return runs;
}

/** `/switch=1/network_address=2 {gpu='yes'} + /cpu=1, 1:00:00` (OAR's `-l` syntax). */
export function formatRequest(moldable: MoldableRecord | undefined): string {
  if (!moldable) return '';
  const parts = moldable.request.map((part) => {
    const levels = part.levels.map((l) => `/${l.level}=${l.count}`).join('');
    return part.property.trim() === '' ? levels : `${levels} {${part.property.trim()}}`;
  });
  return `${parts.join(' + ')}, ${formatDuration(moldable.walltime)}`;
}

/** Seconds → `H:MM:SS`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}
