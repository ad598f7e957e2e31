/**
 * `oar-sched`: the command line. User errors print one clear message and exit 2; a stack trace
 * only ever appears for internal errors (exit 3), and then with a request to report it.
 *
 * OAR starts the scheduler as a new process every cycle, so start-up time is paid every round:
 * this module imports commander and nothing else of weight. Each command's module (and with it the
 * engine, the scenario adapter, zod, …) is imported only when that command runs.
 */
import * as nodeModule from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { EXIT_INTERNAL, EXIT_OK, EXIT_ROUND_FAILED, EXIT_USER_ERROR } from './exit-codes.js';
import { cwdOf, processIo, type CliIo } from './io.js';
import { docPath } from './docs-path.js';
import { markOneShotProcess } from './one-shot.js';
import { isUsageError } from './usage-error.js';
import { markMainEntered } from './process-timing.js';
import type { ServedRoundContext } from './serve/served-round.js';
import { SOCKET_HELP } from './serve/socket-path.js';
import { cliVersion } from './version.js';
import { SIMULATE_EXAMPLE, SIMULATE_PLATFORM_EXAMPLE } from './simulate/example.js';

const CONFIG_OPTION_HELP =
  'config file (default: oar.config.{ts,mts,cts,js,mjs,cjs,json} or .oarrc{,.json,.yaml,.yml}, ' +
  'searched from the current folder up to the project root, the first folder with a package.json)';

const discoveryHelp = (pluginsGuide: string) =>
  'Plugins: the built-ins, then every direct dependency of the project (the package.json nearest to\n' +
  'the config file, or to the current folder) whose package.json has an "oar" field, then the\n' +
  `config's plugins.list; plugins.disable removes some. See ${pluginsGuide}.`;

/** Every exit code of the binary (the program's help and `schedule`, the one command with `--check`). */
const EXIT_CODES_HELP =
  'Exit codes: 0 done, 1 --check found mismatches, 2 invalid input, usage or configuration (one\n' +
  'message naming the file), 3 internal error (a bug: the message asks you to report it).';

/** The exit codes of a command without `--check` (round has OAR's own). */
const COMMAND_EXIT_CODES_HELP =
  'Exit codes: 0 done, 2 invalid input, usage or configuration (one message naming the file),\n' +
  '3 internal error (a bug: the message asks you to report it).';

const SERVE_EXIT_CODES_HELP =
  'Exit codes: 0 stopped by SIGTERM or SIGINT, 2 invalid configuration, or another server answers\n' +
  'on the socket (one message), 3 internal error (a bug: the message asks you to report it).';

/**
 * The `oar-sched` binary: the process's arguments and streams, its exit code. `serverTried`: the
 * binary's fast path (serve/fast-client.ts) already offered this round to a server, which did not
 * take it: the round runs here without asking again.
 */
export async function main(argv: readonly string[] = process.argv.slice(2), options: { serverTried?: boolean } = {}): Promise<void> {
  markMainEntered();
  // Node ≥ 22.1 keeps the compiled code of the modules between runs (the scheduler is started
  // every cycle); older Node has no such cache and skips this.
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  markOneShotProcess();
  process.exitCode = await runCli(argv, processIo, undefined, options.serverTried === true);
}

/**
 * `served`: set by `oar-sched serve` for the rounds it runs (serve/serve-worker.ts); never by the
 * binary. `serverTried`: a `round` then asks no server (the binary's fast path already did).
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo, served?: ServedRoundContext, serverTried = false): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(
    io,
    (code) => {
      exitCode = code;
    },
    { argv: serverTried ? undefined : argv, served },
  );
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT_OK : EXIT_USER_ERROR;
    // Only on the error path: the engine package is not needed to print help or a version.
    const { isOarSchedError } = await import('@oar-sched/core');
    if (isOarSchedError(e) || isUsageError(e)) {
      io.err(`oar-sched: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
      return EXIT_USER_ERROR;
    }
    io.err(`oar-sched: internal error, please report it with the input that caused it:\n${e instanceof Error ? e.stack : String(e)}\n`);
    return EXIT_INTERNAL;
  }
}

/** What `runCli` passes to the command tree beside the streams. */
export interface ProgramContext {
  /**
   * The command line being parsed: `round` sends it to a server when one answers. Without it,
   * `round` asks no server (the binary's fast path already did, or the tree is only inspected).
   */
  readonly argv?: readonly string[] | undefined;
  /** Inside `oar-sched serve`: rounds run right here, with the server's warm setup. */
  readonly served?: ServedRoundContext | undefined;
}

