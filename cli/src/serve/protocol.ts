/**
 * What `oar-sched round` (the client) and `oar-sched serve` say on the socket: one JSON object
 * per line, each way; the round's output travels as raw bytes after a line announcing them.
 *
 * 1. On each connection the server first sends `{"hello": {version, pid}}`, at once: rounds run in
 *    a worker thread, so the server's own thread always answers, even during a round.
 * 2. The client sends one `{"round": RoundRequest}`.
 * 3. The server runs it when the rounds before it are done (one at a time), sending the round's
 *    output as it comes — `{"out": N}` or `{"err": N}`, then N bytes of UTF-8 text —,
 *    `{"committed": code}` right after the round's transaction committed, then `{"exit": code}`;
 *    or `{"declined": reason}` when it will not run it (it is stopping): nothing ran, the client
 *    runs the round itself.
 *
 * Output is not JSON-encoded: `round --json` on a large cluster prints tens of megabytes, which
 * escaping and parsing again would slow down for nothing.
 *
 * Loaded by every `oar-sched round`: Node built-ins only.
 */
import type { Socket } from 'node:net';

/** The environment variables `oar-sched round` reads itself: the client sends its own. */
export const FORWARDED_ENV = ['OARCONFFILE', 'OAR_DB_URL'] as const;

export interface RoundRequest {
  /** The client's command line after `oar-sched` (`round …`), parsed again by the server. */
  readonly argv: readonly string[];
  /** The client's current folder: relative paths and the config search start there. */
  readonly cwd: string;
  /** The client's values of `FORWARDED_ENV` (absent: unset). */
  readonly env: Readonly<Record<string, string>>;
  /** The client's `start` and `load` phases until it sent this (ms), for the round's `--json` phases. */
  readonly phases?: { readonly start: number; readonly load: number } | undefined;
}

export type ServerFrame =
  | { readonly hello: { readonly version: string; readonly pid: number } }
  | { readonly committed: number }
  | { readonly exit: number }
  | { readonly declined: string };

export type ClientFrame = { readonly round: RoundRequest };

/** Writes one frame; a peer that went away is not an error here (its 'close' says so). */
export function writeFrame(socket: Socket, frame: ServerFrame | ClientFrame): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(frame)}\n`);
}

/** Writes output of the round for the client's stdout (`out`) or stderr (`err`). */
export function writeOutput(socket: Socket, stream: 'out' | 'err', bytes: Uint8Array): void {
  if (socket.destroyed || !socket.writable) return;
  socket.write(`{"${stream}":${bytes.byteLength}}\n`);
  socket.write(bytes);
}

/**
 * Calls `onFrame` with each frame: its parsed line, and for `out`/`err` the bytes that follow.
 * A line that is not a JSON object ends the connection. Each chunk is searched once: a frame of
 * many chunks is never scanned again from its start.
 */
export function readFrames(socket: Socket, onFrame: (frame: Record<string, unknown>, bytes: Buffer | undefined) => void): void {
  let pieces: Buffer[] = [];
  let size = 0;
  /** A frame whose bytes are still coming, and how many. */
  let awaiting: { readonly frame: Record<string, unknown>; readonly bytes: number } | undefined;
  const take = (): Buffer => {
    const whole = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, size);
    pieces = [];
    size = 0;
    return whole;
  };
  socket.on('data', (chunk: Buffer) => {
    let data = chunk;
    while (data.length > 0 && !socket.destroyed) {
      if (awaiting !== undefined) {
        const need = awaiting.bytes - size;
        pieces.push(data.subarray(0, need));
        size += Math.min(need, data.length);
        data = data.subarray(need);
        if (size < awaiting.bytes) return;
        const { frame } = awaiting;
        awaiting = undefined;
        onFrame(frame, take());
        continue;
      }
      const end = data.indexOf(10);
      pieces.push(end < 0 ? data : data.subarray(0, end));
      size += end < 0 ? data.length : end;
      if (end < 0) return;
      data = data.subarray(end + 1);
      let frame: unknown;
      try {
        frame = JSON.parse(take().toString('utf8'));
      } catch {
        frame = undefined;
      }
      if (typeof frame !== 'object' || frame === null) return void socket.destroy();
      const record = frame as Record<string, unknown>;
      const bytes = 'out' in record ? record.out : 'err' in record ? record.err : undefined;
      if (typeof bytes === 'number' && bytes > 0) awaiting = { frame: record, bytes };
      else onFrame(record, bytes === undefined ? undefined : Buffer.alloc(0));
    }
  });
}
