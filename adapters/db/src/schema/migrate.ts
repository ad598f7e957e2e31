/**
 * Creating and upgrading OAR 3's schema.
 *
 * - `initSchema(db)`: creates what is missing of OAR 3's schema, never altering what exists: the
 *   enum types (PostgreSQL), every missing table with its indexes, and the `schema` row
 *   `('3.0.0', '')` when it creates the `schema` table. On a fresh database that is OAR 3's whole
 *   schema; on an existing OAR database it changes nothing.
 * - `migrateSchema(db)`: the same, plus, on the tables that exist, the missing columns (with their
 *   defaults; existing rows get the default) and the missing indexes. Never drops, renames, retypes
 *   or rewrites anything: differences it cannot fix without touching data are reported as notes.
 *
 * An index counts as present when an index of that name exists on the table, or a non-primary-key
 * index on exactly the same columns (databases created from OAR's SQLAlchemy models name them
 * `ix_<table>_<column>`). Both run in one transaction (a savepoint inside one): all or nothing.
 * Both return what they did, statement by statement.
 */
import { sql } from 'kysely';
import { OarSchedError } from '@oar-sched/core';
import type { Db } from '../connection.js';
import type { Dialect } from '../url.js';
import { ENUM_TYPES, OAR_TABLES, SCHEMA_VERSION, type ColumnDef, type EnumTypeName, type TableDef } from './definition.js';
import { columnSql, createEnumTypeSql, createIndexSql, createTableSql, effectiveColumn, insertSchemaVersionSql, quoteIdent } from './ddl.js';
import { readSchema, type SchemaInfo, type TableInfo } from './introspect.js';

export interface SchemaChange {
  readonly kind: 'create-type' | 'create-table' | 'add-column' | 'create-index' | 'insert-version';
  /** The table concerned (absent for a type). */
  readonly table?: string;
  /** The type, table, column or index created. */
  readonly name: string;
  /** The statements run for it, in order. */
  readonly statements: readonly string[];
}

export interface SchemaReport {
  readonly dialect: Dialect;
  /** In the order applied; empty when the schema was already complete. */
  readonly changes: readonly SchemaChange[];
  /** What the `schema` table says afterwards (undefined when it has no row). */
  readonly version: string | undefined;
  /** Differences found but left alone (an older version, a column of another type class, …). */
  readonly notes: readonly string[];
}

export function initSchema(db: Db): Promise<SchemaReport> {
  return applySchema(db, false);
}

export function migrateSchema(db: Db): Promise<SchemaReport> {
  return applySchema(db, true);
}

async function applySchema(db: Db, upgradeExisting: boolean): Promise<SchemaReport> {
  return db.transaction(async (tx) => {
    const existing = await readSchema(tx);
    const { changes, notes } = planChanges(tx.dialect, existing, upgradeExisting);
    const statements = changes.flatMap((c) => c.statements);
    if (tx.dialect === 'postgres') {
      // One round trip: a multi-statement simple query (no parameters), still inside the transaction.
      if (statements.length > 0) await sql.raw(statements.join(';\n')).execute(tx.kysely);
    } else {
      // better-sqlite3 prepares one statement at a time.
      for (const statement of statements) await sql.raw(statement).execute(tx.kysely);
    }
    const { rows } = await sql<{ version: string }>`select "version" from "schema"`.execute(tx.kysely);
    const version = rows[0]?.version;
    if (version !== undefined && version !== SCHEMA_VERSION) notes.push(`The schema table says version ${version}; OAR 3 is ${SCHEMA_VERSION}. The version row was left as is.`);
    if (rows.length > 1) notes.push(`The schema table has ${rows.length} rows; OAR keeps one.`);
    return { dialect: tx.dialect, changes, version, notes };
  });
}

