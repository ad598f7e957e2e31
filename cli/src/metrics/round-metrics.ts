/**
 * What `round --metrics FILE` writes: the round's phases, the time per hook and plugin, the jobs
 * waiting, planned and launched per queue group, the besteffort jobs killed and the exit code.
 * Names: snake_case, `oar_sched_` prefix; durations in seconds (OpenMetrics' base unit).
 */
import type { DbRoundResult } from '@oar-sched/db';
import type { HookTiming } from './hook-timing.js';
import type { MetricFamily } from './openmetrics.js';

/** `phases`: the round's phases, after the process's start and load when the binary ran it (ms). */
export function roundMetrics(round: DbRoundResult, phases: Readonly<Record<string, number>>, peakMemoryBytes: number, timings: Iterable<HookTiming>, killedQueues: ReadonlyMap<number, string>): MetricFamily[] {
  const perGroup = (pick: (g: DbRoundResult['groups'][number]) => number) => round.groups.map((g) => ({ labels: { queue: g.queues.join(',') }, value: pick(g) }));
  const killed = new Map<string, number>();
  for (const id of round.actions.killed) {
    const queue = killedQueues.get(id) ?? 'besteffort';
    killed.set(queue, (killed.get(queue) ?? 0) + 1);
  }
  const hooks = [...timings].filter((t) => t.calls > 0);
  return [
    { name: 'oar_sched_round_timestamp_seconds', help: "The round's time (its now), epoch seconds.", type: 'gauge', samples: [{ value: round.now }] },
    { name: 'oar_sched_round_exit_code', help: "The round's exit code (0 done, 1 a reservation starts now, 2 besteffort jobs to kill first).", type: 'gauge', samples: [{ value: round.exitCode }] },
    {
      name: 'oar_sched_round_phase_seconds',
      help: 'Time spent in each phase of the round (start and load of the process, read, engine, write, commit, notify).',
      type: 'gauge',
      samples: Object.entries(phases).map(([phase, ms]) => ({ labels: { phase }, value: ms / 1000 })),
    },
    { name: 'oar_sched_process_peak_memory_bytes', help: "The round process's peak resident memory.", type: 'gauge', samples: [{ value: peakMemoryBytes }] },
    {
      name: 'oar_sched_hook_seconds',
      help: 'Time spent in each hook, per plugin (tap), during the round; inclusive: an assign includes the finds it calls.',
      type: 'gauge',
      samples: hooks.map((t) => ({ labels: { hook: t.hook, plugin: t.plugin }, value: t.ms / 1000 })),
    },
    { name: 'oar_sched_hook_calls', help: 'Calls of each hook, per plugin (tap), during the round.', type: 'gauge', samples: hooks.map((t) => ({ labels: { hook: t.hook, plugin: t.plugin }, value: t.calls })) },
    { name: 'oar_sched_jobs_waiting', help: 'Waiting jobs at the start of the round, per queue group.', type: 'gauge', samples: perGroup((g) => g.waiting) },
    { name: 'oar_sched_jobs_planned', help: 'Waiting jobs the round planned, per queue group.', type: 'gauge', samples: perGroup((g) => g.planned) },
    { name: 'oar_sched_jobs_launched', help: 'Jobs the round launched, per queue group.', type: 'gauge', samples: perGroup((g) => g.launched) },
    {
      name: 'oar_sched_jobs_killed',
      help: 'Besteffort jobs the round killed to free resources, per queue.',
      type: 'gauge',
      samples: [...killed].map(([queue, value]) => ({ labels: { queue }, value })),
    },
  ];
}
