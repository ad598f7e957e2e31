/**
 * What the two gantt resource tables hold as the round's transaction starts, known before the
 * writes instead of found out by them.
 *
 * PostgreSQL: the round's transaction first locks both tables against other writers (`SHARE ROW EXCLUSIVE`:
 * readers such as oarstat and drawgantt go on; a writer waits for the round's commit, one already
 * writing is waited for). No one else can then change the tables until the commit. Then, per table:
 * - its exact content, when nothing but rounds wrote it since the last one (gantt-known-plans.ts):
 *   the sync writes the difference of two plans, reading nothing; the usual case;
 * - otherwise its row count, from another connection of the pool while the engine runs here:
 *   a sync proves the table equal to the plan with one whole-table count (sync-gantt.ts, step 4),
 *   and PostgreSQL counts row by row (2 × 10M rows at nodeonly-r10000-j2000: about 800 ms, more
 *   than the engine's phase). The counting connection's snapshot is taken after the lock, so it
 *   counts what the round's transaction starts from; the count at step 4 is then this count minus
 *   the rows the sync deleted plus those it inserted (each statement says how many);
 * - otherwise (a pool of one connection, where that count would wait for the transaction that
 *   waits for it) nothing: step 4 counts.
 *
 * SQLite: its `BEGIN IMMEDIATE` already keeps other writers out; the plans are known the same way
 * (gantt-known-plans-sqlite.ts), and when they are not, the sync counts (SQLite counts page by
 * page; counting ahead in a worker thread was tried, and on a 2-core machine its page faults came
 * out of the engine's phase without shortening the round).
 */
import { sql } from 'kysely';
import { hasSpareConnection, type Db } from '../connection.js';
import type { IdRanges } from './gantt-plan.js';
import { knownGanttPlans } from './gantt-known-plans.js';
import { knownGanttPlansSqlite } from './gantt-known-plans-sqlite.js';
import { GANTT, GANTT_VISU } from './sync-gantt.js';

/** What a gantt resource table holds before the round's writes, as far as it is known. */
export interface GanttTableBefore {
  /** Exactly the rows of these ranges. */
  readonly plan?: IdRanges;
  /** This many rows (when the plan is not known). */
  readonly rows?: Promise<number>;
}

export interface GanttBefore {
  readonly gantt: GanttTableBefore;
  readonly visu: GanttTableBefore;
  /** Before the first gantt write (see gantt-known-plans.ts). */
  readonly beforeWrites?: (plan: IdRanges) => Promise<void>;
  /** Writes down that both tables hold `plan` for the next round; after the last gantt write. */
  readonly remember?: (plan: IdRanges) => Promise<void>;
  /** Why the plans cannot be remembered (see gantt-known-plans.ts). */
  readonly warning?: string;
}

/** `db`: the connection `tx` (the round's transaction) was started from. */
export async function ganttBefore(db: Db, tx: Db): Promise<GanttBefore | undefined> {
  if (tx.dialect === 'sqlite') {
    const { plans, warning } = await knownGanttPlansSqlite(tx);
    return { gantt: { plan: plans?.gantt }, visu: { plan: plans?.visu }, beforeWrites: plans?.beforeWrites, remember: plans?.remember, warning };
  }
  await sql`LOCK TABLE gantt_jobs_resources, gantt_jobs_resources_visu IN SHARE ROW EXCLUSIVE MODE`.execute(tx.kysely);
  const { plans, warning } = await knownGanttPlans(tx);
  const known = { gantt: plans?.gantt, visu: plans?.visu };
  const toCount = (['gantt', 'visu'] as const).filter((t) => known[t] === undefined);
  const counted = toCount.length > 0 && hasSpareConnection(db) ? countOnAnotherConnection(db, toCount) : undefined;
  const before = (t: 'gantt' | 'visu'): GanttTableBefore => {
    if (known[t] !== undefined) return { plan: known[t] };
    const rows = counted?.then((c) => c[t]!);
    // A sync that needs no count (an empty table filled) never awaits it: no unhandled rejection
    // when it fails, e.g. cut short by the connection's close after the commit.
    rows?.catch(() => {});
    return { rows };
  };
  return { gantt: before('gantt'), visu: before('visu'), remember: plans?.remember, warning };
}

function countOnAnotherConnection(db: Db, tables: readonly ('gantt' | 'visu')[]): Promise<Partial<Record<'gantt' | 'visu', number>>> {
  const table = { gantt: GANTT.resources, visu: GANTT_VISU.resources } as const;
  const counts = db.kysely.connection().execute(async (conn) => {
    // A transaction of its own for SET LOCAL: JIT compiling this statement costs more than it saves.
    await sql`BEGIN`.execute(conn);
    try {
      await sql`SET LOCAL jit = off`.execute(conn);
      const columns = tables.map((t) => sql`(SELECT count(*) FROM ${sql.table(table[t])}) AS ${sql.ref(t)}`);
      const { rows } = await sql<Record<string, unknown>>`SELECT ${sql.join(columns)}`.execute(conn);
      return Object.fromEntries(tables.map((t) => [t, Number(rows[0]![t])]));
    } finally {
      await sql`COMMIT`.execute(conn);
    }
  });
  // Awaited by the writes, if at all: never an unhandled rejection.
  counts.catch(() => {});
  return counts;
}
