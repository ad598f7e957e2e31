/**
 * The snapshot: everything one scheduling round needs, as plain data with resource *ids*
 * (never positions). Adapters (scenario file, OAR database, simulator) produce it; the round
 * consumes it and never touches the source it came from. Defaults are already applied.
 */
import type { SchedulerConfig } from './config.js';

export type {
  ResourceState,
  ResourceRecord,
  LevelRequest,
  RequestPartRecord,
  MoldableRecord,
  ReservationStatus,
  JobRecord,
  AccountingRecord,
} from '@oar-sched/plugin-api';
import type { AccountingRecord, JobRecord, ResourceRecord } from '@oar-sched/plugin-api';

export interface QueueRecord {
  readonly name: string;
  readonly priority: number;
  readonly state: string;
}

export interface Snapshot {
  readonly now: number;
  readonly config: SchedulerConfig;
  readonly queues: readonly QueueRecord[];
  readonly resources: readonly ResourceRecord[];
  readonly jobs: readonly JobRecord[];
  readonly accounting: readonly AccountingRecord[];
}
