/**
 * `oar-sched`: the command line. User errors print one clear message and exit 2; a stack trace
 * only ever appears for internal errors (exit 3), and then with a request to report it.
 */
import { Command, CommanderError } from 'commander';
import { isOarSchedError } from '@oar-sched/core';
import { EXIT_INTERNAL, EXIT_OK, EXIT_USER_ERROR } from './exit-codes.js';
import { processIo, type CliIo } from './io.js';
import { pluginsCommand } from './commands/plugins.js';
import { scheduleCommand } from './commands/schedule.js';

const CONFIG_OPTION_HELP =
  'config file (default: oar.config.{ts,mts,cts,js,mjs,cjs,json} or .oarrc{,.json,.yaml,.yml}, ' +
  'searched from the current folder up to the project root, the first folder with a package.json)';

const DISCOVERY_HELP =
  'Plugins: the built-ins, then every direct dependency of the project (the package.json nearest to\n' +
  'the config file, or to the current folder) whose package.json has an "oar" field, then the\n' +
  'config\'s plugins.list; plugins.disable removes some. See docs/guides/plugins.md.';

export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = new Command()
    .name('oar-sched')
    .description('OAR3-compatible batch scheduler: run scheduling rounds on scenarios, manage plugins.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)');

  program
    .command('schedule')
    .description('Run one scheduling round on a JSON scenario and print the decisions as JSON.')
    .requiredOption('--scenario <file>', 'scenario file (format: docs/reference/scenario-format.md)')
    .option('--check', 'compare the result with the scenario\'s "expect" block; exit 1 on mismatch')
    .option('--slots', 'add the final default slot chain to the result')
    .option('--config <file>', CONFIG_OPTION_HELP)
    .addHelpText(
      'after',
      `\n${DISCOVERY_HELP}\n` +
        'The scenario\'s own "config" wins field by field over the config file\'s "scheduler" section.\n' +
        '\nExit codes: 0 done, 1 --check mismatch, 2 invalid input or configuration.\n' +
        'Example:\n  oar-sched schedule --scenario docs/demo/demo-cluster.json --slots',
    )
    .action(async (opts: { scenario: string; check?: boolean; slots?: boolean; config?: string }) => {
      exitCode = await scheduleCommand(opts, io);
    });

  program
    .command('plugins')
    .description('List the plugins a scheduler started here would load, with their source, version, API and hooks.')
    .option('--json', 'print JSON instead of a table')
    .option('--config <file>', CONFIG_OPTION_HELP)
    .addHelpText('after', `\n${DISCOVERY_HELP}\n\nExit codes: 0 done, 2 a plugin or the config is invalid (the message names it).`)
    .action(async (opts: { json?: boolean; config?: string }) => {
      exitCode = await pluginsCommand(opts, io);
    });

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR;
    if (isOarSchedError(e)) {
      io.err(`oar-sched: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
      return EXIT_USER_ERROR;
    }
    io.err(`oar-sched: internal error, please report it with the input that caused it:\n${e instanceof Error ? e.stack : String(e)}\n`);
    return EXIT_INTERNAL;
  }
}
