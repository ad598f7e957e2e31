/**
 * Connections to an OAR database, SQLite or PostgreSQL, behind one small interface (`Db`): the
 * dialect, a Kysely instance typed with OAR's tables, the database clock, and transactions that nest
 * as savepoints.
 *
 * Contracts common to both engines:
 * - numbers come back as JavaScript numbers (PostgreSQL `bigint`/`numeric` included, parsed on this
 *   connection's pool only, never globally; values beyond 2^53 lose precision, OAR has none);
 * - `transaction(fn)` runs `fn` with a handle bound to the transaction; commit when `fn` resolves,
 *   rollback when it throws (the error is rethrown). Calling `transaction` on that handle opens a
 *   SAVEPOINT: a failure inside rolls back the inner work only, the outer transaction goes on.
 *   Use the handle `fn` receives for everything inside: on SQLite the connection is single and
 *   the outer handle waits until the transaction ends (a query on it from inside `fn` never returns);
 *   on PostgreSQL the outer handle is another pooled connection, outside the transaction.
 * - a handle is dead once its transaction ended: using it throws.
 *
 * SQLite specifics: file databases use WAL (readers are not blocked by a round) and a busy timeout
 * (default 5 s) for writers; `transaction` starts with `BEGIN IMMEDIATE` so that a writing
 * transaction takes the write lock up front instead of failing halfway, waiting at most the busy
 * timeout for another writer (asynchronously: see `beginImmediate`), then `DB_LOCKED`. A single
 * statement outside a transaction waits with SQLite's own (blocking) busy handler. PostgreSQL
 * transactions are READ COMMITTED (`BEGIN`).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import type pg from 'pg';
import { OarSchedError } from '@oar-sched/core';
import type { Database } from './tables.js';
import { parseDatabaseUrl, type DatabaseLocation, type Dialect, type PostgresLocation, type SqliteLocation } from './url.js';

/** What every function of this package takes: an open connection or a transaction handle. */
export interface Db {
  readonly dialect: Dialect;
  /** The parsed URL; `location.display` names the database without its password. */
  readonly location: DatabaseLocation;
  /** Typed query builder bound to this handle (the transaction's connection inside a transaction). */
  readonly kysely: Kysely<Database>;
  /** 0 outside any transaction, 1 inside a transaction, 2 and more inside savepoints. */
  readonly transactionDepth: number;
  /**
   * The database's clock in integer epoch seconds (SQLite `strftime('%s','now')`, PostgreSQL the
   * epoch of `current_timestamp`, i.e. the transaction's start inside a transaction), truncated.
   */
  clock(): Promise<number>;
  /** Runs `fn` in a transaction (a SAVEPOINT when this handle is already in one); see the module doc. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
}

/** An open database (the root handle). */
export interface DbConnection extends Db {
  /** Closes the connection (pool); the handle and its transactions are unusable afterwards. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Base directory for a relative `sqlite:PATH`. Default: the working directory. */
  readonly baseDir?: string | undefined;
  /** SQLite: create the file when missing (default true; false → `DB_UNREACHABLE` for a missing file). */
  readonly create?: boolean | undefined;
  /** SQLite: how long a writer waits for the write lock before `SQLITE_BUSY` (ms, default 5000). */
  readonly busyTimeoutMs?: number | undefined;
  /** PostgreSQL: maximum pooled connections (default 10). */
  readonly poolSize?: number | undefined;
  /** PostgreSQL: how long to wait for a connection before `DB_UNREACHABLE` (ms, default 5000). */
  readonly connectTimeoutMs?: number | undefined;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Opens the database a URL names (see url.ts for the forms) and checks that it answers, so a bad
 * URL fails here with `DB_URL_INVALID` and a database that cannot be reached with `DB_UNREACHABLE`
 * (message naming the URL without its password and the cause; no driver stack).
 */
export async function openDatabase(url: string, options: OpenDatabaseOptions = {}): Promise<DbConnection> {
  const location = parseDatabaseUrl(url, { baseDir: options.baseDir });
  // Each driver loads only when its engine is asked for: a round on SQLite never pays for pg's modules.
  if (location.dialect === 'sqlite') return openSqlite(location, options, (await import('better-sqlite3')).default);
  return openPostgres(location, options, (await import('pg')).default);
}

/**
 * SQLite reads the database file through a memory map of up to this size instead of copying each
 * page into its cache: a round reads every resource row and counts the gantt tables whole (the
 * closing proof of sync-gantt.ts), and those counts go from about 5 ms to under 1 ms at 1.5 M rows.
 * Address space, not memory: the pages are the operating system's file cache (they show in the
 * process's resident size when touched). Pages written in the round's transaction are read from
 * the WAL as before.
 */
const SQLITE_MMAP_BYTES = 1 << 30;

function openSqlite(location: SqliteLocation, options: OpenDatabaseOptions, BetterSqlite3: typeof import('better-sqlite3')): DbConnection {
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  let native: BetterSqlite3.Database | undefined;
  try {
    native = new BetterSqlite3(location.path, { fileMustExist: !location.memory && options.create === false, timeout: busyTimeoutMs });
    if (!location.memory) {
      native.pragma('journal_mode = WAL');
      native.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
    }
    native.prepare('select count(*) from sqlite_master').get();
  } catch (e) {
    native?.close();
    const detail = (e as Error).message;
    const reason = /unable to open database file/i.test(detail) && options.create === false ? 'no such file' : detail;
    throw new OarSchedError('DB_UNREACHABLE', `Cannot open the SQLite database ${location.display}: ${reason}.`);
  }
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: native }) });
  return new RootDb('sqlite', location, kysely, busyTimeoutMs, native, 1);
}

