import { OarSchedError } from '../../errors.js';

/**
 * Where the calendar lives in a scenario (`config.quotas.rules`, the OAR quotas JSON document).
 * Every validation message starts with the path of the offending entry so a user can find it.
 */
export const RULES_PATH = 'quotas.rules';

export function periodicalPath(index: number): string {
  return `${RULES_PATH}.periodical[${index}]`;
}

export function oneshotPath(index: number): string {
  return `${RULES_PATH}.oneshot[${index}]`;
}

/** The one error this module throws: code `QUOTAS_INVALID`, message `<where>: <detail>`. */
export function quotasInvalid(where: string, detail: string, hint?: string): OarSchedError {
  return new OarSchedError('QUOTAS_INVALID', `${where}: ${detail}`, hint);
}

/**
 * Result of a pure sub-parser (weekdays, time of day, local date). Sub-parsers do not know which
 * entry they parse, so they report `problem` (+ what was `expected`) and the entry-level parser
 * turns it into a `QUOTAS_INVALID` error carrying the entry's path and full text.
 */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string; readonly expected?: string };

export function parsedOk<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function parsedBad(problem: string, expected?: string): Parsed<never> {
  return expected === undefined ? { ok: false, problem } : { ok: false, problem, expected };
}

/** `"<problem> in "<text>" (<expected>)"`: the detail part of a message for a failed sub-parse. */
export function describeFailure(failure: { problem: string; expected?: string }, text: string): string {
  const expected = failure.expected === undefined ? '' : ` (${failure.expected})`;
  return `${failure.problem} in ${JSON.stringify(text)}${expected}`;
}
