/**
 * `oar-sched round`: one meta-scheduler round on an OAR database, OAR's `kao` (point OAR's
 * `META_SCHED_CMD` at it). Exit codes are OAR's: 0 done, 1 an acknowledged reservation starts now
 * (run another round), 2 besteffort jobs must be killed first; anything else means the round
 * failed and wrote nothing (10: configuration, database or lock; 3: internal error).
 */
import { OarSchedError, type PluginRegistry, type SchedulerConfig } from '@oar-sched/core';
import { openDatabase, runDbRound, type DbRoundResult } from '@oar-sched/db';
import { cwdOf, envOf, stderrLogger, userPath, type CliIo } from '../io.js';
import { peakMemoryBytes, processPhasesUntilNow } from '../process-timing.js';
import type { OarConfSettings } from '../config/oar-conf.js';
import type { ServedRoundContext } from '../serve/served-round.js';
import { createSchedulerSetup, type SchedulerSetup, type SetupSource } from '../setup.js';
import { databaseTarget, layeredExtraMetasched, layeredSchedulerConfig, parseEpoch, readOarConfOption } from './database-target.js';

export interface RoundCommandOptions {
  readonly db?: string;
  readonly now?: string;
  readonly oarConf?: string;
  readonly config?: string;
  readonly json?: boolean;
  readonly notify?: boolean;
  readonly lockTimeout?: string;
  /** Write OpenMetrics text here after the round (atomically). */
  readonly metrics?: string;
}

export interface RoundSettings {
  readonly setup: SchedulerSetup;
  readonly config: SchedulerConfig;
  readonly extraMetasched: { readonly name: string; readonly config: string } | undefined;
  readonly oarConf: OarConfSettings | undefined;
}

/**
 * Everything a round decides before it opens the database: the oar.conf, the setup (config file
 * and plugins) and the layered scheduler configuration, checked. `oar-sched serve` runs it when it
 * starts, so that a broken configuration stops the server there rather than at its first round.
 */
export async function roundSettings(options: Pick<RoundCommandOptions, 'oarConf' | 'config'>, io: CliIo, setupFrom: SetupSource = createSchedulerSetup): Promise<RoundSettings> {
  const oarConf = readOarConfOption(options, (p) => userPath(io, p), envOf(io));
  const setup = await setupFrom({ configFile: options.config !== undefined ? userPath(io, options.config) : undefined, cwd: cwdOf(io), logger: stderrLogger(io) });
  const config = layeredSchedulerConfig(setup, oarConf);
  const extraMetasched = layeredExtraMetasched(setup, oarConf);
  assertHook(setup.registry, extraMetasched, oarConf?.file);
  return { setup, config, extraMetasched, oarConf };
}

