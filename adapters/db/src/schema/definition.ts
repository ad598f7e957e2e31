/**
 * OAR 3's schema as data: every table of database.md §1 and §7 (compatibility tables included) with
 * its columns, types, NOT NULL, defaults, CHECK lists, primary key and indexes, as OAR 3's
 * PostgreSQL schema (version 3.0.0) has them, index names included. ddl.ts renders it per dialect;
 * migrate.ts compares it with what a database has.
 *
 * Where the two dialects differ, the column says so (`sqlite` override), following database.md:
 * - `jobs.state` and `assigned_resources.assigned_resource_index` are the enum types `job_state` and
 *   `resource_index` on PostgreSQL, VARCHAR + CHECK on SQLite;
 * - `jobs.launching_directory` and `jobs.checkpoint_signal` are NOT NULL without a default in
 *   OAR 3's PostgreSQL schema; SQLite gets the defaults of §7 (`''`, 0);
 * - `resources.scheduler_priority` is `integer` in OAR 3's PostgreSQL file and BIGINT in its models
 *   (SQLite); `event_logs.type` is varchar(50) / VARCHAR(100); `accounting.window_start/stop` are
 *   integer / BIGINT.
 */
import { JOB_STATES } from '@oar-sched/core';

export type ColumnKind =
  | { readonly kind: 'serial' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'bigint' }
  | { readonly kind: 'real' }
  | { readonly kind: 'text' }
  | { readonly kind: 'varchar'; readonly length: number }
  /** A PostgreSQL enum type (`ENUM_TYPES`); VARCHAR(length) + CHECK on SQLite. */
  | { readonly kind: 'enum'; readonly type: EnumTypeName; readonly length: number };

export interface ColumnDef {
  readonly name: string;
  readonly type: ColumnKind;
  readonly notNull: boolean;
  /** Literal default; `null` = `DEFAULT NULL`; absent = no DEFAULT clause. */
  readonly default?: string | number | null;
  /** Allowed values (a CHECK on both dialects; on SQLite also for enum columns). */
  readonly check?: readonly string[];
  /** SQLite differences. */
  readonly sqlite?: { readonly type?: ColumnKind; readonly default?: string | number | null };
}

export interface IndexDef {
  readonly name: string;
  readonly columns: readonly string[];
}

export interface TableDef {
  readonly name: string;
  readonly columns: readonly ColumnDef[];
  /** Empty for `schema` (it has none). A `serial` column is always the whole key. */
  readonly primaryKey: readonly string[];
  readonly indexes: readonly IndexDef[];
}

export const INDEX_VALUES = ['CURRENT', 'LOG'] as const;
const YES_NO = ['YES', 'NO'] as const;

export type EnumTypeName = 'job_state' | 'resource_index';

/** PostgreSQL enum types of OAR 3, with their labels in order. */
export const ENUM_TYPES: Readonly<Record<EnumTypeName, readonly string[]>> = {
  job_state: JOB_STATES,
  resource_index: INDEX_VALUES,
};

/** The version OAR 3 writes in its `schema` table. */
export const SCHEMA_VERSION = '3.0.0';

// Column builders: NOT NULL with the OAR default unless said otherwise (`'none'`/`null`: no DEFAULT clause).
const serial = (name: string): ColumnDef => ({ name, type: { kind: 'serial' }, notNull: true });
const int = (name: string, dflt: number | 'none' = 0): ColumnDef => ({ name, type: { kind: 'integer' }, notNull: true, ...(dflt === 'none' ? {} : { default: dflt }) });
const str = (name: string, length: number, dflt: string | null = ''): ColumnDef => ({
  name,
  type: { kind: 'varchar', length },
  notNull: true,
  ...(dflt === null ? {} : { default: dflt }),
});
const oneOf = (name: string, length: number, values: readonly string[], dflt: string): ColumnDef => ({ name, type: { kind: 'varchar', length }, notNull: true, default: dflt, check: values });
const yesNo = (name: string, dflt: 'YES' | 'NO'): ColumnDef => oneOf(name, 3, YES_NO, dflt);
const index = (name: string, dflt = 'CURRENT'): ColumnDef => oneOf(name, 7, INDEX_VALUES, dflt);
const text = (name: string): ColumnDef => ({ name, type: { kind: 'text' }, notNull: false });
const nullable = (column: ColumnDef, dflt?: null | number): ColumnDef => {
  const { default: _ignored, ...rest } = column;
  return { ...rest, notNull: false, ...(dflt === undefined ? {} : { default: dflt }) };
};
const idx = (name: string, ...columns: string[]): IndexDef => ({ name, columns });

