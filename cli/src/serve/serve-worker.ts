/**
 * The round thread of `oar-sched serve` (a worker thread; its own bundle entry). It holds the
 * warm setups and runs each round with `runCli`, the command line's own code: a served round
 * parses the client's command line, prints, writes and exits as the client would have in-process,
 * in the client's folder and with the client's `OARCONFFILE` and `OAR_DB_URL`.
 *
 * Rounds come one at a time (the server queues them). Before each, the watched files of every
 * held setup are checked (watched-files.ts); when one changed, the thread answers `stale` without
 * running anything, and the server replaces it with a new thread, which loads every module,
 * config and plugin anew.
 */
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { isOarSchedError } from '@oar-sched/core';
import { roundSettings } from '../commands/round.js';
import { EXIT_INTERNAL, EXIT_USER_ERROR } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { runCli } from '../main.js';
import type { ProcessPhases } from '../process-timing.js';
import { isUsageError } from '../usage-error.js';
import type { RoundRequest } from './protocol.js';
import { WarmSetups } from './warm-setups.js';
import type { FromWorker, ToWorker } from './worker-messages.js';

const port = parentPort!;
const setups = new WarmSetups();
const post = (message: FromWorker) => port.postMessage(message);
const encoder = new TextEncoder();
/** Output as bytes whose buffer is moved to the server's thread, not copied (`--json` can be tens of MB). */
const output = (type: 'out' | 'err', text: string) => {
  const bytes = encoder.encode(text);
  port.postMessage({ type, bytes } satisfies FromWorker, [bytes.buffer]);
};

port.on('message', (message: ToWorker) => {
  const handled = message.type === 'prepare' ? prepare(message) : round(message.request, message.receivedAt);
  // Anything thrown past runCli is a bug of this file: let the server see the thread fail.
  handled.catch((e: unknown) => setImmediate(() => {
    throw e;
  }));
});

async function prepare(message: Extract<ToWorker, { type: 'prepare' }>): Promise<void> {
  let logged = '';
  const io: CliIo = { out: () => {}, err: (text) => (logged += text), cwd: message.cwd };
  try {
    await roundSettings(message.options, io, (options) => setups.get(options));
    post({ type: 'prepared', logged });
  } catch (e) {
    post({ type: 'prepared', logged, failure: failureOf(e) });
  }
}

async function round(request: RoundRequest, receivedAt: number): Promise<void> {
  const changed = setups.changedFiles();
  if (changed.length > 0) return post({ type: 'stale', files: changed });
  const io: CliIo = {
    out: (text) => output('out', text),
    err: (text) => output('err', text),
    cwd: request.cwd,
    env: request.env,
  };
  const exitCode = await runCli(request.argv, io, {
    setup: (options) => setups.get(options),
    processPhases: () => phasesOf(request, receivedAt),
    onCommitted: (code) => post({ type: 'committed', exitCode: code }),
  });
  post({ type: 'done', exitCode });
}

function phasesOf(request: RoundRequest, receivedAt: number): ProcessPhases | undefined {
  if (request.phases === undefined) return undefined;
  return { start: request.phases.start, load: request.phases.load + (performance.timeOrigin + performance.now() - receivedAt) };
}

/** As the command line reports a failure (main.ts `runCli`). */
function failureOf(e: unknown): { text: string; code: number } {
  if (isOarSchedError(e) || isUsageError(e)) return { text: `oar-sched: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`, code: EXIT_USER_ERROR };
  return { text: `oar-sched: internal error, please report it with the input that caused it:\n${e instanceof Error ? e.stack : String(e)}\n`, code: EXIT_INTERNAL };
}
