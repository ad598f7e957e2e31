/**
 * The figures of one simulation, computed from its job outcomes alone:
 * - wait = start − submit; percentiles by nearest rank (p-th: the ⌈p·n/100⌉-th smallest);
 * - bounded slowdown = max(1, (wait + run) / max(run, 10 s)), run = end − start;
 * - makespan = last end − first submit;
 * - utilisation = Σ processors × run / (usable resources × makespan), in [0, 1].
 * Per queue and per user: jobs, mean wait, mean bounded slowdown (users: the most active first).
 */
import type { JobOutcome, SimulationRun } from './engine.js';

export const SLOWDOWN_BOUND = 10;
export const TOP_USERS = 10;

export interface GroupStats {
  readonly name: string;
  readonly jobs: number;
  readonly meanWait: number;
  readonly meanBoundedSlowdown: number;
}

export interface SimulationReport {
  /** The config's name (its file, or "defaults"). */
  readonly config: string;
  readonly jobs: number;
  readonly meanWait: number;
  readonly p50Wait: number;
  readonly p90Wait: number;
  readonly p99Wait: number;
  readonly maxWait: number;
  readonly meanBoundedSlowdown: number;
  readonly utilisation: number;
  readonly makespan: number;
  readonly resources: number;
  readonly queues: readonly GroupStats[];
  /** The TOP_USERS users with the most jobs. */
  readonly users: readonly GroupStats[];
  readonly usersTotal: number;
  readonly dropped: readonly number[];
  readonly neverStarted: readonly number[];
  readonly rounds: number;
  readonly roundsSkipped: number;
  readonly elapsedMs: number;
}

/** Nearest-rank percentile of ascending values; 0 for none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function boundedSlowdown(o: JobOutcome): number {
  const run = o.end - o.start;
  return Math.max(1, (o.start - o.submit + run) / Math.max(run, SLOWDOWN_BOUND));
}

const mean = (values: readonly number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

function groups(outcomes: readonly JobOutcome[], key: (o: JobOutcome) => string): GroupStats[] {
  const by = new Map<string, JobOutcome[]>();
  for (const o of outcomes) {
    const k = key(o);
    const list = by.get(k);
    if (list) list.push(o);
    else by.set(k, [o]);
  }
  return [...by].map(([name, list]) => ({
    name,
    jobs: list.length,
    meanWait: mean(list.map((o) => o.start - o.submit)),
    meanBoundedSlowdown: mean(list.map(boundedSlowdown)),
  }));
}

export function computeReport(config: string, run: SimulationRun): SimulationReport {
  const { outcomes } = run;
  const waits = outcomes.map((o) => o.start - o.submit).sort((a, b) => a - b);
  const firstSubmit = outcomes.reduce((m, o) => Math.min(m, o.submit), Infinity);
  const lastEnd = outcomes.reduce((m, o) => Math.max(m, o.end), -Infinity);
  const makespan = outcomes.length === 0 ? 0 : lastEnd - firstSubmit;
  const work = outcomes.reduce((s, o) => s + o.processors * (o.end - o.start), 0);
  const users = groups(outcomes, (o) => (o.user < 0 ? 'unknown' : `user${o.user}`)).sort((a, b) => b.jobs - a.jobs || a.name.localeCompare(b.name));
  return {
    config,
    jobs: outcomes.length,
    meanWait: mean(waits),
    p50Wait: percentile(waits, 50),
    p90Wait: percentile(waits, 90),
    p99Wait: percentile(waits, 99),
    maxWait: waits.length === 0 ? 0 : waits[waits.length - 1]!,
    meanBoundedSlowdown: mean(outcomes.map(boundedSlowdown)),
    utilisation: makespan > 0 && run.resources > 0 ? work / (run.resources * makespan) : 0,
    makespan,
    resources: run.resources,
    queues: groups(outcomes, (o) => o.queue).sort((a, b) => a.name.localeCompare(b.name)),
    users: users.slice(0, TOP_USERS),
    usersTotal: users.length,
    dropped: run.dropped.map((d) => d.id),
    neverStarted: run.neverStarted,
    rounds: run.rounds,
    roundsSkipped: run.roundsSkipped,
    elapsedMs: Math.round(run.elapsedMs),
  };
}
