/**
 * `@oar-sched/db`: the database adapter's foundation. It opens an OAR 3 database (PostgreSQL in
 * production, SQLite embedded or for tests), creates or upgrades OAR's schema, serialises
 * meta-scheduler rounds (`withRoundLock`), discovers resource properties and writes test data as
 * OAR's tools do. It does not schedule: the round built on it reads a snapshot and hands it to the
 * engine's `runRound`. Test support lives in `@oar-sched/db/testing`.
 */
export { parseDatabaseUrl, redactUrl, EXPECTED_URL_FORMS } from './url.js';
export type { Dialect, DatabaseLocation, SqliteLocation, PostgresLocation, ParseUrlOptions } from './url.js';
