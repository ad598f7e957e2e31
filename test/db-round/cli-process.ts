/**
 * `oar-sched round` as OAR's automaton runs it: the installed bin (node_modules/.bin/oar-sched) in
 * a child process, from a folder of the test's choosing (its `oar.config.json` is the one loaded).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'node_modules', '.bin', 'oar-sched');

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Date.now() when the process ended. */
  readonly endedAt: number;
}

export interface Running {
  readonly child: ChildProcess;
  readonly done: Promise<Finished>;
  /** Resolves when stderr (or stdout) has printed `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
}

export function startRound(args: readonly string[], cwd: string): Running {
  const child = spawn(BIN, ['round', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  const listeners: (() => void)[] = [];
  child.stdout!.on('data', (d: Buffer) => {
    stdout += d.toString();
    for (const l of listeners) l();
  });
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const l of listeners) l();
  });
  const done = new Promise<Finished>((ok) => child.on('close', (code, signal) => ok({ code, signal, stdout, stderr, endedAt: Date.now() })));
  return {
    child,
    done,
    waitFor: (text, timeoutMs = 30_000) =>
      new Promise<void>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`no "${text}" after ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        const check = () => {
          if (stderr.includes(text) || stdout.includes(text)) {
            clearTimeout(timer);
            ok();
          }
        };
        listeners.push(check);
        void done.then(() => {
          clearTimeout(timer);
          if (!(stderr.includes(text) || stdout.includes(text))) fail(new Error(`exited before "${text}"; stderr: ${stderr}`));
        });
        check();
      }),
  };
}

export function runRoundProcess(args: readonly string[], cwd: string): Promise<Finished> {
  return startRound(args, cwd).done;
}

/** A throw-away project folder with the given files (e.g. `oar.config.json`, a local plugin). */
export function tempProject(files: Record<string, string>): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'oar-sched-proj-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