export const OAR_TABLES: readonly TableDef[] = [
  {
    name: 'schema',
    columns: [str('version', 255, null), str('name', 255, null)],
    primaryKey: [],
    indexes: [],
  },
  {
    name: 'accounting',
    columns: [
      { ...int('window_start', 'none'), sqlite: { type: { kind: 'bigint' } } },
      { ...int('window_stop'), sqlite: { type: { kind: 'bigint' } } },
      str('accounting_user', 255),
      str('accounting_project', 255),
      str('queue_name', 100),
      oneOf('consumption_type', 5, ['ASKED', 'USED'], 'ASKED'),
      { name: 'consumption', type: { kind: 'bigint' }, notNull: true, default: 0 },
    ],
    primaryKey: ['window_start', 'window_stop', 'accounting_user', 'accounting_project', 'queue_name', 'consumption_type'],
    indexes: [idx('accounting_user', 'accounting_user'), idx('accounting_project', 'accounting_project'), idx('accounting_queue', 'queue_name'), idx('accounting_type', 'consumption_type')],
  },
  {
    name: 'admission_rules',
    columns: [serial('id'), int('priority'), yesNo('enabled', 'YES'), { name: 'rule', type: { kind: 'text' }, notNull: true }],
    primaryKey: ['id'],
    indexes: [],
  },
  {
    name: 'assigned_resources',
    columns: [
      int('moldable_job_id'),
      int('resource_id'),
      { name: 'assigned_resource_index', type: { kind: 'enum', type: 'resource_index', length: 7 }, notNull: true, default: 'CURRENT' },
    ],
    primaryKey: ['moldable_job_id', 'resource_id'],
    indexes: [idx('mjob_id', 'moldable_job_id'), idx('log', 'assigned_resource_index')],
  },
  {
    name: 'challenges',
    columns: [int('job_id'), str('challenge', 255), { ...text('ssh_private_key'), notNull: true, default: '' }, { ...text('ssh_public_key'), notNull: true, default: '' }],
    primaryKey: ['job_id'],
    indexes: [idx('challenge_job_id', 'job_id')],
  },
  {
    name: 'event_log_hostnames',
    columns: [int('event_id'), str('hostname', 255)],
    primaryKey: ['event_id', 'hostname'],
    indexes: [idx('event_hostname', 'hostname')],
  },
  {
    name: 'event_logs',
    columns: [
      serial('event_id'),
      { ...str('type', 50), sqlite: { type: { kind: 'varchar', length: 100 } } },
      int('job_id'),
      int('date'),
      str('description', 255),
      yesNo('to_check', 'YES'),
    ],
    primaryKey: ['event_id'],
    indexes: [idx('event_type', 'type'), idx('event_check', 'to_check'), idx('event_job_id', 'job_id')],
  },
  {
    name: 'files',
    columns: [
      serial('file_id'),
      nullable(str('md5sum', 255), null),
      nullable(str('location', 255), null),
      nullable(str('method', 255), null),
      nullable(str('compression', 255), null),
      int('size'),
    ],
    primaryKey: ['file_id'],
    indexes: [idx('md5sum', 'md5sum')],
  },
  {
    name: 'frag_jobs',
    columns: [int('frag_id_job'), int('frag_date'), oneOf('frag_state', 16, ['LEON', 'TIMER_ARMED', 'LEON_EXTERMINATE', 'FRAGGED'], 'LEON')],
    primaryKey: ['frag_id_job'],
    indexes: [idx('frag_state', 'frag_state')],
  },
  { name: 'gantt_jobs_predictions', columns: [int('moldable_job_id'), int('start_time')], primaryKey: ['moldable_job_id'], indexes: [] },
  { name: 'gantt_jobs_predictions_visu', columns: [int('moldable_job_id'), int('start_time')], primaryKey: ['moldable_job_id'], indexes: [] },
  {
    name: 'gantt_jobs_predictions_log',
    columns: [int('sched_date'), int('moldable_job_id'), int('start_time')],
    primaryKey: ['sched_date', 'moldable_job_id'],
    indexes: [],
  },
  { name: 'gantt_jobs_resources', columns: [int('moldable_job_id'), int('resource_id')], primaryKey: ['moldable_job_id', 'resource_id'], indexes: [] },
  { name: 'gantt_jobs_resources_visu', columns: [int('moldable_job_id'), int('resource_id')], primaryKey: ['moldable_job_id', 'resource_id'], indexes: [] },
  {
    name: 'gantt_jobs_resources_log',
    columns: [int('sched_date'), int('moldable_job_id'), int('resource_id')],
    primaryKey: ['sched_date', 'moldable_job_id', 'resource_id'],
    indexes: [],
  },
  {
    name: 'job_dependencies',
    columns: [int('job_id'), int('job_id_required'), str('min_start_shift', 12), str('max_start_shift', 12), index('job_dependency_index')],
    primaryKey: ['job_id', 'job_id_required'],
    indexes: [idx('id_dep', 'job_id'), idx('log_dep', 'job_dependency_index')],
  },
  {
    name: 'job_resource_groups',
    columns: [serial('res_group_id'), int('res_group_moldable_id'), text('res_group_property'), index('res_group_index')],
    primaryKey: ['res_group_id'],
    indexes: [idx('moldable_job', 'res_group_moldable_id'), idx('log_res', 'res_group_index')],
  },
  {
    name: 'job_resource_descriptions',
    columns: [int('res_job_group_id'), str('res_job_resource_type', 255), int('res_job_value'), int('res_job_order'), index('res_job_index')],
    primaryKey: ['res_job_group_id', 'res_job_resource_type', 'res_job_order'],
    indexes: [idx('resgroup', 'res_job_group_id'), idx('log_res_desc', 'res_job_index')],
  },
  {
    name: 'job_state_logs',
    columns: [serial('job_state_log_id'), int('job_id'), oneOf('job_state', 16, JOB_STATES, 'Waiting'), int('date_start'), int('date_stop')],
    primaryKey: ['job_state_log_id'],
    indexes: [idx('id_job_log', 'job_id'), idx('state_job_log', 'job_state')],
  },
  {
    name: 'job_types',
    columns: [serial('job_type_id'), int('job_id'), str('type', 255), index('types_index')],
    primaryKey: ['job_type_id'],
    indexes: [idx('log_types', 'types_index'), idx('type', 'type'), idx('id_types', 'job_id')],
  },
  {
    name: 'jobs',
    columns: [
      serial('job_id'),
      int('array_id'),
      int('array_index', 1),
      text('initial_request'),
      nullable(str('job_name', 100)),
      text('job_env'),
      oneOf('job_type', 11, ['INTERACTIVE', 'PASSIVE'], 'PASSIVE'),
      nullable(str('info_type', 255), null),
      { name: 'state', type: { kind: 'enum', type: 'job_state', length: 16 }, notNull: true, default: 'Waiting' },
      oneOf('reservation', 10, ['None', 'toSchedule', 'Scheduled'], 'None'),
      str('message', 255),
      str('scheduler_info', 255),
      str('job_user', 255),
      str('project', 255),
      str('job_group', 255),
      text('command'),
      nullable(int('exit_code'), null),
      str('queue_name', 100),
      text('properties'),
      { name: 'launching_directory', type: { kind: 'text' }, notNull: true, sqlite: { default: '' } },
      int('submission_time'),
      int('start_time'),
      int('stop_time'),
      nullable(int('file_id'), null),
      yesNo('accounted', 'NO'),
      nullable(str('notify', 255), null),
      nullable(int('assigned_moldable_job'), 0),
      int('checkpoint'),
      { name: 'checkpoint_signal', type: { kind: 'integer' }, notNull: true, sqlite: { default: 0 } },
      text('stdout_file'),
      text('stderr_file'),
      int('resubmit_job_id'),
      yesNo('suspended', 'NO'),
      { name: 'last_karma', type: { kind: 'real' }, notNull: false },
    ],
    primaryKey: ['job_id'],
    indexes: [
      idx('state', 'state'),
      idx('state_id', 'state', 'job_id'),
      idx('reservation', 'reservation'),
      idx('queue_name', 'queue_name'),
      idx('accounted', 'accounted'),
      idx('suspended', 'suspended'),
      idx('job_array_id', 'array_id'),
      idx('assigned_moldable_job', 'assigned_moldable_job'),
    ],
  },
  {
    name: 'moldable_job_descriptions',
    columns: [serial('moldable_id'), int('moldable_job_id'), int('moldable_walltime'), index('moldable_index')],
    primaryKey: ['moldable_id'],
    indexes: [idx('job_mold', 'moldable_job_id'), idx('log_mold_desc', 'moldable_index')],
  },
  {
    name: 'queues',
    columns: [str('queue_name', 100), int('priority'), str('scheduler_policy', 100), oneOf('state', 9, ['Active', 'notActive'], 'Active')],
    primaryKey: ['queue_name'],
    indexes: [],
  },
  {
    name: 'scheduler',
    columns: [str('name', 100, null), str('script', 100, null), str('description', 255, null)],
    primaryKey: ['name'],
    indexes: [],
  },
  {
    name: 'resource_logs',
    columns: [serial('resource_log_id'), int('resource_id'), str('attribute', 255), str('value', 255), int('date_start'), int('date_stop'), yesNo('finaud_decision', 'NO')],
    primaryKey: ['resource_log_id'],
    indexes: [
      idx('resource', 'resource_id'),
      idx('attribute', 'attribute'),
      idx('resource_id', 'resource_id'),
      idx('finaud', 'finaud_decision'),
      idx('val', 'value'),
      idx('date_start', 'date_start'),
      idx('date_stop', 'date_stop'),
    ],
  },
  {
    name: 'resources',
    columns: [
      serial('resource_id'),
      str('type', 100, 'default'),
      str('network_address', 100),
      oneOf('state', 9, ['Alive', 'Dead', 'Suspected', 'Absent'], 'Alive'),
      oneOf('next_state', 9, ['UnChanged', 'Alive', 'Dead', 'Absent', 'Suspected'], 'UnChanged'),
      yesNo('finaud_decision', 'NO'),
      yesNo('next_finaud_decision', 'NO'),
      int('state_num'),
      yesNo('suspended_jobs', 'NO'),
      { ...int('scheduler_priority'), sqlite: { type: { kind: 'bigint' } } },
      str('cpuset', 255, '0'),
      yesNo('besteffort', 'YES'),
      yesNo('deploy', 'NO'),
      int('expiry_date'),
      yesNo('desktop_computing', 'NO'),
      int('last_job_date'),
      int('available_upto', 2147483647),
      int('last_available_upto'),
      yesNo('drain', 'NO'),
    ],
    primaryKey: ['resource_id'],
    indexes: [
      idx('resource_state', 'state'),
      idx('resource_next_state', 'next_state'),
      idx('resource_suspended_jobs', 'suspended_jobs'),
      idx('resource_type', 'type'),
      idx('resource_network_address', 'network_address'),
    ],
  },
  {
    name: 'walltime_change',
    columns: [int('job_id'), int('pending'), yesNo('force', 'NO'), yesNo('delay_next_jobs', 'NO'), int('granted'), int('granted_with_force'), int('granted_with_delay_next_jobs')],
    primaryKey: ['job_id'],
    indexes: [idx('walltime_change_job_id', 'job_id')],
  },
];

export function tableDef(name: string): TableDef | undefined {
  return OAR_TABLES.find((t) => t.name === name);
}

/** The fixed columns of `resources`; any other column is a custom property. */
export const FIXED_RESOURCE_COLUMNS: readonly string[] = tableDef('resources')!.columns.map((c) => c.name);
