import './zod-mode.js'; // first: before any schema is built
import { isOarSchedError, OarSchedError } from '@oar-sched/core';
import { loadScenarioFile, parseScenario, scheduleScenario, type LoadedScenario } from '@oar-sched/scenario';
import { EXIT_CHECK_FAILED, EXIT_OK } from '../exit-codes.js';
import { cwdOf, stderrLogger, userPath, type CliIo } from '../io.js';
import { createSchedulerSetup } from '../setup.js';
import { UsageError } from '../usage-error.js';
import { docPath } from '../docs-path.js';

export type ScheduleFormat = 'table' | 'json';

export interface ScheduleCommandOptions {
  /** Scenario file; `-` reads standard input. */
  readonly scenario: string;
  /** Default: `table` when stdout is a terminal and `--check` is not given, else `json`. */
  readonly format?: ScheduleFormat | undefined;
  readonly check?: boolean;
  readonly slots?: boolean;
  readonly config?: string;
}

/** Name of standard input in messages (`--scenario -`). */
export const STDIN_NAME = '<stdin>';

/**
 * Plugins and config come from the current folder's project (or `--config`), like a scheduler
 * started there; the scenario's own `config` wins field by field over the config file's
 * `scheduler` section. JSON (the result object, a stable contract) is for scripts and `--check`;
 * the table is for people.
 */
export async function scheduleCommand(options: ScheduleCommandOptions, io: CliIo): Promise<number> {
  const format = options.format ?? (options.check || io.isTTY !== true ? 'json' : 'table');
  const configFile = options.config !== undefined ? userPath(io, options.config) : undefined;
  const setup = await createSchedulerSetup({ configFile, cwd: cwdOf(io), logger: stderrLogger(io) });
  const scenarioName = options.scenario === '-' ? STDIN_NAME : options.scenario;
  const schedulerDefaults = { schedulerDefaults: setup.config.schedulerInput };
  const scenario: LoadedScenario =
    options.scenario === '-'
      ? parseScenario(await (io.readStdin?.() ?? Promise.resolve('')), STDIN_NAME, schedulerDefaults)
      : loadScenarioFile(userPath(io, options.scenario), schedulerDefaults);
  if (options.check && scenario.expect === undefined) {
    throw new UsageError(
      `--check: the scenario ${scenarioName} has no "expect" block to compare the result with`,
      `add an "expect" block (${docPath('reference/scenario-format.md', cwdOf(io))}), or run without --check`,
    );
  }
  let scheduled;
  try {
    scheduled = await scheduleScenario(scenario, setup.registry, {
      ...setup.roundOptions,
      slots: options.slots ?? false,
      check: options.check ?? false,
    });
  } catch (e) {
    // The config file's values were checked when it was loaded: a `config.…` value the round
    // refuses comes from the scenario.
    if (isOarSchedError(e) && e.message.startsWith('config.')) throw new OarSchedError(e.code, `${scenarioName}: ${e.message}`, e.hint);
    throw e;
  }
  const { result, mismatches } = scheduled;
  if (format === 'table') {
    const { formatScheduleTable } = await import('./schedule-table.js');
    io.out(formatScheduleTable(result, scenario.snapshot, { scenarioName }));
  } else {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
  }
  for (const warning of result.warnings ?? []) io.err(`oar-sched: warning: ${warning}\n`);
  if (options.check) {
    if (mismatches.length > 0) {
      io.err(`check failed for ${scenarioName}:\n${mismatches.map((m) => `  ✖ ${m}`).join('\n')}\n`);
      return EXIT_CHECK_FAILED;
    }
    io.err(`check passed: ${Object.keys(scenario.expect?.jobs ?? {}).length} job expectation(s) met\n`);
  }
  return EXIT_OK;
}
