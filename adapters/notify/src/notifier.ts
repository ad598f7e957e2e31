/**
 * The port a meta-scheduler round sends its notifications through, once its transaction has
 * committed (spec §13, §7.4, §9.1).
 *
 * Contract, for every implementation:
 *
 * * **Never throws.** Every method resolves; a notification that could not be delivered resolves
 *   to `{ ok: false, reason }` (and the real notifier also logs it). The round decides what a
 *   failure means (frag the job, `LOST_SESSION`, `CANNOT_NOTIFY_OARSUB`, notify again next round).
 * * **Bounded in time.** A call settles within the notifier's timeout (`timeoutMs`, default 2 s),
 *   whatever the peer does: nothing listening, a peer that never reads, an address that never
 *   answers. Calls made while the same endpoint is still busy count their wait in that bound.
 * * **Closable.** `close()` waits for the calls in flight (each bounded), releases every socket
 *   and returns; the process can then exit at once (no handle left open, no ZeroMQ linger on a
 *   message nobody will take). Calls after `close()` resolve to a failure without sending.
 *
 * `ok: true` means handed over to the peer's connection, not processed by it: ZeroMQ PUSH
 * messages were queued on a connected peer's pipe, TCP lines were written and the connection
 * closed. OAR's own senders give no stronger guarantee.
 */
import type { AutomatonCommand, AutomatonOptions } from './messages.js';

/** Who a notification is for: the job launcher, the central automaton, or a waiting submitter. */
export type NotifyTarget = 'launcher' | 'automaton' | 'oarsub';

/** The outcome of one notification; `endpoint` names where it went (`tcp://host:port` or `host:port`). */
export type NotifyResult =
  | { readonly ok: true; readonly target: NotifyTarget; readonly endpoint: string }
  | { readonly ok: false; readonly target: NotifyTarget; readonly endpoint: string; readonly reason: string };

export interface Notifier {
  /**
   * Asks the launcher (OAR's "bipbip commander", a ZeroMQ PULL socket at
   * `BIPBIP_COMMANDER_SERVER:BIPBIP_COMMANDER_PORT`) to run a job that went to `toLaunch`:
   * one frame `{"job_id": <id>, "cmd": "OARRUN", "args": []}` on a PUSH socket.
   */
  launch(jobId: number): Promise<NotifyResult>;

  /**
   * Sends a command to the central automaton ("almighty", a ZeroMQ PULL socket at
   * `SERVER_HOSTNAME:APPENDICE_SERVER_PORT`): one frame `{"cmd": "<command>"}` on a PUSH socket
   * (`job_id`, `args` added when given). The round sends `ChState` after killing besteffort jobs
   * or setting jobs to `Error`, `Qdel` after fragging a job whose interactive session is lost.
   */
  automaton(command: AutomatonCommand, options?: AutomatonOptions): Promise<NotifyResult>;

  /**
   * Sends text lines to a submitter waiting at `infoType` (`jobs.info_type`, `host:port`): each
   * line on its own TCP connection, in order, as UTF-8 followed by one `\n` (oarsub reads one
   * message per connection). Lines come from `reservationAcceptedLines`, `jobErrorLines`,
   * `startPredictionLine`. Stops at the first line that fails; the reason says which.
   */
  oarsub(infoType: string, lines: readonly string[]): Promise<NotifyResult>;

  /** Waits for calls in flight, releases every socket. Idempotent. */
  close(): Promise<void>;
}

/** Where a notifier logs what it could not deliver (and, at debug, what it sent). */
export interface NotifyLogger {
  warn(message: string): void;
  debug?(message: string): void;
}
