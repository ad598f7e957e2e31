/**
 * Makes a pair of gantt tables (predictions + resources: the gantt, or its `_visu` copy) hold
 * exactly a plan, writing only the rows that differ. The tables end with exactly the rows the
 * full rewrite (delete everything, insert the plan) would leave, whatever they held before: a
 * previous round's plan, another process's writes, a hand-edited row. Row order and SQLite rowids
 * are not part of that: nothing reads them.
 *
 * Why: a round rewrote the whole gantt and its copy every time, 2 × 10M resource rows at
 * nodeonly-r10000-j2000 (8 s of SQLite writes, 40 s on PostgreSQL, against a 1 s engine), while
 * OAR runs a round every few seconds and most of the plan is the previous round's.
 *
 * Predictions are few (one row per planned job): they are read whole and compared in JavaScript.
 *
 * Resource rows are written as the difference of two plans when the table's content is known
 * (`before.plan`: the last round's plan while nothing else wrote the table since,
 * gantt-known-plans.ts): the runs the old plan has and the new one lacks are deleted, the others
 * inserted, and nothing is read. Otherwise they are proved equal to the plan without reading them.
 * Let P be the plan's rows and S the table's.
 * The plan's intervals (runs of consecutive resource ids of one moldable, gantt-plan.ts) and its
 * gap ranges (every other key of the `integer` domain) cover each key of that domain once, and
 * every range is an index range (gantt-key-ranges.ts). Rows are distinct keys (the primary key).
 *
 * 1. A row in a gap range is not in P: delete the rows of every gap range that holds one (a probe
 *    per range: one index seek when it is empty). Now S ⊆ P, if every row of S was in the
 *    domain. A moldable that lost rows here is "suspect": its resources changed.
 * 2. An interval without any row (one probe each) misses all of them: insert them. When no
 *    interval holds a row and the table is empty (a first round), inserting all of P makes S = P:
 *    done, without step 4's count.
 * 3. Count the rows of each other interval of a suspect moldable; an interval holding fewer rows
 *    than its length misses some (S ⊆ P): read its ids, insert the others.
 * 4. Count the whole table. S ⊆ P and |S| = |P| give S = P: done. Otherwise an interval of a
 *    moldable that was not suspect misses rows (a job whose resources only grew, a row deleted by
 *    hand): count every interval step 3 did not count and complete the incomplete ones; then every
 *    interval is complete, S ⊇ P. Count again: |S| = |P| gives S = P. A count that is still
 *    different can only come from rows outside the domain, which only SQLite can hold (an integer
 *    beyond 32 bits, a text): the table is then rewritten whole, as before.
 *
 * Counting rows as proof of equality needs integer ids: PostgreSQL's `integer` columns enforce it,
 * and SQLite stores every integer-valued input as an integer; a fractional id (4.5) in a gantt
 * table is the one thing this does not see, and neither OAR nor this scheduler writes one.
 *
 * Each differing row is written once, and an unchanged gantt is not written at all (but for
 * fragmented plans, below). Cost: a probe per interval and per gap range (about 6,000 per table at
 * nodeonly-r10000-j2000: 20–40 ms), one whole-table count (SQLite counts page by page: 60 ms at
 * 10M rows; PostgreSQL row by row: 250–300 ms), the rows of suspect moldables counted (SQLite
 * 20–50 ns a row, PostgreSQL about 0.1 µs), and the writes. Step 4's recount is the one path that
 * counts every row one by one: still cheaper than rewriting them.
 *
 * Fragmented plans. Comparing costs about two probes per interval, rewriting the table an insert
 * per row (its `DELETE` being nearly free on SQLite, which drops pages rather than rows). Measured
 * with test/bench/gantt-sync.mjs (an unchanged gantt of 200,000 rows in runs of 1 to 256 ids,
 * commit included): comparing costs 3.5–4.5 µs an interval on SQLite and 7–9 µs on PostgreSQL,
 * rewriting 0.6–0.75 µs a row on SQLite and 3.7–5 µs on PostgreSQL. So comparing pays when the
 * plan's runs are on average at least `minRun` ids long (`REWRITE_RULE`: 6 on SQLite, 2 on
 * PostgreSQL); a plan of shorter runs is rewritten whole, OAR's way (the `_visu` copy by OAR's
 * copy), but only from `minIntervals` intervals on (10,000: comparing fewer costs at most 40–90
 * ms, and writing nothing when nothing changed is worth that: no WAL, no dead rows for
 * PostgreSQL's vacuum, no churn for the readers of `_visu`). OAR's usual placements are long runs
 * (nodeonly-r10000-j2000: 4,950 ids an interval on average, mixed-r4096-j1000: 99); short ones
 * come from a resource order that interleaves nodes.
 */
