/**
 * What blocks a job in each candidate window: the slot set the job met, re-examined at every
 * window boundary against one request part. Each block of the part's first level (a node for
 * `network_address=2/resource_id=4`) gets one cause, the first that applies:
 *
 * 1. `filter`: fewer of its resources match the property filter than the part needs below that level;
 * 2. `state`: of those, too few are Alive or Absent (the rest Suspected or Dead);
 * 3. `offline`: of those, too few stay available through the window (`available_upto`: a
 *    resource powered off by energy saving is usable only until then);
 * 4. `busy`: of those, too few are free during the whole window (jobs hold them);
 * 5. `fit`: enough are free.
 *
 * Counting only: the find may still refuse a block that "fits" (finer levels, contiguity), and
 * quotas are checked per window by the engine, not here. Consecutive windows with the same
 * summary are aggregated.
 */
import { IntervalSet, type LevelRequest, type ResourceRecord } from '@oar-sched/plugin-api';

/** Resources held by one job over `[begin, end]` (inclusive), as positions. */
export interface Occupation {
  readonly jobId: number;
  readonly begin: number;
  readonly end: number;
  readonly resources: IntervalSet;
}

export interface PartToExamine {
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
  | { readonly cause: 'busy'; readonly count: number; readonly until: number; readonly untilLatest: number; readonly jobs: readonly number[] };

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
}

export interface ExamineInput {
  /** Resources in position order (the round's platform order). */
  readonly resources: readonly ResourceRecord[];
  /** Positions of Alive or Absent resources. */
  readonly usable: IntervalSet;
  readonly occupations: readonly Occupation[];
  readonly walltime: number;
  /** Window starts, ascending. */
  readonly starts: readonly number[];
}

const USABLE = new Set(['Alive', 'Absent']);

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
  for (const start of input.starts) {
    const end = start + input.walltime - 1;
    const overlapping = input.occupations.filter((o) => o.begin <= end && o.end >= start);
    const summary = summarise(blocks.map((b) => classify(input, part, b, need, start, end, overlapping)), top, blocks.length, start, part.filter);
    const last = out[out.length - 1];
    if (last && sameSummary(last, summary)) out[out.length - 1] = { ...last, to: start, windows: last.windows + 1 };
    else out.push(summary);
  }
  return out;
}

type Verdict = { readonly cause: 'fit' } | { readonly cause: 'filter' } | { readonly cause: 'state'; readonly state: string } | { readonly cause: 'offline'; readonly from: number } | { readonly cause: 'busy'; readonly until: number; readonly jobs: readonly number[] };

function classify(input: ExamineInput, part: PartToExamine, block: IntervalSet, need: number, start: number, end: number, overlapping: readonly Occupation[]): Verdict {
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
  const lasting = usable.filter((p) => input.resources[p]!.availableUpto > end);
  if (lasting.size < need) {
    const from = Math.min(...[...usable.difference(lasting).values()].map((p) => input.resources[p]!.availableUpto));
    return { cause: 'offline', from };
  }
  let free = lasting;
  const jobs: number[] = [];
  let until = start;
  for (const o of overlapping) {
    if (!o.resources.intersects(lasting)) continue;
    free = free.difference(o.resources);
    jobs.push(o.jobId);
    until = Math.max(until, o.end + 1);
  }
  if (free.size < need) return { cause: 'busy', until, jobs };
  return { cause: 'fit' };
}

function summarise(verdicts: readonly Verdict[], top: LevelRequest, total: number, start: number, filterText: string): WindowSummary {
  let fit = 0;
  let filter = 0;
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
  if (filter > 0) causes.push({ cause: 'filter', count: filter, filter: filterText });
  for (const [state, count] of states) causes.push({ cause: 'state', count, state });
  if (offline) causes.push({ cause: 'offline', count: offline.count, from: offline.from });
  return { from: start, to: start, windows: 1, level: top.level, total, fit, needed: top.count, causes };
}

function sameSummary(a: WindowSummary, b: WindowSummary): boolean {
  return a.fit === b.fit && a.total === b.total && JSON.stringify(a.causes) === JSON.stringify(b.causes);
}
