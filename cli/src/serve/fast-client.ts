/**
 * The binary's fast path for `oar-sched round` with a server running: OAR starts `round` every
 * cycle, and when `oar-sched serve` takes the round, this process only relays it. Loading the
 * command tree (commander and the main chunk) for that costs about as much as the relaying itself,
 * so bin/oar-sched.js asks this module first, and loads the full CLI only when it declines.
 *
 * It declines (no exit code) for anything but a plain `round` command line: another command,
 * `--help`/`-h`, `--no-serve`, a `--socket` without its value; and when no server takes the round.
 * Options are not checked here: the server parses the same command line with the full CLI and
 * reports a bad one exactly as the in-process round would.
 */
import { processIo } from '../io.js';
import { markMainEntered } from '../process-timing.js';
import { tryServedRound } from './try-served-round.js';

/** The `--socket` value of a command line the fast path may serve (`{}` when absent), else `undefined`. */
export function servableRoundCommandLine(argv: readonly string[]): { socket?: string } | undefined {
  if (argv[0] !== 'round') return undefined;
  let socket: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--no-serve' || arg === '--help' || arg === '-h' || arg === '--') return undefined;
    if (arg === '--socket') {
      socket = argv[++i];
      if (socket === undefined) return undefined;
    } else if (arg.startsWith('--socket=')) socket = arg.slice('--socket='.length);
  }
  return socket === undefined ? {} : { socket };
}

/**
 * The exit code of the round a server ran for this command line, or none: then the caller
 * runs the full CLI, telling it that the server was already tried (`main(argv, { serverTried })`),
 * so that a warning is not printed twice.
 */
export async function servedRoundFromCommandLine(argv: readonly string[]): Promise<{ code?: number; serverTried: boolean }> {
  const line = servableRoundCommandLine(argv);
  if (line === undefined) return { serverTried: false };
  markMainEntered();
  const code = await tryServedRound(argv, line.socket, processIo);
  return code === undefined ? { serverTried: true } : { code, serverTried: true };
}
