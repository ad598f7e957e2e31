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
import { IntervalSet, parseIntervalSet, type Decision } from '@oar-sched/plugin-api';

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
  const rowOf = rowIndex(layout.resourceIds);
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
      rows: rowRuns(IntervalSet.fromValues(job.resources).intervals(), rowOf),
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
      rows: typeof ids === 'string' ? [] : rowRuns(ids.intervals(), rowOf),
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

/**
 * Resource id → row, as segments of consecutive ids on consecutive rows: `[idLo, idHi, rowLo, …]`,
 * ascending ids. On most clusters rows follow ids, so a handful of segments cover thousands of rows.
 */
export interface RowIndex {
  readonly segments: Int32Array;
}

export function rowIndex(resourceIds: readonly number[]): RowIndex {
  const pairs = resourceIds.map((id, row) => [id, row] as const).sort((a, b) => a[0] - b[0]);
  const segments: number[] = [];
  for (const [id, row] of pairs) {
    const n = segments.length;
    if (n > 0 && id === segments[n - 2]! + 1 && row === segments[n - 1]! + (id - segments[n - 3]!)) segments[n - 2] = id;
    else segments.push(id, id, row);
  }
  return { segments: Int32Array.from(segments) };
}

/**
 * Resource ids, as inclusive intervals, → the rows they occupy, as inclusive runs
 * `[first, last, …]`, ascending and disjoint; unknown ids are skipped. A round places millions of
 * resources on a large cluster: the work is per segment of the index, not per resource.
 */
export function rowRuns(idIntervals: Iterable<readonly [number, number]>, index: RowIndex): number[] {
  const seg = index.segments;
  const count = seg.length / 3;
  const ranges: number[] = [];
  let sorted = true;
  for (const [lo, hi] of idIntervals) {
    // First segment whose idHi ≥ lo.
    let a = 0;
    let b = count;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (seg[mid * 3 + 1]! < lo) a = mid + 1;
      else b = mid;
    }
    for (let k = a; k < count && seg[k * 3]! <= hi; k++) {
      const idLo = seg[k * 3]!;
      const first = seg[k * 3 + 2]! + (Math.max(lo, idLo) - idLo);
      const last = seg[k * 3 + 2]! + (Math.min(hi, seg[k * 3 + 1]!) - idLo);
      if (ranges.length > 0 && first < ranges[ranges.length - 2]!) sorted = false;
      ranges.push(first, last);
    }
  }
  const order = [...Array(ranges.length / 2).keys()];
  if (!sorted) order.sort((x, y) => ranges[2 * x]! - ranges[2 * y]!);
  const runs: number[] = [];
  for (const i of order) {
    const first = ranges[2 * i]!;
    const last = ranges[2 * i + 1]!;
    const n = runs.length;
    if (n > 0 && first <= runs[n - 1]! + 1) runs[n - 1] = Math.max(runs[n - 1]!, last);
    else runs.push(first, last);
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
