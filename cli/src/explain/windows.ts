/**
 * What blocks a job in each candidate window, for one request part. The windows and their free
 * sets are the engine's (core's search probe walked the slot set the job met: its container's
 * for an inner job, with its timesharing and placeholder shares); here each block of the part's
 * first level (a node for `network_address=2/resource_id=4`) gets one cause, the first that
 * applies:
 *
 * 1. `filter`: fewer of its resources match the property filter than the part needs below that level;
 * 2. `state`: of those, too few are Alive or Absent (the rest Suspected or Dead);
 * 3. `offline`: of those, too few stay available through the window (`available_upto`: a
 *    resource powered off by energy saving is usable only until then; the default slot set only,
 *    as in the engine: a container's resources are its own);
 * 4. `outside`: (inner jobs) of those, too few are the container's during the whole window (its
 *    resources over its time span minus the security time, core §13);
 * 5. `busy`: of those, too few are free for the job during the whole window (jobs hold them);
 * 6. `fit`: enough are free.
 *
 * A window where enough blocks fit by count also gets the engine's verdict (window-verdict.ts):
 * the find or a quota rule refused it, or both accepted it. Resources the job may use only
 * thanks to a share (a compatible timesharing job's, its `allow=` placeholder's) are reported as
 * `shared`. Consecutive windows with the same summary are aggregated.
 */
import type { ProbedWindow } from '@oar-sched/core';
import { IntervalSet, type LevelRequest, type ResourceRecord } from '@oar-sched/plugin-api';
import { windowVerdict, type VerdictInput, type WindowVerdict } from './window-verdict.js';

/** Resources held by one job over `[begin, end]` (inclusive), as positions, in the job's slot set. */
export interface Occupation {
  readonly jobId: number;
  readonly begin: number;
  readonly end: number;
  readonly resources: IntervalSet;
  /** Its resources are a placeholder's (`placeholder=` type): an `allow=` job of that name may use them. */
  readonly placeholder?: string | undefined;
}

export interface PartToExamine {
  readonly index: number;
  readonly levels: readonly LevelRequest[];
  /** Positions the property filters allow (any state). */
  readonly constraint: IntervalSet;
  /** The filter as text, for messages (`gpu='YES'`). */
  readonly filter: string;
}

export type BlockCause =
  | { readonly cause: 'filter'; readonly count: number; readonly filter: string }
  | { readonly cause: 'state'; readonly count: number; readonly state: string }
  | { readonly cause: 'offline'; readonly count: number; readonly from: number }
  | { readonly cause: 'outside'; readonly count: number; readonly container: string }
  | { readonly cause: 'busy'; readonly count: number; readonly until: number; readonly untilLatest: number; readonly jobs: readonly number[] };

/** What one container job releases in its inner slot set: `resources` over `[begin, end]` (inclusive). */
export interface ContainerSpan {
  readonly begin: number;
  readonly end: number;
  readonly resources: IntervalSet;
}

/** Resources free for the job only thanks to shares, and the jobs holding them. */
export interface SharedResources {
  readonly resources: number;
  /** Compatible timesharing jobs. */
  readonly timesharing: readonly number[];
  /** Placeholder jobs of the job's `allow=` name. */
  readonly placeholder: readonly number[];
}

/** One window start, or several consecutive ones with the same summary. */
export interface WindowSummary {
  /** First and last window start of the run (equal for one window). */
  readonly from: number;
  readonly to: number;
  readonly windows: number;
  /** The part's first level, whose blocks are counted. */
  readonly level: string;
  readonly total: number;
  readonly fit: number;
  /** Blocks the part asks for at that level. */
  readonly needed: LevelRequest['count'];
  readonly causes: readonly BlockCause[];
  readonly shared?: SharedResources | undefined;
  /** When enough blocks fit by count: what the find and the quotas said. */
  readonly verdict?: WindowVerdict | undefined;
}

export interface ExamineInput {
  /** Resources in position order (the round's platform order). */
  readonly resources: readonly ResourceRecord[];
  /** Positions of Alive or Absent resources. */
  readonly usable: IntervalSet;
  /** Jobs holding resources in the job's slot set, to name who holds a block and until when. */
  readonly occupations: readonly Occupation[];
  /** The engine's windows for the moldable, in time order. */
  readonly windows: readonly ProbedWindow[];
  /** For an inner job: its container slot set's name and what the containers release in it. */
  readonly container: { readonly name: string; readonly spans: readonly ContainerSpan[] } | undefined;
  readonly verdict: VerdictInput;
}

