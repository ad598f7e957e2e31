/**
 * What a gantt resource table (`gantt_jobs_resources` or its `_visu` copy) holds in ranges of its
 * primary key (moldable_job_id, resource_id): the queries sync-gantt.ts builds its comparison
 * from. A range is either ids of one moldable (`moldable_job_id = m AND resource_id BETWEEN lo AND
 * hi`) or whole moldables (`moldable_job_id BETWEEN lo AND hi`): both are bounded on both sides by
 * the primary key's index, on both engines, so a range costs an index descent plus the rows in it.
 * (A row-value range `(moldable_job_id, resource_id) > (…) AND … < (…)` is not: PostgreSQL 15 stops
 * its scan on the first column only, reading a whole moldable's entries for an empty range.)
 *
 * Many ranges go in one statement per batch (bulk.ts), each range asked as a correlated scalar
 * subquery: PostgreSQL runs it as a subplan, one index probe per range (a join could be planned as
 * a hash join over the whole table). Run range statements inside `withIndexRanges` (see there).
 */
import { CompiledQuery } from 'kysely';
import { bulkStatement, withRows, type BulkColumn } from '../bulk.js';
import type { Db } from '../connection.js';
import { rangeLength, type IdRanges, type MoldableRanges } from './gantt-plan.js';

export type ResourceTable = 'gantt_jobs_resources' | 'gantt_jobs_resources_visu';

const IN_ID_RANGE = 'moldable_job_id = v.m AND resource_id BETWEEN v.lo AND v.hi';

/** Among the id ranges `which` (all when absent), those that hold at least one row. */
export async function occupiedIdRanges(tx: Db, table: ResourceTable, ranges: IdRanges, which?: Int32Array): Promise<Set<number>> {
  const columns = idRangeColumns(ranges, which ?? everyRange(ranges.lo.length), false);
  const hits = await bulkStatement(
    tx,
    columns,
    (v) => `${withRows(v, columns)} SELECT i FROM (SELECT v.i, (SELECT 1 FROM ${table} WHERE ${IN_ID_RANGE} LIMIT 1) AS hit FROM v) AS x WHERE hit IS NOT NULL`,
  );
  return new Set(hits.map((h) => Number(h.i)));
}

/** The moldable ranges that hold at least one row. */
export async function occupiedMoldableRanges(tx: Db, table: ResourceTable, ranges: MoldableRanges): Promise<Set<number>> {
  const columns: BulkColumn[] = [
    { name: 'i', type: 'integer', values: everyRange(ranges.lo.length) },
    { name: 'lo', type: 'integer', values: ranges.lo },
    { name: 'hi', type: 'integer', values: ranges.hi },
  ];
  const hits = await bulkStatement(
    tx,
    columns,
    (v) => `${withRows(v, columns)} SELECT i FROM (SELECT v.i, (SELECT 1 FROM ${table} WHERE moldable_job_id BETWEEN v.lo AND v.hi LIMIT 1) AS hit FROM v) AS x WHERE hit IS NOT NULL`,
  );
  return new Set(hits.map((h) => Number(h.i)));
}

/** Among the id ranges `which`, those whose row count is not their length, ascending. */
export async function incompleteIdRanges(tx: Db, table: ResourceTable, ranges: IdRanges, which: Int32Array): Promise<number[]> {
  const columns = idRangeColumns(ranges, which, true);
  const hits = await bulkStatement(
    tx,
    columns,
    (v) => `${withRows(v, columns)} SELECT i FROM (SELECT v.i, v.n, (SELECT count(*) FROM ${table} WHERE ${IN_ID_RANGE}) AS c FROM v) AS x WHERE c <> n`,
  );
  return hits.map((h) => Number(h.i)).sort((a, b) => a - b);
}

/** The resource ids of the rows in id range `i`. */
export async function idsInRange(tx: Db, table: ResourceTable, ranges: IdRanges, i: number): Promise<Set<number>> {
  const found = await run(tx, `SELECT resource_id FROM ${table} WHERE moldable_job_id = ? AND resource_id BETWEEN ? AND ?`, [ranges.moldable[i], ranges.lo[i], ranges.hi[i]]);
  return new Set(found.map((r) => Number(r.resource_id)));
}

/** Returns how many rows it deleted. */
export async function deleteIdRange(tx: Db, table: ResourceTable, ranges: IdRanges, i: number): Promise<number> {
  return runChanging(tx, `DELETE FROM ${table} WHERE moldable_job_id = ? AND resource_id BETWEEN ? AND ?`, [ranges.moldable[i], ranges.lo[i], ranges.hi[i]]);
}

/** Returns how many rows it deleted. */
export async function deleteMoldableRange(tx: Db, table: ResourceTable, ranges: MoldableRanges, i: number): Promise<number> {
  return runChanging(tx, `DELETE FROM ${table} WHERE moldable_job_id BETWEEN ? AND ?`, [ranges.lo[i], ranges.hi[i]]);
}

