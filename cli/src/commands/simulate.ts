/**
 * `oar-sched simulate`: replays an SWF workload trace on a cluster description with a virtual
 * clock, one round per event (cli/src/simulate/engine.ts), and reports waits, slowdown,
 * utilisation and makespan per config; with `--vs`, two configs side by side, each in its own
 * worker thread. Malformed trace lines are listed (capped) and skipped, or stop the run with
 * `--strict` (exit 2).
 */
import './zod-mode.js'; // first: before any schema is built
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_OK, EXIT_USER_ERROR } from '../exit-codes.js';
import { cwdOf, userPath, type CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { formatReports } from '../simulate/format-report.js';
import { Progress } from '../simulate/progress.js';
import { runConfig, type ConfigRunInput, type ConfigRunOutput } from '../simulate/run-config.js';
import { formatProblems, parseSwf } from '../simulate/swf.js';
import { SIMULATE_EXAMPLE, SIMULATE_PLATFORM_EXAMPLE } from '../simulate/example.js';

export interface SimulateCommandOptions {
  readonly trace?: string;
  readonly platform?: string;
  readonly config?: string;
  readonly vs?: string;
  readonly out?: string;
  readonly strict?: boolean;
  readonly limit?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly metrics?: string;
}

const EXAMPLE = `${SIMULATE_EXAMPLE}   (cluster.json: ${SIMULATE_PLATFORM_EXAMPLE})`;

export async function simulateCommand(options: SimulateCommandOptions, io: CliIo): Promise<number> {
  if (options.trace === undefined || options.platform === undefined) {
    throw new UsageError(`simulate: ${options.trace === undefined ? '--trace FILE' : '--platform FILE'} is required`, EXAMPLE);
  }
  let limit: number | undefined;
  if (options.limit !== undefined) {
    limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`simulate: --limit must be a positive integer, got "${options.limit}"`);
  }
  let text: string;
  try {
    text = readFileSync(userPath(io, options.trace), 'utf8');
  } catch (e) {
    throw new UsageError(`simulate: cannot read the trace ${options.trace}: ${(e as Error).message}`);
  }
  const trace = parseSwf(text);
  if (trace.malformed.length > 0) {
    const lines = formatProblems(trace.malformed).map((l) => `  ${l}\n`).join('');
    if (options.strict) {
      io.err(`oar-sched: ${options.trace}: ${trace.malformed.length} malformed line(s):\n${lines}oar-sched: --strict: nothing simulated\n`);
      return EXIT_USER_ERROR;
    }
    io.err(`oar-sched: warning: ${options.trace}: ${trace.malformed.length} malformed line(s) skipped:\n${lines}`);
  }
  if (trace.skipped.length > 0) {
    io.err(`oar-sched: warning: ${options.trace}: ${trace.skipped.length} job(s) cannot be replayed, skipped:\n${formatProblems(trace.skipped).map((l) => `  ${l}\n`).join('')}`);
  }
  const jobs = limit === undefined ? trace.jobs : trace.jobs.slice(0, limit);
  const cwd = cwdOf(io);
  const inputs: ConfigRunInput[] = [options.config, ...(options.vs !== undefined ? [options.vs] : [])].map((file) => ({
    name: file ?? 'defaults',
    configFile: file === undefined ? undefined : userPath(io, file),
    cwd,
    platformFile: userPath(io, options.platform!),
    jobs,
  }));
  // The bar needs the process's stderr to be a terminal; a caller with its own folder and buffers (runCli in tests) gets lines.
  const progress = new Progress(
    inputs.map((i) => i.name),
    { write: io.err, isTTY: process.stderr.isTTY === true && io.cwd === undefined, quiet: options.quiet === true },
  );
  let outputs: ConfigRunOutput[];
  if (inputs.length === 1) {
    outputs = [await runConfig(inputs[0]!, (f, t) => progress.update(0, f, t))];
  } else {
    const { runInWorker } = await import('../simulate/run-in-workers.js');
    outputs = await Promise.all(inputs.map((input, i) => runInWorker(input, (f, t) => progress.update(i, f, t))));
  }
  progress.finish();
  const reports = outputs.map((o) => o.report);
  io.out(options.json ? `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n` : formatReports(reports));
  if (options.metrics !== undefined) {
    const { formatOpenMetrics, writeAtomically } = await import('../metrics/openmetrics.js');
    const { simulationMetrics } = await import('../simulate/simulate-metrics.js');
    writeAtomically(userPath(io, options.metrics), formatOpenMetrics(simulationMetrics(reports)));
  }
  if (options.out !== undefined) {
    const dir = userPath(io, options.out);
    mkdirSync(dir, { recursive: true });
    const document = { trace: options.trace, platform: options.platform, malformedLines: trace.malformed.map((m) => m.line), reports };
    writeFileSync(join(dir, 'report.json'), `${JSON.stringify(document, null, 2)}\n`);
    const { reportHtml } = await import('../simulate/report-html.js');
    writeFileSync(join(dir, 'report.html'), reportHtml({ title: `oar-sched simulate: ${options.trace}`, outputs }));
    if (!options.quiet) io.err(`oar-sched: wrote ${join(options.out, 'report.json')} and ${join(options.out, 'report.html')}\n`);
  }
  return EXIT_OK;
}
