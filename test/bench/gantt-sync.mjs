// The gantt writer (adapters/db/src/round/sync-gantt.ts) on a gantt that did not change, against
// the full rewrite it replaces (delete every row, insert the plan), by the length of the plan's
// runs of consecutive resource ids: 200 moldables, ROWS rows in all, runs of LEN ids separated by
// one missing id. Each figure is the median of 3 transactions, commit included, on a file
// database (SQLite) or a fresh PostgreSQL database (skipped when no server answers). It is where
// the writer's rule for fragmented plans (REWRITE_RULE) comes from: "compared" always compares,
// "writer" applies the rule.
//   node test/bench/gantt-sync.mjs [ROWS] [LEN,LEN,…]
// It reaches into @oar-sched/db's build (dist) for the writer's modules, which the package does not export.
import { performance } from 'node:perf_hooks';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { initSchema } from '@oar-sched/db';
import { testDatabases } from '@oar-sched/db/testing';
import { IntervalSet } from '@oar-sched/plugin-api';

const dist = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'adapters', 'db', 'dist');
const { ganttPlan } = await import(pathToFileURL(join(dist, 'round', 'gantt-plan.js')).href);
const { GANTT, syncGantt } = await import(pathToFileURL(join(dist, 'round', 'sync-gantt.js')).href);
const { bulkInsert } = await import(pathToFileURL(join(dist, 'bulk.js')).href);

const ROWS = Number(process.argv[2] ?? 200_000);
const LENGTHS = (process.argv[3] ?? '1,2,4,8,16,256').split(',').map(Number);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function gantt(len) {
  const perMoldable = Math.ceil(ROWS / 200);
  return Array.from({ length: 200 }, (_, i) => {
    const ids = [];
    for (let id = 1; ids.length < perMoldable; id += len + 1) for (let j = 0; j < len && ids.length < perMoldable; j++) ids.push(id + j);
    return { jobId: i + 1, moldableId: i + 1, start: 0, resourceIds: IntervalSet.fromValues(ids) };
  });
}

async function fullRewrite(tx, plan) {
  await sql`DELETE FROM gantt_jobs_resources`.execute(tx.kysely);
  const moldableIds = new Int32Array(plan.rows);
  const resourceIds = new Int32Array(plan.rows);
  let at = 0;
  plan.intervals.lo.forEach((lo, k) => {
    for (let id = lo; id <= plan.intervals.hi[k]; id++) {
      moldableIds[at] = plan.intervals.moldable[k];
      resourceIds[at++] = id;
    }
  });
  await bulkInsert(tx, 'gantt_jobs_resources', [
    { name: 'moldable_job_id', type: 'integer', values: moldableIds },
    { name: 'resource_id', type: 'integer', values: resourceIds },
  ]);
}

const rows = [];
for (const target of await testDatabases()) {
  if (!target.available) {
    console.log(`gantt-sync on postgres: SKIPPED (${target.skipReason})`);
    continue;
  }
  const t = await target.create({ file: true });
  try {
    await initSchema(t.db);
    for (const len of LENGTHS) {
      const plan = ganttPlan(gantt(len));
      await t.db.transaction((tx) => syncGantt(tx, GANTT, plan));
      const time = async (work) => {
        const times = [];
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          await t.db.transaction(work);
          times.push(performance.now() - t0);
        }
        return median(times);
      };
      const compared = await time((tx) => syncGantt(tx, GANTT, plan, { rewriteRule: { minRun: 0, minIntervals: 0 } }));
      const writer = await time((tx) => syncGantt(tx, GANTT, plan));
      const rewrite = await time((tx) => fullRewrite(tx, plan));
      const intervals = plan.intervals.lo.length;
      rows.push({
        db: target.dialect,
        'run length': len,
        rows: plan.rows,
        intervals,
        'compared ms': compared.toFixed(0),
        'writer ms': writer.toFixed(0),
        'full rewrite ms': rewrite.toFixed(0),
        'compare µs/interval': ((compared * 1000) / intervals).toFixed(2),
        'rewrite µs/row': ((rewrite * 1000) / plan.rows).toFixed(2),
      });
    }
  } finally {
    await t.dispose();
  }
}
console.table(rows);
