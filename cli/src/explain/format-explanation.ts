/**
 * An explanation for a terminal: a few labelled lines, dates in the configured time zone, long
 * lists capped with "… and N more" (`--json` has them all).
 */
import type { QuotaRuleDetails } from '@oar-sched/plugin-api';
import type { LevelCount } from './level-shortfall.js';
import type { WindowVerdict } from './window-verdict.js';
import { fitsByCount, type BlockCause, type SharedResources, type WindowSummary } from './windows.js';
import type { ContainerScope, Explanation, OccupantKind } from './explain-job.js';

/** Items shown before "… and N more". */
const LIST_CAP = 8;
/** Window summaries shown per part before "… and N more". */
const WINDOW_CAP = 12;

export function formatExplanation(e: Explanation, date: (seconds: number) => string): string {
  const lines: string[] = [];
  const j = e.job;
  const types = Object.keys(j.types);
  lines.push(`Job ${j.id} (user ${j.user || '-'}, queue ${j.queue}${types.length > 0 ? `, types ${types.join(',')}` : ''}), round at ${date(e.now)} (${e.timezone}, ${e.source})`);
  if (e.status === 'not-waiting') {
    const where = e.runs
      ? ` on resources ${e.runs.resourceIds}${e.runs.start !== undefined ? ` from ${date(e.runs.start)}` : ''}${e.runs.end !== undefined ? ` until ${date(e.runs.end)}` : ''}`
      : '';
    lines.push(`  not waiting: state ${j.state}${where}; nothing to decide this round`);
    return `${lines.join('\n')}\n`;
  }
  const d = e.decision!;
  if (d.scheduled) {
    const wait = d.start - e.now;
    lines.push(`  planned: starts ${date(d.start)}${wait > 0 ? ` (in ${span(wait)})` : ' (now)'}, ends ${date(d.end)}, moldable ${d.moldableIndex}, resources ${d.resourceIds}`);
  } else {
    lines.push(`  not planned: ${d.reason.code} (${d.reason.kind}): ${d.reason.message}`);
  }
  const g = e.queueGroup;
  if (g) {
    const position = g.position === undefined ? 'left out of the order by the policy' : `position ${g.position} of ${g.of}`;
    const limited = g.limit !== undefined && g.position !== undefined && g.position > g.limit ? ` (beyond the group limit of ${g.limit})` : '';
    lines.push(`  queue group ${g.queues.join(', ')}, sorted by ${g.policy}: ${position}${limited}${g.ahead.length > 0 ? `, after ${capped(g.ahead.map(String))}` : ''}`);
    const mine = g.factors[j.id];
    if (mine) lines.push(`    factors: ${factorText(mine)}`);
    const before = g.ahead[g.ahead.length - 1];
    if (before !== undefined && g.factors[before]) lines.push(`    job ${before} just ahead: ${factorText(g.factors[before])}`);
  } else {
    lines.push(`  queue ${j.queue} was not scheduled this round`);
  }
  if (e.dependencies.length > 0) {
    lines.push('  dependencies:');
    for (const dep of e.dependencies) {
      const when = dep.start !== undefined ? `, ${dep.state === 'Waiting' ? 'planned' : 'runs'} ${date(dep.start)} → ${dep.end !== undefined ? date(dep.end) : '?'}` : '';
      const why = dep.reason ? `, not planned: ${dep.reason.code}: ${dep.reason.message}` : '';
      const exit = dep.exitCode !== undefined && dep.exitCode !== null ? `, exit code ${dep.exitCode}` : '';
      lines.push(`    job ${dep.job}: ${dep.state === 'unknown' ? 'unknown to the round (ignored)' : dep.state}${exit}${when}${why}`);
    }
  }
  if (e.quota) lines.push(`  ${quotaText(e.quota)}`);
  if (e.invisibleBesteffort.length > 0) {
    const killed = e.invisibleBesteffort.filter((b) => b.overlapsPlacement).map((b) => String(b.job));
    lines.push(
      `  besteffort jobs ${capped(e.invisibleBesteffort.map((b) => String(b.job)))} are invisible to this queue group: their resources count as free` +
        (killed.length > 0 ? `; the job is planned on resources of ${capped(killed)}, to be killed` : ''),
    );
  }
  if (e.container) lines.push(...containerLines(e.container, date));
  if (e.placementNote) lines.push(`  placement: ${e.placementNote}`);
  for (const m of e.placement) {
    for (const p of m.parts) {
      const label = `${e.placement.length > 1 || m.moldable > 0 ? `moldable ${m.moldable} ` : ''}${m.parts.length > 1 ? `part ${p.part} ` : ''}`;
      const head = `  ${label}(${p.request}, ${span(m.walltime)}, filter ${p.filter})`;
      if (p.windows.length === 0) {
        lines.push(`${head}: no earlier window`);
        continue;
      }
      lines.push(`${head}, ${d.scheduled ? 'windows before its start' : 'windows examined'}:`);
      for (const w of p.windows.slice(0, WINDOW_CAP)) lines.push(`    ${windowRange(w, date)}: ${windowText(w, date, e.occupants)}`);
      if (p.windows.length > WINDOW_CAP) lines.push(`    … and ${p.windows.length - WINDOW_CAP} more`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function windowRange(w: WindowSummary, date: (s: number) => string): string {
  return w.windows === 1 ? date(w.from) : `${date(w.from)} … ${date(w.to)} (${w.windows} windows)`;
}

/**
 * `0/40 nodes fit (2 needed): 24 busy until 12:40 (jobs 812, 815), 12 excluded by gpu='YES', 4 Suspected`;
 * when enough fit by count, what the find or the quotas said (`— enough by count, but the find
 * refused it: no switch has 2 free nodes`).
 */
export function windowText(w: WindowSummary, date: (s: number) => string, occupants: Readonly<Record<string, OccupantKind>>): string {
  const noun = levelNoun(w.level);
  const head = `${w.fit}/${w.total} ${noun} fit (${w.needed} needed)`;
  const causes = w.causes.map((c) => causeText(c, date, occupants));
  if (w.shared) causes.push(sharedText(w.shared));
  const verdict = w.verdict && fitsByCount(w) ? ` — ${verdictText(w.verdict)}` : '';
  return `${head}${causes.length > 0 ? `: ${causes.join(', ')}` : ''}${verdict}`;
}

/** `2 shared with timesharing jobs 1`, `2 of placeholder jobs 5 (allow)`. */
function sharedText(s: SharedResources): string {
  const whose = [s.timesharing.length > 0 ? `timesharing jobs ${capped(s.timesharing.map(String))}` : '', s.placeholder.length > 0 ? `placeholder jobs ${capped(s.placeholder.map(String))}` : '']
    .filter((t) => t !== '')
    .join(' and ');
  return `${s.resources} resource${s.resources === 1 ? '' : 's'} shared from ${whose}`;
}

function verdictText(v: WindowVerdict): string {
  if (v.accepted) return 'the find and the quotas accept this window: the assign did not take it';
  const refusals: string[] = [];
  if (v.find) {
    const f = v.find;
    const part = f.part !== undefined ? `part ${f.part} cannot be met: ` : '';
    if (f.levels) refusals.push(`the find refused it: ${part}${shortfallText(f.levels)}`);
    else if (f.error) refusals.push(`the find "${f.find}" failed: ${f.error}`);
    else refusals.push(`the find "${f.find}" returned nothing for it`);
  }
  if (v.quota) refusals.push(`quota rule ${v.quota.key} refused it: ${limitText(v.quota)}`);
  return `enough by count, but ${refusals.join('; and ')}`;
}

/** `quota rule *,*,*,alice: resources limited to 4, the job would bring it to 6`. */
function quotaText(q: QuotaRuleDetails): string {
  return `quota rule ${q.key}: ${limitText(q)}`;
}

function limitText(q: QuotaRuleDetails): string {
  return `${q.ruleSet !== null ? `(rule set ${q.ruleSet}) ` : ''}${q.limit} limited to ${q.max}, the job would bring it to ${q.count}`;
}

/**
 * `no switch has 2 nodes with 4 free cores each (3 nodes have 4 free cores, at most 1 in one switch)`,
 * `only 1 node is entirely free (2 needed)`.
 */
export function shortfallText(levels: readonly LevelCount[]): string {
  const top = levels[0]!;
  const have = top.qualifying;
  const subject = `${have === 0 ? 'no' : `only ${have}`} ${noun(top.level, have === 0 ? 1 : have)}`;
  const needed = typeof top.count === 'number' && (top.count > 1 || have > 0) ? ` (${top.count} needed)` : '';
  if (levels.length === 1) {
    const what = top.count === 'ALL' ? ` of ${top.total}` : '';
    return `${subject}${what} ${have > 1 ? 'are' : 'is'} entirely free${typeof top.count === 'number' ? needed : ` (${top.count})`}`;
  }
  const sentence = `${subject} ${have > 1 ? 'have' : 'has'} ${holding(levels, 1)}${levels.length > 2 ? ' each' : ''}${needed}`;
  const next = levels[1]!;
  const detail =
    levels.length === 2
      ? `${next.qualifying} ${noun(next.level, next.qualifying)} ${next.qualifying === 1 ? 'is' : 'are'} free`
      : `${next.qualifying} ${noun(next.level, next.qualifying)} ${next.qualifying === 1 ? 'has' : 'have'} ${holding(levels, 2)}`;
  return `${sentence} (${detail}, at most ${next.mostInOneParent ?? 0} in one ${noun(top.level, 1)})`;
}

/** What a counted block of level `i - 1` holds: `2 nodes with 4 free cores` (finest: `4 free cores`). */
function holding(levels: readonly LevelCount[], i: number): string {
  const l = levels[i]!;
  const n = l.count as number;
  if (i === levels.length - 1) return `${n} free ${noun(l.level, n)}`;
  return `${n} ${noun(l.level, n)} with ${holding(levels, i + 1)}`;
}

/** A level's blocks in words: `node`/`nodes`, `resource`, `switch`/`switches`. */
function noun(level: string, n: number): string {
  const singular = level === 'resource_id' || level === 'id' ? 'resource' : level === 'network_address' || level === 'host' || level === 'nodes' ? 'node' : level;
  if (n === 1) return singular;
  return /(s|x|ch|sh)$/.test(singular) ? `${singular}es` : `${singular}s`;
}

/** `  inner job of container "c1": job 10 running, inner window … → …, resources 1-4`. */
function containerLines(scope: ContainerScope, date: (s: number) => string): string[] {
  const lines = [`  inner job of container "${scope.name}": its windows lie within the container's resources and time span (minus the security time)`];
  if (scope.containers.length === 0) lines.push(`    no job of type container=${scope.name} is running or waiting`);
  for (const c of scope.containers) {
    const span = c.start !== undefined ? `, ${date(c.start)} → ${c.end !== undefined ? date(c.end) : '?'}, resources ${c.resourceIds}` : '';
    const status =
      c.status === 'not-planned'
        ? `not planned: ${c.reason!.code}: ${c.reason!.message}`
        : c.status === 'planned-after'
          ? 'planned after this job (no use to it this round)'
          : c.status;
    lines.push(`    container job ${c.job}: ${status}${span}`);
  }
  return lines;
}

function causeText(c: BlockCause, date: (s: number) => string, occupants: Readonly<Record<string, OccupantKind>>): string {
  switch (c.cause) {
    case 'busy': {
      const until = c.until === c.untilLatest ? date(c.until) : `${date(c.until)}…${date(c.untilLatest)}`;
      return `${c.count} busy until ${until}${c.jobs.length > 0 ? ` (${occupantsText(c.jobs, occupants)})` : ''}`;
    }
    case 'filter':
      return `${c.count} excluded by ${c.filter}`;
    case 'state':
      return `${c.count} ${c.state}`;
    case 'outside':
      return `${c.count} outside container "${c.container}"`;
    case 'offline':
      return `${c.count} unavailable from ${date(c.from)} (available_upto)`;
  }
}

/** `jobs 1, 2; planned this round 10, 11; reservation 20; besteffort 3`. */
function occupantsText(ids: readonly number[], occupants: Readonly<Record<string, OccupantKind>>): string {
  const groups: [OccupantKind, string][] = [['running', 'jobs'], ['planned', 'planned this round'], ['reservation', 'reservation'], ['besteffort', 'besteffort']];
  return groups
    .map(([kind, label]) => [label, ids.filter((id) => (occupants[id] ?? 'running') === kind).map(String)] as const)
    .filter(([, list]) => list.length > 0)
    .map(([label, list]) => `${label} ${capped(list)}`)
    .join('; ');
}

function levelNoun(level: string): string {
  if (level === 'resource_id' || level === 'id') return 'resources';
  if (level === 'network_address' || level === 'host' || level === 'nodes') return 'nodes';
  return `${level} blocks`;
}

function factorText(f: Readonly<Record<string, number>>): string {
  return Object.entries(f)
    .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toPrecision(4)}`)
    .join(', ');
}

function capped(items: readonly string[]): string {
  return items.length <= LIST_CAP ? items.join(', ') : `${items.slice(0, LIST_CAP).join(', ')} … and ${items.length - LIST_CAP} more`;
}

function span(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}` : m > 0 ? `${m}min${s > 0 ? `${String(s).padStart(2, '0')}s` : ''}` : `${s}s`;
}
