/**
 * `oar-sched schedule --format table`: the round's result for people. Built from the scenario
 * result (the stable JSON contract, adapters/scenario/src/result.ts) and the snapshot it was
 * computed from (jobs' queue, user, state and walltime; resources' properties; the time zone).
 *
 * One line per job: the jobs the round decided on, plus the jobs already running (or otherwise
 * holding resources) in the snapshot, by id. Dates are in the scheduler's time zone
 * (`timezone`, default UTC), to the minute; the end is the result's `endTime` (the last second the
 * job holds its resources, security time included). Resources are grouped by the first hierarchy
 * label other than `resource_id` (`node-1[1-8] node-2[9-12]`), plain id ranges without one.
 */
import { MAX_TIME, OarSchedError, roleOf, type JobRecord, type ResourceRecord, type Snapshot } from '@oar-sched/core';
import type { ScenarioResult } from '@oar-sched/scenario';

export interface TableOptions {
  /** The scenario, named in the message for an unknown time zone. */
  readonly scenarioName: string;
}

interface Row {
  readonly job: string;
  readonly queue: string;
  readonly user: string;
  readonly state: string;
  readonly start: string;
  readonly end: string;
  readonly walltime: string;
  readonly resources: string;
  readonly reason: string;
}

const HEADER: Row = {
  job: 'JOB',
  queue: 'QUEUE',
  user: 'USER',
  state: 'STATE',
  start: 'START',
  end: 'END',
  walltime: 'WALLTIME',
  resources: 'RESOURCES',
  reason: 'REASON',
};

/** The engine's slot chain ends at `MAX_TIME - 2` (then one sentinel slot): a time from there on is "never". */
const ENDLESS = MAX_TIME - 2;

const COLUMNS: readonly { key: keyof Row; right?: boolean }[] = [
  { key: 'job', right: true },
  { key: 'queue' },
  { key: 'user' },
  { key: 'state' },
  { key: 'start' },
  { key: 'end' },
  { key: 'walltime', right: true },
  { key: 'resources' },
  { key: 'reason' },
];