import { sql } from 'kysely';
import { bulkInsert, bulkStatement, bulkUpdate, withRows, type BulkColumn } from '../bulk.js';
import type { Db } from '../connection.js';
import type { Dialect } from '../url.js';
import {
  deleteAll,
  deleteIdRange,
  deleteMoldableRange,
  idsInRange,
  incompleteIdRanges,
  isEmpty,
  occupiedIdRanges,
  occupiedMoldableRanges,
  rowCount,
  withIndexRanges,
  type ResourceTable,
} from './gantt-key-ranges.js';
import type { GanttTableBefore } from './gantt-before.js';
import { gapRanges, rangeRows, rangesMinus, type GanttPlan, type IdRanges } from './gantt-plan.js';

export interface GanttTables {
  readonly predictions: 'gantt_jobs_predictions' | 'gantt_jobs_predictions_visu';
  readonly resources: ResourceTable;
}

export const GANTT: GanttTables = { predictions: 'gantt_jobs_predictions', resources: 'gantt_jobs_resources' };
export const GANTT_VISU: GanttTables = { predictions: 'gantt_jobs_predictions_visu', resources: 'gantt_jobs_resources_visu' };

/** When to rewrite rather than compare, per dialect (see the module doc, "Fragmented plans"). */
export const REWRITE_RULE: Readonly<Record<Dialect, RewriteRule>> = {
  sqlite: { minRun: 6, minIntervals: 10_000 },
  postgres: { minRun: 2, minIntervals: 10_000 },
};

/** A resource table is rewritten whole when the plan has at least `minIntervals` intervals, on average shorter than `minRun` ids. */
export interface RewriteRule {
  readonly minRun: number;
  readonly minIntervals: number;
}

/** What a sync wrote, and how it proved the resource rows equal to the plan (for tests and diagnostics). */
export interface SyncReport {
  readonly predictions: { readonly deleted: number; readonly updated: number; readonly inserted: number };
  readonly resources: {
    /** Gap ranges whose rows were deleted (step 1). */
    readonly rangesDeleted: number;
    readonly rowsInserted: number;
    /**
     * How S = P was made sure of: the count (step 4), the recount, an empty table filled with the
     * plan or with the copy from `copyFrom`, a rewrite of the table (fragmented plan, rows
     * outside the domain), or the difference with its known content (`before.plan`).
     */
    readonly proof: 'count' | 'recount' | 'filled' | 'copy' | 'rewrite' | 'known';
  };
}

export interface SyncOptions {
  /**
   * Tables that already hold exactly the plan (the gantt, synced earlier in the same
   * transaction). When no planned row is left in the resource table (the first round, or a plan
   * entirely new), the table is filled with OAR's R8 copy `INSERT INTO … SELECT * FROM …` (the
   * tables have the same columns in the same order; SQLite then copies records without decoding
   * them) instead of inserting the plan's rows.
   */
  readonly copyFrom?: GanttTables | undefined;
  /** Default `REWRITE_RULE` of the dialect (`{ minRun: 0, minIntervals: 0 }` always compares). */
  readonly rewriteRule?: RewriteRule | undefined;
  /**
   * What the resource table holds when the transaction starts, as far as it is known, while no
   * one else can write it (gantt-before.ts). Its exact content (`plan`): the sync deletes
   * what the plan no longer has and inserts what it adds, reading nothing. Its row count
   * (`rows`): step 4 knows the count as that count minus the rows this sync deleted plus those it
   * inserted, without counting again.
   */
  readonly before?: GanttTableBefore | undefined;
}

