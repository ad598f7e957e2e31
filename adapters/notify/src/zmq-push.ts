/**
 * One ZeroMQ PUSH socket per endpoint, as OAR's `tools.py` keeps one per target, with the options
 * that keep a dead endpoint from holding the process:
 *
 * * `immediate` (ZMQ_IMMEDIATE): a message is queued only on a completed connection. Without it
 *   libzmq queues on the pipe of a connection still being attempted, `send` "succeeds" with nobody
 *   listening (OAR never learns), and the queued message keeps the process alive at exit.
 * * `sendTimeout`: the time left before the call's deadline; past it `send` fails with EAGAIN.
 *   Once an endpoint has timed out, later sends to it do not wait (timeout 0) until one succeeds,
 *   so N launches to a dead launcher take one timeout, not N.
 * * `linger`: the notifier's timeout, not 0. With `immediate` nothing is ever queued for a dead
 *   endpoint, so nothing lingers there; a message queued on a live connection gets that long to be
 *   written out after `close()`. Linger 0 would drop messages already "sent" when the socket is
 *   closed right after (observed: 6 of 200 lost on loopback).
 *
 * `zeromq` is loaded by the first send, never before: a round that sends nothing does not load the
 * native addon.
 */
import type { Push } from 'zeromq';

/** The `zeromq` module (v6), as `import('zeromq')` gives it. */
export type ZeromqModule = typeof import('zeromq');

/** Loads `zeromq`; replaceable so a test can observe when it happens. */
export type ZeromqLoader = () => Promise<ZeromqModule>;

export const loadZeromq: ZeromqLoader = () => import('zeromq');

export class ZmqPushEndpoint {
  #socket: Promise<Push> | undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #down = false;
  #closed = false;

  constructor(
    readonly endpoint: string,
    private readonly load: ZeromqLoader,
    private readonly timeoutMs: number,
  ) {}

  /**
   * Sends one frame before `deadline` (epoch ms). Resolves to `undefined` when the frame was queued
   * on a connected peer, to a reason otherwise; never rejects. Sends are serialised (zeromq allows
   * one pending send per socket); the wait for earlier ones counts against the deadline.
   */
  send(frame: string, deadline: number): Promise<string | undefined> {
    const run = this.#queue.then(() => this.#sendNow(frame, deadline));
    this.#queue = run;
    return run;
  }

  /** Waits for the queued sends (each bounded by its deadline), then closes the socket. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#queue;
    const socket = await this.#socket?.catch(() => undefined);
    if (socket && !socket.closed) socket.close();
  }

  async #sendNow(frame: string, deadline: number): Promise<string | undefined> {
    if (this.#closed) return 'the notifier is closed';
    let socket: Push;
    try {
      socket = await (this.#socket ??= this.#open());
    } catch (e) {
      this.#socket = undefined;
      return `cannot open a ZeroMQ PUSH socket to ${this.endpoint}: ${describe(e)}`;
    }
    const wait = this.#down ? 0 : Math.max(0, deadline - Date.now());
    try {
      socket.sendTimeout = wait;
      await socket.send(frame);
      this.#down = false;
      return undefined;
    } catch (e) {
      if ((e as { code?: unknown })?.code === 'EAGAIN') {
        const already = this.#down;
        this.#down = true;
        return already
          ? `no receiver connected at ${this.endpoint} (an earlier message timed out; not waiting again)`
          : `no receiver took the message at ${this.endpoint} within ${this.timeoutMs} ms (nothing listening?)`;
      }
      return `ZeroMQ send to ${this.endpoint} failed: ${describe(e)}`;
    }
  }

  async #open(): Promise<Push> {
    const zmq = await this.load();
    const socket = new zmq.Push({ immediate: true, linger: this.timeoutMs, ipv6: this.endpoint.includes('[') });
    try {
      socket.connect(this.endpoint);
    } catch (e) {
      socket.close();
      throw e;
    }
    return socket;
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}