/** Blocks of a level over all resources (any state): one per resource for `resource_id`, else one per property value. */
export function blocksOf(resources: readonly ResourceRecord[], level: string): IntervalSet[] {
  if (level === 'resource_id' || level === 'id') return resources.map((_, p) => IntervalSet.range(p, p));
  const members = new Map<string, number[]>();
  resources.forEach((r, p) => {
    const value = r.properties[level];
    if (value === undefined) return;
    const key = `${typeof value}:${value}`;
    let list = members.get(key);
    if (!list) members.set(key, (list = []));
    list.push(p);
  });
  return [...members.values()].map((m) => IntervalSet.fromValues(m));
}

/** Resources one block must provide: the product of the finer levels' counts (a special count counts as 1). */
export function neededPerBlock(levels: readonly LevelRequest[]): number {
  return levels.slice(1).reduce((n, l) => n * (typeof l.count === 'number' ? l.count : 1), 1);
}

export function examineWindows(input: ExamineInput, part: PartToExamine): WindowSummary[] {
  const top = part.levels[0]!;
  const blocks = blocksOf(input.resources, top.level);
  const need = neededPerBlock(part.levels);
  const out: WindowSummary[] = [];
  for (const w of input.windows) {
    const overlapping = input.occupations.filter((o) => o.begin <= w.end && o.end >= w.start);
    const scope = input.container ? containerScope(input.container.spans, w.start, w.end) : undefined;
    const view: WindowView = { window: w, overlapping, scope };
    const verdicts = blocks.map((b) => classify(input, part, view, b, need));
    let summary = summarise(verdicts, top, blocks.length, w.start, part.filter, input.container?.name);
    const shared = sharedResources(w, overlapping);
    if (shared) summary = { ...summary, shared };
    if (fitsByCount(summary)) summary = { ...summary, verdict: windowVerdict(w, input.verdict, part.index) };
    const last = out[out.length - 1];
    if (last && sameSummary(last, summary)) out[out.length - 1] = { ...last, to: w.start, windows: last.windows + 1 };
    else out.push(summary);
  }
  return out;
}

/** Enough blocks of the first level fit (a special count: at least one). */
export function fitsByCount(w: Pick<WindowSummary, 'fit' | 'needed'>): boolean {
  return typeof w.needed === 'number' ? w.fit >= w.needed : w.fit > 0;
}

interface WindowView {
  readonly window: ProbedWindow;
  readonly overlapping: readonly Occupation[];
  /** For an inner job: the container's resources during the whole window. */
  readonly scope: IntervalSet | undefined;
}

type Verdict =
  | { readonly cause: 'fit' }
  | { readonly cause: 'filter' }
  | { readonly cause: 'state'; readonly state: string }
  | { readonly cause: 'offline'; readonly from: number }
  | { readonly cause: 'outside' }
  | { readonly cause: 'busy'; readonly until: number; readonly jobs: readonly number[] };