export async function syncGantt(tx: Db, tables: GanttTables, plan: GanttPlan, options: SyncOptions = {}): Promise<SyncReport> {
  const predictions = await syncPredictions(tx, tables.predictions, plan);
  const rule = options.rewriteRule ?? REWRITE_RULE[tx.dialect];
  const intervals = plan.intervals.lo.length;
  const known = options.before?.plan;
  const resources =
    known !== undefined
      ? await writeDifference(tx, tables.resources, plan, known)
      : intervals >= rule.minIntervals && plan.rows < rule.minRun * intervals
        ? await rewriteTable(tx, tables.resources, plan, options.copyFrom?.resources)
        : await syncResources(tx, tables.resources, plan, options.copyFrom?.resources, options.before?.rows);
  return { predictions, resources };
}

async function syncPredictions(tx: Db, table: GanttTables['predictions'], plan: GanttPlan): Promise<SyncReport['predictions']> {
  const old = new Map<number, unknown>();
  for (const r of (await sql<{ moldable_job_id: unknown; start_time: unknown }>`SELECT moldable_job_id, start_time FROM ${sql.table(table)}`.execute(tx.kysely)).rows) {
    old.set(Number(r.moldable_job_id), r.start_time);
  }
  const planned = new Set(plan.moldableIds);
  if ([...old.keys()].some((m) => !Number.isSafeInteger(m))) {
    // A key JavaScript cannot hold exactly (SQLite: an integer beyond 2^53): what OAR does, every row rewritten.
    await sql`DELETE FROM ${sql.table(table)}`.execute(tx.kysely);
    old.clear();
  }
  const deleted = [...old.keys()].filter((m) => !planned.has(m));
  const updated: number[] = [];
  const inserted: number[] = [];
  plan.moldableIds.forEach((m, i) => {
    if (!old.has(m)) inserted.push(i);
    else if (old.get(m) !== plan.starts[i]) updated.push(i); // a start that is not this number (NULL, a text) is rewritten too
  });
  if (deleted.length > 0) {
    const key: BulkColumn = { name: 'moldable_job_id', type: 'integer', values: deleted };
    await bulkStatement(tx, [key], (v) => `${withRows(v, [key])} DELETE FROM ${table} WHERE moldable_job_id IN (SELECT moldable_job_id FROM v)`);
  }
  const columns = (at: readonly number[]): [BulkColumn, BulkColumn] => [
    { name: 'moldable_job_id', type: 'integer', values: at.map((i) => plan.moldableIds[i]!) },
    { name: 'start_time', type: 'integer', values: at.map((i) => plan.starts[i]!) },
  ];
  if (updated.length > 0) {
    const [key, start] = columns(updated);
    await bulkUpdate(tx, table, key, [start]);
  }
  if (inserted.length > 0) await bulkInsert(tx, table, columns(inserted));
  return { deleted: deleted.length, updated: updated.length, inserted: inserted.length };
}

async function syncResources(
  tx: Db,
  table: ResourceTable,
  plan: GanttPlan,
  copyFrom: ResourceTable | undefined,
  rowsBefore: Promise<number> | undefined,
): Promise<SyncReport['resources']> {
  const { intervals } = plan;
  const n = intervals.lo.length;
  const every = Int32Array.from({ length: n }, (_, k) => k);
  const gaps = gapRanges(plan);
  // Step 1: S becomes a subset of P; the moldables that lost rows are suspect.
  const suspect = new Set<number>();
  let rowsDeleted = 0;
  const { rangesDeleted, occupied } = await withIndexRanges(tx, async () => {
    const ids = await occupiedIdRanges(tx, table, gaps.ids);
    const moldables = await occupiedMoldableRanges(tx, table, gaps.moldables);
    for (const i of ids) {
      rowsDeleted += await deleteIdRange(tx, table, gaps.ids, i);
      suspect.add(gaps.ids.moldable[i]!);
    }
    for (const i of moldables) rowsDeleted += await deleteMoldableRange(tx, table, gaps.moldables, i);
    return { rangesDeleted: ids.size + moldables.size, occupied: await occupiedIdRanges(tx, table, intervals) };
  });
  // |S| now: known from the count before the round and this sync's own writes, or counted (also
  // when that count failed).
  const rowsNow = async () => {
    const before = await rowsBefore?.catch(() => undefined);
    return before === undefined ? rowCount(tx, table) : before - rowsDeleted + rowsInserted;
  };
  if (occupied.size === 0 && n > 0 && (await isEmpty(tx, table))) {
    // No row left (S ⊆ P and no interval holds a row; the check also sees rows outside the
    // domain): the table becomes P by taking all of it, from `copyFrom` which holds it, or from the
    // plan (a first round): no count needed.
    if (copyFrom === undefined) return { rangesDeleted, rowsInserted: await insertAllRows(tx, table, intervals), proof: 'filled' };
    await sql`INSERT INTO ${sql.table(table)} SELECT * FROM ${sql.table(copyFrom)}`.execute(tx.kysely);
    return { rangesDeleted, rowsInserted: plan.rows, proof: 'copy' };
  }
  // Steps 2 and 3: intervals without rows, whole; the incomplete intervals of suspect moldables, completed.
  const empty = every.filter((k) => !occupied.has(k));
  const partial = await partialRows(tx, table, intervals, every.filter((k) => occupied.has(k) && suspect.has(intervals.moldable[k]!)));
  let rowsInserted = await insertRows(tx, table, intervals, [...empty, ...partial.keys()].sort((a, b) => a - b), partial);
  // Step 4: the count proves S = P; or every other interval is counted and completed, and counted again.
  if ((await rowsNow()) === plan.rows) return { rangesDeleted, rowsInserted, proof: 'count' };
  const more = await partialRows(tx, table, intervals, every.filter((k) => occupied.has(k) && !suspect.has(intervals.moldable[k]!)));
  rowsInserted += await insertRows(tx, table, intervals, [...more.keys()], more);
  if ((await rowsNow()) === plan.rows) return { rangesDeleted, rowsInserted, proof: 'recount' };
  // Rows outside the domain the ranges cover (SQLite only): what OAR does, every row rewritten.
  return { ...(await rewriteTable(tx, table, plan, undefined)), rangesDeleted };
}

