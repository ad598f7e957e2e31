/**
 * The messages between `oar-sched serve`'s own thread (round-worker.ts) and its round thread
 * (serve-worker.ts). One exchange at a time: a `prepare` answered by `prepared`; a `round`
 * answered by its output (`out`, `err`, `committed`) and then `done`, or by `stale` when a watched
 * file changed (nothing ran: the thread must be replaced).
 */
import type { RoundRequest } from './protocol.js';

export type ToWorker =
  | {
      readonly type: 'prepare';
      /** The server's `--config` and `--oar-conf`, checked as a round would read them. */
      readonly options: { readonly config?: string | undefined; readonly oarConf?: string | undefined };
      readonly cwd: string;
    }
  | {
      readonly type: 'round';
      readonly request: RoundRequest;
      /** When the server received the request: `performance.timeOrigin + performance.now()` (ms). */
      readonly receivedAt: number;
    };

export type FromWorker =
  | {
      readonly type: 'prepared';
      /** What the setup logged (warnings), for the server's stderr. */
      readonly logged: string;
      /** The message (as the command line prints it) and the exit code, when the configuration is broken. */
      readonly failure?: { readonly text: string; readonly code: number } | undefined;
    }
  /** Output of the round, UTF-8 (its buffer is transferred, not copied). */
  | { readonly type: 'out' | 'err'; readonly bytes: Uint8Array }
  | { readonly type: 'committed'; readonly exitCode: number }
  | { readonly type: 'done'; readonly exitCode: number }
  | { readonly type: 'stale'; readonly files: readonly string[] };
