/**
 * The rounds of `oar-sched serve`: one at a time, in arrival order (a second client waits; OAR
 * never sends two, but the server does not rely on it), each in the round thread (round-worker.ts).
 *
 * - A client that went away before its turn has its round dropped, unrun.
 * - A client that goes away during its round takes the round with it, as a killed in-process
 *   round would: the round thread is stopped (its transaction rolls back unless it had committed)
 *   and the next round gets a new thread.
 * - A thread that reports a watched file changed (`stale`) is replaced, and the round runs in the
 *   new one: that is how config and plugins are loaded anew.
 * - A thread that failed (during a round, or between rounds) is replaced; the round it was running
 *   is reported to its client as lost (lost-round.ts).
 * - Once stopping, rounds not started are declined: their clients run them themselves.
 */
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { lostRound } from './lost-round.js';
import { writeFrame, writeOutput, type RoundRequest } from './protocol.js';
import { RoundWorker } from './round-worker.js';

export class RoundQueue {
  #worker: RoundWorker | undefined;
  #tail: Promise<void> = Promise.resolve();
  #stopping = false;
  readonly #log: (text: string) => void;

  /** `worker`: the round thread prepared at start. */
  constructor(worker: RoundWorker, log: (text: string) => void) {
    this.#worker = worker;
    this.#log = log;
  }

  /** Queues a client's round: `connection` gets its output, then its exit code, then is ended. */
  add(connection: Socket, request: RoundRequest, receivedAt: number): void {
    if (this.#stopping) return decline(connection);
    this.#tail = this.#tail
      .then(() => this.#run(connection, request, receivedAt))
      .catch((e: unknown) => this.#log(`internal error, please report it: ${e instanceof Error ? e.stack : String(e)}`));
  }

  /** Declines the rounds not started; resolves once the round in progress is done and the thread stopped. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await this.#tail;
    await this.#worker?.terminate();
    this.#worker = undefined;
  }

  async #run(connection: Socket, request: RoundRequest, receivedAt: number): Promise<void> {
    if (connection.destroyed) return; // its client went away while waiting: nothing runs for it
    if (this.#stopping) return decline(connection);
    const t0 = performance.now();
    let committed: number | undefined;
    const sink = {
      out: (bytes: Uint8Array) => writeOutput(connection, 'out', bytes),
      err: (bytes: Uint8Array) => writeOutput(connection, 'err', bytes),
      committed: (exitCode: number) => {
        committed = exitCode;
        writeFrame(connection, { committed: exitCode });
      },
    };
    let finished = false;
    const clientGone = () => {
      if (finished || this.#worker === undefined) return;
      this.#log(`the client in ${request.cwd} went away during its round: stopping the round (its transaction rolls back unless it had committed)`);
      void this.#worker.terminate();
    };
    connection.once('close', clientGone);
    let exitCode: number;
    try {
      exitCode = await this.#inThread(request, receivedAt, sink);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.#log(`the round thread stopped during the round (${reason}); a new one will run the next round`);
      await this.#worker?.terminate().catch(() => {});
      this.#worker = undefined;
      const lost = lostRound("the oar-sched server's round thread", reason, committed);
      sink.err(Buffer.from(lost.text));
      exitCode = lost.code;
    }
    finished = true;
    connection.off('close', clientGone);
    writeFrame(connection, { exit: exitCode });
    connection.end();
    this.#log(`round in ${request.cwd}: exit ${exitCode} (${(performance.now() - t0).toFixed(0)} ms)`);
  }

  /** The round's exit code, from a live thread whose setups are up to date. */
  async #inThread(request: RoundRequest, receivedAt: number, sink: Parameters<RoundWorker['round']>[2]): Promise<number> {
    if (this.#worker?.failure !== undefined) {
      this.#log(`the round thread had stopped since the last round (${this.#worker.failure.message}): starting a new one`);
      this.#worker = undefined;
    }
    this.#worker ??= new RoundWorker();
    const outcome = await this.#worker.round(request, receivedAt, sink);
    if (!('stale' in outcome)) return outcome.exitCode;
    this.#log(`changed since loaded: ${outcome.stale.join(', ')}: loading the config and plugins anew`);
    await this.#worker.terminate();
    this.#worker = new RoundWorker();
    const again = await this.#worker.round(request, receivedAt, sink);
    if ('stale' in again) throw new Error('a new round thread reported a stale setup');
    return again.exitCode;
  }
}

/** Tells a client its round will not run here (nothing of it ran): it runs the round itself. */
export function decline(connection: Socket): void {
  writeFrame(connection, { declined: 'the server is stopping' });
  connection.end();
}
