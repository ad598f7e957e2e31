/**
 * `oar-sched db import`: a scenario written as OAR rows, the way `oarsub` and the server would
 * have written them (`importSnapshot`). The scenario is validated first: an invalid one writes
 * nothing (not even a new SQLite file). The scheduler configuration has no place in OAR's database:
 * `--write-config FILE` saves the scenario's `config` as a config file's `scheduler` section, for
 * `round --config FILE`.
 */
import { writeFileSync } from 'node:fs';
import { importSnapshot, openDatabase } from '@oar-sched/db';
import { loadScenarioFile, parseScenario, type LoadedScenario } from '@oar-sched/scenario';
import { cwdOf, envOf, userPath, type CliIo } from '../io.js';
import { databaseTarget, readOarConfOption } from './database-target.js';

export interface DbImportOptions {
  readonly scenario: string;
  readonly db?: string;
  readonly oarConf?: string;
  readonly writeConfig?: string;
}

export async function dbImportCommand(options: DbImportOptions, io: CliIo): Promise<number> {
  const scenario: LoadedScenario =
    options.scenario === '-'
      ? parseScenario(await (io.readStdin?.() ?? Promise.resolve('')), '<stdin>')
      : loadScenarioFile(userPath(io, options.scenario));
  const oarConf = readOarConfOption(options, (p) => userPath(io, p), envOf(io));
  const target = databaseTarget(options, undefined, oarConf, cwdOf(io), envOf(io));
  const db = await openDatabase(target.url, { baseDir: target.baseDir });
  try {
    const report = await importSnapshot(db, scenario.snapshot);
    io.out(
      `${db.location.display}: imported ${options.scenario === '-' ? '<stdin>' : options.scenario}: ${report.queues} queues, ${report.resources} resources, ${report.jobs} jobs` +
        `${report.columns.length > 0 ? `; property columns added: ${report.columns.join(', ')}` : ''}\n`,
    );
    for (const note of report.notes) io.err(`oar-sched: note: ${note}\n`);
    if (options.writeConfig !== undefined) {
      writeSchedulerConfig(userPath(io, options.writeConfig), scenario.snapshot.config);
      io.out(`${options.writeConfig}: the scenario's config, for oar-sched round --config ${options.writeConfig}\n`);
    } else {
      io.err("oar-sched: note: the scenario's config (hierarchy labels, security time, …) is not stored in the database: --write-config FILE saves it for round --config FILE\n");
    }
    return 0;
  } finally {
    await db.close();
  }
}

/** A config file (`oar.config.json` format) whose `scheduler` section is `config`. */
export function writeSchedulerConfig(file: string, config: object): void {
  writeFileSync(file, `${JSON.stringify({ scheduler: config }, null, 2)}\n`);
}
