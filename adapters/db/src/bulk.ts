/**
 * Set-based writes of many rows, for the round's large writes (a gantt can hold millions of
 * resource rows). The statement text is written here, once per batch shape, and run through
 * Kysely as an already compiled query: building a query tree per row or per statement costs more
 * than the database's own work at these sizes. A batch of rows is, per dialect:
 *
 * - PostgreSQL: `SELECT * FROM unnest($1::integer[], $2::text[])`, one array parameter per column
 *   (integers sent in the array's text form `{1,2,3}`), `BULK_ROWS_PER_STATEMENT` rows per statement;
 * - SQLite: `VALUES (?, ?), (?, ?), …`, as many rows as `SQLITE_PARAMETERS_PER_STATEMENT` bound
 *   values allow (larger statements cost more to prepare than they save).
 *
 * Inside a SQLite transaction, the full-size batch statement is prepared once and run for every
 * batch (half the cost of preparing it each time); otherwise statements go through the handle's
 * Kysely instance. Either way they run on the handle they are given, so inside the caller's
 * transaction. Values are never null: a column holds integers, finite numbers (`real`) or strings.
 */
import { CompiledQuery } from 'kysely';
import { sqliteConnectionInTransaction, type Db } from './connection.js';
import type { Database } from './tables.js';

/** PostgreSQL: rows per statement (bounds the size of one array parameter). */
export const BULK_ROWS_PER_STATEMENT = 100_000;
/** SQLite: bound values per statement (SQLite's own limit is 32766). */
export const SQLITE_PARAMETERS_PER_STATEMENT = 8_000;

type TableName = keyof Database & string;

export type BulkColumn =
  | { readonly name: string; readonly type: 'integer'; readonly values: readonly number[] | Int32Array }
  | { readonly name: string; readonly type: 'text'; readonly values: readonly string[] }
  | { readonly name: string; readonly type: 'real'; readonly values: readonly number[] };

/** PostgreSQL array element type of each column type (`real` is sent as double precision: the column's own type rounds it). */
const PG_TYPES = { integer: 'integer', text: 'text', real: 'float8' } as const;

/** `INSERT INTO table (columns) <rows>`, in batches; the columns have the same length. */
export async function bulkInsert(db: Db, table: TableName, columns: readonly BulkColumn[]): Promise<void> {
  const head = `INSERT INTO ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) `;
  await bulkStatement(db, columns, (rows) => head + rows);
}

/**
 * `WITH v (key, set…) AS (<rows>) UPDATE table SET set… = v.set… FROM v WHERE table.key = v.key`,
 * in batches. Keys must be distinct (with a repeated key, both engines apply one of its rows,
 * unspecified which): the caller keeps the last value of each key.
 */
export async function bulkUpdate(db: Db, table: TableName, key: BulkColumn, set: readonly BulkColumn[]): Promise<void> {
  const assignments = set.map((c) => `${quote(c.name)} = v.${quote(c.name)}`).join(', ');
  await bulkStatement(db, [key, ...set], (rows) => `${withRows(rows, [key, ...set])} UPDATE ${quote(table)} SET ${assignments} FROM v WHERE ${quote(table)}.${quote(key.name)} = v.${quote(key.name)}`);
}

/**
 * Runs `statement(rows)` once per batch of rows, `rows` being the batch as a query whose columns
 * are the given columns in order (see the module doc; `withRows` names it `v`). Returns the rows
 * the statements return (e.g. with RETURNING), batch after batch.
 */
export async function bulkStatement(db: Db, columns: readonly BulkColumn[], statement: (rows: string) => string): Promise<Record<string, unknown>[]> {
  const length = columns[0]?.values.length ?? 0;
  if (columns.some((c) => c.values.length !== length)) throw new TypeError('bulk write: columns of different lengths');
  const batch = db.dialect === 'postgres' ? BULK_ROWS_PER_STATEMENT : Math.max(1, Math.floor(SQLITE_PARAMETERS_PER_STATEMENT / columns.length));
  const run = statementRunner(db);
  const texts = new Map<number, string>();
  const out: Record<string, unknown>[] = [];
  for (let from = 0; from < length; from += batch) {
    const to = Math.min(length, from + batch);
    let text = texts.get(to - from);
    if (text === undefined) texts.set(to - from, (text = statement(rowsQuery(db, columns, to - from))));
    const parameters = db.dialect === 'postgres' ? arrayParameters(columns, from, to) : rowParameters(columns, from, to);
    for (const row of await run(text, parameters)) out.push(row);
  }
  return out;
}

/** `WITH v (columns) AS (rows)`: the batch as a table `v` for an UPDATE or a DELETE. */
export function withRows(rows: string, columns: readonly BulkColumn[]): string {
  return `WITH v (${columns.map((c) => quote(c.name)).join(', ')}) AS (${rows})`;
}

/** Runs statement texts with their parameters; each distinct text is prepared once where that is possible. */
function statementRunner(db: Db): (text: string, parameters: unknown[]) => Promise<Record<string, unknown>[]> {
  const native = sqliteConnectionInTransaction(db);
  if (native === undefined) {
    return async (text, parameters) => (await db.kysely.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, parameters))).rows;
  }
  const prepared = new Map<string, ReturnType<typeof native.prepare>>();
  return async (text, parameters) => {
    let statement = prepared.get(text);
    if (statement === undefined) prepared.set(text, (statement = native.prepare(text)));
    if (statement.reader) return statement.all(parameters) as Record<string, unknown>[];
    statement.run(parameters);
    return [];
  };
}

/** A query giving `count` rows of the columns, in column order, from the parameters. */
function rowsQuery(db: Db, columns: readonly BulkColumn[], count: number): string {
  if (db.dialect === 'postgres') return `SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${PG_TYPES[c.type]}[]`).join(', ')})`;
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `VALUES ${new Array<string>(count).fill(row).join(', ')}`;
}

/** PostgreSQL: one array per column; integers in the array's text form, cheaper to build and send than a JavaScript array. */
function arrayParameters(columns: readonly BulkColumn[], from: number, to: number): unknown[] {
  return columns.map((c) => {
    if (c.type === 'text') return c.values.slice(from, to);
    if (c.type === 'real') {
      const part = c.values.slice(from, to);
      for (const v of part) checkFinite(v);
      return `{${part.join(',')}}`;
    }
    if (c.values instanceof Int32Array) return `{${c.values.subarray(from, to).join(',')}}`;
    const part = c.values.slice(from, to);
    for (const v of part) checkInteger(v);
    return `{${part.join(',')}}`;
  });
}

/** SQLite: the batch's values row by row. */
function rowParameters(columns: readonly BulkColumn[], from: number, to: number): unknown[] {
  const out = new Array<unknown>((to - from) * columns.length);
  let at = 0;
  for (let r = from; r < to; r++) {
    for (const c of columns) {
      const v = c.values[r]!;
      if (c.type === 'real') checkFinite(v as number);
      else if (typeof v === 'number') checkInteger(v);
      out[at++] = v;
    }
  }
  return out;
}

function checkFinite(v: number): void {
  if (!Number.isFinite(v)) throw new TypeError(`bulk write: ${v} is not a finite number`);
}

function checkInteger(v: number): void {
  if (!Number.isSafeInteger(v)) throw new TypeError(`bulk write: ${v} is not an integer`);
}

/** An integer written into a bulk statement's text (its parameters are the rows'). */
export function integerLiteral(v: number): string {
  checkInteger(v);
  return String(v);
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
