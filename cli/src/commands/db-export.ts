/**
 * `oar-sched db export`: the scheduler's view of an OAR database as a scenario file — exactly the
 * snapshot a round would read at that time (`readRoundInput`, in one transaction), with the
 * layered scheduler configuration (defaults → oar.conf → config file) as the scenario's `config`.
 * `schedule --scenario` on the export then gives the plan `round` would make on the database.
 */
import { writeFileSync } from 'node:fs';
import { openDatabase, readRoundInput } from '@oar-sched/db';
import { snapshotToScenario } from '@oar-sched/scenario';
import { cwdOf, envOf, stderrLogger, userPath, type CliIo } from '../io.js';
import { createSchedulerSetup } from '../setup.js';
import { databaseTarget, layeredSchedulerConfig, parseEpoch, readOarConfOption } from './database-target.js';

export interface DbExportOptions {
  readonly db?: string;
  readonly oarConf?: string;
  readonly config?: string;
  readonly now?: string;
  readonly out?: string;
}

export async function dbExportCommand(options: DbExportOptions, io: CliIo): Promise<number> {
  const now = options.now === undefined ? undefined : parseEpoch(options.now, '--now');
  const oarConf = readOarConfOption(options, (p) => userPath(io, p), envOf(io));
  const setup = await createSchedulerSetup({ configFile: options.config !== undefined ? userPath(io, options.config) : undefined, cwd: cwdOf(io), logger: stderrLogger(io) });
  const config = layeredSchedulerConfig(setup, oarConf);
  const target = databaseTarget(options, setup, oarConf, cwdOf(io), envOf(io));
  const db = await openDatabase(target.url, { baseDir: target.baseDir, create: false });
  try {
    const snapshot = await db.transaction(async (tx) => (await readRoundInput(tx, config, now ?? (await tx.clock()))).snapshot);
    const scenario = snapshotToScenario(snapshot, { note: `exported from ${db.location.display} by oar-sched db export` });
    const text = `${JSON.stringify(scenario, null, 1)}\n`;
    if (options.out !== undefined) {
      const file = userPath(io, options.out);
      writeFileSync(file, text);
      io.err(`oar-sched: wrote ${options.out}: ${snapshot.resources.length} resources, ${snapshot.queues.length} queues, ${snapshot.jobs.length} jobs, now ${snapshot.now}\n`);
    } else {
      io.out(text);
    }
    return 0;
  } finally {
    await db.close();
  }
}
