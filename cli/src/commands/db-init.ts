/** `oar-sched db init`: creates OAR 3's schema in a new database, or upgrades an older one (`--migrate`). */
import { initSchema, migrateSchema, openDatabase } from '@oar-sched/db';
import { cwdOf, envOf, userPath, type CliIo } from '../io.js';
import { databaseTarget, readOarConfOption } from './database-target.js';

export interface DbInitOptions {
  readonly db?: string;
  readonly oarConf?: string;
  readonly migrate?: boolean;
}

export async function dbInitCommand(options: DbInitOptions, io: CliIo): Promise<number> {
  const oarConf = readOarConfOption(options, (p) => userPath(io, p), envOf(io));
  const target = databaseTarget(options, undefined, oarConf, cwdOf(io), envOf(io));
  const db = await openDatabase(target.url, { baseDir: target.baseDir });
  try {
    const report = options.migrate ? await migrateSchema(db) : await initSchema(db);
    if (report.changes.length === 0) io.out(`${db.location.display}: OAR schema ${report.version} already in place, nothing to do\n`);
    for (const change of report.changes) io.out(`${db.location.display}: ${change.kind} ${change.table ? `${change.table}.` : ''}${change.name}\n`);
    for (const note of report.notes) io.err(`oar-sched: note: ${note}\n`);
    return 0;
  } finally {
    await db.close();
  }
}
