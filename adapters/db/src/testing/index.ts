/**
 * `@oar-sched/db/testing`: the databases tests run on, in one place, with no test framework in it.
 *
 * `testDatabases()` gives two targets, always in this order:
 * - SQLite: always available (in memory, or a temporary file when a test needs two connections);
 * - PostgreSQL: available when a server answers at `OAR_TEST_PG_URL` if set, otherwise at
 *   `postgres://postgres@127.0.0.1:5432/postgres` or `postgres://root@127.0.0.1:5432/postgres`
 *   (trust authentication; the user must be allowed to create databases). When none answers the
 *   target says why (`skipReason`) and a warning is printed once, so PostgreSQL tests show up as
 *   skipped, never silently pass.
 *
 * Each `create()` makes a fresh, empty database (PostgreSQL: `CREATE DATABASE` with a random name)
 * that `dispose()` removes with every connection opened through it. Typical vitest use:
 *
 * ```ts
 * for (const target of await testDatabases()) {
 *   describe.skipIf(!target.available)(`… on ${target.label}`, () => {
 *     let t: TestDatabase;
 *     beforeEach(async () => { t = await target.create(); });
 *     afterEach(() => t.dispose());
 *     it('…', async () => { await initSchema(t.db); … });
 *   });
 * }
 * ```
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { isOarSchedError } from '@oar-sched/core';
import { openDatabase, type Db, type DbConnection, type OpenDatabaseOptions } from '../connection.js';
import { listTables } from '../schema/introspect.js';
import type { Dialect } from '../url.js';

export { dumpSchema } from '../schema/introspect.js';
export { GANTT_PLANS_TABLE } from '../round/gantt-known-plans.js';

export interface TestDatabaseTarget {
  readonly dialect: Dialect;
  /** For test names: `sqlite` or `postgres (postgres@127.0.0.1:5432)`, with the reason when skipped. */
  readonly label: string;
  readonly available: boolean;
  /** Why the target is unavailable (undefined when available). */
  readonly skipReason: string | undefined;
  /**
   * PostgreSQL: the server URL `create()` makes its databases on (`createTemporaryPostgresDatabase`
   * takes it); undefined for SQLite and for an unavailable server.
   */
  readonly adminUrl?: string | undefined;
  /** A fresh empty database. `file: true` (SQLite) puts it in a temporary file so that `connect()` works. */
  create(options?: { readonly file?: boolean }): Promise<TestDatabase>;
}

export interface TestDatabase {
  /** The URL of this database (no password in it for the default targets). */
  readonly url: string;
  /** The first connection, opened by `create()`. */
  readonly db: DbConnection;
  /** Another connection to the same database (not for in-memory SQLite, which is private to one). */
  connect(options?: OpenDatabaseOptions): Promise<DbConnection>;
  /** Closes every connection opened through this object and removes the database. */
  dispose(): Promise<void>;
}

export const TEST_PG_URL_ENV = 'OAR_TEST_PG_URL';
const DEFAULT_PG_ADMIN_URLS = ['postgres://postgres@127.0.0.1:5432/postgres', 'postgres://root@127.0.0.1:5432/postgres'];

let targets: Promise<TestDatabaseTarget[]> | undefined;
let warned = false;

/** The test targets (probed once per module instance; see the module doc). */
export function testDatabases(): Promise<TestDatabaseTarget[]> {
  targets ??= (async () => [sqliteTarget(), await postgresTarget()])();
  return targets;
}

function sqliteTarget(): TestDatabaseTarget {
  return {
    dialect: 'sqlite',
    label: 'sqlite',
    available: true,
    skipReason: undefined,
    async create(options = {}) {
      if (options.file !== true) {
        const db = await openDatabase('sqlite::memory:');
        return {
          url: 'sqlite::memory:',
          db,
          connect: () => Promise.reject(new Error('An in-memory SQLite database has a single connection: create({ file: true }) for more.')),
          dispose: () => db.close(),
        };
      }
      const dir = mkdtempSync(join(tmpdir(), 'oar-sched-db-'));
      const url = `sqlite:${join(dir, 'oar.db')}`;
      return trackedDatabase(url, {}, () => rmSync(dir, { recursive: true, force: true }));
    },
  };
}

