/**
 * A snapshot written back as a scenario document (docs/reference/scenario-format.md): what
 * `oar-sched db export` prints, so that a database round can be replayed, shared and checked with
 * `schedule --scenario`. Loading the document gives back the same snapshot, with two deliberate
 * differences in spelling, none in meaning:
 *
 * - property filters: a database round evaluates `(job) AND (part)`, each fragment in
 *   parentheses, while the scenario engine joins the two texts bare (`job AND part`); every
 *   non-empty fragment is therefore written in parentheses, so both evaluate alike (`a OR b` as a
 *   job filter would otherwise bind to the part's filter);
 * - resources: consecutive resources (in the snapshot's order, which is the order a round saw)
 *   with the same ids run and identical attributes become one `ids` entry.
 *
 * Fields equal to the format's defaults are left out to keep the document readable.
 */
import type { JobRecord, ResourceRecord, Snapshot } from '@oar-sched/core';

export interface ScenarioDocument {
  readonly formatVersion: 1;
  readonly note?: string;
  readonly now: number;
  readonly config: Record<string, unknown>;
  readonly queues: readonly { name: string; priority: number; state: string }[];
  readonly resources: readonly Record<string, unknown>[];
  readonly jobs: readonly Record<string, unknown>[];
  readonly accounting?: readonly Record<string, unknown>[];
}

export function snapshotToScenario(snapshot: Snapshot, options: { readonly note?: string } = {}): ScenarioDocument {
  return {
    formatVersion: 1,
    ...(options.note !== undefined ? { note: options.note } : {}),
    now: snapshot.now,
    config: structuredClone(snapshot.config) as unknown as Record<string, unknown>,
    queues: snapshot.queues.map((q) => ({ name: q.name, priority: q.priority, state: q.state })),
    resources: exportResources(snapshot.resources),
    jobs: [...snapshot.jobs].sort((a, b) => a.id - b.id).map(exportJob),
    ...(snapshot.accounting.length > 0 ? { accounting: snapshot.accounting.map((a) => ({ ...a })) } : {}),
  };
}

/** A property filter fragment as the database evaluates it: in parentheses, `''` when empty. */
export function parenthesized(fragment: string): string {
  const text = fragment.trim();
  return text === '' ? '' : `(${text})`;
}

function exportResources(resources: readonly ResourceRecord[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let run: { first: number; last: number; key: string; attributes: Record<string, unknown> } | undefined;
  const flush = () => {
    if (!run) return;
    out.push(run.first === run.last ? { id: run.first, ...run.attributes } : { ids: `${run.first}-${run.last}`, ...run.attributes });
  };
  for (const r of resources) {
    const attributes: Record<string, unknown> = {};
    if (r.state !== 'Alive') attributes.state = r.state;
    if (r.type !== 'default') attributes.type = r.type;
    if (r.availableUpto !== 2147483647) attributes.availableUpto = r.availableUpto;
    attributes.properties = { ...r.properties };
    const key = JSON.stringify(attributes);
    if (run && run.key === key && r.id === run.last + 1) {
      run.last = r.id;
    } else {
      flush();
      run = { first: r.id, last: r.id, key, attributes };
    }
  }
  flush();
  return out;
}

function exportJob(job: JobRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { id: job.id };
  if (job.name !== null) out.name = job.name;
  if (job.user !== '') out.user = job.user;
  if (job.project !== '') out.project = job.project;
  out.queue = job.queue;
  out.state = job.state;
  if (job.reservation !== 'None') out.reservation = job.reservation;
  const holds = job.resources !== undefined;
  if (job.startTime !== undefined && (holds || job.reservation !== 'None')) out.startTime = job.startTime;
  if (holds) {
    out.resources = idRanges(job.resources);
    if (job.moldableIndex !== 0) out.moldableIndex = job.moldableIndex;
  }
  if (job.suspendedDuration !== 0) out.suspendedDuration = job.suspendedDuration;
  if (job.exitCode !== null) out.exitCode = job.exitCode;
  if (job.submissionTime !== 0) out.submissionTime = job.submissionTime;
  if (job.qos !== 0) out.qos = job.qos;
  if (job.nice !== 1) out.nice = job.nice;
  if (Object.keys(job.types).length > 0) out.types = { ...job.types };
  const properties = parenthesized(job.properties);
  if (properties !== '') out.properties = properties;
  out.moldables = job.moldables.map((m) => ({
    walltime: m.walltime,
    request: m.request.map((part) => {
      const property = parenthesized(part.property);
      return { levels: part.levels.map((l) => ({ level: l.level, count: l.count })), ...(property !== '' ? { property } : {}) };
    }),
  }));
  if (job.dependencies.length > 0) out.dependencies = [...job.dependencies];
  return out;
}

/** Resource ids as a resource-set string (`"1-4 9"`, format §10), sorted. */
function idRanges(ids: readonly number[]): string {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(' ');
}
