/**
 * Test helpers of the round's writes (not built: excluded from the package like every test file).
 * `logGanttChanges` puts row-level triggers on the four gantt tables, on both engines, that log
 * every insert, update and delete; `takeGanttChanges` reads and clears that log. A write that
 * leaves a row as it was is then told apart from one that rewrote it.
 */
import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { idRanges, type IdRanges } from './gantt-plan.js';

/** Id ranges written as runs `[moldable, lo, hi]`. */
export function runs(...list: [number, number, number][]): IdRanges {
  return idRanges(list.map((r) => r[0]), list.map((r) => r[1]), list.map((r) => r[2]));
}

export const GANTT_TABLES = ['gantt_jobs_predictions', 'gantt_jobs_resources', 'gantt_jobs_predictions_visu', 'gantt_jobs_resources_visu'] as const;

export async function logGanttChanges(db: Db): Promise<void> {
  await sql`CREATE TABLE gantt_change_log (tbl varchar(64) NOT NULL, op varchar(8) NOT NULL)`.execute(db.kysely);
  if (db.dialect === 'postgres') {
    await sql`CREATE FUNCTION log_gantt_change() RETURNS trigger AS $$ BEGIN INSERT INTO gantt_change_log VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$ LANGUAGE plpgsql`.execute(db.kysely);
    for (const table of GANTT_TABLES) {
      await sql.raw(`CREATE TRIGGER log_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION log_gantt_change()`).execute(db.kysely);
    }
    return;
  }
  for (const table of GANTT_TABLES) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql.raw(`CREATE TRIGGER log_${table}_${op} AFTER ${op} ON ${table} FOR EACH ROW BEGIN INSERT INTO gantt_change_log VALUES ('${table}', '${op}'); END`).execute(db.kysely);
    }
  }
}

/** Row changes logged since the last call, per table and operation (`'gantt_jobs_resources DELETE': 2`). */
export async function takeGanttChanges(db: Db): Promise<Record<string, number>> {
  const rows = await sql<{ tbl: string; op: string; n: unknown }>`SELECT tbl, op, count(*) AS n FROM gantt_change_log GROUP BY tbl, op`.execute(db.kysely);
  await sql`DELETE FROM gantt_change_log`.execute(db.kysely);
  return Object.fromEntries(rows.rows.map((r) => [`${r.tbl} ${r.op}`, Number(r.n)]));
}
