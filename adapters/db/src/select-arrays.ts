/**
 * A query's rows as arrays, with the column names, for wide result sets that are read column by
 * column (`SELECT * FROM resources`: every column may be a property). better-sqlite3 builds a row
 * object several times slower than a row array (measured on 4096 resources × 25 columns: about
 * 250 ms against 65 ms), so inside a SQLite transaction the query runs in raw mode on the native
 * connection (see `sqliteConnectionInTransaction`); elsewhere it goes through Kysely and the row
 * objects are turned into arrays.
 */
import { CompiledQuery } from 'kysely';
import { PG_COLUMNS, PG_ROWS_AS_ARRAYS, sqliteConnectionInTransaction, type Db } from './connection.js';
import { quoteIdent } from './schema/ddl.js';

export interface RowArrays {
  /** Column names, in the query's order. Empty when there is no row and the engine does not say. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface TableArrays extends RowArrays {
  /** The JSON text the rows came as (SQLite, in a transaction): equal texts, equal columns and rows. */
  readonly json?: string;
}

export async function selectArrays(db: Db, query: string, parameters: readonly unknown[] = []): Promise<RowArrays> {
  const native = sqliteConnectionInTransaction(db);
  if (native !== undefined) {
    const statement = native.prepare(query).raw(true);
    return { columns: statement.columns().map((c) => c.name), rows: statement.all(...parameters) as unknown[][] };
  }
  if (db.dialect === 'postgres') {
    const { rows } = await db.kysely.executeQuery<unknown[]>(CompiledQuery.raw(PG_ROWS_AS_ARRAYS + query, [...parameters]));
    return { columns: (rows as { [PG_COLUMNS]?: string[] })[PG_COLUMNS] ?? [], rows };
  }
  const { rows } = await db.kysely.executeQuery<Record<string, unknown>>(CompiledQuery.raw(query, [...parameters]));
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}

/**
 * `SELECT * FROM table ORDER BY orderBy` as arrays (`orderBy` is SQL, e.g. OAR's
 * `SCHEDULER_RESOURCE_ORDER`). Inside a SQLite transaction the rows come as one JSON text
 * (`json_group_array(json_array(…) ORDER BY …)`) parsed by `JSON.parse`: better-sqlite3 creates each
 * value through Node's C++ API, and on a wide table that dominates the read (10,000 resources × 22
 * columns: about 55 ms raw, 35 ms as JSON). The values are the same: SQLite's JSON keeps integers,
 * texts and NULLs exactly and writes reals with 17 significant digits (they parse back to the same
 * double). A BLOB has no JSON form: SQLite refuses the query ("JSON cannot hold BLOB values") and
 * the table is read raw, as is one whose column names are not unique. (The one BLOB SQLite accepts
 * is a valid JSONB value, read as that value; nothing in OAR's schema stores JSONB.)
 */
export async function selectTableArrays(db: Db, table: string, orderBy: string): Promise<TableArrays>;
/** With `unlessSameAs` (an earlier read): `undefined` when the columns and the JSON text are that read's (the same rows). */
export async function selectTableArrays(db: Db, table: string, orderBy: string, unlessSameAs: TableArrays | undefined): Promise<TableArrays | undefined>;
export async function selectTableArrays(db: Db, table: string, orderBy: string, unlessSameAs?: TableArrays): Promise<TableArrays | undefined> {
  const from = quoteIdent(table);
  const query = `SELECT * FROM ${from} ORDER BY ${orderBy}`;
  const native = sqliteConnectionInTransaction(db);
  if (native === undefined) return selectArrays(db, query);
  const columns = native
    .prepare(`SELECT * FROM ${from} LIMIT 0`)
    .columns()
    .map((c) => c.name);
  if (columns.length === 0 || new Set(columns).size !== columns.length) return selectArrays(db, query);
  let json: string;
  try {
    json = native
      .prepare(`SELECT json_group_array(json_array(${columns.map(quoteIdent).join(', ')}) ORDER BY ${orderBy}) FROM ${from}`)
      .pluck()
      .get() as string;
  } catch {
    return selectArrays(db, query); // a BLOB; or a bad ORDER BY, which the plain query reports as such
  }
  if (unlessSameAs !== undefined && json === unlessSameAs.json && columns.join('\0') === unlessSameAs.columns.join('\0')) return undefined;
  return { columns, rows: JSON.parse(json) as unknown[][], json };
}
