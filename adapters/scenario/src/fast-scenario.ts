/**
 * The fast path of scenario validation: the parts of a document that grow with the cluster and
 * the workload (`resources`, `jobs`, `accounting`, the `expect` block) checked and converted by
 * hand-written code, several times faster than zod, whose schemas the one-shot binary interprets
 * (zod-mode.ts) and which then cost more than the round itself on 10,000 resources. For valid
 * input the fast path gives exactly what zod gives; on anything it is not sure of it gives
 * `undefined`, and validate-scenario.ts lets zod read the whole document, so that bad input keeps
 * zod's messages word for word.
 */
import { fastAccounting } from './fast-accounting.js';
import { fastExpect } from './fast-expect.js';
import { fastJob } from './fast-job.js';
import { fastResource } from './fast-resource.js';
import { isJsonObject } from './fast-values.js';
import type { ScenarioDocument } from './scenario-schema.js';

/** The parts the fast path took; `undefined` for one the document leaves out (zod's default applies). */
export interface FastParts {
  readonly resources: ScenarioDocument['resources'];
  readonly jobs: ScenarioDocument['jobs'] | undefined;
  readonly accounting: ScenarioDocument['accounting'] | undefined;
  readonly expect: ScenarioDocument['expect'];
}

/**
 * Nesting depth of the deepest value the fast path accepts (document → jobs → job → moldables →
 * moldable → request → part → levels → level): within MAX_NESTING_DEPTH, so the depth check need
 * not walk what the fast path accepted.
 */
export const FAST_PATH_DEPTH = 9;

export function fastScenarioParts(document: unknown): FastParts | undefined {
  if (!isJsonObject(document)) return undefined;
  const resources = fastArray(document['resources'], fastResource);
  if (resources === undefined) return undefined;
  let jobs: FastParts['jobs'];
  if (document['jobs'] !== undefined) {
    jobs = fastArray(document['jobs'], fastJob);
    if (jobs === undefined) return undefined;
  }
  let accounting: FastParts['accounting'];
  if (document['accounting'] !== undefined) {
    accounting = fastArray(document['accounting'], fastAccounting);
    if (accounting === undefined) return undefined;
  }
  let expect: FastParts['expect'];
  if (document['expect'] !== undefined) {
    expect = fastExpect(document['expect']);
    if (expect === undefined) return undefined;
  }
  return { resources, jobs, accounting, expect };
}

/**
 * The document as zod still has to read it: each part the fast path took replaced by the
 * smallest valid value, in place (same keys, same order, so zod's output keeps its key order and
 * a path found in it is the path in the document).
 */
export function withoutFastParts(document: object, parts: FastParts): object {
  return {
    ...document,
    resources: [],
    ...(parts.jobs !== undefined ? { jobs: [] } : {}),
    ...(parts.accounting !== undefined ? { accounting: [] } : {}),
    ...(parts.expect !== undefined ? { expect: {} } : {}),
  };
}

/** Writes the fast parts into zod's output for the rest (`withoutFastParts`). */
export function withFastParts(document: ScenarioDocument, parts: FastParts): ScenarioDocument {
  document.resources = parts.resources;
  if (parts.jobs !== undefined) document.jobs = parts.jobs;
  if (parts.accounting !== undefined) document.accounting = parts.accounting;
  if (parts.expect !== undefined) document.expect = parts.expect;
  return document;
}

/** A new array of `check`'s values, or `undefined` when any element is not plainly valid. */
function fastArray<T>(value: unknown, check: (element: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: T[] = [];
  for (let i = 0; i < value.length; i++) {
    const x = check(value[i]);
    if (x === undefined) return undefined;
    out.push(x);
  }
  return out;
}
