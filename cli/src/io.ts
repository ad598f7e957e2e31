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
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

export function cwdOf(io: CliIo): string {
  return io.cwd ?? process.cwd();
}

/** A path the user typed, made relative to `io.cwd` when one is set (kept as typed otherwise, for messages). */
export function userPath(io: CliIo, path: string): string {
  return io.cwd === undefined || isAbsolute(path) ? path : resolve(io.cwd, path);
}

/** Plugin log lines and loader warnings on the command's error stream (stdout stays pure output). */
export function stderrLogger(io: CliIo): PluginLogger {
  return { info: (m) => io.err(`${m}\n`), warn: (m) => io.err(`warning: ${m}\n`) };
}
