/**
 * `--check`: compares a result with the scenario's `expect` block (scenario-format §9). Only the
 * fields present in `expect` are compared; slots compare a prefix of the default chain.
 */
import { parseIntervalSet } from '@oar-sched/plugin-api';
import type { ScenarioResult } from './result.js';
import type { ScenarioExpect } from './scenario-schema.js';

function sameSet(a: string, b: string): boolean {
  const x = parseIntervalSet(a);
  const y = parseIntervalSet(b);
  return typeof x !== 'string' && typeof y !== 'string' && x.equals(y);
}

/** Human-readable mismatches; empty when the result meets the expectation. */
export function checkExpectation(result: ScenarioResult, expect: ScenarioExpect, slots?: ScenarioResult['slots']): string[] {
  const problems: string[] = [];
  for (const [id, want] of Object.entries(expect.jobs)) {
    const got = result.jobs[id];
    if (!got) {
      problems.push(`job ${id}: not in the result (is it a waiting job or a new reservation?)`);
      continue;
    }
    if (want.scheduled === false) {
      if (got.scheduled) problems.push(`job ${id}: expected not scheduled, got start ${got.startTime} on ${got.resources}`);
      continue;
    }
    if (!got.scheduled) {
      problems.push(`job ${id}: expected scheduled, got not scheduled (${got.reason ?? 'no reason'})`);
      continue;
    }
    if (want.startTime !== undefined && want.startTime !== got.startTime) problems.push(`job ${id}: startTime expected ${want.startTime}, got ${got.startTime}`);
    if (want.endTime !== undefined && want.endTime !== got.endTime) problems.push(`job ${id}: endTime expected ${want.endTime}, got ${got.endTime}`);
    if (want.moldableIndex !== undefined && want.moldableIndex !== got.moldableIndex) {
      problems.push(`job ${id}: moldableIndex expected ${want.moldableIndex}, got ${got.moldableIndex}`);
    }
    if (want.resources !== undefined && !sameSet(want.resources, got.resources)) {
      problems.push(`job ${id}: resources expected "${want.resources}", got "${got.resources}"`);
    }
  }
  if (expect.slots) {
    const actual = slots ?? [];
    expect.slots.forEach((want, i) => {
      const got = actual[i];
      if (!got) problems.push(`slot ${i}: expected [${want.begin}, ${want.end}] "${want.resources}", the chain has only ${actual.length} slots`);
      else if (got.begin !== want.begin || got.end !== want.end || !sameSet(want.resources, got.resources)) {
        problems.push(`slot ${i}: expected [${want.begin}, ${want.end}] "${want.resources}", got [${got.begin}, ${got.end}] "${got.resources}"`);
      }
    });
  }
  return problems;
}
