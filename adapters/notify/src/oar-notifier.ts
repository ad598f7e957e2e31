import { resolveNotifierConfig, type OarNotifierConfig } from './config.js';
import { zmqEndpoint } from './endpoints.js';
import { automatonFrame, launchFrame, parseInfoType, type AutomatonCommand, type AutomatonOptions } from './messages.js';
import type { Notifier, NotifyLogger, NotifyResult, NotifyTarget } from './notifier.js';
import { sendTcpLines } from './tcp-text.js';
import { loadZeromq, ZmqPushEndpoint, type ZeromqLoader } from './zmq-push.js';

export interface OarNotifierOptions {
  /** Gets a warning per failed notification and, if it has `debug`, a line per delivered one. */
  readonly logger?: NotifyLogger;
  /** How `zeromq` is loaded (default: `import('zeromq')` at the first ZeroMQ message). */
  readonly loadZeromq?: ZeromqLoader;
}

/**
 * The real notifier, wired as OAR 3 is: ZeroMQ PUSH sockets connected to the launcher
 * (`tcp://BIPBIP_COMMANDER_SERVER:BIPBIP_COMMANDER_PORT`) and to the automaton's appendice
 * (`tcp://SERVER_HOSTNAME:APPENDICE_SERVER_PORT`), one JSON frame per message; plain TCP text to
 * oarsub. Sockets are opened at their first message and kept until `close()`; `zeromq` itself is
 * loaded only when a ZeroMQ message is actually sent.
 *
 * It keeps the `Notifier` contract: no method throws; each call settles within
 * `config.timeoutMs` (2 s by default), an endpoint with nothing listening included; after
 * `close()` no socket, timer or ZeroMQ linger keeps the process alive. Call `close()` when the
 * round is done.
 */
export class OarNotifier implements Notifier {
  readonly config: OarNotifierConfig;
  readonly #logger: NotifyLogger | undefined;
  readonly #load: ZeromqLoader;
  #zeromq: ReturnType<ZeromqLoader> | undefined;
  readonly #zmq = new Map<string, ZmqPushEndpoint>();
  readonly #inFlight = new Set<Promise<unknown>>();
  #closed = false;

  /** Throws `OarSchedError` `CONFIG_INVALID` for a bad port, host or timeout; nothing after that throws. */
  constructor(config: Partial<OarNotifierConfig> = {}, options: OarNotifierOptions = {}) {
    this.config = resolveNotifierConfig(config);
    this.#logger = options.logger;
    this.#load = options.loadZeromq ?? loadZeromq;
  }

  launch(jobId: number): Promise<NotifyResult> {
    const endpoint = zmqEndpoint(this.config.bipbipCommanderServer, this.config.bipbipCommanderPort);
    return this.#track('launcher', endpoint, `launch of job ${jobId}`, () => this.#push(endpoint, () => launchFrame(jobId)));
  }

  automaton(command: AutomatonCommand, options: AutomatonOptions = {}): Promise<NotifyResult> {
    const endpoint = zmqEndpoint(this.config.serverHostname, this.config.appendiceServerPort);
    return this.#track('automaton', endpoint, `automaton command ${command}`, () => this.#push(endpoint, () => automatonFrame(command, options)));
  }

  oarsub(infoType: string, lines: readonly string[]): Promise<NotifyResult> {
    const address = parseInfoType(infoType);
    const endpoint = typeof address === 'string' ? String(infoType) : `${address.host}:${address.port}`;
    const deadline = Date.now() + this.config.timeoutMs;
    return this.#track('oarsub', endpoint, `oarsub message (${lines.length} line${lines.length === 1 ? '' : 's'})`, async () =>
      typeof address === 'string' ? address : sendTcpLines(address.host, address.port, [...lines], deadline, this.config.timeoutMs),
    );
  }

  async close(): Promise<void> {
    this.#closed = true;
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
    await Promise.allSettled([...this.#zmq.values()].map((e) => e.close()));
    this.#zmq.clear();
  }

  #push(endpoint: string, frame: () => string): Promise<string | undefined> {
    const deadline = Date.now() + this.config.timeoutMs;
    let text: string;
    try {
      text = frame();
    } catch (e) {
      return Promise.resolve(`cannot encode the message: ${(e as Error)?.message ?? String(e)}`);
    }
    let socket = this.#zmq.get(endpoint);
    if (!socket) this.#zmq.set(endpoint, (socket = new ZmqPushEndpoint(endpoint, () => this.#loadZeromq(), this.config.timeoutMs)));
    return socket.send(text, deadline);
  }

  /** One load for both endpoints; a failed load is tried again by the next message. */
  #loadZeromq(): ReturnType<ZeromqLoader> {
    this.#zeromq ??= this.#load().catch((e: unknown) => {
      this.#zeromq = undefined;
      throw e;
    });
    return this.#zeromq;
  }

  #track(target: NotifyTarget, endpoint: string, what: string, send: () => Promise<string | undefined>): Promise<NotifyResult> {
    const run = (async (): Promise<NotifyResult> => {
      let reason: string | undefined;
      if (this.#closed) reason = 'the notifier is closed';
      else {
        try {
          reason = await send();
        } catch (e) {
          reason = `unexpected error: ${(e as Error)?.message ?? String(e)}`;
        }
      }
      try {
        if (reason === undefined) this.#logger?.debug?.(`[notify] ${what} sent to ${target} at ${endpoint}`);
        else this.#logger?.warn(`[notify] ${what} to ${target} at ${endpoint} failed: ${reason}`);
      } catch {
        // a logger that throws must not turn a result into an exception
      }
      return reason === undefined ? { ok: true, target, endpoint } : { ok: false, target, endpoint, reason };
    })();
    this.#inFlight.add(run);
    void run.finally(() => this.#inFlight.delete(run));
    return run;
  }
}
