/**
 * A real `oar-sched serve` for tests: the binary started as a child process in a folder, on a
 * socket of its own, ready once it printed that it listens. `stop()` sends SIGTERM and waits for
 * the exit; `kill()` is SIGKILL, a server dying without cleaning up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const OAR_SCHED_BIN = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..'), 'cli', 'bin', 'oar-sched.js');

export interface TestServer {
  readonly socket: string;
  readonly child: ChildProcess;
  /** Everything the server wrote on stderr so far (its log). */
  log(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL, then the exit. */
  kill(): Promise<void>;
  /** Resolves with the exit code when the server exits by itself. */
  readonly exited: Promise<number | null>;
}

export async function startServer(cwd: string, socket: string, args: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<TestServer> {
  const child = spawn(process.execPath, [OAR_SCHED_BIN, 'serve', '--socket', socket, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr!.setEncoding('utf8');
  child.stdout!.resume();
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  await new Promise<void>((res, rej) => {
    child.stderr!.on('data', (text: string) => {
      log += text;
      if (log.includes('listening on')) res();
    });
    void exited.then((code) => rej(new Error(`oar-sched serve exited ${code} before listening:\n${log}`)));
  });
  return {
    socket,
    child,
    log: () => log,
    exited,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Starts the binary with `args`; `done` resolves when it exits, with its code and output. */
export function startBin(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [OAR_SCHED_BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => child.once('close', (code) => res({ code, stdout, stderr })));
  return { child, done };
}

/** Runs the binary with `args`; resolves when it exits, with its code and output. */
export function runBin(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return startBin(cwd, args, env).done;
}