export function formatScheduleTable(result: ScenarioResult, snapshot: Snapshot, options: TableOptions): string {
  const timezone = snapshot.config.timezone;
  const date = dateFormatter(timezone, options.scenarioName);
  const resources = resourceFormatter(snapshot);
  const jobs = new Map(snapshot.jobs.map((j) => [j.id, j]));
  const rows: { id: number; row: Row }[] = [];

  for (const [key, outcome] of Object.entries(result.jobs)) {
    const id = Number(key);
    const job = jobs.get(id);
    if (outcome.scheduled) {
      rows.push({
        id,
        row: {
          ...identity(id, job),
          start: date(outcome.startTime),
          end: date(outcome.endTime),
          walltime: job ? duration(job.moldables[outcome.moldableIndex]?.walltime) : '-',
          resources: resources(parseIds(outcome.resources)),
          reason: '',
        },
      });
    } else {
      rows.push({
        id,
        row: {
          ...identity(id, job),
          start: '-',
          end: '-',
          walltime: job ? [...new Set(job.moldables.map((m) => duration(m.walltime)))].join(',') : '-',
          resources: '-',
          reason: outcome.reason ?? outcome.reasonCode ?? '',
        },
      });
    }
  }
  // Jobs the round did not decide on because they already hold resources (running, suspended,
  // planned): their occupation is what the decisions were made around.
  for (const job of snapshot.jobs) {
    if (Object.hasOwn(result.jobs, String(job.id)) || roleOf(job) !== 'preoccupying') continue;
    if (job.startTime === undefined || job.resources === undefined) continue;
    const walltime = job.moldables[job.moldableIndex]?.walltime ?? 0;
    const end = job.startTime + walltime + snapshot.config.jobSecurityTime + job.suspendedDuration - 1;
    rows.push({
      id: job.id,
      row: {
        ...identity(job.id, job),
        start: date(job.startTime),
        end: date(end),
        walltime: duration(walltime),
        resources: resources(job.resources),
        reason: '',
      },
    });
  }
  rows.sort((a, b) => a.id - b.id);

  const lines = [`now: ${date(snapshot.now)} (${timezone})`, '', ...alignRows([HEADER, ...rows.map((r) => r.row)], COLUMNS)];
  if (result.slots !== undefined) {
    const slotHeader = { begin: 'SLOT BEGIN', end: 'END', free: 'FREE RESOURCES' };
    // The chain ends at the end of time, then a sentinel slot past it: shown as ∞, and left out.
    const slotRows = result.slots
      .filter((s) => s.begin < ENDLESS)
      .map((s) => ({ begin: date(s.begin), end: date(s.end), free: resources(parseIds(s.resources)) || '-' }));
    lines.push('', ...alignRows([slotHeader, ...slotRows], [{ key: 'begin' }, { key: 'end' }, { key: 'free' }]));
  }
  for (const warning of result.warnings ?? []) lines.push(`warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

function identity(id: number, job: JobRecord | undefined): Pick<Row, 'job' | 'queue' | 'user' | 'state'> {
  return { job: String(id), queue: job?.queue ?? '-', user: job?.user || '-', state: job?.state ?? '-' };
}

/** Columns padded to their widest cell (two spaces apart), the last one not padded. */
function alignRows<R extends object>(rows: readonly R[], columns: readonly { key: keyof R; right?: boolean }[]): string[] {
  const text = (row: R, key: keyof R) => String(row[key]);
  const widths = columns.map((c) => Math.max(...rows.map((r) => text(r, c.key).length)));
  return rows.map((row) =>
    columns
      .map((c, i) => {
        const cell = text(row, c.key);
        if (i === columns.length - 1) return cell;
        return c.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd(),
  );
}

/** `2026-12-01 10:00` in `timezone`; an unknown zone is the scenario's error (the config file's was checked on load). */
export function dateFormatter(timezone: string, scenarioName: string): (seconds: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    throw new OarSchedError(
      'SCENARIO_INVALID',
      `${scenarioName}: config.timezone: unknown time zone "${timezone}"`,
      'use an IANA time zone name such as "UTC" or "Europe/Paris"',
    );
  }
  return (seconds) => {
    if (seconds >= ENDLESS) return '∞';
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(new Date(seconds * 1000))) parts[p.type] = p.value;
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };
}

/** Seconds as `h:mm:ss` (hours not wrapped: `36:00:00`). */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Resource ids of a result string (`"1-4 9-12"`, scenario format §10), in order. */
export function parseIds(text: string): number[] {
  const ids: number[] = [];
  for (const item of text.split(/\s+/)) {
    if (item === '') continue;
    const [a, b] = item.split('-').map(Number) as [number, number | undefined];
    for (let id = a; id <= (b ?? a); id++) ids.push(id);
  }
  return ids;
}

/** Sorted ids as compact ranges: `1-4,9,12-16`. */
export function compactRanges(sortedIds: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < sortedIds.length; ) {
    let j = i;
    while (j + 1 < sortedIds.length && sortedIds[j + 1] === sortedIds[j]! + 1) j++;
    parts.push(i === j ? String(sortedIds[i]) : `${sortedIds[i]}-${sortedIds[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Resource ids → `node-1[1-8] node-2[9-12]`: grouped by the value of the first hierarchy label
 * other than `resource_id` (groups in the order of their lowest id), plain ranges for resources
 * without that property, or for every resource when there is no such label.
 */
export function resourceFormatter(snapshot: Snapshot): (ids: readonly number[]) => string {
  const label = snapshot.config.hierarchyLabels.find((l) => l !== 'resource_id' && l !== 'id');
  const byId = new Map<number, ResourceRecord>(snapshot.resources.map((r) => [r.id, r]));
  return (ids) => {
    const sorted = [...ids].sort((a, b) => a - b);
    if (label === undefined) return compactRanges(sorted);
    const groups = new Map<string, number[]>();
    for (const id of sorted) {
      const value = byId.get(id)?.properties[label];
      const key = value === undefined ? '' : `=${value}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(id);
    }
    return [...groups].map(([key, group]) => (key === '' ? compactRanges(group) : `${key.slice(1)}[${compactRanges(group)}]`)).join(' ');
  };
}
