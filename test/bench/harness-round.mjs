// The plugin test harness (@oar-sched/harness): one round on an in-memory SQLite database with
// ten jobs on eight nodes (4 cores each), the size of a typical plugin test. Reports the median
// of the round alone (`harness.round()`: runDbRound plus reading the result back) and of a whole
// test (createHarness, cluster, ten submits, round, close), over fresh harnesses; the first run
// warms up and is not counted. Target: a round under 50 ms. Reported, never asserted.
import { performance } from 'node:perf_hooks';
import { createHarness } from '@oar-sched/harness';

const NOW = 1_700_000_000;
const JOBS = [
  '-l /nodes=2,walltime=1:0:0',
  '-l /nodes=1/core=2,walltime=0:30:0',
  '-l /core=3,walltime=2:0:0 -t besteffort',
  '-l /nodes=4,walltime=0:10:0',
  '-l /nodes=1,walltime=1:0:0 -l /nodes=2,walltime=0:30:0',
  '-l /resource_id=5,walltime=0:20:0',
  '-l /nodes=8,walltime=0:5:0',
  '-l /cpu=1/core=1,walltime=3:0:0',
  '-l "{network_address = \'node-3\'}/core=4,walltime=0:15:0"',
  '-l /nodes=3/core=1,walltime=0:45:0',
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function measureHarnessRound({ runs = 21 } = {}) {
  const round = [];
  const whole = [];
  let planned = 0;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const h = await createHarness({ db: 'sqlite::memory:', plugins: [], now: NOW });
    await h.cluster({ nodes: 8, cores: 4 });
    for (const job of JOBS) await h.submit(job);
    const t1 = performance.now();
    const r = await h.round();
    const t2 = performance.now();
    await h.close();
    const t3 = performance.now();
    planned = Object.keys(r.plan).length;
    if (i === 0) continue;
    round.push(t2 - t1);
    whole.push(t3 - t0);
  }
  return { runs, jobs: JOBS.length, planned, roundMs: median(round), wholeMs: median(whole) };
}

export function formatHarnessRound(m) {
  return (
    `harness round (sqlite::memory:, ${m.jobs} jobs on 8 nodes × 4 cores, ${m.planned} planned): median ${m.roundMs.toFixed(1)} ms per round ` +
    `(${m.roundMs < 50 ? 'within' : 'OVER'} the 50 ms target), ${m.wholeMs.toFixed(1)} ms for a whole test (create, cluster, submit, round, close); ${m.runs} runs`
  );
}