/** PostgreSQL type ids whose text form `pg` leaves as a string by default: int8, numeric. */
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

/** Per-pool type parsers (the `types` client option), so the process-wide `pg.types` stay untouched. */
function numberTypes(driver: typeof pg): pg.CustomTypesConfig {
  return {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value);
      return format === undefined ? driver.types.getTypeParser(oid) : driver.types.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
}

/**
 * A statement whose text starts with this comment returns its rows as arrays of values in column
 * order (`pg`'s `rowMode: 'array'`), with the column names as the array's `PG_COLUMNS` property.
 * For `selectArrays`: 10,000 resources of 22 columns built as objects, then turned into arrays,
 * cost a j2000 round about 40 ms, and their garbage more.
 */
export const PG_ROWS_AS_ARRAYS = '/* oar-sched: rows as arrays */ ';
export const PG_COLUMNS: unique symbol = Symbol('oar-sched columns');

/** `pg.Client` that honours `PG_ROWS_AS_ARRAYS` (Kysely calls `query(text, values)`, which has no row mode). */
function clientWithArrayRows(driver: typeof pg): typeof pg.Client {
  return class extends driver.Client {
    override query(...args: unknown[]): never {
      const [text, values] = args;
      if (typeof text === 'string' && text.startsWith(PG_ROWS_AS_ARRAYS) && args.length <= 2) {
        return super.query({ text, values: values as unknown[] | undefined, rowMode: 'array' }).then((result) => {
          Object.defineProperty(result.rows, PG_COLUMNS, { value: result.fields.map((f) => f.name) });
          return result;
        }) as never;
      }
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}

async function openPostgres(location: PostgresLocation, options: OpenDatabaseOptions, driver: typeof pg): Promise<DbConnection> {
  const pool = new driver.Pool({
    Client: clientWithArrayRows(driver),
    connectionString: location.connectionString,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    types: numberTypes(driver),
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(kysely);
  } catch (e) {
    await kysely.destroy().catch(() => {});
    throw new OarSchedError(
      'DB_UNREACHABLE',
      `Cannot connect to the PostgreSQL database ${location.display}: ${describePgConnectError(e, location)}.`,
      'Check that the server runs and accepts TCP connections on that host and port, and that the user and the database exist.',
    );
  }
  return new RootDb('postgres', location, kysely, 0, undefined, options.poolSize ?? 10);
}

function describePgConnectError(e: unknown, location: PostgresLocation): string {
  const err = e as { code?: string; message?: string };
  switch (err.code) {
    case 'ECONNREFUSED':
      return `connection refused by ${location.host}:${location.port}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `unknown host ${location.host}`;
    case 'ETIMEDOUT':
      return `no answer from ${location.host}:${location.port}`;
    case '28P01':
      return `password authentication failed for user ${location.user ?? '(default)'}`;
    case '28000':
      return `the server refused the connection (${err.message ?? 'pg_hba.conf'})`;
    case '3D000':
      return `database "${location.database}" does not exist`;
    default:
      if (/timeout/i.test(err.message ?? '')) return `no answer from ${location.host}:${location.port} (timed out)`;
      return err.message ?? String(e);
  }
}

/** How a depth-0 transaction starts on its connection (the round lock overrides it). */
export type BeginTransaction = (conn: Kysely<Database>) => Promise<void>;

/**
 * The one implementation of `Db`: a root handle, or a transaction/savepoint handle sharing the
 * root's settings. Not exported from the package; `runTransaction` is the round lock's door.
 */
class DbHandle implements Db {
  #kysely: Kysely<Database>;
  #alive = true;

  constructor(
    readonly dialect: Dialect,
    readonly location: DatabaseLocation,
    kysely: Kysely<Database>,
    readonly transactionDepth: number,
    readonly busyTimeoutMs: number,
    /** SQLite: the one better-sqlite3 connection under the Kysely instance (see `sqliteConnectionInTransaction`). */
    readonly sqliteNative: BetterSqlite3.Database | undefined,
  ) {
    this.#kysely = kysely;
  }

  get kysely(): Kysely<Database> {
    if (!this.#alive) throw new Error('This database handle is closed (its transaction ended or the connection was closed).');
    return this.#kysely;
  }

  get alive(): boolean {
    return this.#alive;
  }

  protected kill(): void {
    this.#alive = false;
  }

  async clock(): Promise<number> {
    const query =
      this.dialect === 'sqlite'
        ? sql<{ now: number }>`select cast(strftime('%s','now') as integer) as now`
        : sql<{ now: number }>`select cast(floor(extract(epoch from current_timestamp)) as bigint) as now`;
    const { rows } = await query.execute(this.kysely);
    return Number(rows[0]!.now);
  }

  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    return this.runTransaction(fn, undefined);
  }

  async runTransaction<T>(fn: (tx: Db) => Promise<T>, begin: BeginTransaction | undefined): Promise<T> {
    if (this.transactionDepth > 0) return this.runSavepoint(fn);
    const startDefault: BeginTransaction = async (conn) => {
      if (this.dialect === 'postgres') {
        await sql.raw('begin').execute(conn);
        return;
      }
      await beginImmediate(conn, this.busyTimeoutMs, this.busyTimeoutMs, () => {
        return new OarSchedError('DB_LOCKED', `The SQLite database ${this.location.display} stayed locked by another writer for ${this.busyTimeoutMs} ms.`);
      });
    };
    return this.kysely.connection().execute(async (conn) => {
      await (begin ?? startDefault)(conn);
      const tx = new TxHandle(this.dialect, this.location, conn, 1, this.busyTimeoutMs, this.sqliteNative);
      try {
        const result = await fn(tx);
        await sql.raw('commit').execute(conn);
        return result;
      } catch (e) {
        await sql.raw('rollback').execute(conn).catch(() => {});
        throw e;
      } finally {
        tx.end();
      }
    });
  }

  private async runSavepoint<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const name = `oar_sched_sp${this.transactionDepth}`;
    const conn = this.kysely;
    await sql.raw(`savepoint ${name}`).execute(conn);
    const tx = new TxHandle(this.dialect, this.location, conn, this.transactionDepth + 1, this.busyTimeoutMs, this.sqliteNative);
    try {
      const result = await fn(tx);
      await sql.raw(`release savepoint ${name}`).execute(conn);
      return result;
    } catch (e) {
      await sql.raw(`rollback to savepoint ${name}`).execute(conn).catch(() => {});
      await sql.raw(`release savepoint ${name}`).execute(conn).catch(() => {});
      throw e;
    } finally {
      tx.end();
    }
  }
}

class TxHandle extends DbHandle {
  end(): void {
    this.kill();
  }
}

class RootDb extends DbHandle implements DbConnection {
  constructor(
    dialect: Dialect,
    location: DatabaseLocation,
    kysely: Kysely<Database>,
    busyTimeoutMs: number,
    sqliteNative: BetterSqlite3.Database | undefined,
    /** How many connections may be open at once (SQLite: its one connection). */
    readonly maxConnections: number,
  ) {
    super(dialect, location, kysely, 0, busyTimeoutMs, sqliteNative);
  }

  async close(): Promise<void> {
    const kysely = this.kysely;
    this.kill();
    await kysely.destroy();
  }
}

/**
 * Whether `db` (opened by `openDatabase`, outside any transaction) can run a statement on a
 * connection of its own while one of its transactions holds another: a PostgreSQL pool of two or
 * more. Waiting on such a statement from inside the transaction otherwise waits forever.
 */
export function hasSpareConnection(db: Db): boolean {
  return db instanceof RootDb && db.alive && db.maxConnections >= 2;
}

/**
 * Runs `fn` in a transaction whose depth-0 start is `begin` (used by the round lock: SQLite
 * `BEGIN IMMEDIATE` with a bounded wait). Inside a transaction it is a plain savepoint.
 */
export function runTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>, begin: BeginTransaction): Promise<T> {
  if (!(db instanceof DbHandle)) throw new TypeError('Expected a handle from openDatabase() or one of its transactions.');
  return db.runTransaction(fn, begin);
}

/**
 * The better-sqlite3 connection under a live SQLite transaction (or savepoint) handle; undefined
 * for PostgreSQL, for a root handle and for a dead one. For code that runs one statement many
 * times and gains from preparing it once (bulk.ts), a narrow door around Kysely, which prepares
 * every statement anew. Inside a transaction the connection belongs to it (other handles wait
 * for its end) and better-sqlite3 runs each call to completion, so direct calls stay in order
 * with the handle's own queries and inside its transaction. Statements prepared on it must not
 * be kept beyond the transaction.
 */
export function sqliteConnectionInTransaction(db: Db): BetterSqlite3.Database | undefined {
  if (!(db instanceof DbHandle) || !db.alive || db.transactionDepth === 0) return undefined;
  return db.sqliteNative;
}

/** The SQLite busy timeout a handle was opened with (ms; 0 on PostgreSQL). */
export function busyTimeoutOf(db: Db): number {
  return db instanceof DbHandle ? db.busyTimeoutMs : DEFAULT_BUSY_TIMEOUT_MS;
}

/**
 * SQLite `BEGIN IMMEDIATE`, retried until `timeoutMs` has passed, then `locked()` is thrown. The
 * retries sleep asynchronously with SQLite's busy handler off: better-sqlite3 is synchronous, so
 * its busy wait would block Node's event loop, and with it a transaction of this same process that
 * holds the lock and only needs the loop to finish.
 */
export async function beginImmediate(conn: Kysely<Database>, timeoutMs: number, busyTimeoutMs: number, locked: () => Error): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await sql.raw('pragma busy_timeout = 0').execute(conn);
  try {
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      try {
        await sql.raw('begin immediate').execute(conn);
        return;
      } catch (e) {
        if (!isSqliteBusy(e)) throw e;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw locked();
      await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
    }
  } finally {
    await sql.raw(`pragma busy_timeout = ${Math.floor(busyTimeoutMs)}`).execute(conn);
  }
}

function isSqliteBusy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}
