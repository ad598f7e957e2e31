/**
 * Worker thread entry of `simulate --vs`: runs one config (workerData: a ConfigRunInput) and posts
 * `{ type: 'progress' }` messages, then `{ type: 'done', output }` or `{ type: 'error', … }` (a
 * coded error keeps its code and hint, so the main thread reports it as a user error, exit 2).
 * The bundle builds this file as its own entry (cli/scripts/bundle.mjs), next to the chunk that
 * starts it, so `new URL('./simulate-worker.js', import.meta.url)` finds it in dist/ and bundle/.
 */
import '../commands/zod-mode.js'; // first: before any schema is built
import { parentPort, workerData } from 'node:worker_threads';
import { isOarSchedError } from '@oar-sched/core';
import { isUsageError } from '../usage-error.js';
import { runConfig, type ConfigRunInput } from './run-config.js';

const port = parentPort!;
let last = -1;
runConfig(workerData as ConfigRunInput, (finished, total) => {
  // At most one message per thousandth: the main thread redraws the bar, no more often than that.
  const step = Math.floor((finished * 1000) / Math.max(total, 1));
  if (step !== last) {
    last = step;
    port.postMessage({ type: 'progress', finished, total });
  }
}).then(
  (output) => port.postMessage({ type: 'done', output }),
  (e: unknown) =>
    port.postMessage({
      type: 'error',
      coded: isOarSchedError(e) || isUsageError(e),
      code: (e as { code?: string }).code,
      message: e instanceof Error ? e.message : String(e),
      hint: (e as { hint?: string }).hint,
      stack: e instanceof Error ? e.stack : undefined,
    }),
);
