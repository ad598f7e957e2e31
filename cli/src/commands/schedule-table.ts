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
import { roleOf, type JobRecord, type Snapshot } from '@oar-sched/core';
import type { ScenarioResult } from '@oar-sched/scenario';
import { alignRows, dateFormatter, duration, ENDLESS, parseIds, resourceFormatter } from './table-format.js';

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
  const resources = resourceFormatter(snapshot.resources, snapshot.config.hierarchyLabels);
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
