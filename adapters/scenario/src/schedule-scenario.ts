/**
 * The one code path behind `oar-sched schedule --scenario`: plugins registered, one round run on
 * the scenario's snapshot, result formatted, optionally checked against `expect`. Tests call it
 * directly so that they exercise exactly what the CLI does.
 */
import { runRound, type PluginRegistry, type RoundOptions } from '@oar-sched/core';
import { checkExpectation } from './check.js';
import type { LoadedScenario } from './load-scenario.js';
import { slotOutcomes, toScenarioResult, type ScenarioResult } from './result.js';

export interface ScheduleScenarioOptions extends RoundOptions {
  readonly slots?: boolean;
  readonly check?: boolean;
}

export interface ScheduledScenario {
  readonly result: ScenarioResult;
  /** With `check`: mismatches against `expect` (empty = pass). */
  readonly mismatches: readonly string[];
}

export async function scheduleScenario(
  scenario: LoadedScenario,
  registry: PluginRegistry,
  options: ScheduleScenarioOptions = {},
): Promise<ScheduledScenario> {
  const round = await runRound(scenario.snapshot, registry, options);
  const result = toScenarioResult(round, options.slots ?? false);
  if (scenario.warnings.length > 0) result.warnings = [...scenario.warnings, ...(result.warnings ?? [])];
  let mismatches: string[] = [];
  if (options.check) {
    if (!scenario.expect) mismatches = ['the scenario has no "expect" block to check against'];
    else mismatches = checkExpectation(result, scenario.expect, slotOutcomes(round.slotSets.get('default')!));
  }
  return { result, mismatches };
}
