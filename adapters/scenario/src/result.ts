/**
 * Round result → the CLI's result object (scenario-format §8): resource ids, canonical strings.
 */
import type { RoundResult, SlotSet, Platform } from '@oar-sched/core';

export type JobOutcome =
  | { scheduled: true; startTime: number; endTime: number; moldableIndex: number; resources: string }
  | { scheduled: false; reason?: string; reasonCode?: string };

export interface SlotOutcome {
  begin: number;
  end: number;
  resources: string;
}

export interface ScenarioResult {
  jobs: Record<string, JobOutcome>;
  slots?: SlotOutcome[];
  warnings?: string[];
}

export function toScenarioResult(result: RoundResult, withSlots: boolean): ScenarioResult {
  const jobs: Record<string, JobOutcome> = {};
  const ids = [...result.decisions.keys()].sort((a, b) => a - b);
  for (const id of ids) {
    const d = result.decisions.get(id)!;
    jobs[String(id)] = d.scheduled
      ? {
          scheduled: true,
          startTime: d.placement.start,
          endTime: d.placement.start + d.placement.walltime - 1,
          moldableIndex: d.placement.moldableIndex,
          resources: result.platform.idsOf(d.placement.resources).toString(),
        }
      : { scheduled: false, reason: d.reason.message, reasonCode: d.reason.code };
  }
  const out: ScenarioResult = { jobs };
  if (withSlots) out.slots = slotOutcomes(result.slotSets.get('default')!, result.platform);
  if (result.warnings.length > 0) out.warnings = [...result.warnings];
  return out;
}

export function slotOutcomes(slotSet: SlotSet, platform: Platform): SlotOutcome[] {
  return [...slotSet.slots()].map((s) => ({ begin: s.begin, end: s.end, resources: platform.idsOf(s.free).toString() }));
}
