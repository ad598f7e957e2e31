import { resolveNotifierConfig, type OarNotifierConfig } from './config.js';
import { automatonFrame, automatonMessage, launchFrame, parseInfoType, type AutomatonCommand, type AutomatonOptions } from './messages.js';
import type { Notifier, NotifyResult, NotifyTarget } from './notifier.js';
import { zmqEndpoint } from './endpoints.js';

/**
 * One notification as a round asked for it. `wire` is what `OarNotifier` would put on the wire for
 * it: one ZeroMQ frame for `launch` and `automaton`, one entry per TCP connection (the line and its
 * `\n`) for `oarsub`.
 */
export type NotifyCall =
  | { readonly kind: 'launch'; readonly target: 'launcher'; readonly jobId: number; readonly wire: readonly string[] }
  | {
      readonly kind: 'automaton';
      readonly target: 'automaton';
      readonly command: AutomatonCommand;
      readonly jobId?: number;
      readonly args?: readonly string[];
      readonly wire: readonly string[];
    }
  | { readonly kind: 'oarsub'; readonly target: 'oarsub'; readonly infoType: string; readonly lines: readonly string[]; readonly wire: readonly string[] };

/** A recorded call and what the recorder answered. */
export type RecordedCall = NotifyCall & { readonly result: NotifyResult };

/**
 * When a target fails: `true` (with a stock reason), a reason, or a function of the call that
 * returns a reason / `true` to fail it and `false` / `undefined` to let it succeed (e.g. fail only
 * job 7's launch, or only one submitter's address).
 */
export type FailureRule = boolean | string | ((call: NotifyCall) => string | boolean | undefined);

export interface RecordingNotifierOptions {
  /** Failures per target; targets without a rule succeed (as the reference tests' monkeypatches). */
  readonly failures?: Partial<Record<NotifyTarget, FailureRule>>;
  /** Endpoints to report in results (defaults: the reference's, spec §2). */
  readonly config?: Partial<OarNotifierConfig>;
}

/**
 * A `Notifier` that sends nothing and records every call, in call order, with the wire text the
 * real notifier would send and the result it returned. For tests and the plugin harness.
 * It keeps the contract of `Notifier`: never throws, fails calls made after `close()`, and fails an
 * `oarsub` call whose `info_type` is not `host:port` exactly as `OarNotifier` does.
 */
export class RecordingNotifier implements Notifier {
  readonly #calls: RecordedCall[] = [];
  readonly #failures = new Map<NotifyTarget, FailureRule>();
  readonly #config: OarNotifierConfig;
  #closed = false;

  constructor(options: RecordingNotifierOptions = {}) {
    this.#config = resolveNotifierConfig(options.config);
    for (const [target, rule] of Object.entries(options.failures ?? {}) as [NotifyTarget, FailureRule | undefined][]) {
      if (rule !== undefined) this.#failures.set(target, rule);
    }
  }

  /** Every call so far, oldest first (a copy). */
  get calls(): readonly RecordedCall[] {
    return [...this.#calls];
  }

  /** The calls for one target, oldest first. */
  callsTo(target: NotifyTarget): readonly RecordedCall[] {
    return this.#calls.filter((c) => c.target === target);
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Sets (or, with `undefined`, removes) the failure rule of one target from now on. */
  setFailure(target: NotifyTarget, rule: FailureRule | undefined): this {
    if (rule === undefined) this.#failures.delete(target);
    else this.#failures.set(target, rule);
    return this;
  }

  /** Forgets the recorded calls (failure rules stay). */
  clear(): void {
    this.#calls.length = 0;
  }

  launch(jobId: number): Promise<NotifyResult> {
    return this.#record({ kind: 'launch', target: 'launcher', jobId, wire: [launchFrame(jobId)] }, zmqEndpoint(this.#config.bipbipCommanderServer, this.#config.bipbipCommanderPort));
  }

  automaton(command: AutomatonCommand, options: AutomatonOptions = {}): Promise<NotifyResult> {
    const message = automatonMessage(command, options);
    const call: NotifyCall = {
      kind: 'automaton',
      target: 'automaton',
      command,
      ...(message.job_id === undefined ? {} : { jobId: message.job_id }),
      ...(message.args === undefined ? {} : { args: message.args }),
      wire: [automatonFrame(command, options)],
    };
    return this.#record(call, zmqEndpoint(this.#config.serverHostname, this.#config.appendiceServerPort));
  }

  oarsub(infoType: string, lines: readonly string[]): Promise<NotifyResult> {
    const address = parseInfoType(infoType);
    const call: NotifyCall = { kind: 'oarsub', target: 'oarsub', infoType, lines: [...lines], wire: lines.map((l) => `${l}\n`) };
    return this.#record(call, typeof address === 'string' ? String(infoType) : `${address.host}:${address.port}`, typeof address === 'string' ? address : undefined);
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }

  #record(call: NotifyCall, endpoint: string, invalid?: string): Promise<NotifyResult> {
    const reason = this.#closed ? 'the notifier is closed' : (invalid ?? this.#failureReason(call));
    const result: NotifyResult = reason === undefined ? { ok: true, target: call.target, endpoint } : { ok: false, target: call.target, endpoint, reason };
    this.#calls.push({ ...call, result });
    return Promise.resolve(result);
  }

  #failureReason(call: NotifyCall): string | undefined {
    const rule = this.#failures.get(call.target);
    let verdict: string | boolean | undefined;
    try {
      verdict = typeof rule === 'function' ? rule(call) : rule;
    } catch (e) {
      verdict = `failure rule threw: ${(e as Error)?.message ?? String(e)}`;
    }
    if (verdict === true || verdict === '') return `recorded failure for ${call.target}`;
    return typeof verdict === 'string' ? verdict : undefined;
  }
}
