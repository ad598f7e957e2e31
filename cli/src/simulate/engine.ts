/**
 * The simulator's engine: a virtual clock over a trace. Each job is submitted at its submit time,
 * asks for `resource_id=P` for its requested time (the walltime), runs for min(run time, walltime)
 * once started and then frees its resources. At every event time (a batch of submissions and
 * completions) one round runs — `runRound` on a snapshot of the current state: the running jobs
 * with their start and resources, the waiting jobs — and the jobs it plans to start at that time
 * start. Rounds are pure functions of their snapshot, so a round that cannot start anything is
 * skipped without changing the outcome: when the smallest waiting job needs more processors than
 * are free (a plugin with side effects between rounds would see fewer rounds; none of ours has).
 * Finished jobs feed the accounting (accounting.ts) that fair-share sorting reads.
 * A job larger than the cluster's usable resources can never start: it is dropped and reported.
 */
import type { JobRecord, PluginRegistry, RoundOptions, Snapshot } from '@oar-sched/core';
import { runRound } from '@oar-sched/core';
import { Accounting } from './accounting.js';
import type { Platform } from './platform.js';
import type { SwfJob } from './swf.js';

/** One replayed job. Times are the trace's seconds. */
export interface JobOutcome {
  readonly id: number;
  readonly user: number;
  readonly queue: string;
  readonly processors: number;
  readonly submit: number;
  readonly start: number;
  /** start + min(run time, walltime). */
  readonly end: number;
}

/** State after each event time: waiting jobs and busy resources (a step function). */
export interface TimelinePoint {
  readonly t: number;
  readonly waiting: number;
  readonly busy: number;
}

export interface SimulationRun {
  readonly outcomes: readonly JobOutcome[];
  /** Jobs asking for more processors than the cluster has usable resources. */
  readonly dropped: readonly { readonly id: number; readonly line: number; readonly processors: number }[];
  /** Jobs still waiting when no event is left (the scheduler never placed them). */
  readonly neverStarted: readonly number[];
  readonly timeline: readonly TimelinePoint[];
  /** Usable resources (Alive). */
  readonly resources: number;
  readonly rounds: number;
  readonly roundsSkipped: number;
  readonly elapsedMs: number;
}

export interface SimulateOptions {
  readonly roundOptions?: RoundOptions;
  /** Called after each event time with the jobs finished so far and the total to replay. */
  readonly onProgress?: (finished: number, total: number) => void;
  /** Skip the rounds that cannot start a job (default true); false runs one at every event time (tests compare both). */
  readonly skipIdleRounds?: boolean;
}

interface Running {
  readonly job: SwfJob;
  readonly record: JobRecord;
  readonly start: number;
  readonly end: number;
}

function jobRecord(job: SwfJob, queue: string, running?: { start: number; resources: readonly number[] }): JobRecord {
  return {
    id: job.id,
    name: null,
    user: job.user < 0 ? 'unknown' : `user${job.user}`,
    project: '',
    queue,
    state: running ? 'Running' : 'Waiting',
    reservation: 'None',
    startTime: running?.start,
    resources: running?.resources,
    moldableIndex: 0,
    suspendedDuration: 0,
    exitCode: null,
    submissionTime: job.submit,
    qos: 0,
    nice: 1,
    types: {},
    properties: '',
    moldables: [{ walltime: job.walltime, request: [{ levels: [{ level: 'resource_id', count: job.processors }], property: '' }] }],
    dependencies: [],
  };
}

/** Resource ids of canonical set text (`"1-16 22"`). */
export function idsOf(text: string): number[] {
  const ids: number[] = [];
  for (const item of text.split(' ')) {
    if (item === '') continue;
    const dash = item.indexOf('-');
    const a = Number(dash < 0 ? item : item.slice(0, dash));
    const b = dash < 0 ? a : Number(item.slice(dash + 1));
    for (let i = a; i <= b; i++) ids.push(i);
  }
  return ids;
}

