import { isAbsolute, resolve } from 'node:path';
import type { PluginLogger } from '@oar-sched/plugin-api';

/** Where the CLI writes, and the folder it runs in; tests pass buffers and a folder, the bin the process's. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * The folder the command runs in: relative paths (`--scenario`, `--config`) resolve from it and
   * the config search starts there. Default: `process.cwd()`.
   */
  readonly cwd?: string | undefined;
  /**
   * Whether standard output is a terminal: `schedule` then prints a table for people instead of
   * JSON for scripts (unless `--format` says otherwise). Default: not a terminal.
   */
  readonly isTTY?: boolean | undefined;
  /** All of standard input, for `--scenario -`. Default: nothing to read (an empty string). */
  readStdin?(): Promise<string>;
  /**
   * The environment variables the command reads itself (`OARCONFFILE`, `OAR_DB_URL`,
   * `OAR_SCHED_SOCKET`): `oar-sched serve` runs a round with its client's. Default: `process.env`.
   * Plugins and database drivers read `process.env` as they always do.
   */
  readonly env?: CliEnv | undefined;
}

export type CliEnv = Readonly<Record<string, string | undefined>>;

/**
 * The process's streams. A reader that goes away early (`oar-sched schedule … | head -1`) closes
 * the pipe: the write fails with EPIPE, which would otherwise be an unhandled 'error' event and a
 * stack trace. Then the rest of the output is dropped and the command ends with its usual code.
 */
export const processIo: CliIo = {
  out: (text) => writeTo(process.stdout, text),
  err: (text) => writeTo(process.stderr, text),
  get isTTY() {
    return process.stdout.isTTY === true;
  },
  readStdin: async () => {
    let text = '';
    process.stdin.setEncoding('utf8');
    for await (const chunk of process.stdin) text += chunk as string;
    return text;
  },
};

const closed = new WeakSet<NodeJS.WritableStream>();
const guarded = new WeakSet<NodeJS.WritableStream>();

function writeTo(stream: NodeJS.WriteStream, text: string): void {
  if (!guarded.has(stream)) {
    guarded.add(stream);
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closed.add(stream);
    });
  }
  if (closed.has(stream) || stream.destroyed) return;
  stream.write(text);
}

export function cwdOf(io: CliIo): string {
  return io.cwd ?? process.cwd();
}

export function envOf(io: CliIo): CliEnv {
  return io.env ?? process.env;
}

/** A path the user typed, made relative to `io.cwd` when one is set (kept as typed otherwise, for messages). */
export function userPath(io: CliIo, path: string): string {
  return io.cwd === undefined || isAbsolute(path) ? path : resolve(io.cwd, path);
}

/** Plugin log lines and loader warnings on the command's error stream (stdout stays pure output). */
export function stderrLogger(io: CliIo): PluginLogger {
  return { info: (m) => io.err(`${m}\n`), warn: (m) => io.err(`warning: ${m}\n`) };
}
