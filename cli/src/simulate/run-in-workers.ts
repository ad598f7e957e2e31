/**
 * Several configs side by side, one worker thread each (simulate-worker.ts). Progress messages
 * are forwarded; an error in a worker is rethrown here as what it was (a coded error stays a
 * user error).
 */
import { Worker } from 'node:worker_threads';
import { OarSchedError, type OarSchedErrorCode } from '@oar-sched/core';
import { UsageError } from '../usage-error.js';
import type { ConfigRunInput, ConfigRunOutput } from './run-config.js';

type WorkerMessage =
  | { type: 'progress'; finished: number; total: number }
  | { type: 'done'; output: ConfigRunOutput }
  | { type: 'error'; coded: boolean; code?: string; message: string; hint?: string; stack?: string };

export function runInWorker(input: ConfigRunInput, onProgress: (finished: number, total: number) => void): Promise<ConfigRunOutput> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./simulate-worker.js', import.meta.url), { workerData: input });
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.finished, m.total);
      else if (m.type === 'done') {
        settled = true;
        resolvePromise(m.output);
      } else {
        settled = true;
        if (!m.coded) {
          const e = new Error(m.message);
          if (m.stack !== undefined) e.stack = m.stack;
          reject(e);
        } else if (m.code !== undefined) reject(new OarSchedError(m.code as OarSchedErrorCode, m.message, m.hint));
        else reject(new UsageError(m.message, m.hint));
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`simulation worker for ${input.name} exited with code ${code} before reporting`));
    });
  });
}
