/**
 * SQLite's side of gantt-known-plans.ts: the plan each gantt resource table holds, written down
 * by the round that left it, and forgotten by a trigger when anything else writes the table. A
 * steady round then writes the difference of two plans and reads nothing, where it would count
 * both tables (sync-gantt.ts, step 4): at nodeonly-r10000-j2000 the first pass of a new connection
 * over 2 × 10M rows takes 130–180 ms, and a round runs in a new process.
 *
 * SQLite has no statement triggers: the triggers fire for each row. So the round lifts them
 * before writing the gantt (a first round writes 10M rows twice) and creates them again after
 * (`DROP TRIGGER` and `CREATE TRIGGER` are part of its transaction, and its `BEGIN IMMEDIATE`
 * keeps every other writer out meanwhile), then writes its plan. Another process's write costs
 * one `DELETE` of a missing row per row it writes.
 *
 * The objects, created by the first round that finds one missing (in a savepoint; a failure is a
 * warning and rounds that count, as before), with the plans forgotten:
 * - the table `oar_sched_gantt_plans (table_name, moldable_ids, resource_lo, resource_hi)`, the
 *   runs as JSON arrays;
 * - the triggers `oar_sched_forget_gantt_plan_<insert|update|delete>_<table>` on both tables. A
 *   table dropped and created again loses them, and the next round sees it.
 * SQLite resolves a trigger's tables when it fires: dropping `oar_sched_gantt_plans` alone makes
 * every write to the gantt fail until the next round creates it again (drop the triggers first).
 */
import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { idRanges, type IdRanges } from './gantt-plan.js';
import { bothHold, GANTT_PLANS_TABLE, PLANNED_TABLES, type KnownGanttPlansLookup } from './gantt-known-plans.js';

const TRIGGERS = PLANNED_TABLES.flatMap((table) =>
  (['INSERT', 'UPDATE', 'DELETE'] as const).map((event) => ({
    name: `oar_sched_forget_gantt_plan_${event.toLowerCase()}_${table}`,
    create: `CREATE TRIGGER oar_sched_forget_gantt_plan_${event.toLowerCase()}_${table} AFTER ${event} ON ${table} BEGIN DELETE FROM ${GANTT_PLANS_TABLE} WHERE table_name = '${table}'; END`,
  })),
);

export async function knownGanttPlansSqlite(tx: Db): Promise<KnownGanttPlansLookup> {
  const run = (statement: string) => sql.raw(statement).execute(tx.kysely);
  const { rows: present } = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE (type = 'trigger' AND name LIKE 'oar_sched_forget_gantt_plan_%') OR (type = 'table' AND name = ${GANTT_PLANS_TABLE})`.execute(tx.kysely);
  const names = new Set(present.map((r) => r.name));
  const known: (IdRanges | undefined)[] = [undefined, undefined];
  if (names.has(GANTT_PLANS_TABLE) && TRIGGERS.every((t) => names.has(t.name))) {
    const { rows } = await sql<{ table_name: string; moldable_ids: string; resource_lo: string; resource_hi: string }>`
      SELECT table_name, moldable_ids, resource_lo, resource_hi FROM ${sql.table(GANTT_PLANS_TABLE)}`.execute(tx.kysely);
    for (const r of rows) {
      const i = PLANNED_TABLES.indexOf(r.table_name as (typeof PLANNED_TABLES)[number]);
      const list = (json: string) => JSON.parse(json) as number[];
      if (i >= 0) known[i] = idRanges(list(r.moldable_ids), list(r.resource_lo), list(r.resource_hi));
    }
  } else {
    try {
      await tx.transaction(async (sp) => {
        const inSavepoint = (statement: string) => sql.raw(statement).execute(sp.kysely);
        await inSavepoint(`CREATE TABLE IF NOT EXISTS ${GANTT_PLANS_TABLE} (table_name TEXT PRIMARY KEY, moldable_ids TEXT NOT NULL, resource_lo TEXT NOT NULL, resource_hi TEXT NOT NULL)`);
        for (const t of TRIGGERS) {
          await inSavepoint(`DROP TRIGGER IF EXISTS ${t.name}`);
          await inSavepoint(t.create);
        }
        await inSavepoint(`DELETE FROM ${GANTT_PLANS_TABLE}`);
      });
    } catch (e) {
      return {
        plans: undefined,
        warning: `could not create the gantt plan triggers (${e instanceof Error ? e.message : String(e)}): each round reads and counts the gantt tables`,
      };
    }
  }
  const [gantt, visu] = known;
  let lifted = false;
  return {
    plans: {
      gantt,
      visu,
      async beforeWrites(plan) {
        if (bothHold(gantt, visu, plan)) return; // nothing to write
        for (const t of TRIGGERS) await run(`DROP TRIGGER ${t.name}`);
        lifted = true;
      },
      async remember(plan) {
        if (lifted) for (const t of TRIGGERS) await run(t.create);
        lifted = false;
        if (bothHold(gantt, visu, plan)) return;
        const [moldables, lo, hi] = [plan.moldable, plan.lo, plan.hi].map((a) => JSON.stringify(Array.from(a)));
        for (const table of PLANNED_TABLES) {
          await sql`INSERT INTO ${sql.table(GANTT_PLANS_TABLE)} (table_name, moldable_ids, resource_lo, resource_hi) VALUES (${table}, ${moldables}, ${lo}, ${hi})
            ON CONFLICT (table_name) DO UPDATE SET moldable_ids = excluded.moldable_ids, resource_lo = excluded.resource_lo, resource_hi = excluded.resource_hi`.execute(tx.kysely);
        }
      },
    },
  };
}
