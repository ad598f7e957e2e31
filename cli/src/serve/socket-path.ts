/**
 * Where `oar-sched serve` listens and where `oar-sched round` looks for it. Both sides compute the
 * same path, first found:
 * 1. `--socket PATH` (relative to the current folder);
 * 2. the `OAR_SCHED_SOCKET` environment variable;
 * 3. `/run/oar-sched/oar-sched.sock` when the folder `/run/oar-sched` exists (systemd creates it
 *    for a unit with `RuntimeDirectory=oar-sched`, and removes it when the unit stops);
 * 4. `oar-sched-UID.sock` in the temporary folder (`os.tmpdir()`), one per user.
 *
 * Loaded by every `oar-sched round`: Node built-ins only.
 */
import { existsSync, lstatSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import type { CliEnv } from '../io.js';

export const RUNTIME_DIRECTORY = '/run/oar-sched';
export const SOCKET_FILE_NAME = 'oar-sched.sock';

/** One line for the `--socket` help of `serve` and `round`. */
export const SOCKET_HELP = `default: $OAR_SCHED_SOCKET, else ${RUNTIME_DIRECTORY}/${SOCKET_FILE_NAME} when ${RUNTIME_DIRECTORY} exists, else oar-sched-UID.sock in the temporary folder`;

export function socketPath(option: string | undefined, env: CliEnv, cwd: string): string {
  if (option) return resolve(cwd, option);
  if (env.OAR_SCHED_SOCKET) return resolve(cwd, env.OAR_SCHED_SOCKET);
  if (existsSync(RUNTIME_DIRECTORY)) return join(RUNTIME_DIRECTORY, SOCKET_FILE_NAME);
  return join(tmpdir(), `oar-sched-${process.getuid?.() ?? userInfo().username}.sock`);
}

/**
 * Whether a socket file is at `path`, so that a server may answer there: one `lstat`, before
 * anything else of the client is loaded. No file, or another kind of file: no server. A folder this
 * user cannot read: `warn` is told, and no server either (the round runs in-process).
 */
export function socketFileAt(path: string, warn: (message: string) => void): boolean {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.isSocket() === true;
  } catch (e) {
    warn(`cannot look for the oar-sched server at ${path} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    return false;
  }
}
