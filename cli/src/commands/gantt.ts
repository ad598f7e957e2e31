/**
 * `oar-sched gantt`: runs one round on a scenario or on a database's current state and writes the
 * plan as one self-contained HTML page (@oar-sched/gantt): resources × time on a canvas, zoom and
 * pan, a tooltip per job. Observation only: a database is read in a transaction that is always
 * rolled back (property filters are evaluated by the database, as in `round`), nothing is sent.
 */
import './zod-mode.js'; // first: before any schema is built
import { writeFileSync } from 'node:fs';
import { runRound, type RoundResult, type Snapshot } from '@oar-sched/core';
import { ganttData, ganttHtml } from '@oar-sched/gantt';
import { cwdOf, stderrLogger, userPath, type CliIo } from '../io.js';
import { createSchedulerSetup, type SchedulerSetup } from '../setup.js';
import { UsageError } from '../usage-error.js';
import { parseEpoch } from './database-target.js';
import { docPath } from '../docs-path.js';

export interface GanttCommandOptions {
  readonly db?: string;
  readonly scenario?: string;
  readonly now?: string;
  readonly oarConf?: string;
  readonly config?: string;
  readonly out?: string;
  readonly title?: string;
}

const ganttExample = (io: CliIo) => `oar-sched gantt --scenario ${docPath('demo/demo-cluster.json', cwdOf(io))} --out gantt.html`;

export async function ganttCommand(options: GanttCommandOptions, io: CliIo): Promise<number> {
  if ((options.db === undefined) === (options.scenario === undefined)) {
    throw new UsageError(
      options.db === undefined ? 'gantt: give the plan to draw: --scenario FILE or --db URL' : 'gantt: --scenario and --db are exclusive',
      ganttExample(io),
    );
  }
  if (options.out === undefined || options.out === '') {
    throw new UsageError('gantt: --out FILE is required (the HTML page to write)', ganttExample(io));
  }
  const now = options.now === undefined ? undefined : parseEpoch(options.now, '--now');
  const setup = await createSchedulerSetup({ configFile: options.config !== undefined ? userPath(io, options.config) : undefined, cwd: cwdOf(io), logger: stderrLogger(io) });
  const started = performance.now();
  const { snapshot, result, source, warnings } =
    options.scenario !== undefined ? await fromScenario(options.scenario, now, setup, io) : await fromDatabase(options, now, setup, io);
  const roundMs = performance.now() - started;
  const data = ganttData(snapshot, { decisions: result.decisions, warnings: [...warnings, ...result.warnings] }, { title: options.title ?? `oar-sched gantt: ${source}`, source });
  const html = ganttHtml(data);
  writeFileSync(userPath(io, options.out), html);
  for (const warning of data.warnings) io.err(`oar-sched: warning: ${warning}\n`);
  io.err(
    `oar-sched: wrote ${options.out}: ${data.bars.length} job bars (${data.bars.filter((b) => b.kind === 'running').length} running), ` +
      `${data.unplanned.length} not planned, ${data.resourceIds.length} resources; round ${Math.round(roundMs)} ms, ${(html.length / 1024).toFixed(0)} KiB\n`,
  );
  return 0;
}

interface Planned {
  readonly snapshot: Snapshot;
  readonly result: RoundResult;
  readonly source: string;
  readonly warnings: readonly string[];
}

async function fromScenario(file: string, now: number | undefined, setup: SchedulerSetup, io: CliIo): Promise<Planned> {
  const { scenarioRound } = await import('./read-only-round.js');
  const { snapshot, roundOptions, source, warnings } = await scenarioRound(file, now, setup, io);
  return { snapshot, result: await runRound(snapshot, setup.registry, roundOptions), source, warnings };
}

async function fromDatabase(options: GanttCommandOptions, now: number | undefined, setup: SchedulerSetup, io: CliIo): Promise<Planned> {
  const { withReadOnlyRound } = await import('./read-only-round.js');
  return withReadOnlyRound(options, now, setup, io, async ({ snapshot, roundOptions, source }) => ({
    snapshot,
    // Property changes of an extraMetasched hook stay in this round's memory: nothing is written.
    result: await runRound(snapshot, setup.registry, roundOptions),
    source,
    warnings: [],
  }));
}
