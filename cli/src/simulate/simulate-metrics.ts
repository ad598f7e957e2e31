/**
 * `simulate --metrics FILE`: the reports as OpenMetrics text (the format `round --metrics`
 * writes), one sample per config (label `config`), per queue (`config`, `queue`) where it applies.
 * Gauges: a simulation's figures are results, not counts that grow.
 */
import type { MetricFamily } from '../metrics/openmetrics.js';
import type { SimulationReport } from './metrics.js';

const gauge = (name: string, help: string, reports: readonly SimulationReport[], value: (r: SimulationReport) => number): MetricFamily => ({
  name: `oar_sched_simulate_${name}`,
  help,
  type: 'gauge',
  samples: reports.map((r) => ({ labels: { config: r.config }, value: value(r) })),
});

export function simulationMetrics(reports: readonly SimulationReport[]): MetricFamily[] {
  return [
    gauge('jobs', 'Jobs replayed to completion.', reports, (r) => r.jobs),
    {
      name: 'oar_sched_simulate_wait_seconds',
      help: 'Wait (start - submit): mean, and nearest-rank quantiles 0.5, 0.9, 0.99 and 1 (max).',
      type: 'gauge',
      samples: reports.flatMap((r) => [
        { labels: { config: r.config, stat: 'mean' }, value: r.meanWait },
        { labels: { config: r.config, stat: '0.5' }, value: r.p50Wait },
        { labels: { config: r.config, stat: '0.9' }, value: r.p90Wait },
        { labels: { config: r.config, stat: '0.99' }, value: r.p99Wait },
        { labels: { config: r.config, stat: '1' }, value: r.maxWait },
      ]),
    },
    gauge('bounded_slowdown', 'Mean bounded slowdown, max(1, (wait + run) / max(run, 10 s)).', reports, (r) => r.meanBoundedSlowdown),
    gauge('utilisation_ratio', 'Processor-seconds used / (usable resources x makespan).', reports, (r) => r.utilisation),
    gauge('makespan_seconds', 'Last end - first submit.', reports, (r) => r.makespan),
    gauge('rounds', 'Scheduling rounds run.', reports, (r) => r.rounds),
    gauge('rounds_skipped', 'Event times where no job could start, so no round ran.', reports, (r) => r.roundsSkipped),
    gauge('dropped_jobs', 'Jobs larger than the cluster, never replayed.', reports, (r) => r.dropped.length),
    gauge('duration_seconds', 'Time the simulation took.', reports, (r) => r.elapsedMs / 1000),
    {
      name: 'oar_sched_simulate_queue_jobs',
      help: 'Jobs replayed to completion, per queue.',
      type: 'gauge',
      samples: reports.flatMap((r) => r.queues.map((q) => ({ labels: { config: r.config, queue: q.name }, value: q.jobs }))),
    },
    {
      name: 'oar_sched_simulate_queue_wait_seconds',
      help: 'Mean wait per queue.',
      type: 'gauge',
      samples: reports.flatMap((r) => r.queues.map((q) => ({ labels: { config: r.config, queue: q.name }, value: q.meanWait }))),
    },
  ];
}
