/**
 * The scenario fast path (adapters/scenario/src/fast-scenario.ts) on real documents: every
 * conformance vector and every benchmark workload (../shared/perf, or OAR_PERF_DIR) is validated
 * by the fast path, not by its zod fallback, and gives the very document zod gives (values,
 * classes, key order). Mutated and invalid documents: adapters/scenario/src/fast-scenario.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { validateScenarioDocument } from '@oar-sched/scenario';
import { describe, expect, it } from 'vitest';
import { listVectors } from './vectors.js';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PERF_DIR = process.env['OAR_PERF_DIR'] ?? resolve(REPO_ROOT, '..', 'shared', 'perf');
const workloads = existsSync(PERF_DIR) ? readdirSync(PERF_DIR).filter((f) => f.endsWith('.json.gz')).sort() : [];

function expectFastAndSame(document: unknown): void {
  const fast = validateScenarioDocument(document);
  const zod = validateScenarioDocument(document, { fastPath: false });
  expect(fast.ok && fast.path).toBe('fast');
  expect(zod.ok && zod.path).toBe('zod');
  if (!fast.ok || !zod.ok) return;
  // `toStrictEqual` tells classes (IntervalSet) and `undefined` keys apart; the text, key order.
  expect(fast.document).toStrictEqual(zod.document);
  expect(JSON.stringify(fast.document)).toBe(JSON.stringify(zod.document));
}

describe('the scenario fast path on every conformance vector', () => {
  for (const vector of listVectors()) {
    it(vector.file, () => expectFastAndSame(JSON.parse(readFileSync(vector.path, 'utf8'))));
  }
});

describe.skipIf(workloads.length === 0)(`the scenario fast path on every benchmark workload (${PERF_DIR})`, () => {
  for (const file of workloads) {
    it(file, () => expectFastAndSame(JSON.parse(gunzipSync(readFileSync(join(PERF_DIR, file))).toString('utf8'))));
  }
});
