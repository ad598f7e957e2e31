/**
 * What a database actually has: tables, columns, indexes (and PostgreSQL enum types), read from the
 * catalog (SQLite `sqlite_master` and the `pragma_*` table functions, PostgreSQL
 * `information_schema` and `pg_catalog`, limited to the current schema). OAR's `resources` table
 * changes at run time, so nothing here assumes a column list.
 */
import { sql } from 'kysely';
import type { Db } from '../connection.js';

/** How values of a column compare and come back: numbers (integer, real) or strings (text). */
export type TypeClass = 'integer' | 'real' | 'text' | 'other';

export interface ColumnInfo {
  readonly name: string;
  /** As the catalog spells it: SQLite the declared type (`VARCHAR(255)`), PostgreSQL e.g. `character varying(255)`, `integer`, `job_state`. */
  readonly sqlType: string;
  readonly typeClass: TypeClass;
  readonly notNull: boolean;
  /** The default expression as the catalog shows it, or null. */
  readonly default: string | null;
  readonly primaryKey: boolean;
}

export interface IndexInfo {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** The index backing the primary key (SQLite `sqlite_autoindex_*`, PostgreSQL `*_pkey`). */
  readonly primaryKey: boolean;
}

export interface TableInfo {
  readonly name: string;
  readonly columns: readonly ColumnInfo[];
  readonly indexes: readonly IndexInfo[];
}

export interface EnumTypeInfo {
  readonly name: string;
  readonly labels: readonly string[];
}

export interface SchemaInfo {
  /** Sorted by name. */
  readonly tables: readonly TableInfo[];
  /** PostgreSQL enum types of the current schema, sorted by name (always empty on SQLite). */
  readonly enumTypes: readonly EnumTypeInfo[];
}

/** SQLite's type affinity rules (§3.1 of its datatype page), applied to PostgreSQL names too. */
export function typeClassOf(sqlType: string, isEnum = false): TypeClass {
  if (isEnum) return 'text';
  const t = sqlType.toLowerCase();
  if (t.includes('int') || t.includes('serial')) return 'integer';
  if (t.includes('char') || t.includes('clob') || t.includes('text')) return 'text';
  if (t.includes('real') || t.includes('floa') || t.includes('doub') || t.includes('numeric') || t.includes('decimal')) return 'real';
  return 'other';
}

export async function listTables(db: Db): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' order by name`.execute(db.kysely);
    return rows.map((r) => r.name);
  }
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db.kysely);
  return rows.map((r) => r.name);
}

export async function listEnumTypes(db: Db): Promise<EnumTypeInfo[]> {
  if (db.dialect === 'sqlite') return [];
  const { rows } = await sql<{ name: string; labels: string[] }>`
    select t.typname as name, array_agg(e.enumlabel::text order by e.enumsortorder)::text[] as labels
    from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
    where n.nspname = current_schema() group by t.typname order by t.typname`.execute(db.kysely);
  return rows.map((r) => ({ name: r.name, labels: r.labels }));
}

/** The columns of a table in their order; empty when the table does not exist. */
export async function tableColumns(db: Db, table: string): Promise<ColumnInfo[]> {
  return (await columnsByTable(db, table)).get(table) ?? [];
}

/** The indexes of a table (primary-key indexes flagged), sorted by name. */
export async function tableIndexes(db: Db, table: string): Promise<IndexInfo[]> {
  return (await indexesByTable(db, table)).get(table) ?? [];
}

