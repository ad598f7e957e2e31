/**
 * Renders the schema definition (definition.ts) as SQL statements for one dialect. One statement
 * per string (better-sqlite3 prepares one at a time). Identifiers are always double-quoted, so
 * OAR's column names that are keywords (`type`, `date`, `force`, `schema`) need no special case.
 */
import type { Dialect } from '../url.js';
import { ENUM_TYPES, SCHEMA_VERSION, type ColumnDef, type ColumnKind, type EnumTypeName, type IndexDef, type TableDef } from './definition.js';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

function typeSql(dialect: Dialect, type: ColumnKind): string {
  switch (type.kind) {
    case 'serial':
      return dialect === 'postgres' ? 'bigserial' : 'INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT';
    case 'integer':
      return dialect === 'postgres' ? 'integer' : 'INTEGER';
    case 'bigint':
      return dialect === 'postgres' ? 'bigint' : 'BIGINT';
    case 'real':
      return dialect === 'postgres' ? 'real' : 'FLOAT';
    case 'text':
      return dialect === 'postgres' ? 'text' : 'TEXT';
    case 'varchar':
      return dialect === 'postgres' ? `varchar(${type.length})` : `VARCHAR(${type.length})`;
    case 'enum':
      return dialect === 'postgres' ? type.type : `VARCHAR(${type.length})`;
  }
}

/** The column's type, default and check on this dialect (SQLite overrides applied). */
export function effectiveColumn(dialect: Dialect, column: ColumnDef): { type: ColumnKind; default: string | number | null | undefined; check: readonly string[] | undefined } {
  const type = (dialect === 'sqlite' ? column.sqlite?.type : undefined) ?? column.type;
  const dflt = dialect === 'sqlite' && column.sqlite !== undefined && 'default' in column.sqlite ? column.sqlite.default : column.default;
  const check = column.check ?? (dialect === 'sqlite' && type.kind === 'enum' ? ENUM_TYPES[type.type] : undefined);
  return { type, default: dflt, check };
}

/**
 * A column clause for CREATE TABLE or ADD COLUMN. `fill` (ADD COLUMN only) gives a NOT NULL column
 * without a default a temporary one, so existing rows get a value.
 */
export function columnSql(dialect: Dialect, column: ColumnDef, fill?: string | number): string {
  const { type, default: dflt, check } = effectiveColumn(dialect, column);
  const parts = [quoteIdent(column.name), typeSql(dialect, type)];
  // SQLite's serial type already says NOT NULL (before PRIMARY KEY AUTOINCREMENT).
  if (column.notNull && !(type.kind === 'serial' && dialect === 'sqlite')) parts.push('NOT NULL');
  const effectiveDefault = dflt !== undefined ? dflt : fill;
  // PostgreSQL: numbers quoted as OAR 3 writes them ('0'), so the catalog matches an OAR database
  // exactly (a bigint default reads '0'::bigint there).
  if (effectiveDefault !== undefined) parts.push(`DEFAULT ${quoteLiteral(dialect === 'postgres' && typeof effectiveDefault === 'number' ? String(effectiveDefault) : effectiveDefault)}`);
  if (check !== undefined) parts.push(`CHECK (${quoteIdent(column.name)} IN (${check.map((v) => quoteLiteral(v)).join(', ')}))`);
  return parts.join(' ');
}

export function createTableSql(dialect: Dialect, table: TableDef): string {
  const lines = table.columns.map((c) => `  ${columnSql(dialect, c)}`);
  const serialKey = table.columns.some((c) => c.type.kind === 'serial');
  if (table.primaryKey.length > 0 && !(serialKey && dialect === 'sqlite')) {
    lines.push(`  PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(', ')})`);
  }
  return `CREATE TABLE ${quoteIdent(table.name)} (\n${lines.join(',\n')}\n)`;
}

export function createIndexSql(table: TableDef | string, index: IndexDef): string {
  const name = typeof table === 'string' ? table : table.name;
  return `CREATE INDEX ${quoteIdent(index.name)} ON ${quoteIdent(name)} (${index.columns.map(quoteIdent).join(', ')})`;
}

export function createEnumTypeSql(name: EnumTypeName): string {
  return `CREATE TYPE ${quoteIdent(name)} AS ENUM (${ENUM_TYPES[name].map((v) => quoteLiteral(v)).join(', ')})`;
}

export function insertSchemaVersionSql(): string {
  return `INSERT INTO "schema" ("version", "name") VALUES (${quoteLiteral(SCHEMA_VERSION)}, '')`;
}
