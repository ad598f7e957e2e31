/**
 * Resource properties: the columns of `resources`. OAR's fixed columns are known; every other
 * column is a custom property the administrator added (`host`, `cpu`, `core`, `mem`, `switch`, …)
 * and is discovered at run time, with its type class (integer properties compare as numbers, text
 * ones as strings: it matters to property filters and to hierarchy grouping).
 */
import { sql } from 'kysely';
import { OarSchedError } from '@oar-sched/core';
import type { Db } from './connection.js';
import { FIXED_RESOURCE_COLUMNS } from './schema/definition.js';
import { quoteIdent } from './schema/ddl.js';
import { tableColumns, type ColumnInfo } from './schema/introspect.js';

export { FIXED_RESOURCE_COLUMNS };

export interface ResourceColumns {
  /** OAR's own columns present in this database, in table order. */
  readonly fixed: readonly ColumnInfo[];
  /** Every other column (custom properties), in table order. */
  readonly properties: readonly ColumnInfo[];
}

/**
 * The columns of `resources` (SQLite `PRAGMA table_info`, PostgreSQL `information_schema.columns`
 * of the current schema), split into OAR's fixed columns and custom properties. Throws
 * `DB_SCHEMA_INVALID` when the database has no `resources` table.
 */
export async function resourcePropertyColumns(db: Db): Promise<ResourceColumns> {
  const columns = await tableColumns(db, 'resources');
  if (columns.length === 0) {
    throw new OarSchedError('DB_SCHEMA_INVALID', `${db.location.display} has no resources table: not an OAR database?`, 'Create OAR\'s schema first (initSchema / "oar-sched db init").');
  }
  const fixed = new Set(FIXED_RESOURCE_COLUMNS);
  return { fixed: columns.filter((c) => fixed.has(c.name)), properties: columns.filter((c) => !fixed.has(c.name)) };
}

/** The two types `oarproperty -a` creates: `INTEGER` by default, `VARCHAR(255)` with `-c`. */
export type PropertyColumnType = 'INTEGER' | 'VARCHAR(255)';

/** Lower-case SQL identifiers only: PostgreSQL folds unquoted names in property filters to lower case. */
const PROPERTY_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Adds a custom property column to `resources` (nullable, no default), as `oarproperty -a` does.
 * Throws `DB_SCHEMA_INVALID` for a name that is not a lower-case identifier (at most 63 characters),
 * that is a fixed column, or that already exists.
 */
export async function addResourceColumn(db: Db, name: string, type: PropertyColumnType): Promise<void> {
  if (!PROPERTY_NAME.test(name)) {
    throw new OarSchedError('DB_SCHEMA_INVALID', `"${name}" cannot be a resource property: expected a lower-case SQL identifier (letters, digits, _; at most 63 characters).`);
  }
  if (type !== 'INTEGER' && type !== 'VARCHAR(255)') {
    throw new OarSchedError('DB_SCHEMA_INVALID', `Resource property ${name}: type ${String(type)} is not INTEGER or VARCHAR(255).`);
  }
  if (FIXED_RESOURCE_COLUMNS.includes(name)) {
    throw new OarSchedError('DB_SCHEMA_INVALID', `${name} is one of OAR's own resource columns, not a property to add.`);
  }
  const existing = await tableColumns(db, 'resources');
  if (existing.some((c) => c.name === name)) {
    throw new OarSchedError('DB_SCHEMA_INVALID', `Resource property ${name} already exists in ${db.location.display}.`);
  }
  await sql.raw(`ALTER TABLE "resources" ADD COLUMN ${quoteIdent(name)} ${type}`).execute(db.kysely);
}
