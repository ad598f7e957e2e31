/**
 * The database side of the commands that look at a round without making it (`explain`,
 * `gantt`): the command's database and layered configuration (database-target.ts), then one
 * transaction that is always rolled back, holding the snapshot a round would read at `now` and
 * the round options a real round uses (the extraMetasched hook, property filters evaluated by the
 * database). Whatever the engine or a hook does inside is undone: these commands never write.
 */
import type { Db } from '@oar-sched/db';
import type { RoundOptions, Snapshot } from '@oar-sched/core';
import { cwdOf, envOf, userPath, type CliIo } from '../io.js';
import type { SchedulerSetup } from '../setup.js';
import { databaseTarget, layeredExtraMetasched, layeredSchedulerConfig, readOarConfOption, type DatabaseTargetOptions } from './database-target.js';

export interface ReadOnlyRound {
  /** The open transaction (rolled back when `inspect` returns), for reads of its own. */
  readonly tx: Db;
  readonly snapshot: Snapshot;
  readonly roundOptions: RoundOptions;
  /** `database <url without password>`, for messages. */
  readonly source: string;
}

const ROLLBACK = Symbol('a read-only round never writes');

/** `now`: the round's time; default the database clock. Returns what `inspect` returned. */
export async function withReadOnlyRound<T>(
  options: DatabaseTargetOptions,
  now: number | undefined,
  setup: SchedulerSetup,
  io: CliIo,
  inspect: (round: ReadOnlyRound) => Promise<T>,
): Promise<T> {
  // Loaded here, not at the top: a scenario round needs no database driver.
  const { openDatabase, readRoundInput, sqlPropertyFilters } = await import('@oar-sched/db');
  const oarConf = readOarConfOption(options, (p) => userPath(io, p), envOf(io));
  const config = layeredSchedulerConfig(setup, oarConf);
  const target = databaseTarget(options, setup, oarConf, cwdOf(io), envOf(io));
  const db = await openDatabase(target.url, { baseDir: target.baseDir, create: false });
  const source = `database ${db.location.display}`;
  let result: { value: T } | undefined;
  try {
    await db.transaction(async (tx) => {
      const { snapshot } = await readRoundInput(tx, config, now ?? (await tx.clock()));
      const roundOptions: RoundOptions = { extraMetasched: layeredExtraMetasched(setup, oarConf), propertyFilters: sqlPropertyFilters(tx) };
      result = { value: await inspect({ tx, snapshot, roundOptions, source }) };
      throw ROLLBACK;
    });
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  } finally {
    await db.close();
  }
  return result!.value;
}

export interface ScenarioRound {
  readonly snapshot: Snapshot;
  readonly roundOptions: RoundOptions;
  /** `scenario <file as given>`, for messages. */
  readonly source: string;
  readonly warnings: readonly string[];
}

/** A scenario file's snapshot (at `now` when given, else the scenario's own) and the setup's round options. */
export async function scenarioRound(file: string, now: number | undefined, setup: SchedulerSetup, io: CliIo): Promise<ScenarioRound> {
  const { loadScenarioFile } = await import('@oar-sched/scenario');
  const scenario = loadScenarioFile(userPath(io, file), { schedulerDefaults: setup.config.schedulerInput });
  const snapshot = now === undefined ? scenario.snapshot : { ...scenario.snapshot, now };
  return { snapshot, roundOptions: setup.roundOptions, source: `scenario ${file}`, warnings: scenario.warnings };
}