/**
 * The command tree of `oar-sched`, built without running anything: `runCli` parses with it, and
 * the docs tests walk it to compare every command and flag with docs/reference/cli.md. A command's
 * action reports its exit code through `setExitCode`.
 */
export function buildProgram(io: CliIo = processIo, setExitCode: (code: number) => void = () => {}, context: ProgramContext = {}): Command {
  const doc = (page: string) => docPath(page, cwdOf(io));
  const program = new Command()
    .name('oar-sched')
    .description('OAR3-compatible batch scheduler: run scheduling rounds on scenarios, manage plugins.')
    .version(cliVersion(), '-V, --version', 'print the version of oar-sched')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `\n${EXIT_CODES_HELP}`);

  program
    .command('schedule')
    .description('Run one scheduling round on a scenario and print the decisions: a table on a terminal, JSON otherwise.')
    .requiredOption('--scenario <file>', `scenario file (format: ${doc('reference/scenario-format.md')}); "-" reads standard input`)
    .addOption(
      new Option('--format <format>', 'output: "table" for people, "json" for scripts (default: table when stdout is a terminal and not --check, else json)')
        .choices(['table', 'json']),
    )
    .option('--check', 'compare the result with the scenario\'s "expect" block; exit 1 on mismatch (the scenario must have one)')
    .option('--slots', 'add the final default slot chain to the result')
    .option('--config <file>', CONFIG_OPTION_HELP)
    .addHelpText(
      'after',
      `\n${discoveryHelp(doc('guides/plugins.md'))}\n` +
        'The scenario\'s own "config" wins field by field over the config file\'s "scheduler" section.\n' +
        'The table shows dates in the scheduler\'s time zone (scheduler.timezone, default UTC) and\n' +
        'resources grouped by the first hierarchy label other than resource_id (e.g. node-1[1-8]).\n' +
        `\n${EXIT_CODES_HELP}\n` +
        'Examples:\n' +
        `  oar-sched schedule --scenario ${doc('demo/demo-cluster.json')} --format table\n` +
        `  oar-sched schedule --scenario ${doc('demo/demo-cluster.json')} --slots > result.json\n` +
        '  cat scenario.json | oar-sched schedule --scenario - --check',
    )
    .action(async (opts: { scenario: string; format?: 'table' | 'json'; check?: boolean; slots?: boolean; config?: string }) => {
      const { scheduleCommand } = await import('./commands/schedule.js');
      setExitCode(await scheduleCommand(opts, io));
    });

  program
    .command('plugins')
    .description('List the plugins a scheduler started here would load, with their source, version, API and hooks.')
    .option('--json', 'print JSON instead of a table')
    .option('--config <file>', CONFIG_OPTION_HELP)
    .addHelpText('after', `\n${discoveryHelp(doc('guides/plugins.md'))}\n\n${COMMAND_EXIT_CODES_HELP}`)
    .action(async (opts: { json?: boolean; config?: string }) => {
      const { pluginsCommand } = await import('./commands/plugins.js');
      setExitCode(await pluginsCommand(opts, io));
    });

  const DB_HELP =
    'The database: --db, else the config file\'s database.url, else OAR_DB_URL, else the DB_* keys of\n' +
    'the oar.conf (--oar-conf, else OARCONFFILE). URLs: sqlite:PATH, sqlite::memory:, postgres://user@host:port/base.';

  program
    .command('round')
    .description("Run one meta-scheduler round on an OAR database (OAR's kao): plan, launch, kill, acknowledge.")
    .option('--db <url>', 'the OAR database (sqlite:PATH or postgres://…)')
    .option('--now <epoch>', "freeze the round's clock (epoch seconds); default: the database clock")
    .option('--oar-conf <file>', "OAR's oar.conf: scheduler, hook, database and notification keys (the config file still wins)")
    .option('--config <file>', CONFIG_OPTION_HELP)
    .option('--json', "print the round's decisions (gantt, operations, launches, kills, phases) as JSON")
    .option('--no-notify', 'do not notify the launcher, the automaton or waiting oarsub clients')
    .option('--lock-timeout <seconds>', 'how long to wait for another round holding the lock (default 30)')
    .option('--metrics <file>', 'write OpenMetrics text (phases, time per hook and plugin, jobs per queue, exit code) to this file, atomically')
    .option('--socket <path>', `the socket of an oar-sched serve to run the round in (${SOCKET_HELP})`)
    .option('--no-serve', 'run the round in this process even when a server answers on the socket')
    .addHelpText(
      'after',
      `\n${DB_HELP}\n\n` +
        'When an oar-sched serve answers on the socket, the round runs there (engine, plugins and config\n' +
        'already loaded) and this process relays its output and exit code; otherwise it runs here.\n' +
        'Exit codes (OAR\'s): 0 done, 1 an acknowledged reservation starts now (run another round),\n' +
        '2 besteffort jobs must be killed first. A failed round writes nothing and exits 10\n' +
        '(configuration, database or lock; one message) or 3 (internal error).\n' +
        'Example:\n  oar-sched round --oar-conf /etc/oar/oar.conf',
    )
    .action(async (opts: { db?: string; now?: string; oarConf?: string; config?: string; json?: boolean; notify?: boolean; lockTimeout?: string; metrics?: string; socket?: string; serve?: boolean }) => {
      if (context.served === undefined && context.argv !== undefined && opts.serve !== false) {
        // The thin client: Node built-ins only; the engine loads below, when no server takes the round.
        const { tryServedRound } = await import('./serve/try-served-round.js');
        const code = await tryServedRound(context.argv, opts.socket, io);
        if (code !== undefined) return setExitCode(code);
      }
      const { roundCommand } = await import('./commands/round.js');
      setExitCode(await roundFailure(() => roundCommand(opts, io, context.served), io));
    });

  program
    .command('serve')
    .description('Keep the engine, plugins and config loaded in a long-lived process on a Unix socket, where oar-sched round then runs its rounds.')
    .option('--socket <path>', `the socket to listen on, mode 0600 (${SOCKET_HELP})`)
    .option('--config <file>', `${CONFIG_OPTION_HELP}; loaded and checked at start`)
    .option('--oar-conf <file>', "OAR's oar.conf, checked at start with the config file")
    .addHelpText(
      'after',
      '\nOAR starts oar-sched round every cycle; with a server running, that process only connects and\n' +
        'relays, and the round pays neither Node\'s start nor the loading of the engine and plugins.\n' +
        'Each round still names its own config, oar.conf and database (its command line, folder and\n' +
        'OARCONFFILE, OAR_DB_URL): --config and --oar-conf here only load and check them at start.\n' +
        'Rounds run one at a time. Before each, the config file, the project\'s package.json and each\n' +
        'loaded plugin\'s entry file and package.json are checked (modification time, size): when one\n' +
        'changed, the config and the plugins are loaded anew. SIGTERM or SIGINT: the round in progress\n' +
        `finishes, then the server removes its socket and exits 0. See ${doc('guides/keep-the-scheduler-warm.md')}.\n` +
        `\n${SERVE_EXIT_CODES_HELP}\n` +
        'Example:\n  oar-sched serve --oar-conf /etc/oar/oar.conf --config /srv/oar-sched/oar.config.ts',
    )
    .action(async (opts: { socket?: string; config?: string; oarConf?: string }) => {
      const { serveCommand } = await import('./serve/server.js');
      setExitCode(await serveCommand({ ...opts, version: cliVersion() }, io));
    });

  program
    .command('explain')
    .description('Explain one job of a scenario or a database: its place in its queue group, dependencies, quota, and what blocks each earlier window.')
    .argument('<job>', 'the job id')
    .option('--scenario <file>', `scenario file (format: ${doc('reference/scenario-format.md')})`)
    .option('--db <url>', 'the OAR database (read only: nothing is written)')
    .option('--now <epoch>', "the round's time (epoch seconds); default: the scenario's, or the database clock")
    .option('--json', 'print the whole explanation as JSON')
    .option('--oar-conf <file>', "OAR's oar.conf: scheduler and database keys (the config file still wins)")
    .option('--config <file>', CONFIG_OPTION_HELP)
    .addHelpText('after', `\nWithout --scenario, the database is found as for round.\n${DB_HELP}\n\n${COMMAND_EXIT_CODES_HELP}\nExamples:\n  oar-sched explain 7 --scenario ${doc('demo/demo-cluster.json')}\n  oar-sched explain 812 --db sqlite:oar.sqlite --json`)
    .action(async (job: string, opts: { scenario?: string; db?: string; now?: string; json?: boolean; oarConf?: string; config?: string }) => {
      const { explainCommand } = await import('./commands/explain.js');
      setExitCode(await explainCommand(job, opts, io));
    });

  const db = program.command('db').description('Create, export and import OAR databases.');
  db.command('init')
    .description("Create OAR 3's schema in a database (or upgrade an older one with --migrate).")
    .option('--db <url>', 'the database (sqlite:PATH is created when missing)')
    .option('--oar-conf <file>', "take the database from OAR's oar.conf")
    .option('--migrate', 'add the tables, columns and indexes an older OAR schema lacks (data untouched)')
    .option('--verbose', 'list every type, table, column and index added, not only how many')
    .addHelpText('after', `\n${DB_HELP}\n\n${COMMAND_EXIT_CODES_HELP}`)
    .action(async (opts: { db?: string; oarConf?: string; migrate?: boolean; verbose?: boolean }) => {
      const { dbInitCommand } = await import('./commands/db-init.js');
      setExitCode(await dbInitCommand(opts, io));
    });

  db.command(`export`)
    .description("Print the scheduler's view of a database as a scenario file: exactly the snapshot a round would read.")
    .option('--db <url>', 'the OAR database (sqlite:PATH or postgres://…)')
    .option('--now <epoch>', "the round's time (epoch seconds); default: the database clock")
    .option('--out <file>', 'write the scenario to this file instead of standard output')
    .option('--oar-conf <file>', "OAR's oar.conf: scheduler and database keys (the config file still wins)")
    .option('--config <file>', CONFIG_OPTION_HELP)
    .addHelpText(
      'after',
      `\n${DB_HELP}\n` +
        'The scenario\'s config is the layered scheduler configuration (defaults, oar.conf, config file).\n' +
        'Property filters are written in parentheses, as a database round evaluates them.\n' +
        `\n${COMMAND_EXIT_CODES_HELP}\n` +
        'Example:\n  oar-sched db export --db sqlite:oar-demo.sqlite --now 1700000600 --out replay.json\n' +
        '  oar-sched schedule --scenario replay.json --format table',
    )
    .action(async (opts: { db?: string; now?: string; out?: string; oarConf?: string; config?: string }) => {
      const { dbExportCommand } = await import('./commands/db-export.js');
      setExitCode(await dbExportCommand(opts, io));
    });
  // Back-quoted (also export): with plain quotes the package-graph test would read the name as an import statement.
  db.command(`import`)
    .description('Write a scenario into a database as OAR rows, the way oarsub would have (the database must hold no resource and no job).')
    .requiredOption('--scenario <file>', `scenario file (format: ${doc('reference/scenario-format.md')}); "-" reads standard input`)
    .option('--db <url>', 'the database (sqlite:PATH is created when missing; the schema is created when missing)')
    .option('--oar-conf <file>', "take the database from OAR's oar.conf")
    .option('--write-config <file>', "save the scenario's config as a config file (its scheduler section), for round --config")
    .addHelpText('after', `\n${DB_HELP}\n\n${COMMAND_EXIT_CODES_HELP}\nExample:\n  oar-sched db import --scenario ${doc('demo/demo-cluster.json')} --db sqlite:demo.sqlite --write-config demo.config.json`)
    .action(async (opts: { scenario: string; db?: string; oarConf?: string; writeConfig?: string }) => {
      const { dbImportCommand } = await import('./commands/db-import.js');
      setExitCode(await dbImportCommand(opts, io));
    });

  program
    .command('demo')
    .description('Create a demo OAR database (SQLite), run one round on it and print the plan, then how to look further.')
    .option('--db <url>', 'sqlite:PATH of the demo database (default: sqlite:oar-demo.sqlite in the current folder, recreated on each run)')
    .option('--now <epoch>', "the round's time (epoch seconds)", String(1_700_000_000))
    .addOption(new Option('--format <format>', 'output: "table" for people, "json" for scripts').choices(['table', 'json']).default('table'))
    .addHelpText('after', `\nThe demo cluster: 2 switches, 8 nodes, 2 cpus per node, 4 cores per cpu; queues admin, default and\nbesteffort; running, waiting, moldable, timesharing, besteffort, dependent and container jobs, an\nadvance reservation and a job no resource can satisfy. Notifications are off.\n\n${COMMAND_EXIT_CODES_HELP}`)
    .action(async (opts: { db?: string; now: string; format: 'table' | 'json' }) => {
      const { demoCommand } = await import('./commands/demo.js');
      setExitCode(await demoCommand(opts, io));
    });

  program
    .command('gantt')
    .description('Run one round (nothing is written) and draw the plan as one self-contained HTML page: resources by time, zoom, pan, a tooltip per job.')
    .option('--scenario <file>', `scenario file (format: ${doc('reference/scenario-format.md')})`)
    .option('--db <url>', 'the OAR database (sqlite:PATH or postgres://…), read in a transaction that is rolled back')
    .option('--now <epoch>', "the round's time (epoch seconds); default: the scenario's now, the database clock")
    .option('--oar-conf <file>', "OAR's oar.conf, with --db: scheduler, hook and database keys (the config file still wins)")
    .option('--config <file>', CONFIG_OPTION_HELP)
    .option('--out <file>', 'the HTML page to write (required)')
    .option('--title <text>', 'the page title (default: the source of the plan)')
    .addHelpText(
      'after',
      `\nThe page needs no network: script, style and data are inside it. Jobs are coloured by queue;\n` +
        'running jobs are solid, planned ones light, reservations cross-hatched, besteffort ones striped.\n' +
        `\n${COMMAND_EXIT_CODES_HELP}\n` +
        `Examples:\n  oar-sched gantt --scenario ${doc('demo/demo-cluster.json')} --out gantt.html\n` +
        '  oar-sched gantt --db sqlite:oar-demo.sqlite --out gantt.html',
    )
    .action(async (opts: { scenario?: string; db?: string; now?: string; oarConf?: string; config?: string; out?: string; title?: string }) => {
      const { ganttCommand } = await import('./commands/gantt.js');
      setExitCode(await ganttCommand(opts, io));
    });

  program
    .command('simulate')
    .description('Replay a workload trace (SWF) on a cluster with a virtual clock, one round per event, and report waits, slowdown, utilisation and makespan.')
    .option('--trace <file>', 'the workload, in the Standard Workload Format of the Parallel Workloads Archive (required)')
    .option('--platform <file>', 'the cluster: {"nodes": N, "coresPerNode": C} or scenario resources, optional queues and config (required)')
    .option('--config <file>', `${CONFIG_OPTION_HELP}; the first config simulated`)
    .option('--vs <file>', 'a second config file, simulated side by side in another worker thread')
    .option('--out <dir>', 'write report.json and a self-contained report.html (plots of queue length and utilisation) there')
    .option('--strict', 'stop (exit 2) when the trace has malformed lines, instead of skipping them')
    .option('--limit <n>', 'replay only the first N jobs of the trace')
    .option('--json', 'print the report(s) as JSON instead of a table')
    .option('--quiet', 'no progress on stderr')
    .option('--metrics <file>', 'also write the figures as OpenMetrics text to this file, atomically')
    .addHelpText(
      'after',
      `\nThe platform format and the figures are described in ${doc('reference/cli.md')} ("simulate").\n\n${COMMAND_EXIT_CODES_HELP}\n` +
        `Examples (cluster.json: ${SIMULATE_PLATFORM_EXAMPLE}):\n  ${SIMULATE_EXAMPLE}\n` +
        '  oar-sched simulate --trace month.swf --platform cluster.json --config fifo.json --vs sjf.json --out report/',
    )
    .action(async (opts: { trace?: string; platform?: string; config?: string; vs?: string; out?: string; strict?: boolean; limit?: string; json?: boolean; quiet?: boolean; metrics?: string }) => {
      const { simulateCommand } = await import('./commands/simulate.js');
      setExitCode(await simulateCommand(opts, io));
    });

  return program;
}

export { EXIT_ROUND_FAILED };

async function roundFailure(run: () => Promise<number>, io: CliIo): Promise<number> {
  try {
    return await run();
  } catch (e) {
    const { isOarSchedError } = await import('@oar-sched/core');
    if (!isOarSchedError(e) && !isUsageError(e)) throw e;
    io.err(`oar-sched: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}oar-sched: the round wrote nothing\n`);
    return EXIT_ROUND_FAILED;
  }
}
