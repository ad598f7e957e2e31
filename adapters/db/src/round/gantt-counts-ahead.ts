/**
 * PostgreSQL: the row counts of the two gantt resource tables, taken while the round reads and
 * plans instead of after its writes. A steady round proves its gantt equal to the plan with one
 * whole-table count per table (sync-gantt.ts, step 4), and PostgreSQL counts row by row: at
 * nodeonly-r10000-j2000, 2 × 10M rows, about 800 ms here, more than the engine's whole phase.
 *
 * So the round's transaction first locks both tables against other writers (`SHARE ROW EXCLUSIVE`:
 * readers such as oarstat and drawgantt go on; a writer waits for the round's commit, one already
 * writing is waited for), then another connection of the pool counts them. Its snapshot is taken
 * after the lock, so it counts what the round's transaction starts from; no one else can change
 * the tables until the commit; the count at step 4 is then this count minus the rows the sync
 * deleted plus those it inserted (each statement says how many). The counting runs on the
 * database server while the engine runs here.
 *
 * Not on SQLite, whose `BEGIN IMMEDIATE` already keeps other writers out and whose count through
 * the memory map costs a millisecond; nor with a pool of one connection (the count would wait
 * for the transaction that waits for it).
 */
import { sql } from 'kysely';
import { hasSpareConnection, type Db } from '../connection.js';

export interface GanttRowsBefore {
  readonly gantt: Promise<number>;
  readonly visu: Promise<number>;
}

/** `db`: the connection `tx` (the round's transaction) was started from. */
export async function countGanttAhead(db: Db, tx: Db): Promise<GanttRowsBefore | undefined> {
  if (tx.dialect !== 'postgres' || !hasSpareConnection(db)) return undefined;
  await sql`LOCK TABLE gantt_jobs_resources, gantt_jobs_resources_visu IN SHARE ROW EXCLUSIVE MODE`.execute(tx.kysely);
  const counts = db.kysely.connection().execute(async (conn) => {
    // A transaction of its own for SET LOCAL: JIT compiling this statement costs more than it saves.
    await sql`BEGIN`.execute(conn);
    try {
      await sql`SET LOCAL jit = off`.execute(conn);
      const { rows } = await sql<{ gantt: unknown; visu: unknown }>`SELECT (SELECT count(*) FROM gantt_jobs_resources) AS gantt, (SELECT count(*) FROM gantt_jobs_resources_visu) AS visu`.execute(conn);
      return { gantt: Number(rows[0]!.gantt), visu: Number(rows[0]!.visu) };
    } finally {
      await sql`COMMIT`.execute(conn);
    }
  });
  // Awaited by the writes; a round that fails before them must not leave an unhandled rejection.
  counts.catch(() => {});
  return { gantt: counts.then((c) => c.gantt), visu: counts.then((c) => c.visu) };
}
