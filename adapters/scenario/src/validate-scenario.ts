/**
 * A parsed scenario document → the validated document (defaults applied), or the problems that
 * refuse it. The fast path (fast-scenario.ts) takes the large parts (`resources`, `jobs`,
 * `accounting`, `expect`) when it is sure of them; zod reads the rest. When anything is wrong,
 * zod reads the whole document as if there were no fast path, so every message, and the order of
 * the list, is zod's own.
 */
import { formatPath, formatZodIssues, mergeSchedulerConfig, type SchedulerConfigInput } from '@oar-sched/core';
import { fastScenarioParts, withFastParts, withoutFastParts } from './fast-scenario.js';
import { findTooDeep } from './json-depth.js';
import { MAX_NESTING_DEPTH } from './limits.js';
import { scenarioSchema, type ScenarioDocument } from './scenario-schema.js';

/** Which code produced a document: the hand-written checks with zod for the rest, or zod alone. */
export type ValidationPath = 'fast' | 'zod';

export type ScenarioValidation =
  | { readonly ok: true; readonly document: ScenarioDocument; readonly path: ValidationPath }
  /** Problem lines, `✖ … → at path`, in zod's order. */
  | { readonly ok: false; readonly problems: readonly string[] };

export interface ValidateOptions {
  /** The config file's `scheduler` section, merged under the document's `config` (load-scenario.ts). */
  readonly schedulerDefaults?: SchedulerConfigInput | undefined;
  /** `false`: zod alone (the reference the fast path is tested against). Default `true`. */
  readonly fastPath?: boolean;
}

export function validateScenarioDocument(value: unknown, options: ValidateOptions = {}): ScenarioValidation {
  const fast = options.fastPath === false ? undefined : fastScenarioParts(value);
  // What the fast path accepts is FAST_PATH_DEPTH levels deep at most, within the limit: the depth
  // check need not walk it either.
  const rest = fast === undefined ? value : withoutFastParts(value as object, fast);
  // Before the config merge and zod, which both recurse.
  const tooDeep = findTooDeep(rest, MAX_NESTING_DEPTH);
  if (tooDeep) {
    return { ok: false, problems: [`✖ expected at most ${MAX_NESTING_DEPTH} levels of nested arrays and objects, found deeper nesting → at ${abridgedPath(tooDeep)}`] };
  }
  const parsed = scenarioSchema.safeParse(withSchedulerDefaults(rest, options.schedulerDefaults));
  if (!parsed.success) {
    // A problem outside the fast parts: the whole document through zod, for the complete list.
    if (fast !== undefined) return validateScenarioDocument(value, { ...options, fastPath: false });
    return { ok: false, problems: formatZodIssues(parsed.error.issues).split('\n') };
  }
  if (fast === undefined) return { ok: true, document: parsed.data, path: 'zod' };
  return { ok: true, document: withFastParts(parsed.data, fast), path: 'fast' };
}

/** The document's own `config` wins field by field over the config file's `scheduler` section. */
function withSchedulerDefaults(value: unknown, schedulerDefaults: SchedulerConfigInput | undefined): unknown {
  if (schedulerDefaults === undefined || typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return { ...value, config: mergeSchedulerConfig(schedulerDefaults, (value as { config?: unknown }).config) };
}

/** The first few steps of a very long path: enough to find the place in the file. */
function abridgedPath(path: readonly PropertyKey[]): string {
  const shown = 12;
  return path.length <= shown ? formatPath(path) : `${formatPath(path.slice(0, shown))}… (${path.length + 1} levels deep)`;
}
