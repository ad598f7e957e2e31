/**
 * `oar-sched serve`: a long-lived process that runs `oar-sched round`'s rounds with the engine,
 * the plugins and the config already loaded (client.ts is the other end; protocol.ts what they
 * say). OAR's automaton still starts `oar-sched round` every cycle; that process only connects,
 * sends its command line, folder and environment, and relays what comes back.
 *
 * Start: the socket path (socket-path.ts) is claimed — refused when another server answers there
 * or when the path is not a socket; a socket file nobody answers on is a leftover and is removed.
 * The round thread loads and checks the setup of `--config`/`--oar-conf` (a broken configuration
 * stops the server here, exit 2, with the message a round would print); then the socket is
 * created, mode 0600: only the server's user may connect.
 *
 * Rounds: one at a time, in the round thread (round-queue.ts). Between rounds the server's own
 * thread does nothing but answer connections.
 *
 * Stop (SIGTERM, SIGINT): no new connection; the round in progress finishes; rounds still waiting
 * are declined (their clients run them in-process: nothing of them ran); then the round thread
 * stops, the socket file is removed and the command exits 0. A second signal exits at once (the
 * round in progress, if any, is abandoned and its transaction rolls back).
 */
import { chmodSync, lstatSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import { cwdOf, envOf, type CliIo } from '../io.js';
import { UsageError } from '../usage-error.js';
import { readFrames, writeFrame, type RoundRequest } from './protocol.js';
import { decline, RoundQueue } from './round-queue.js';
import { RoundWorker } from './round-worker.js';
import { socketPath } from './socket-path.js';

export interface ServeOptions {
  readonly socket?: string | undefined;
  readonly config?: string | undefined;
  readonly oarConf?: string | undefined;
  /** This oar-sched's version, sent to clients (a client of another version runs its round itself). */
  readonly version: string;
}

export async function serveCommand(options: ServeOptions, io: CliIo): Promise<number> {
  const log = (text: string) => io.err(`oar-sched serve: ${text}\n`);
  const cwd = cwdOf(io);
  const path = socketPath(options.socket, envOf(io), cwd);
  await claimSocketPath(path, log);

  const worker = new RoundWorker();
  const prepared = await worker.prepare({ config: options.config, oarConf: options.oarConf }, cwd);
  if (prepared.logged) io.err(prepared.logged);
  if (prepared.failure) {
    io.err(prepared.failure.text);
    await worker.terminate();
    return prepared.failure.code;
  }

  const server = listen(path);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (e) => reject(new UsageError(`cannot listen on ${path}: ${e.message}`, 'check that its folder exists and is writable, or give another --socket')));
  }).catch(async (e: unknown) => {
    await worker.terminate();
    throw e;
  });
  const socketInode = lstatSync(path).ino;
  server.on('error', (e) => log(`socket error: ${e.message}`));
  log(`listening on ${path} (oar-sched ${options.version}, pid ${process.pid})`);

  const rounds = new RoundQueue(worker, log);
  const connections = new Set<Socket>();
  server.on('connection', (connection) => {
    connections.add(connection);
    connection.on('close', () => connections.delete(connection));
    connection.on('error', () => {}); // a client that went away: 'close' follows
    writeFrame(connection, { hello: { version: options.version, pid: process.pid } });
    readFrames(connection, (frame) => {
      if (!('round' in frame)) return connection.destroy();
      rounds.add(connection, frame.round as RoundRequest, performance.timeOrigin + performance.now());
    });
  });

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        log(`${signal} again: exiting now; a round in progress is abandoned (its transaction rolls back)`);
        process.exit(128 + (constants.signals[signal] ?? 0));
      }
      stopping = true;
      log(`${signal}: finishing the round in progress, then stopping`);
      server.close();
      void rounds.stop().then(() => {
        // Clients connected but not served: told so, they run their rounds themselves.
        for (const connection of connections) decline(connection);
        removeOwnSocket(path, socketInode);
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        log('stopped');
        resolve(0);
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/** A new server on `path`, its socket file created with mode 0600 (no moment with wider rights). */
function listen(path: string): Server {
  const server = createServer();
  const umask = process.umask(0o177);
  try {
    // The socket file is created (bound) synchronously, inside listen().
    server.listen(path);
  } finally {
    process.umask(umask);
  }
  server.once('listening', () => chmodSync(path, 0o600));
  return server;
}

/**
 * Makes `path` free for this server: nothing there, or a socket file no server answers on (removed).
 * Refuses a path that is not a socket, or where another server answers.
 */
async function claimSocketPath(path: string, log: (text: string) => void): Promise<void> {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return;
  if (!stat.isSocket()) throw new UsageError(`${path} exists and is not a socket`, 'give another --socket, or remove the file');
  const answer = await probe(path);
  if (answer === 'answers') throw new UsageError(`another oar-sched serve answers on ${path}`, 'stop it first, or give this one another --socket');
  if (answer !== 'refused') throw new UsageError(`${path}: cannot tell whether a server listens there (${answer})`, 'give another --socket, or remove the file');
  unlinkSync(path);
  log(`removed ${path}: a socket no server answered on (left by a server that did not stop cleanly)`);
}

function probe(path: string): Promise<'answers' | 'refused' | string> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      resolve('answers');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'ECONNREFUSED' ? 'refused' : (e.code ?? e.message)));
  });
}

/** Removes the socket file if it is still the one this server created (not a newer server's). */
function removeOwnSocket(path: string, inode: number): void {
  if (lstatSync(path, { throwIfNoEntry: false })?.ino === inode) unlinkSync(path);
}