function classify(input: ExamineInput, part: PartToExamine, view: WindowView, block: IntervalSet, need: number): Verdict {
  const { start, end, available } = view.window;
  const matching = block.intersect(part.constraint);
  if (matching.size < need) return { cause: 'filter' };
  const usable = matching.intersect(input.usable);
  if (usable.size < need) {
    const states = new Map<string, number>();
    for (const p of matching.difference(input.usable).values()) {
      const s = input.resources[p]!.state;
      states.set(s, (states.get(s) ?? 0) + 1);
    }
    const state = [...states.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'Dead';
    return { cause: 'state', state };
  }
  // Availability limits are pseudo-jobs of the default slot set only (core §3.3).
  const lasting = input.container === undefined ? usable.filter((p) => input.resources[p]!.availableUpto > end) : usable;
  if (lasting.size < need) {
    const from = Math.min(...[...usable.difference(lasting).values()].map((p) => input.resources[p]!.availableUpto));
    return { cause: 'offline', from };
  }
  if (view.scope && lasting.intersect(view.scope).size < need) return { cause: 'outside' };
  const taken = lasting.difference(available);
  if (lasting.size - taken.size >= need) return { cause: 'fit' };
  const jobs: number[] = [];
  let until = start;
  for (const o of view.overlapping) {
    if (!o.resources.intersects(taken)) continue;
    jobs.push(o.jobId);
    until = Math.max(until, o.end + 1);
  }
  return { cause: 'busy', until, jobs };
}

/**
 * The positions released in an inner slot set during every second of `[start, end]`: several
 * containers of one name accumulate (core §13.3), so at each instant it is the union of those
 * covering it, and over the window the intersection of those unions.
 */
export function containerScope(spans: readonly ContainerSpan[], start: number, end: number): IntervalSet {
  const cuts = [...new Set([start, ...spans.flatMap((s) => [s.begin, s.end + 1])])].filter((t) => t >= start && t <= end).sort((a, b) => a - b);
  let scope: IntervalSet | undefined;
  for (const t of cuts) {
    const here = spans.filter((s) => s.begin <= t && s.end >= t).reduce((acc, s) => acc.union(s.resources), IntervalSet.EMPTY);
    scope = scope ? scope.intersect(here) : here;
  }
  return scope ?? IntervalSet.EMPTY;
}

/** What the job gets only through shares: in its free set, held by a job during the window. */
function sharedResources(w: ProbedWindow, overlapping: readonly Occupation[]): SharedResources | undefined {
  const extra = w.available.difference(w.free);
  if (extra.isEmpty) return undefined;
  const timesharing: number[] = [];
  const placeholder: number[] = [];
  for (const o of overlapping) {
    if (!o.resources.intersects(extra)) continue;
    (o.placeholder !== undefined ? placeholder : timesharing).push(o.jobId);
  }
  return { resources: extra.size, timesharing: timesharing.sort((a, b) => a - b), placeholder: placeholder.sort((a, b) => a - b) };
}

function summarise(verdicts: readonly Verdict[], top: LevelRequest, total: number, start: number, filterText: string, container: string | undefined): WindowSummary {
  let fit = 0;
  let filter = 0;
  let outside = 0;
  const states = new Map<string, number>();
  let offline: { count: number; from: number } | undefined;
  let busy: { count: number; until: number; untilLatest: number; jobs: Set<number> } | undefined;
  for (const v of verdicts) {
    switch (v.cause) {
      case 'fit':
        fit++;
        break;
      case 'filter':
        filter++;
        break;
      case 'state':
        states.set(v.state, (states.get(v.state) ?? 0) + 1);
        break;
      case 'offline':
        offline = offline ? { count: offline.count + 1, from: Math.min(offline.from, v.from) } : { count: 1, from: v.from };
        break;
      case 'outside':
        outside++;
        break;
      case 'busy':
        busy ??= { count: 0, until: v.until, untilLatest: v.until, jobs: new Set() };
        busy.count++;
        busy.until = Math.min(busy.until, v.until);
        busy.untilLatest = Math.max(busy.untilLatest, v.until);
        for (const j of v.jobs) busy.jobs.add(j);
        break;
    }
  }
  const causes: BlockCause[] = [];
  if (busy) causes.push({ cause: 'busy', count: busy.count, until: busy.until, untilLatest: busy.untilLatest, jobs: [...busy.jobs].sort((a, b) => a - b) });
  if (outside > 0) causes.push({ cause: 'outside', count: outside, container: container! });
  if (filter > 0) causes.push({ cause: 'filter', count: filter, filter: filterText });
  for (const [state, count] of states) causes.push({ cause: 'state', count, state });
  if (offline) causes.push({ cause: 'offline', count: offline.count, from: offline.from });
  return { from: start, to: start, windows: 1, level: top.level, total, fit, needed: top.count, causes };
}

function sameSummary(a: WindowSummary, b: WindowSummary): boolean {
  return (
    a.fit === b.fit &&
    a.total === b.total &&
    JSON.stringify(a.causes) === JSON.stringify(b.causes) &&
    JSON.stringify(a.shared) === JSON.stringify(b.shared) &&
    JSON.stringify(a.verdict) === JSON.stringify(b.verdict)
  );
}
