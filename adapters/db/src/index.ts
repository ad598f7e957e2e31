/**
 * `@oar-sched/db`: the database adapter's foundation. It opens an OAR 3 database (PostgreSQL in
 * production, SQLite embedded or for tests), creates or upgrades OAR's schema, serialises
 * meta-scheduler rounds (`withRoundLock`), discovers resource properties and writes test data as
 * OAR's tools do. It does not schedule: the round built on it reads a snapshot and hands it to the
 * engine's `runRound`. Test support lives in `@oar-sched/db/testing`.
 */
export { parseDatabaseUrl, redactUrl, EXPECTED_URL_FORMS } from './url.js';
export type { Dialect, DatabaseLocation, SqliteLocation, PostgresLocation, ParseUrlOptions } from './url.js';
export { databaseUrlFromOarConf } from './oar-conf-url.js';
export type { OarConf } from './oar-conf-url.js';
export { openDatabase, DEFAULT_BUSY_TIMEOUT_MS } from './connection.js';
export type { Db, DbConnection, OpenDatabaseOptions } from './connection.js';
export { withRoundLock, ROUND_LOCK_KEY, DEFAULT_ROUND_LOCK_TIMEOUT_MS } from './round-lock.js';
export type { RoundLockOptions } from './round-lock.js';
export { initSchema, migrateSchema, planChanges } from './schema/migrate.js';
export type { SchemaChange, SchemaReport } from './schema/migrate.js';
export { OAR_TABLES, ENUM_TYPES, SCHEMA_VERSION } from './schema/definition.js';
export type { TableDef, ColumnDef, ColumnKind, IndexDef, EnumTypeName } from './schema/definition.js';
export { readSchema, dumpSchema, listTables, tableColumns, tableIndexes, typeClassOf } from './schema/introspect.js';
export type { SchemaInfo, TableInfo, ColumnInfo, IndexInfo, EnumTypeInfo, TypeClass } from './schema/introspect.js';
export { resourcePropertyColumns, addResourceColumn, FIXED_RESOURCE_COLUMNS } from './resources.js';
export type { ResourceColumns, PropertyColumnType } from './resources.js';
export { insertQueue, insertResources, insertJob, insertRows, DEFAULT_MOLDABLES, MAX_ROWS_PER_INSERT, MAX_PARAMETERS_PER_INSERT } from './writers.js';
export type { QueueInsert, ResourceInsert, JobInsert, MoldableInsert, GroupInsert, LevelInsert, InsertedJob } from './writers.js';
export { JOB_STATES } from './tables.js';
export type * from './tables.js';
export { runDbRound } from './round/run-db-round.js';
export type { DbRoundOptions, DbRoundResult, RoundNotifier, RoundPhases, QueueGroupSummary } from './round/types.js';
export { readRoundInput } from './round/read-snapshot.js';
export { sqlPropertyFilters } from './round/sql-property-filters.js';
export type { RoundInput } from './round/read-snapshot.js';
export { importSnapshot, syncIdSequences } from './import-snapshot.js';
export type { ImportReport } from './import-snapshot.js';
