import { loadScenarioFile, scheduleScenario } from '@oar-sched/scenario';
import { EXIT_CHECK_FAILED, EXIT_OK } from '../exit-codes.js';
import { cwdOf, stderrLogger, userPath, type CliIo } from '../io.js';
import { createSchedulerSetup } from '../setup.js';

export interface ScheduleCommandOptions {
  readonly scenario: string;
  readonly check?: boolean;
  readonly slots?: boolean;
  readonly config?: string;
}

/**
 * Plugins and config come from the current folder's project (or `--config`), like a scheduler
 * started there; the scenario's own `config` wins field by field over the config file's
 * `scheduler` section.
 */
export async function scheduleCommand(options: ScheduleCommandOptions, io: CliIo): Promise<number> {
  const configFile = options.config !== undefined ? userPath(io, options.config) : undefined;
  const setup = await createSchedulerSetup({ configFile, cwd: cwdOf(io), logger: stderrLogger(io) });
  const scenario = loadScenarioFile(userPath(io, options.scenario), { schedulerDefaults: setup.config.schedulerInput });
  const { result, mismatches } = await scheduleScenario(scenario, setup.registry, {
    ...setup.roundOptions,
    slots: options.slots ?? false,
    check: options.check ?? false,
  });
  io.out(`${JSON.stringify(result, null, 2)}\n`);
  for (const warning of result.warnings ?? []) io.err(`oar-sched: warning: ${warning}\n`);
  if (options.check) {
    if (mismatches.length > 0) {
      io.err(`check failed for ${options.scenario}:\n${mismatches.map((m) => `  ✖ ${m}`).join('\n')}\n`);
      return EXIT_CHECK_FAILED;
    }
    io.err(`check passed: ${Object.keys(scenario.expect?.jobs ?? {}).length} job expectation(s) met\n`);
  }
  return EXIT_OK;
}