/** The table holds exactly `known`: the rows it has and the plan lacks are deleted, the others inserted. */
async function writeDifference(tx: Db, table: ResourceTable, plan: GanttPlan, known: IdRanges): Promise<SyncReport['resources']> {
  const gone = rangesMinus(known, plan.intervals);
  const added = rangesMinus(plan.intervals, known);
  for (let i = 0; i < gone.lo.length; i++) await deleteIdRange(tx, table, gone, i);
  const rowsInserted = await insertAllRows(tx, table, added);
  return { rangesDeleted: gone.lo.length, rowsInserted, proof: 'known' };
}

/** OAR's way: every row deleted, the plan inserted (or copied from `copyFrom`, which holds it). */
async function rewriteTable(tx: Db, table: ResourceTable, plan: GanttPlan, copyFrom: ResourceTable | undefined): Promise<SyncReport['resources']> {
  await deleteAll(tx, table);
  if (copyFrom !== undefined) await sql`INSERT INTO ${sql.table(table)} SELECT * FROM ${sql.table(copyFrom)}`.execute(tx.kysely);
  else await insertAllRows(tx, table, plan.intervals);
  return { rangesDeleted: 0, rowsInserted: plan.rows, proof: 'rewrite' };
}

/** Among the intervals `which`, the incomplete ones, each with the ids it holds. */
async function partialRows(tx: Db, table: ResourceTable, intervals: IdRanges, which: Int32Array): Promise<Map<number, Set<number>>> {
  return withIndexRanges(tx, async () => {
    const out = new Map<number, Set<number>>();
    for (const k of await incompleteIdRanges(tx, table, intervals, which)) out.set(k, await idsInRange(tx, table, intervals, k));
    return out;
  });
}

/** Inserts every row of the ranges; returns how many. */
function insertAllRows(tx: Db, table: ResourceTable, ranges: IdRanges): Promise<number> {
  return insertRows(tx, table, ranges, Array.from({ length: ranges.lo.length }, (_, k) => k), new Map());
}

/** Inserts the rows of the intervals `which` (ascending) but their `present` ids; returns how many. */
async function insertRows(tx: Db, table: ResourceTable, intervals: IdRanges, which: readonly number[], present: ReadonlyMap<number, ReadonlySet<number>>): Promise<number> {
  if (which.length === 0) return 0;
  const { moldableIds, resourceIds } = rangeRows(intervals, which, present);
  await bulkInsert(tx, table, [
    { name: 'moldable_job_id', type: 'integer', values: moldableIds },
    { name: 'resource_id', type: 'integer', values: resourceIds },
  ]);
  return moldableIds.length;
}