async function postgresTarget(): Promise<TestDatabaseTarget> {
  const fromEnv = process.env[TEST_PG_URL_ENV];
  const candidates = fromEnv !== undefined && fromEnv !== '' ? [fromEnv] : DEFAULT_PG_ADMIN_URLS;
  const failures: string[] = [];
  for (const adminUrl of candidates) {
    const problem = await probe(adminUrl);
    if (problem === undefined) {
      const where = new URL(adminUrl);
      return {
        dialect: 'postgres',
        label: `postgres (${where.username === '' ? '' : `${where.username}@`}${where.host})`,
        available: true,
        skipReason: undefined,
        adminUrl,
        create: () => createTemporaryPostgresDatabase(adminUrl),
      };
    }
    failures.push(problem);
  }
  const skipReason = `no usable PostgreSQL server (${failures.join('; ')}); set ${TEST_PG_URL_ENV} to test on one`;
  if (!warned) {
    warned = true;
    console.warn(`[@oar-sched/db] PostgreSQL tests are SKIPPED: ${skipReason}.`);
  }
  return {
    dialect: 'postgres',
    label: `postgres (skipped: ${skipReason})`,
    available: false,
    skipReason,
    create: () => Promise.reject(new Error(`PostgreSQL is not available: ${skipReason}`)),
  };
}

/** Undefined when the admin URL answers and may create databases; otherwise why not. */
async function probe(adminUrl: string): Promise<string | undefined> {
  let db: DbConnection | undefined;
  try {
    db = await openDatabase(adminUrl, { connectTimeoutMs: 2000, poolSize: 1 });
    const { rows } = await sql<{ ok: boolean }>`select rolsuper or rolcreatedb as ok from pg_roles where rolname = current_user`.execute(db.kysely);
    return rows[0]?.ok === true ? undefined : `${db.location.display}: this user may not create databases`;
  } catch (e) {
    return isOarSchedError(e) ? e.message : String(e);
  } finally {
    await db?.close();
  }
}

/**
 * A fresh empty database on the PostgreSQL server of `adminUrl` (whose user may create databases),
 * with a random name; `dispose()` closes every connection opened through it and drops it.
 */
export async function createTemporaryPostgresDatabase(adminUrl: string): Promise<TestDatabase> {
  const name = `oar_sched_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (admin) => sql.raw(`CREATE DATABASE "${name}" TEMPLATE template0`).execute(admin.kysely));
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  const url = target.toString();
  return trackedDatabase(url, { poolSize: 4 }, () =>
    withAdmin(adminUrl, (admin) => sql.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).execute(admin.kysely)),
  );
}

/** A test database whose every connection `dispose()` closes before `remove` deletes it. */
async function trackedDatabase(url: string, defaults: OpenDatabaseOptions, remove: () => unknown): Promise<TestDatabase> {
  const opened: DbConnection[] = [];
  const connect = async (o?: OpenDatabaseOptions) => {
    const db = await openDatabase(url, { ...defaults, ...o });
    opened.push(db);
    return db;
  };
  const db = await connect();
  return {
    url,
    db,
    connect,
    async dispose() {
      await Promise.allSettled(opened.map((c) => c.close()));
      await remove();
    },
  };
}

async function withAdmin<T>(adminUrl: string, fn: (admin: DbConnection) => Promise<T>): Promise<T> {
  const admin = await openDatabase(adminUrl, { poolSize: 1 });
  try {
    return await fn(admin);
  } finally {
    await admin.close();
  }
}

/**
 * Every row of every table (but those of `omit`), each table's rows sorted (by their JSON text):
 * two equal dumps mean equal contents. For "nothing was written" and "everything was rolled back"
 * assertions.
 */
export async function dumpData(db: Db, options: { readonly omit?: readonly string[] } = {}): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of await listTables(db)) {
    if (options.omit?.includes(table)) continue;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db.kysely);
    out[table] = rows.map((r) => JSON.stringify(r)).sort().map((s) => JSON.parse(s) as unknown);
  }
  return out;
}
