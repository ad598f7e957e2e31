/**
 * `oar-sched round`: one meta-scheduler round on an OAR database, OAR's `kao` (point OAR's
 * `META_SCHED_CMD` at it). Exit codes are OAR's: 0 done, 1 an acknowledged reservation starts now
 * (run another round), 2 besteffort jobs must be killed first; anything else means the round
 * failed and wrote nothing (10: configuration, database or lock; 3: internal error).
 */
import { OarSchedError, type PluginRegistry } from '@oar-sched/core';
import { openDatabase, runDbRound, type DbRoundResult } from '@oar-sched/db';
import { cwdOf, stderrLogger, userPath, type CliIo } from '../io.js';
import { createSchedulerSetup } from '../setup.js';
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

export async function roundCommand(options: RoundCommandOptions, io: CliIo): Promise<number> {
  const now = options.now === undefined ? undefined : parseEpoch(options.now, '--now');
  const lockTimeoutMs = options.lockTimeout === undefined ? undefined : parseEpoch(options.lockTimeout, '--lock-timeout') * 1000;
  const logger = stderrLogger(io);
  const oarConf = readOarConfOption(options, (p) => userPath(io, p));
  const setup = await createSchedulerSetup({ configFile: options.config !== undefined ? userPath(io, options.config) : undefined, cwd: cwdOf(io), logger });
  const config = layeredSchedulerConfig(setup, oarConf);
  const extraMetasched = layeredExtraMetasched(setup, oarConf);
  assertHook(setup.registry, extraMetasched, oarConf?.file);
  const target = databaseTarget(options, setup, oarConf, cwdOf(io));
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
    const round = await runDbRound(db, { config, registry: setup.registry, extraMetasched, now, notifier, lockTimeoutMs, logger });
    report(round, io, options.json === true, config.timezone);
    if (options.metrics !== undefined) {
      // The round is committed by now: a metrics file that cannot be written is a warning, not a failed round.
      try {
        await writeMetrics(userPath(io, options.metrics), round, timings!.values(), db);
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

async function writeMetrics(file: string, round: DbRoundResult, timings: Iterable<import('../metrics/hook-timing.js').HookTiming>, db: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  const { formatOpenMetrics, writeAtomically } = await import('../metrics/openmetrics.js');
  const { roundMetrics } = await import('../metrics/round-metrics.js');
  const killed = round.actions.killed.length === 0 ? [] : await db.kysely.selectFrom('jobs').select(['job_id', 'queue_name']).where('job_id', 'in', [...round.actions.killed]).execute();
  writeAtomically(file, formatOpenMetrics(roundMetrics(round, timings, new Map(killed.map((r) => [Number(r.job_id), String(r.queue_name)])))));
}

function report(round: DbRoundResult, io: CliIo, json: boolean, timeZone: string): void {
  const when = new Date(round.now * 1000).toLocaleString('sv-SE', { timeZone }).slice(0, 16);
  for (const g of round.groups) {
    io.err(`oar-sched: round ${when} ${g.queues.join(',')}: ${g.waiting} waiting, ${g.planned} planned, ${g.launched} launched\n`);
  }
  const kills = round.actions.killed.length;
  io.err(`oar-sched: exit ${round.exitCode}${kills > 0 ? ` (${kills} besteffort job${kills === 1 ? '' : 's'} to kill first)` : round.exitCode === 1 ? ' (a reservation starts now: run another round)' : ''}\n`);
  if (json) {
    const { gantt, operations, launched, killed } = round.actions;
    io.out(`${JSON.stringify({ now: round.now, exitCode: round.exitCode, groups: round.groups, gantt: gantt.map(withIdArray), operations: operations.map((o) => (o.op === 'launch' ? withIdArray(o) : o)), launched, killed, warnings: round.warnings, phases: round.phases }, null, 2)}\n`);
  }
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
