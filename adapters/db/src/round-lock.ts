/**
 * The round lock: one meta-scheduler round at a time on a database, and a round is all or nothing
 * (database.md §6, rule 1).
 *
 * `withRoundLock(db, fn, { timeoutMs })` runs the whole of `fn` in one transaction and commits when
 * `fn` resolves; any exception rolls back every write of `fn` and is rethrown. Before `fn` runs:
 * - PostgreSQL: `pg_advisory_xact_lock(ROUND_LOCK_KEY)` inside the transaction (held until commit
 *   or rollback), waiting at most `timeoutMs` (`lock_timeout`, restored afterwards). Other OAR
 *   processes are not blocked: only another round asks for that lock.
 * - SQLite: `BEGIN IMMEDIATE` (the database's write lock), retried for at most `timeoutMs` (the
 *   retries sleep asynchronously: see `beginImmediate` in connection.ts).
 * When the wait is over: `OarSchedError` `DB_LOCKED`, nothing written.
 *
 * Called with a transaction handle (e.g. a test's outer transaction), the round becomes a
 * savepoint of it; PostgreSQL still takes the advisory lock (until the outer transaction ends).
 */
import { sql, type Kysely } from 'kysely';
import { OarSchedError } from '@oar-sched/core';
import { beginImmediate, busyTimeoutOf, runTransaction, type Db } from './connection.js';
import type { Database } from './tables.js';

/** The advisory lock key of a round (two-int form): class `0x4f4152` ("OAR"), object 1 (the round). */
export const ROUND_LOCK_KEY = { classId: 0x4f4152, objectId: 1 } as const;

export const DEFAULT_ROUND_LOCK_TIMEOUT_MS = 30_000;

export interface RoundLockOptions {
  /** How long to wait for a round already running (ms, default 30 s; 0 = do not wait). */
  readonly timeoutMs?: number | undefined;
}

export async function withRoundLock<T>(db: Db, fn: (tx: Db) => Promise<T>, options: RoundLockOptions = {}): Promise<T> {
  const timeoutMs = Math.max(0, Math.floor(options.timeoutMs ?? DEFAULT_ROUND_LOCK_TIMEOUT_MS));
  const locked = () =>
    new OarSchedError(
      'DB_LOCKED',
      `Another meta-scheduler round holds the round lock on ${db.location.display}; gave up after ${timeoutMs} ms.`,
      'Only one round may run at a time: wait for it to finish, or raise the lock timeout.',
    );
  if (db.dialect === 'postgres') {
    return db.transaction(async (tx) => {
      await takeAdvisoryLock(tx.kysely, timeoutMs, locked);
      return fn(tx);
    });
  }
  return runTransaction(db, fn, (conn) => beginImmediate(conn, timeoutMs, busyTimeoutOf(db), locked));
}

async function takeAdvisoryLock(conn: Kysely<Database>, timeoutMs: number, locked: () => OarSchedError): Promise<void> {
  const { classId, objectId } = ROUND_LOCK_KEY;
  if (timeoutMs === 0) {
    const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${sql.lit(classId)}, ${sql.lit(objectId)}) as ok`.execute(conn);
    if (rows[0]?.ok !== true) throw locked();
    return;
  }
  const { rows } = await sql<{ previous: string }>`select current_setting('lock_timeout') as previous`.execute(conn);
  await sql`select set_config('lock_timeout', ${`${timeoutMs}ms`}, true)`.execute(conn);
  try {
    await sql`select pg_advisory_xact_lock(${sql.lit(classId)}, ${sql.lit(objectId)})`.execute(conn);
  } catch (e) {
    // 55P03 lock_not_available: lock_timeout expired. The transaction is aborted; the caller rolls back.
    if ((e as { code?: string }).code === '55P03') throw locked();
    throw e;
  }
  await sql`select set_config('lock_timeout', ${rows[0]!.previous}, true)`.execute(conn);
}
