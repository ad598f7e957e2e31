/**
 * The OAR 3 tables as Kysely sees them (database.md §1, §7). `Generated<T>` marks a column with a
 * server default or an auto id: optional on insert, always present when selected. Times are integer
 * epoch seconds, flags `'YES'`/`'NO'`, request rows carry an index `'CURRENT'`/`'LOG'`.
 *
 * `resources` has dynamic columns (the administrator's properties: `host`, `cpu`, `core`, `mem`, …):
 * its fixed columns are typed, any other name is a `ResourcePropertyValue`. Discover the actual
 * columns with `resourcePropertyColumns(db)`, never assume them.
 */
import type { ColumnType, Generated } from 'kysely';

export type YesNo = 'YES' | 'NO';
export type RowIndex = 'CURRENT' | 'LOG';

export { JOB_STATES } from '@oar-sched/core';
import type { JobState } from '@oar-sched/core';
export type { JobState };
export type ReservationState = 'None' | 'toSchedule' | 'Scheduled';
export type ResourceState = 'Alive' | 'Dead' | 'Suspected' | 'Absent';

/** What a custom resource property holds: `INTEGER` → number, `VARCHAR(255)` → string, or NULL. */
export type ResourcePropertyValue = string | number | null;

export interface QueuesTable {
  queue_name: Generated<string>;
  priority: Generated<number>;
  scheduler_policy: Generated<string>;
  state: Generated<'Active' | 'notActive'>;
}

/** The fixed columns of `resources` (every OAR database has them). */
export interface FixedResourceColumns {
  resource_id: Generated<number>;
  type: Generated<string>;
  network_address: Generated<string>;
  state: Generated<ResourceState>;
  next_state: Generated<'UnChanged' | ResourceState>;
  finaud_decision: Generated<YesNo>;
  next_finaud_decision: Generated<YesNo>;
  state_num: Generated<number>;
  suspended_jobs: Generated<YesNo>;
  scheduler_priority: Generated<number>;
  cpuset: Generated<string>;
  besteffort: Generated<YesNo>;
  deploy: Generated<YesNo>;
  expiry_date: Generated<number>;
  desktop_computing: Generated<YesNo>;
  last_job_date: Generated<number>;
  available_upto: Generated<number>;
  last_available_upto: Generated<number>;
  drain: Generated<YesNo>;
}

export interface ResourcesTable extends FixedResourceColumns {
  /** A custom property column (nullable; defaults to NULL). */
  [property: string]: ColumnType<ResourcePropertyValue, ResourcePropertyValue | undefined, ResourcePropertyValue>;
}

export interface JobsTable {
  job_id: Generated<number>;
  array_id: Generated<number>;
  array_index: Generated<number>;
  initial_request: string | null;
  job_name: string | null;
  job_env: string | null;
  job_type: Generated<'INTERACTIVE' | 'PASSIVE'>;
  info_type: string | null;
  state: Generated<JobState>;
  reservation: Generated<ReservationState>;
  message: Generated<string>;
  scheduler_info: Generated<string>;
  job_user: Generated<string>;
  project: Generated<string>;
  job_group: Generated<string>;
  command: string | null;
  exit_code: number | null;
  queue_name: Generated<string>;
  properties: string | null;
  /** NOT NULL without a default in OAR 3's PostgreSQL schema: always write it (`''`). */
  launching_directory: string;
  submission_time: Generated<number>;
  start_time: Generated<number>;
  stop_time: Generated<number>;
  file_id: number | null;
  accounted: Generated<YesNo>;
  notify: string | null;
  /** Nullable in OAR 3 (default 0). */
  assigned_moldable_job: Generated<number | null>;
  checkpoint: Generated<number>;
  /** NOT NULL without a default in OAR 3's PostgreSQL schema: always write it (0). */
  checkpoint_signal: number;
  stdout_file: string | null;
  stderr_file: string | null;
  resubmit_job_id: Generated<number>;
  suspended: Generated<YesNo>;
  last_karma: number | null;
}

export interface MoldableJobDescriptionsTable {
  moldable_id: Generated<number>;
  /** The job id (OAR's confusing name). */
  moldable_job_id: Generated<number>;
  /** Seconds, without the job security time. */
  moldable_walltime: Generated<number>;
  moldable_index: Generated<RowIndex>;
}

export interface JobResourceGroupsTable {
  res_group_id: Generated<number>;
  res_group_moldable_id: Generated<number>;
  res_group_property: string | null;
  res_group_index: Generated<RowIndex>;
}

export interface JobResourceDescriptionsTable {
  res_job_group_id: Generated<number>;
  res_job_resource_type: Generated<string>;
  res_job_value: Generated<number>;
  res_job_order: Generated<number>;
  res_job_index: Generated<RowIndex>;
}

export interface JobTypesTable {
  job_type_id: Generated<number>;
  job_id: Generated<number>;
  type: Generated<string>;
  types_index: Generated<RowIndex>;
}

