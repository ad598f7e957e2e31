/**
 * Inserting a placed or pre-occupying job into its slot set (core §6.4 `sub` mode): removes its
 * resources, registers timesharing/placeholder shares, counts it in quotas (containers and
 * availability pseudo-jobs excepted).
 */
import type { IntervalSet, Job } from '@oar-sched/plugin-api';
import type { Slot } from '../slots/slot.js';
import type { SlotSet } from '../slots/slot-set.js';
import type { RoundState } from './round-state.js';

export function insertJob(
  state: RoundState,
  slotSet: SlotSet,
  job: Job,
  start: number,
  walltime: number,
  resources: IntervalSet,
  hint?: Slot,
): void {
  const counted = state.quotas && job.container === undefined;
  slotSet.occupy(
    {
      begin: start,
      end: start + walltime - 1,
      resources,
      timesharing: job.timesharing,
      placeholder: job.placeholder,
      allow: job.allow,
      count: counted ? state.quotas!.counter(job, resources.intersectionSize(state.platform.defaultSet), walltime) : undefined,
    },
    hint,
  );
}
