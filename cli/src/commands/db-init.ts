/** `oar-sched db init`: creates OAR 3's schema in a new database, or upgrades an older one (`--migrate`). */
import { initSchema, migrateSchema, openDatabase, type SchemaChange, type SchemaReport } from '@oar-sched/db';
import { cwdOf, envOf, userPath, type CliIo } from '../io.js';
import { databaseTarget, readOarConfOption } from './database-target.js';

export interface DbInitOptions {
  readonly db?: string;
  readonly oarConf?: string;
  readonly migrate?: boolean;
  readonly verbose?: boolean;
}

/** Up to this many changes are listed one per line without --verbose (a migration's few); more are only counted (a new schema's 80). */
const LISTED_CHANGES = 12;

export async function dbInitCommand(options: DbInitOptions, io: CliIo): Promise<number> {
  const oarConf = readOarConfOption(options, (p) => userPath(io, p), envOf(io));
  const target = databaseTarget(options, undefined, oarConf, cwdOf(io), envOf(io));
  const db = await openDatabase(target.url, { baseDir: target.baseDir });
  try {
    const report = options.migrate ? await migrateSchema(db) : await initSchema(db);
    io.out(describeSchemaChanges(db.location.display, report, options.verbose === true));
    for (const note of report.notes) io.err(`oar-sched: note: ${note}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

const NOUNS: Readonly<Record<Exclude<SchemaChange['kind'], 'insert-version'>, readonly [string, string]>> = {
  'create-type': ['type', 'types'],
  'create-table': ['table', 'tables'],
  'add-column': ['column', 'columns'],
  'create-index': ['index', 'indexes'],
};

/** What `db init` did, for people: a count per kind, then each change when they are few (or `verbose`). */
export function describeSchemaChanges(database: string, report: SchemaReport, verbose: boolean): string {
  const version = report.version ?? '(no version row)';
  const changes = report.changes.filter((c): c is SchemaChange & { kind: keyof typeof NOUNS } => c.kind !== 'insert-version');
  if (changes.length === 0) {
    return report.changes.length === 0
      ? `${database}: OAR schema ${version} already in place, nothing to do\n`
      : `${database}: OAR schema ${version}: version recorded\n`;
  }
  const counts = (Object.keys(NOUNS) as (keyof typeof NOUNS)[])
    .map((kind) => [kind, changes.filter((c) => c.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${NOUNS[kind][n === 1 ? 0 : 1]}`);
  let out = `${database}: OAR schema ${version}: added ${counts.join(', ')}\n`;
  if (verbose || changes.length <= LISTED_CHANGES) {
    for (const c of changes) out += `  ${NOUNS[c.kind][0]} ${c.table !== undefined && c.table !== c.name ? `${c.table}.` : ''}${c.name}\n`;
  } else {
    out += '  (--verbose lists them)\n';
  }
  return out;
}