export interface JobDependenciesTable {
  job_id: Generated<number>;
  job_id_required: Generated<number>;
  min_start_shift: Generated<string>;
  max_start_shift: Generated<string>;
  job_dependency_index: Generated<RowIndex>;
}

export interface GanttPredictionsTable {
  /** A moldable id, not a job id. */
  moldable_job_id: Generated<number>;
  start_time: Generated<number>;
}

export interface GanttResourcesTable {
  moldable_job_id: Generated<number>;
  resource_id: Generated<number>;
}

export interface GanttPredictionsLogTable extends GanttPredictionsTable {
  sched_date: Generated<number>;
}

export interface GanttResourcesLogTable extends GanttResourcesTable {
  sched_date: Generated<number>;
}

export interface AssignedResourcesTable {
  moldable_job_id: Generated<number>;
  resource_id: Generated<number>;
  assigned_resource_index: Generated<RowIndex>;
}

export interface JobStateLogsTable {
  job_state_log_id: Generated<number>;
  job_id: Generated<number>;
  job_state: Generated<JobState>;
  date_start: Generated<number>;
  /** 0 while the state lasts. */
  date_stop: Generated<number>;
}

export interface EventLogsTable {
  event_id: Generated<number>;
  type: Generated<string>;
  job_id: Generated<number>;
  date: Generated<number>;
  /** At most 255 characters: truncate before writing. */
  description: Generated<string>;
  to_check: Generated<YesNo>;
}

export interface EventLogHostnamesTable {
  event_id: Generated<number>;
  hostname: Generated<string>;
}

export interface FragJobsTable {
  frag_id_job: Generated<number>;
  frag_date: Generated<number>;
  frag_state: Generated<'LEON' | 'TIMER_ARMED' | 'LEON_EXTERMINATE' | 'FRAGGED'>;
}

export interface WalltimeChangeTable {
  job_id: Generated<number>;
  pending: Generated<number>;
  force: Generated<YesNo>;
  delay_next_jobs: Generated<YesNo>;
  granted: Generated<number>;
  granted_with_force: Generated<number>;
  granted_with_delay_next_jobs: Generated<number>;
}

export interface AccountingTable {
  window_start: number;
  window_stop: Generated<number>;
  accounting_user: Generated<string>;
  accounting_project: Generated<string>;
  queue_name: Generated<string>;
  consumption_type: Generated<'ASKED' | 'USED'>;
  consumption: Generated<number>;
}

export interface AdmissionRulesTable {
  id: Generated<number>;
  priority: Generated<number>;
  enabled: Generated<YesNo>;
  rule: string;
}

export interface ChallengesTable {
  job_id: Generated<number>;
  challenge: Generated<string>;
  ssh_private_key: Generated<string>;
  ssh_public_key: Generated<string>;
}

export interface FilesTable {
  file_id: Generated<number>;
  md5sum: string | null;
  location: string | null;
  method: string | null;
  compression: string | null;
  size: Generated<number>;
}

export interface ResourceLogsTable {
  resource_log_id: Generated<number>;
  resource_id: Generated<number>;
  attribute: Generated<string>;
  value: Generated<string>;
  date_start: Generated<number>;
  date_stop: Generated<number>;
  finaud_decision: Generated<YesNo>;
}

export interface SchedulerTable {
  name: string;
  script: string;
  description: string;
}

export interface SchemaTable {
  version: string;
  name: string;
}

/** Every table of OAR 3's schema, for `Kysely<Database>`. */
export interface Database {
  queues: QueuesTable;
  resources: ResourcesTable;
  jobs: JobsTable;
  moldable_job_descriptions: MoldableJobDescriptionsTable;
  job_resource_groups: JobResourceGroupsTable;
  job_resource_descriptions: JobResourceDescriptionsTable;
  job_types: JobTypesTable;
  job_dependencies: JobDependenciesTable;
  gantt_jobs_predictions: GanttPredictionsTable;
  gantt_jobs_predictions_visu: GanttPredictionsTable;
  gantt_jobs_predictions_log: GanttPredictionsLogTable;
  gantt_jobs_resources: GanttResourcesTable;
  gantt_jobs_resources_visu: GanttResourcesTable;
  gantt_jobs_resources_log: GanttResourcesLogTable;
  assigned_resources: AssignedResourcesTable;
  job_state_logs: JobStateLogsTable;
  event_logs: EventLogsTable;
  event_log_hostnames: EventLogHostnamesTable;
  frag_jobs: FragJobsTable;
  walltime_change: WalltimeChangeTable;
  accounting: AccountingTable;
  admission_rules: AdmissionRulesTable;
  challenges: ChallengesTable;
  files: FilesTable;
  resource_logs: ResourceLogsTable;
  scheduler: SchedulerTable;
  schema: SchemaTable;
}