/** Everything above for every table: the structural picture migrateSchema works from. */
export async function readSchema(db: Db): Promise<SchemaInfo> {
  const names = await listTables(db);
  const columns = await columnsByTable(db, undefined);
  const indexes = await indexesByTable(db, undefined);
  return {
    tables: names.map((name) => ({ name, columns: columns.get(name) ?? [], indexes: indexes.get(name) ?? [] })),
    enumTypes: await listEnumTypes(db),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

/** Columns of one table, or of every table (PostgreSQL: one catalog query, not one per table). */
async function columnsByTable(db: Db, only: string | undefined): Promise<Map<string, ColumnInfo[]>> {
  if (db.dialect === 'sqlite') {
    const out = new Map<string, ColumnInfo[]>();
    for (const table of only === undefined ? await listTables(db) : [only]) {
      const { rows } = await sql<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>`
        select name, type, "notnull", dflt_value, pk from pragma_table_info(${table}) order by cid`.execute(db.kysely);
      if (rows.length > 0) {
        out.set(table, rows.map((r) => ({ name: r.name, sqlType: r.type, typeClass: typeClassOf(r.type), notNull: r.notnull === 1, default: r.dflt_value, primaryKey: r.pk > 0 })));
      }
    }
    return out;
  }
  const { rows } = await sql<{ table_name: string; name: string; data_type: string; udt_name: string; length: number | null; is_nullable: string; column_default: string | null }>`
    select table_name, column_name as name, data_type, udt_name, character_maximum_length as length, is_nullable, column_default
    from information_schema.columns
    where table_schema = current_schema() and (${only ?? null}::text is null or table_name = ${only ?? null}::text)
    order by table_name, ordinal_position`.execute(db.kysely);
  const keys = await sql<{ table_name: string; column_name: string }>`
    select t.relname as table_name, a.attname::text as column_name
    from pg_index ix
    join pg_class t on t.oid = ix.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    join pg_attribute a on a.attrelid = t.oid and a.attnum = any(ix.indkey)
    where ix.indisprimary and n.nspname = current_schema()`.execute(db.kysely);
  const primary = new Set(keys.rows.map((k) => `${k.table_name}.${k.column_name}`));
  const enums = new Set((await listEnumTypes(db)).map((e) => e.name));
  const columns = rows.map((r) => {
    const sqlType = r.data_type === 'USER-DEFINED' ? r.udt_name : r.length !== null ? `${r.data_type}(${r.length})` : r.data_type;
    const info: ColumnInfo = {
      name: r.name,
      sqlType,
      typeClass: typeClassOf(sqlType, r.data_type === 'USER-DEFINED' && enums.has(r.udt_name)),
      notNull: r.is_nullable === 'NO',
      default: r.column_default,
      primaryKey: primary.has(`${r.table_name}.${r.name}`),
    };
    return { table: r.table_name, info };
  });
  return new Map([...groupBy(columns, (c) => c.table)].map(([table, list]) => [table, list.map((c) => c.info)]));
}

async function indexesByTable(db: Db, only: string | undefined): Promise<Map<string, IndexInfo[]>> {
  if (db.dialect === 'sqlite') {
    const out = new Map<string, IndexInfo[]>();
    for (const table of only === undefined ? await listTables(db) : [only]) {
      const { rows } = await sql<{ name: string; unique: number; origin: string }>`select name, "unique", origin from pragma_index_list(${table}) order by name`.execute(db.kysely);
      const list: IndexInfo[] = [];
      for (const r of rows) {
        const cols = await sql<{ name: string }>`select name from pragma_index_info(${r.name}) order by seqno`.execute(db.kysely);
        list.push({ name: r.name, columns: cols.rows.map((c) => c.name), unique: r.unique === 1, primaryKey: r.origin === 'pk' });
      }
      out.set(table, list);
    }
    return out;
  }
  const { rows } = await sql<{ table_name: string; name: string; unique: boolean; primary: boolean; columns: string[] }>`
    select t.relname as table_name, i.relname as name, ix.indisunique as unique, ix.indisprimary as primary,
      array(
        select a.attname::text from unnest(ix.indkey) with ordinality as k(attnum, ord)
        join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.ord
      )::text[] as columns
    from pg_index ix
    join pg_class t on t.oid = ix.indrelid
    join pg_class i on i.oid = ix.indexrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and (${only ?? null}::text is null or t.relname = ${only ?? null}::text)
    order by t.relname, i.relname`.execute(db.kysely);
  const list = rows.map((r) => ({ table: r.table_name, info: { name: r.name, columns: r.columns, unique: r.unique, primaryKey: r.primary } }));
  return new Map([...groupBy(list, (i) => i.table)].map(([table, l]) => [table, l.map((i) => i.info)]));
}

/**
 * A complete, comparable text dump of the schema's definitions: SQLite's own DDL for every table and
 * index (`sqlite_master`), PostgreSQL's columns (type, nullability, default), constraints
 * (`pg_get_constraintdef`: keys and CHECK lists), index definitions and enum types. Two databases
 * with the same dump have the same structure. Sorted, one line per item.
 */
export async function dumpSchema(db: Db): Promise<string[]> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
      select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite\\_%' escape '\\' order by type, name`.execute(db.kysely);
    return rows.map((r) => `${r.type} ${r.tbl_name}.${r.name}: ${r.sql ?? '(automatic)'}`).sort();
  }
  const lines: string[] = [];
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; udt_name: string; length: number | null; is_nullable: string; column_default: string | null }>`
    select table_name, column_name, data_type, udt_name, character_maximum_length as length, is_nullable, column_default
    from information_schema.columns where table_schema = current_schema()`.execute(db.kysely);
  for (const c of columns.rows) {
    lines.push(`column ${c.table_name}.${c.column_name}: ${c.data_type === 'USER-DEFINED' ? c.udt_name : c.data_type}${c.length === null ? '' : `(${c.length})`} ${c.is_nullable === 'NO' ? 'NOT NULL' : 'NULL'} DEFAULT ${c.column_default ?? '-'}`);
  }
  const constraints = await sql<{ table_name: string; name: string; def: string }>`
    select t.relname as table_name, c.conname as name, pg_get_constraintdef(c.oid) as def
    from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema()`.execute(db.kysely);
  for (const c of constraints.rows) lines.push(`constraint ${c.table_name}.${c.name}: ${c.def}`);
  const indexes = await sql<{ tablename: string; indexname: string; indexdef: string }>`
    select tablename, indexname, indexdef from pg_indexes where schemaname = current_schema()`.execute(db.kysely);
  for (const i of indexes.rows) lines.push(`index ${i.tablename}.${i.indexname}: ${i.indexdef}`);
  for (const e of await listEnumTypes(db)) lines.push(`type ${e.name}: enum(${e.labels.join(', ')})`);
  return lines.sort();
}
