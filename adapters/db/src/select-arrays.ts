/**
 * A query's rows as arrays, with the column names, for wide result sets that are read column by
 * column (`SELECT * FROM resources`: every column may be a property). better-sqlite3 builds a row
 * object several times slower than a row array (measured on 4096 resources × 25 columns: about
 * 250 ms against 65 ms), so inside a SQLite transaction the query runs in raw mode on the native
 * connection (see `sqliteConnectionInTransaction`); elsewhere it goes through Kysely and the row
 * objects are turned into arrays.
 */
import { CompiledQuery } from 'kysely';
import { sqliteConnectionInTransaction, type Db } from './connection.js';

export interface RowArrays {
  /** Column names, in the query's order. Empty when there is no row and the engine does not say. */
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export async function selectArrays(db: Db, query: string, parameters: readonly unknown[] = []): Promise<RowArrays> {
  const native = sqliteConnectionInTransaction(db);
  if (native !== undefined) {
    const statement = native.prepare(query).raw(true);
    return { columns: statement.columns().map((c) => c.name), rows: statement.all(...parameters) as unknown[][] };
  }
  const { rows } = await db.kysely.executeQuery<Record<string, unknown>>(CompiledQuery.raw(query, [...parameters]));
  const columns = rows.length > 0 ? Object.keys(rows[0]!) : [];
  return { columns, rows: rows.map((r) => columns.map((c) => r[c])) };
}
