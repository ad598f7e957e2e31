/**
 * `oar-sched explain JOB`: why one job is planned where it is, or not at all. Runs the engine on
 * a scenario file or on a database snapshot, exactly as `schedule`/`round` would, and reads the
 * answer off the round through its observation hooks (../explain/). On a database it only reads:
 * the round runs inside a transaction that is always rolled back (property filters are evaluated
 * by the database, as in `round`), no message, state or plan is written — OAR's job messages
 * keep their exact format.
 */
import './zod-mode.js'; // first: before any schema is built
import { OarSchedError, roleOf, type RoundOptions, type Snapshot } from '@oar-sched/core';
import { explainJob } from '../explain/explain-job.js';
import { formatExplanation } from '../explain/format-explanation.js';
import { observeRound, type ObservedRound } from '../explain/observe-round.js';
import { cwdOf, stderrLogger, userPath, type CliIo } from '../io.js';
import { createSchedulerSetup, type SchedulerSetup } from '../setup.js';
import { UsageError } from '../usage-error.js';
import { parseEpoch } from './database-target.js';
import { dateFormatter } from './table-format.js';

export interface ExplainCommandOptions {
  readonly db?: string;
  readonly scenario?: string;
  readonly now?: string;
  readonly json?: boolean;
  readonly config?: string;
  readonly oarConf?: string;
}

interface Explained {
  readonly snapshot: Snapshot;
  readonly observed: ObservedRound;
  readonly source: string;
}

export async function explainCommand(jobText: string, options: ExplainCommandOptions, io: CliIo): Promise<number> {
  if (!/^\d+$/.test(jobText) || Number(jobText) < 1) throw new UsageError(`explain: JOB must be a job id (a whole number ≥ 1), got "${jobText}"`);
  // Without --scenario the database comes from --db, the config file, OAR_DB_URL or the oar.conf, as for `round`.
  if (options.db !== undefined && options.scenario !== undefined) throw new UsageError('explain: give --db or --scenario, not both');
  const jobId = Number(jobText);
  const configFile = options.config !== undefined ? userPath(io, options.config) : undefined;
  const setup = await createSchedulerSetup({ configFile, cwd: cwdOf(io), logger: stderrLogger(io) });
  const explained = options.scenario !== undefined ? await fromScenario(options, setup, jobId, io) : await fromDatabase(options, setup, jobId, io);
  if (!explained) return 0;
  const { snapshot, observed, source } = explained;
  const record = snapshot.jobs.find((j) => j.id === jobId)!;
  const policy = policyName(snapshot);
  const explanation = explainJob(snapshot, observed, record, source, policy);
  if (options.json) io.out(`${JSON.stringify(explanation, null, 2)}\n`);
  else io.out(formatExplanation(explanation, dateFormatter(snapshot.config.timezone, source)));
  return 0;
}

function policyName(snapshot: Snapshot): string {
  const s = snapshot.config.sorting;
  return s.policy === 'CUSTOM' ? s.custom!.name : s.policy;
}

function unknownJob(jobId: number, source: string): UsageError {
  return new UsageError(`explain: job ${jobId} is not in ${source}`, 'check the job id (oarstat lists the jobs of a database)');
}

async function fromScenario(options: ExplainCommandOptions, setup: SchedulerSetup, jobId: number, io: CliIo): Promise<Explained> {
  const { scenarioRound } = await import('./read-only-round.js');
  const now = options.now !== undefined ? parseEpoch(options.now, '--now') : undefined;
  const { snapshot, roundOptions, source } = await scenarioRound(options.scenario!, now, setup, io);
  if (!snapshot.jobs.some((j) => j.id === jobId)) throw unknownJob(jobId, source);
  return { snapshot, observed: await observe(snapshot, setup, jobId, roundOptions), source };
}

async function fromDatabase(options: ExplainCommandOptions, setup: SchedulerSetup, jobId: number, io: CliIo): Promise<Explained | undefined> {
  const { withReadOnlyRound } = await import('./read-only-round.js');
  const now = options.now !== undefined ? parseEpoch(options.now, '--now') : undefined;
  const { explained, state, source } = await withReadOnlyRound(options, now, setup, io, async ({ tx, snapshot, roundOptions, source }) => {
    if (snapshot.jobs.some((j) => j.id === jobId && roleOf(j) !== 'inert')) {
      return { explained: { snapshot, observed: await observe(snapshot, setup, jobId, roundOptions), source }, state: undefined, source };
    }
    const row = await tx.kysely.selectFrom('jobs').select(['state']).where('job_id', '=', jobId).executeTakeFirst();
    return { explained: undefined, state: row?.state, source };
  });
  if (explained) return explained;
  if (state === undefined) throw unknownJob(jobId, source);
  io.out(options.json ? `${JSON.stringify({ source, job: { id: jobId, state }, status: 'not-waiting' }, null, 2)}\n` : `Job ${jobId} (${source}): not waiting: state ${state}; nothing to decide this round\n`);
  return undefined;
}

async function observe(snapshot: Snapshot, setup: SchedulerSetup, jobId: number, roundOptions: RoundOptions): Promise<ObservedRound> {
  return observeRound(snapshot, setup.registry, jobId, roundOptions, policyName(snapshot));
}