export async function simulate(trace: readonly SwfJob[], platform: Platform, registry: PluginRegistry, options: SimulateOptions = {}): Promise<SimulationRun> {
  const started = performance.now();
  const usable = platform.resources.filter((r) => r.state === 'Alive').length;
  const dropped: { id: number; line: number; processors: number }[] = [];
  const pending: SwfJob[] = [];
  for (const job of trace) {
    if (job.processors > usable) dropped.push({ id: job.id, line: job.line, processors: job.processors });
    else pending.push(job);
  }
  pending.sort((a, b) => a.submit - b.submit || a.id - b.id);
  const total = pending.length;
  const waiting = new Map<number, { job: SwfJob; record: JobRecord }>();
  const running = new Map<number, Running>();
  const outcomes: JobOutcome[] = [];
  const timeline: TimelinePoint[] = [];
  let next = 0;
  let busy = 0;
  let rounds = 0;
  let roundsSkipped = 0;
  // Completions ordered by end time; a binary heap would be faster, but a sorted insert keeps the
  // order stable and costs little next to a round.
  const ends: Running[] = [];
  const accounting = new Accounting(platform.accountingWindow);

  for (;;) {
    const tSubmit = next < pending.length ? pending[next]!.submit : Infinity;
    const tEnd = ends.length > 0 ? ends[0]!.end : Infinity;
    const now = Math.min(tSubmit, tEnd);
    if (now === Infinity) break;
    while (ends.length > 0 && ends[0]!.end === now) {
      const r = ends.shift()!;
      running.delete(r.job.id);
      busy -= r.job.processors;
      accounting.add(r.record.user, r.record.queue, r.job.processors, r.start, r.end, r.job.walltime);
      outcomes.push({ id: r.job.id, user: r.job.user, queue: r.record.queue, processors: r.job.processors, submit: r.job.submit, start: r.start, end: r.end });
    }
    while (next < pending.length && pending[next]!.submit === now) {
      const job = pending[next++]!;
      waiting.set(job.id, { job, record: jobRecord(job, platform.queueOf(job.queue)) });
    }
    let smallest = Infinity;
    for (const w of waiting.values()) if (w.job.processors < smallest) smallest = w.job.processors;
    if (waiting.size > 0 && smallest > usable - busy && options.skipIdleRounds !== false) roundsSkipped++;
    else if (waiting.size > 0) {
      rounds++;
      const jobs: JobRecord[] = [];
      for (const r of running.values()) jobs.push(r.record);
      for (const w of waiting.values()) jobs.push(w.record);
      const snapshot: Snapshot = { now, config: platform.config, queues: platform.queues, resources: platform.resources, jobs, accounting: accounting.records() };
      const result = await runRound(snapshot, registry, options.roundOptions ?? {});
      for (const [id, decision] of result.decisions) {
        if (!decision.scheduled || decision.placement.start !== now) continue;
        const w = waiting.get(id);
        if (w === undefined) continue;
        waiting.delete(id);
        const resources = idsOf(decision.placement.resourceIds);
        const end = now + Math.min(w.job.runTime, w.job.walltime);
        const r: Running = { job: w.job, record: jobRecord(w.job, w.record.queue, { start: now, resources }), start: now, end };
        running.set(id, r);
        busy += w.job.processors;
        let lo = 0;
        let hi = ends.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (ends[mid]!.end <= end) lo = mid + 1;
          else hi = mid;
        }
        ends.splice(lo, 0, r);
      }
    }
    timeline.push({ t: now, waiting: waiting.size, busy });
    options.onProgress?.(outcomes.length, total);
  }
  outcomes.sort((a, b) => a.id - b.id);
  return {
    outcomes,
    dropped,
    neverStarted: [...waiting.keys()].sort((a, b) => a - b),
    timeline,
    resources: usable,
    rounds,
    roundsSkipped,
    elapsedMs: performance.now() - started,
  };
}
