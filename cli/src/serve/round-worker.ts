/**
 * The server's handle on its round thread (serve-worker.ts, a worker thread). Rounds run there so
 * that (1) the server's own thread always answers its socket, even during a long round, and
 * (2) loading the config and plugins anew is dropping the thread and starting another: Node never
 * unloads a module it imported, so a plugin's changed code can only be seen by a fresh module
 * graph.
 *
 * One exchange at a time (the server queues its rounds). When the thread fails (an exception no
 * one caught, or it exits), the pending exchange rejects with the reason and the handle is dead:
 * the server starts another one for its next round.
 */
import { Worker } from 'node:worker_threads';
import type { RoundRequest } from './protocol.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

/** Where the output of a round goes: the client's connection. */
export interface RoundSink {
  /** UTF-8 text of the round's stdout and stderr. */
  out(bytes: Uint8Array): void;
  err(bytes: Uint8Array): void;
  /** The round's transaction committed; `exitCode` is what its plan decided. */
  committed(exitCode: number): void;
}

export type RoundOutcome = { readonly exitCode: number } | { readonly stale: readonly string[] };

export class RoundWorker {
  readonly #worker: Worker;
  #onMessage: ((message: FromWorker) => void) | undefined;
  #onFailure: ((reason: Error) => void) | undefined;
  #failure: Error | undefined;

  constructor() {
    // Beside this file: cli/dist/serve/ when run from the compiled files, cli/bundle/ (an entry of
    // its own, see cli/scripts/bundle.mjs) when run from the binary's bundle.
    this.#worker = new Worker(new URL('./serve-worker.js', import.meta.url));
    this.#worker.on('message', (message: FromWorker) => this.#onMessage?.(message));
    this.#worker.on('error', (e) => this.#fail(e));
    this.#worker.on('exit', (code) => this.#fail(new Error(`the round thread exited with code ${code}`)));
  }

  /** Loads and checks the setup of the server's own options; resolves with what it logged, or why it failed. */
  prepare(options: Extract<ToWorker, { type: 'prepare' }>['options'], cwd: string): Promise<Extract<FromWorker, { type: 'prepared' }>> {
    return this.#exchange({ type: 'prepare', options, cwd }, (message) => (message.type === 'prepared' ? message : undefined));
  }

  round(request: RoundRequest, receivedAt: number, sink: RoundSink): Promise<RoundOutcome> {
    return this.#exchange({ type: 'round', request, receivedAt }, (message) => {
      switch (message.type) {
        case 'out':
          return sink.out(message.bytes);
        case 'err':
          return sink.err(message.bytes);
        case 'committed':
          return sink.committed(message.exitCode);
        case 'done':
          return { exitCode: message.exitCode };
        case 'stale':
          return { stale: message.files };
        default:
          return undefined;
      }
    });
  }

  /** Why the thread stopped (an error no one caught, between rounds too), or `undefined` while it runs. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  async terminate(): Promise<void> {
    this.#failure ??= new Error('the round thread was stopped');
    await this.#worker.terminate();
  }

  /** Sends `message`; each reply goes to `onReply` until it returns a result. */
  #exchange<T>(message: ToWorker, onReply: (reply: FromWorker) => T | undefined | void): Promise<T> {
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<T>((resolve, reject) => {
      this.#onFailure = reject;
      this.#onMessage = (reply) => {
        const result = onReply(reply);
        if (result === undefined) return;
        this.#onMessage = this.#onFailure = undefined;
        resolve(result as T);
      };
      this.#worker.postMessage(message);
    });
  }

  #fail(reason: Error): void {
    this.#failure ??= reason;
    const reject = this.#onFailure;
    this.#onMessage = this.#onFailure = undefined;
    reject?.(this.#failure);
  }
}
