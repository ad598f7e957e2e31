/**
 * The harness's starting configuration: the scheduler settings of OAR's plugin test suite
 * (plugin-harness.md §5.1) and the test columns its fixture adds to `resources` (§5.2).
 */
import type { SchedulerConfigInput } from '@oar-sched/core';
import type { PropertyColumnType } from '@oar-sched/db';

/**
 * Scheduler settings every harness starts from, under the test's own `config`: security time 60 s,
 * resources in id order, hierarchy `resource_id, network_address, cpu, core`. Everything else is
 * the scheduler's default (FIFO sorting, no quotas, no extra-metasched hook).
 */
export const HARNESS_CONFIG: SchedulerConfigInput = {
  jobSecurityTime: 60,
  resourceOrder: 'resource_id ASC',
  hierarchyLabels: ['resource_id', 'network_address', 'cpu', 'core'],
};

/** The nullable property columns OAR's plugin test fixture adds to `resources`, with their types. */
export const HARNESS_COLUMNS: readonly (readonly [name: string, type: PropertyColumnType])[] = [
  ['core', 'INTEGER'],
  ['cpu', 'INTEGER'],
  ['host', 'VARCHAR(255)'],
  ['mem', 'INTEGER'],
];