/** The statements that bring `existing` up to OAR 3's schema (pure: reads nothing). */
export function planChanges(dialect: Dialect, existing: SchemaInfo, upgradeExisting: boolean): { changes: SchemaChange[]; notes: string[] } {
  const changes: SchemaChange[] = [];
  const notes: string[] = [];
  const tables = new Map(existing.tables.map((t) => [t.name, t]));

  if (dialect === 'postgres') {
    const types = new Map(existing.enumTypes.map((t) => [t.name, t.labels]));
    for (const name of Object.keys(ENUM_TYPES) as EnumTypeName[]) {
      const labels = types.get(name);
      if (labels === undefined) changes.push({ kind: 'create-type', name, statements: [createEnumTypeSql(name)] });
      else if (labels.join(',') !== ENUM_TYPES[name].join(',')) notes.push(`Enum type ${name} has labels (${labels.join(', ')}); OAR 3 has (${ENUM_TYPES[name].join(', ')}). Left as is.`);
    }
  }

  for (const table of OAR_TABLES) {
    const found = tables.get(table.name);
    if (found === undefined) {
      changes.push({ kind: 'create-table', table: table.name, name: table.name, statements: [createTableSql(dialect, table)] });
      for (const index of table.indexes) changes.push({ kind: 'create-index', table: table.name, name: index.name, statements: [createIndexSql(table, index)] });
      if (table.name === 'schema') changes.push({ kind: 'insert-version', table: 'schema', name: SCHEMA_VERSION, statements: [insertSchemaVersionSql()] });
      continue;
    }
    notes.push(...typeNotes(dialect, table, found));
    if (!upgradeExisting) continue;
    const columns = new Set(found.columns.map((c) => c.name));
    for (const column of table.columns) {
      if (columns.has(column.name)) continue;
      if (column.type.kind === 'serial' || table.primaryKey.includes(column.name)) {
        throw new OarSchedError(
          'DB_SCHEMA_INVALID',
          `Table ${table.name} has no column ${column.name}, part of its primary key: it cannot be added to an existing table.`,
          `Recreate ${table.name} (or restore it from OAR's own schema) before migrating.`,
        );
      }
      changes.push({ kind: 'add-column', table: table.name, name: column.name, statements: addColumnSql(dialect, table, column) });
      columns.add(column.name);
    }
    for (const index of table.indexes) {
      const covered = found.indexes.some((i) => i.name === index.name || (!i.primaryKey && i.columns.join(',') === index.columns.join(',')));
      if (!covered && index.columns.every((c) => columns.has(c))) {
        changes.push({ kind: 'create-index', table: table.name, name: index.name, statements: [createIndexSql(table, index)] });
      }
    }
  }
  return { changes, notes };
}

/** ADD COLUMN; a NOT NULL column without a default gets one for the existing rows, then loses it. */
function addColumnSql(dialect: Dialect, table: TableDef, column: ColumnDef): string[] {
  const { type, default: dflt } = effectiveColumn(dialect, column);
  const needsFill = column.notNull && dflt === undefined;
  const fill = needsFill ? (type.kind === 'integer' || type.kind === 'bigint' || type.kind === 'real' ? 0 : '') : undefined;
  const statements = [`ALTER TABLE ${quoteIdent(table.name)} ADD COLUMN ${columnSql(dialect, column, fill)}`];
  // SQLite cannot drop a default (nor needs to: its own DDL has one); PostgreSQL matches OAR 3 again.
  if (needsFill && dialect === 'postgres') statements.push(`ALTER TABLE ${quoteIdent(table.name)} ALTER COLUMN ${quoteIdent(column.name)} DROP DEFAULT`);
  return statements;
}

function typeNotes(dialect: Dialect, table: TableDef, found: TableInfo): string[] {
  const notes: string[] = [];
  for (const column of table.columns) {
    const actual = found.columns.find((c) => c.name === column.name);
    if (actual === undefined) continue;
    const { type } = effectiveColumn(dialect, column);
    const expected = type.kind === 'serial' || type.kind === 'integer' || type.kind === 'bigint' ? 'integer' : type.kind === 'real' ? 'real' : 'text';
    if (actual.typeClass !== expected) notes.push(`${table.name}.${column.name} is ${actual.sqlType} (${actual.typeClass}); OAR 3 has ${expected}. Left as is.`);
    else if (dialect === 'postgres' && type.kind === 'enum' && actual.sqlType !== type.type) {
      notes.push(`${table.name}.${column.name} is ${actual.sqlType}; OAR 3 has the enum type ${type.type}. Left as is.`);
    }
  }
  return notes;
}