export async function isEmpty(tx: Db, table: ResourceTable): Promise<boolean> {
  return (await run(tx, `SELECT 1 AS hit FROM ${table} LIMIT 1`, [])).length === 0;
}

export async function deleteAll(tx: Db, table: ResourceTable): Promise<void> {
  await run(tx, `DELETE FROM ${table}`, []);
}

/**
 * The table's row count, `SELECT count(*)` without a condition: SQLite counts it page by page from
 * its b-tree, not row by row (10M rows: about 60 ms); PostgreSQL reads every row (about 300 ms in
 * parallel, JIT off: compiling this one statement costs it 40–100 ms more).
 */
export async function rowCount(tx: Db, table: ResourceTable): Promise<number> {
  return withSettings(tx, { jit: 'off' }, async () => Number((await run(tx, `SELECT count(*) AS n FROM ${table}`, []))[0]!.n));
}

/**
 * Runs `work` with PostgreSQL's sequential scans and JIT compilation off. Every range statement
 * reads or deletes index ranges, but a table a round just filled has no statistics, and the
 * planner's default estimates can make `… LIMIT 1` of an empty range a sequential scan, 10M rows
 * read to find none (measured: minutes for the gaps of nodeonly-r10000-j2000). Sequential scans
 * off, it takes the primary key's index whatever the estimates; their inflated costs would then
 * make it JIT-compile each statement (measured: 90–140 ms each). SQLite: runs `work` as it is.
 */
export function withIndexRanges<T>(tx: Db, work: () => Promise<T>): Promise<T> {
  return withSettings(tx, { enable_seqscan: 'off', jit: 'off' }, work);
}

/**
 * PostgreSQL: `work` with these settings for the transaction (`set_config(…, true)`, as SET
 * LOCAL), the previous values back after it; a setting the server does not have (`jit` before
 * PostgreSQL 11) is left out. A failure aborts the transaction, which ends the settings too.
 * SQLite: `work` as it is.
 */
async function withSettings<T>(tx: Db, settings: Readonly<Record<string, string>>, work: () => Promise<T>): Promise<T> {
  if (tx.dialect !== 'postgres') return work();
  const wanted = Object.keys(settings);
  const current = (await run(tx, `SELECT ${wanted.map((name, i) => `current_setting('${name}', true) AS "${i}"`).join(', ')}`, []))[0]!;
  const names = wanted.filter((_, i) => current[String(i)] !== null && current[String(i)] !== undefined);
  const before = wanted.flatMap((_, i) => (current[String(i)] === null || current[String(i)] === undefined ? [] : [String(current[String(i)])]));
  const set = (values: readonly string[]) => (names.length === 0 ? Promise.resolve([]) : run(tx, `SELECT ${names.map((name) => `set_config('${name}', ?, true)`).join(', ')}`, values));
  await set(names.map((name) => settings[name]!));
  const result = await work();
  await set(before);
  return result;
}

/** (i, m, lo, hi[, n]): the id ranges `which` as bulk columns, `i` their index, `n` their length. */
function idRangeColumns(ranges: IdRanges, which: Int32Array, withLength: boolean): BulkColumn[] {
  const pick = (from: Int32Array) => Int32Array.from(which, (i) => from[i]!);
  const columns: BulkColumn[] = [
    { name: 'i', type: 'integer', values: which },
    { name: 'm', type: 'integer', values: pick(ranges.moldable) },
    { name: 'lo', type: 'integer', values: pick(ranges.lo) },
    { name: 'hi', type: 'integer', values: pick(ranges.hi) },
  ];
  if (withLength) columns.push({ name: 'n', type: 'integer', values: Int32Array.from(which, (i) => rangeLength(ranges, i)) });
  return columns;
}

function everyRange(count: number): Int32Array {
  return Int32Array.from({ length: count }, (_, i) => i);
}

/** One statement, `?` placeholders (numbered `$i` on PostgreSQL). */
async function run(tx: Db, text: string, parameters: readonly unknown[]): Promise<Record<string, unknown>[]> {
  return (await execute(tx, text, parameters)).rows;
}

/** One writing statement (as `run`); how many rows it changed. */
async function runChanging(tx: Db, text: string, parameters: readonly unknown[]): Promise<number> {
  const changed = (await execute(tx, text, parameters)).numAffectedRows;
  if (changed === undefined) throw new Error(`The database did not say how many rows this changed: ${text}`);
  return Number(changed);
}

function execute(tx: Db, text: string, parameters: readonly unknown[]) {
  let i = 0;
  const compiled = tx.dialect === 'postgres' ? text.replace(/\?/g, () => `$${++i}`) : text;
  return tx.kysely.executeQuery<Record<string, unknown>>(CompiledQuery.raw(compiled, [...parameters]));
}