/** `served`: the round runs inside `oar-sched serve`, with its warm setup (serve/served-round.ts). */
export async function roundCommand(options: RoundCommandOptions, io: CliIo, served?: ServedRoundContext): Promise<number> {
  const now = options.now === undefined ? undefined : parseEpoch(options.now, '--now');
  const lockTimeoutMs = options.lockTimeout === undefined ? undefined : parseEpoch(options.lockTimeout, '--lock-timeout') * 1000;
  const logger = stderrLogger(io);
  const { setup, config, extraMetasched, oarConf } = await roundSettings(options, io, served?.setup);
  const target = databaseTarget(options, setup, oarConf, cwdOf(io), envOf(io));
  const db = await openDatabase(target.url, { baseDir: target.baseDir, create: false });
  let notifier: import('@oar-sched/notify').Notifier | undefined;
  try {
    if (options.notify !== false) {
      const { OarNotifier } = await import('@oar-sched/notify');
      // Failed notifications come back as the round's warnings: the notifier itself stays quiet.
      notifier = new OarNotifier(oarConf?.notify ?? {}, { logger: { warn: () => {} } });
    }
    // Hook timing wraps the taps only when metrics are asked for: a plain round runs them as they are.
    const timings = options.metrics !== undefined ? (await import('../metrics/hook-timing.js')).timeHooks(setup.registry) : undefined;
    const processPhases = served ? served.processPhases() : processPhasesUntilNow();
    const round = await runDbRound(db, { config, registry: setup.registry, extraMetasched, now, notifier, lockTimeoutMs, logger, onCommitted: served?.onCommitted });
    const phases: Phases = { ...processPhases, ...round.phases };
    report(round, phases, io, options.json === true, config.timezone);
    if (options.metrics !== undefined) {
      // The round is committed by now: a metrics file that cannot be written is a warning, not a failed round.
      try {
        await writeMetrics(userPath(io, options.metrics), round, phases, timings!.values(), db);
      } catch (e) {
        io.err(`oar-sched: warning: --metrics ${options.metrics}: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
    return round.exitCode;
  } finally {
    await notifier?.close();
    await db.close();
  }
}

async function writeMetrics(file: string, round: DbRoundResult, phases: Phases, timings: Iterable<import('../metrics/hook-timing.js').HookTiming>, db: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  const { formatOpenMetrics, writeAtomically } = await import('../metrics/openmetrics.js');
  const { roundMetrics } = await import('../metrics/round-metrics.js');
  const killed = round.actions.killed.length === 0 ? [] : await db.kysely.selectFrom('jobs').select(['job_id', 'queue_name']).where('job_id', 'in', [...round.actions.killed]).execute();
  writeAtomically(file, formatOpenMetrics(roundMetrics(round, phases, peakMemoryBytes(), timings, new Map(killed.map((r) => [Number(r.job_id), String(r.queue_name)])))));
}

/** The round's phases, after the process's own (start, load) when the binary runs it (ms). */
type Phases = Readonly<Record<string, number>>;

function report(round: DbRoundResult, phases: Phases, io: CliIo, json: boolean, timeZone: string): void {
  const when = minuteIn(round.now, timeZone);
  for (const g of round.groups) {
    io.err(`oar-sched: round ${when} ${g.queues.join(',')}: ${g.waiting} waiting, ${g.planned} planned, ${g.launched} launched\n`);
  }
  const kills = round.actions.killed.length;
  io.err(`oar-sched: exit ${round.exitCode}${kills > 0 ? ` (${kills} besteffort job${kills === 1 ? '' : 's'} to kill first)` : round.exitCode === 1 ? ' (a reservation starts now: run another round)' : ''}\n`);
  if (json) {
    const { gantt, operations, launched, killed } = round.actions;
    io.out(`${JSON.stringify({ now: round.now, exitCode: round.exitCode, groups: round.groups, gantt: gantt.map(withIdArray), operations: operations.map((o) => (o.op === 'launch' ? withIdArray(o) : o)), launched, killed, warnings: round.warnings, phases, peakMemoryBytes: peakMemoryBytes() }, null, 2)}\n`);
  }
}

/** `YYYY-MM-DD HH:MM` in the zone; UTC (the default) without Intl, whose first use costs a process about 10 ms. */
function minuteIn(epoch: number, timeZone: string): string {
  const date = new Date(epoch * 1000);
  if (timeZone === 'UTC') return date.toISOString().slice(0, 16).replace('T', ' ');
  return date.toLocaleString('sv-SE', { timeZone }).slice(0, 16);
}

/** `resourceIds` as a JSON array of ids (the round carries an interval set, whose JSON is its text `"1-16 22"`). */
function withIdArray<T extends { readonly resourceIds: Iterable<number> }>(value: T): Omit<T, 'resourceIds'> & { resourceIds: number[] } {
  return { ...value, resourceIds: Array.from(value.resourceIds) };
}

function assertHook(registry: PluginRegistry, hook: { name: string } | undefined, oarConfFile: string | undefined): void {
  if (hook && !registry.has('extraMetasched', hook.name)) {
    throw new OarSchedError(
      'CONFIG_INVALID',
      `${oarConfFile ?? 'the configuration'}: EXTRA_METASCHED: no plugin provides an extraMetasched hook named "${hook.name}"`,
      'install the plugin that provides it, or set EXTRA_METASCHED="default"',
    );
  }
}
