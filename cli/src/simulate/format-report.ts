/**
 * The reports of one or two configs as a text table, one column per config (side by side), for
 * people; `--json` prints the reports themselves.
 */
import type { GroupStats, SimulationReport } from './metrics.js';

/** Seconds for people: `42 s`, `12.5 s`, `3m 05s`, `2h 03m`, `3d 04h`. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s < 3600) return `${Math.floor(s / 60)}m ${pad(s % 60)}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86400)}d ${pad(Math.floor((s % 86400) / 3600))}h`;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   ').trimEnd()).join('\n');
}

function groupRows(reports: readonly SimulationReport[], pick: (r: SimulationReport) => readonly GroupStats[]): string[][] {
  const names: string[] = [];
  for (const r of reports) for (const g of pick(r)) if (!names.includes(g.name)) names.push(g.name);
  return names.map((name) => [
    `  ${name}`,
    ...reports.map((r) => {
      const g = pick(r).find((x) => x.name === name);
      return g === undefined ? '-' : `${g.jobs} jobs, wait ${formatDuration(g.meanWait)}, bsld ${g.meanBoundedSlowdown.toFixed(2)}`;
    }),
  ]);
}

export function formatReports(reports: readonly SimulationReport[]): string {
  const col = (f: (r: SimulationReport) => string) => reports.map(f);
  const rows: string[][] = [
    ['', ...col((r) => r.config)],
    ['jobs', ...col((r) => String(r.jobs))],
    ['mean wait', ...col((r) => formatDuration(r.meanWait))],
    ['p50 wait', ...col((r) => formatDuration(r.p50Wait))],
    ['p90 wait', ...col((r) => formatDuration(r.p90Wait))],
    ['p99 wait', ...col((r) => formatDuration(r.p99Wait))],
    ['max wait', ...col((r) => formatDuration(r.maxWait))],
    ['mean bounded slowdown', ...col((r) => r.meanBoundedSlowdown.toFixed(2))],
    ['utilisation', ...col((r) => `${(r.utilisation * 100).toFixed(1)} %`)],
    ['makespan', ...col((r) => formatDuration(r.makespan))],
    ['rounds (skipped)', ...col((r) => `${r.rounds} (${r.roundsSkipped})`)],
    ['simulated in', ...col((r) => `${(r.elapsedMs / 1000).toFixed(1)} s`)],
    ['per queue', ...col(() => '')],
    ...groupRows(reports, (r) => r.queues),
    [`per user (top ${Math.max(...reports.map((r) => r.users.length))} of ${Math.max(...reports.map((r) => r.usersTotal))})`, ...col(() => '')],
    ...groupRows(reports, (r) => r.users),
  ];
  const notes: string[] = [];
  for (const r of reports) {
    if (r.dropped.length > 0) notes.push(`${r.config}: ${r.dropped.length} job(s) larger than the cluster (${r.resources} resources) dropped: ${r.dropped.slice(0, 10).join(', ')}${r.dropped.length > 10 ? ', …' : ''}`);
    if (r.neverStarted.length > 0) notes.push(`${r.config}: ${r.neverStarted.length} job(s) never started: ${r.neverStarted.slice(0, 10).join(', ')}${r.neverStarted.length > 10 ? ', …' : ''}`);
  }
  return `${table(rows)}\n${notes.map((n) => `${n}\n`).join('')}`;
}
