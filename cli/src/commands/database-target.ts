/**
 * What the database commands (`round`, `db …`, `demo`) share: where the database is and the
 * layered scheduler configuration (defaults → OAR's oar.conf → the config file).
 *
 * The database URL, first found: `--db`, the config file's `database.url`, the `OAR_DB_URL`
 * environment variable, the `DB_*` keys of the oar.conf. The oar.conf: `--oar-conf`, else the
 * `OARCONFFILE` environment variable (as OAR's own tools).
 */
import { dirname } from 'node:path';
import { mergeSchedulerConfig, OarSchedError, schedulerConfigSchema, formatZodIssues, type SchedulerConfig } from '@oar-sched/core';
import { readOarConf, type OarConfSettings } from '../config/oar-conf.js';
import type { CliEnv } from '../io.js';
import type { SchedulerSetup } from '../setup.js';

export interface DatabaseTargetOptions {
  readonly db?: string | undefined;
  readonly oarConf?: string | undefined;
}

export interface DatabaseTarget {
  readonly url: string;
  /** Folder a relative `sqlite:PATH` resolves against. */
  readonly baseDir: string;
  readonly oarConf: OarConfSettings | undefined;
}

export function readOarConfOption(options: DatabaseTargetOptions, resolvePath: (p: string) => string, env: CliEnv): OarConfSettings | undefined {
  const file = options.oarConf ?? env.OARCONFFILE;
  return file ? readOarConf(resolvePath(file)) : undefined;
}

export function databaseTarget(options: DatabaseTargetOptions, setup: SchedulerSetup | undefined, oarConf: OarConfSettings | undefined, cwd: string, env: CliEnv): DatabaseTarget {
  if (options.db) return { url: options.db, baseDir: cwd, oarConf };
  const fromFile = setup?.config.config.database?.url;
  if (fromFile) return { url: fromFile, baseDir: setup?.config.file ? dirname(setup.config.file) : cwd, oarConf };
  const fromEnv = env.OAR_DB_URL;
  if (fromEnv) return { url: fromEnv, baseDir: cwd, oarConf };
  if (oarConf?.dbUrl) return { url: oarConf.dbUrl, baseDir: dirname(oarConf.file), oarConf };
  throw new OarSchedError(
    'CONFIG_INVALID',
    'no database given',
    'pass --db sqlite:PATH or --db postgres://user@host/base, set database.url in the config file or OAR_DB_URL, or point --oar-conf at an oar.conf with DB_* keys',
  );
}

/** Defaults → oar.conf → the config file's `scheduler` section, validated. */
export function layeredSchedulerConfig(setup: SchedulerSetup, oarConf: OarConfSettings | undefined): SchedulerConfig {
  const merged = mergeSchedulerConfig(oarConf?.scheduler, setup.config.schedulerInput);
  const parsed = schedulerConfigSchema.safeParse(merged ?? {});
  if (!parsed.success) {
    const where = oarConf ? `${oarConf.file}${setup.config.file ? ` and ${setup.config.file}` : ''}` : (setup.config.file ?? 'the configuration');
    throw new OarSchedError('CONFIG_INVALID', `${where}: invalid scheduler configuration:\n${formatZodIssues(parsed.error.issues, 'scheduler')}`);
  }
  return parsed.data;
}

/** The hook to call: the config file's `extraMetasched`, else the oar.conf's `EXTRA_METASCHED`. */
export function layeredExtraMetasched(setup: SchedulerSetup, oarConf: OarConfSettings | undefined): { name: string; config: string } | undefined {
  return setup.roundOptions.extraMetasched ?? oarConf?.extraMetasched;
}

/** A `--now`-like option: a whole number of seconds. */
export function parseEpoch(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new OarSchedError('CONFIG_INVALID', `${flag}: expected a whole number of seconds, got "${text}"`);
  return Number(text);
}
