/**
 * `oar-sched round` handed to a running `oar-sched serve`, if one answers: the round command's
 * first step, and the binary's fast path (fast-client.ts) before commander and the engine load.
 * `undefined`: no server took the round (no socket file, a stale one, a server of another version,
 * or one that declined); the caller runs it in-process. Node built-ins and small files only.
 */
import { cwdOf, envOf, type CliIo } from '../io.js';
import { cliVersion } from '../version.js';
import { socketFileAt, socketPath } from './socket-path.js';

export async function tryServedRound(argv: readonly string[], socketOption: string | undefined, io: CliIo): Promise<number | undefined> {
  const socket = socketPath(socketOption, envOf(io), cwdOf(io));
  if (!socketFileAt(socket, (m) => io.err(`oar-sched: warning: ${m}: the round runs in this process\n`))) return undefined;
  // The client (and node:net) only when a socket file is there: without one, the check is one lstat.
  const { roundThroughServer } = await import('./client.js');
  return roundThroughServer({ argv, socket, version: cliVersion() }, io);
}
