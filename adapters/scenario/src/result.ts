/**
 * Round result → the CLI's result object (scenario-format §8): resource ids, canonical strings.
 * The engine's result is already plain data (ids, per-slot free id sets); this only shapes it.
 */
import type { ReasonPlugin, RoundResult, SlotSetPlan } from '@oar-sched/core';

export type JobOutcome =
  | { scheduled: true; startTime: number; endTime: number; moldableIndex: number; resources: string }
  | { scheduled: false; reason?: string; reasonCode?: string; reasonPlugin?: ReasonPlugin };

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
          endTime: d.placement.end,
          moldableIndex: d.placement.moldableIndex,
          resources: d.placement.resourceIds,
        }
      : {
          scheduled: false,
          reason: d.reason.message,
          reasonCode: d.reason.code,
          ...(d.reason.plugin ? { reasonPlugin: { ...d.reason.plugin } } : {}),
        };
  }
  const out: ScenarioResult = { jobs };
  if (withSlots) out.slots = slotOutcomes(result.slotSets.get('default')!);
  if (result.warnings.length > 0) out.warnings = [...result.warnings];
  return out;
}

/** The slots of one slot set's plan as `--slots` prints them. */
export function slotOutcomes(plan: SlotSetPlan): SlotOutcome[] {
  return plan.slots.map((s) => ({ begin: s.begin, end: s.end, resources: s.free }));
}
