/**
 * `oar-sched round` as the thin client of an `oar-sched serve`: when a server answers on the
 * socket, the round runs there and this process only relays it (its stdout, stderr and exit code
 * are the server's round's). Otherwise the caller runs the round itself, exactly as without a
 * server: `undefined` means "no server, run it here".
 *
 * The check is cheap: the command first looks for a socket file (`socketFileAt`, one `lstat`;
 * without one this module is not even loaded), then this module opens one connection. It and what
 * it imports are Node built-ins and a few small files of this folder: the engine, zod and the
 * database modules load only when the round runs in this process.
 *
 * Quietly in-process: a socket nobody listens on (a server that died: a stale socket). With a
 * warning on stderr, then in-process: the socket cannot be opened (permissions),
 * no hello within `HELLO_TIMEOUT_MS`, or the server runs another version of oar-sched. A server
 * that declines (it is stopping) has run nothing: in-process too, with a note.
 * Once the request is sent the round is the server's: if the connection is lost before the exit
 * code, the client reports it (lost-round.ts) and exits 10, or the committed round's code.
 */
import { connect } from 'node:net';
import { cwdOf, envOf, type CliIo } from '../io.js';
import { processPhasesUntilNow } from '../process-timing.js';
import { lostRound } from './lost-round.js';
import { FORWARDED_ENV, readFrames, writeFrame } from './protocol.js';

/** How long a server that accepted the connection has to say hello before the round runs here. */
export const HELLO_TIMEOUT_MS = 5000;

export interface ServedRoundRequest {
  /** The command line after `oar-sched`, as typed (`round --db … --json`). */
  readonly argv: readonly string[];
  /** The socket (socket-path.ts), where a socket file was seen (`socketFileAt`). */
  readonly socket: string;
  /** This oar-sched's version: a server running another one is not used. */
  readonly version: string;
}

export async function roundThroughServer(request: ServedRoundRequest, io: CliIo): Promise<number | undefined> {
  const env = envOf(io);
  const cwd = cwdOf(io);
  const path = request.socket;
  const where = `the oar-sched server at ${path}`;
  return new Promise((resolve) => {
    const socket = connect(path);
    let sent = false;
    let committed: number | undefined;
    let settled = false;
    const settle = (code: number | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(helloTimer);
      socket.destroy();
      resolve(code);
    };
    const runHere = (warning?: string) => {
      if (warning) io.err(`oar-sched: warning: ${warning}: the round runs in this process\n`);
      settle(undefined);
    };
    const helloTimer = setTimeout(() => runHere(`${where} accepted the connection but did not answer within ${HELLO_TIMEOUT_MS / 1000} s`), HELLO_TIMEOUT_MS);

    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (sent) return; // 'close' follows and reports the lost round
      // ECONNREFUSED: a socket file without a server (it died without removing it).
      if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT') runHere();
      else runHere(`cannot connect to ${where} (${e.code ?? e.message})`);
    });
    socket.on('close', () => {
      if (settled) return;
      if (!sent) return runHere(`${where} closed the connection before taking the round`);
      const lost = lostRound(where, 'the connection closed without an exit code', committed);
      io.err(lost.text);
      settle(lost.code);
    });
    readFrames(socket, (frame, bytes) => {
      if ('hello' in frame) {
        const hello = frame.hello as { version?: unknown };
        if (hello.version !== request.version) {
          return runHere(`${where} runs oar-sched ${String(hello.version)}, this is ${request.version} (restart the server after an upgrade)`);
        }
        clearTimeout(helloTimer);
        const phases = processPhasesUntilNow();
        const forwarded = Object.fromEntries(FORWARDED_ENV.flatMap((k) => (env[k] !== undefined ? [[k, env[k]]] : [])));
        writeFrame(socket, { round: { argv: request.argv, cwd, env: forwarded, phases } });
        sent = true;
      } else if ('out' in frame) io.out(bytes!.toString('utf8'));
      else if ('err' in frame) io.err(bytes!.toString('utf8'));
      else if ('committed' in frame) committed = Number(frame.committed);
      else if ('exit' in frame) settle(Number(frame.exit));
      else if ('declined' in frame) {
        io.err(`oar-sched: note: ${where} did not take the round (${String(frame.declined)}): it runs in this process\n`);
        settle(undefined);
      }
    });
  });
}
