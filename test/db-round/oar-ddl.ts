/**
 * The tables as OAR 3 itself creates them, written out by hand from database.md §7 (and the types
 * of §1: `bigserial`/`INTEGER PRIMARY KEY AUTOINCREMENT`, `varchar(n)` + CHECK for the value lists,
 * PostgreSQL's `job_state` and `resource_index` enum types) — deliberately NOT our `initSchema`, so
 * that a test on these tables proves the round works on a database OAR built, not only on ours.
 * Property columns are added afterwards with `ALTER TABLE resources ADD COLUMN`, as an admin does.
 */
export type OarDialect = 'sqlite' | 'postgres';

const JOB_STATES = ['Waiting', 'Hold', 'toLaunch', 'toError', 'toAckReservation', 'Launching', 'Running', 'Suspended', 'Resuming', 'Finishing', 'Terminated', 'Error'];

export function oarDdl(dialect: OarDialect): string[] {
  const pg = dialect === 'postgres';
  const serial = pg ? 'bigserial PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
  const int = pg ? 'integer' : 'INTEGER';
  const big = pg ? 'bigint' : 'BIGINT';
  const text = pg ? 'text' : 'TEXT';
  const real = pg ? 'real' : 'FLOAT';
  const str = (n: number) => (pg ? `varchar(${n})` : `VARCHAR(${n})`);
  const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');
  const oneOf = (col: string, n: number, values: readonly string[], dflt: string) => `${col} ${str(n)} DEFAULT '${dflt}' CHECK (${col} IN (${list(values)}))`;
  const yesNo = (col: string, dflt: 'YES' | 'NO') => oneOf(col, 3, ['YES', 'NO'], dflt);
  const index = (col: string, dflt = 'CURRENT') => oneOf(col, 7, ['CURRENT', 'LOG'], dflt);
  const out: string[] = [];
  if (pg) {
    out.push(`CREATE TYPE job_state AS ENUM (${list(JOB_STATES)})`);
    out.push(`CREATE TYPE resource_index AS ENUM ('CURRENT','LOG')`);
  }
  const table = (name: string, columns: string[], indexes: string[][] = []) => {
    out.push(`CREATE TABLE ${name} (\n  ${columns.join(',\n  ')}\n)`);
    for (const cols of indexes) out.push(`CREATE INDEX ${name}_${cols.join('_')} ON ${name} (${cols.join(', ')})`);
  };
  table('queues', [`queue_name ${str(100)} NOT NULL DEFAULT '' PRIMARY KEY`, `priority ${int} DEFAULT 0`, `scheduler_policy ${str(100)} DEFAULT ''`, oneOf('state', 9, ['Active', 'notActive'], 'Active')]);
  table(
    'resources',
    [
      `resource_id ${serial}`,
      `type ${str(100)} DEFAULT 'default'`,
      `network_address ${str(100)} DEFAULT ''`,
      oneOf('state', 9, ['Alive', 'Dead', 'Suspected', 'Absent'], 'Alive'),
      oneOf('next_state', 9, ['UnChanged', 'Alive', 'Dead', 'Absent', 'Suspected'], 'UnChanged'),
      yesNo('finaud_decision', 'NO'),
      yesNo('next_finaud_decision', 'NO'),
      `state_num ${int} DEFAULT 0`,
      yesNo('suspended_jobs', 'NO'),
      `scheduler_priority ${big} DEFAULT 0`,
      `cpuset ${str(255)} DEFAULT '0'`,
      yesNo('besteffort', 'YES'),
      yesNo('deploy', 'NO'),
      `expiry_date ${int} DEFAULT 0`,
      yesNo('desktop_computing', 'NO'),
      `last_job_date ${int} DEFAULT 0`,
      `available_upto ${int} DEFAULT 2147483647`,
      `last_available_upto ${int} DEFAULT 0`,
      yesNo('drain', 'NO'),
    ],
    [['state'], ['next_state'], ['suspended_jobs'], ['type'], ['network_address']],
  );
  table(
    'jobs',
    [
      `job_id ${serial}`,
      `array_id ${int} DEFAULT 0`,
      `array_index ${int} DEFAULT 1`,
      `initial_request ${text}`,
      `job_name ${str(100)}`,
      `job_env ${text}`,
      oneOf('job_type', 11, ['INTERACTIVE', 'PASSIVE'], 'PASSIVE'),
      `info_type ${str(255)} DEFAULT NULL`,
      pg ? `state job_state DEFAULT 'Waiting'` : oneOf('state', 16, JOB_STATES, 'Waiting'),
      oneOf('reservation', 10, ['None', 'toSchedule', 'Scheduled'], 'None'),
      `message ${str(255)} DEFAULT ''`,
      `scheduler_info ${str(255)} DEFAULT ''`,
      `job_user ${str(255)} DEFAULT ''`,
      `project ${str(255)} DEFAULT ''`,
      `job_group ${str(255)} DEFAULT ''`,
      `command ${text}`,
      `exit_code ${int} DEFAULT NULL`,
      `queue_name ${str(100)} DEFAULT ''`,
      `properties ${text}`,
      // NOT NULL without a default in OAR's PostgreSQL file: inserts must write it.
      `launching_directory ${text} NOT NULL`,
      `submission_time ${int} DEFAULT 0`,
      `start_time ${int} DEFAULT 0`,
      `stop_time ${int} DEFAULT 0`,
      `file_id ${int}`,
      yesNo('accounted', 'NO'),
      `notify ${str(255)} DEFAULT NULL`,
      `assigned_moldable_job ${int} DEFAULT 0`,
      `checkpoint ${int} DEFAULT 0`,
      `checkpoint_signal ${int} NOT NULL`,
      `stdout_file ${text}`,
      `stderr_file ${text}`,
      `resubmit_job_id ${int} DEFAULT 0`,
      yesNo('suspended', 'NO'),
      `last_karma ${real}`,
    ],
    [['state'], ['state', 'job_id'], ['reservation'], ['queue_name'], ['accounted'], ['suspended'], ['array_id'], ['assigned_moldable_job']],
  );
  table('moldable_job_descriptions', [`moldable_id ${serial}`, `moldable_job_id ${int} DEFAULT 0`, `moldable_walltime ${int} DEFAULT 0`, index('moldable_index')], [['moldable_job_id'], ['moldable_index']]);
  table('job_resource_groups', [`res_group_id ${serial}`, `res_group_moldable_id ${int} DEFAULT 0`, `res_group_property ${text}`, index('res_group_index')], [['res_group_moldable_id'], ['res_group_index']]);
  table(
    'job_resource_descriptions',
    [
      `res_job_group_id ${int} NOT NULL DEFAULT 0`,
      `res_job_resource_type ${str(255)} NOT NULL DEFAULT ''`,
      `res_job_value ${int} DEFAULT 0`,
      `res_job_order ${int} NOT NULL DEFAULT 0`,
      index('res_job_index'),
      'PRIMARY KEY (res_job_group_id, res_job_resource_type, res_job_order)',
    ],
    [['res_job_group_id'], ['res_job_index']],
  );
  table('job_types', [`job_type_id ${serial}`, `job_id ${int} DEFAULT 0`, `type ${str(255)} DEFAULT ''`, index('types_index')], [['job_id'], ['type'], ['types_index']]);
  table(
    'job_dependencies',
    [`job_id ${int} NOT NULL DEFAULT 0`, `job_id_required ${int} NOT NULL DEFAULT 0`, index('job_dependency_index'), `min_start_shift ${str(12)} DEFAULT ''`, `max_start_shift ${str(12)} DEFAULT ''`, 'PRIMARY KEY (job_id, job_id_required)'],
    [['job_id'], ['job_dependency_index']],
  );
  for (const suffix of ['', '_visu']) {
    table(`gantt_jobs_predictions${suffix}`, [`moldable_job_id ${int} NOT NULL PRIMARY KEY`, `start_time ${int} DEFAULT 0`]);
    table(`gantt_jobs_resources${suffix}`, [`moldable_job_id ${int} NOT NULL`, `resource_id ${int} NOT NULL`, 'PRIMARY KEY (moldable_job_id, resource_id)']);
  }
  table('gantt_jobs_predictions_log', [`sched_date ${int} NOT NULL`, `moldable_job_id ${int} NOT NULL`, `start_time ${int} DEFAULT 0`, 'PRIMARY KEY (sched_date, moldable_job_id)']);
  table('gantt_jobs_resources_log', [`sched_date ${int} NOT NULL`, `moldable_job_id ${int} NOT NULL`, `resource_id ${int} NOT NULL`, 'PRIMARY KEY (sched_date, moldable_job_id, resource_id)']);
  table(
    'assigned_resources',
    [
      `moldable_job_id ${int} NOT NULL DEFAULT 0`,
      `resource_id ${int} NOT NULL DEFAULT 0`,
      pg ? `assigned_resource_index resource_index DEFAULT 'CURRENT'` : index('assigned_resource_index'),
      'PRIMARY KEY (moldable_job_id, resource_id)',
    ],
    [['moldable_job_id'], ['assigned_resource_index']],
  );
  table(
    'job_state_logs',
    [`job_state_log_id ${serial}`, `job_id ${int} DEFAULT 0`, oneOf('job_state', 16, JOB_STATES, 'Waiting'), `date_start ${int} DEFAULT 0`, `date_stop ${int} DEFAULT 0`],
    [['job_id'], ['job_state']],
  );
  table('event_logs', [`event_id ${serial}`, `type ${str(50)} DEFAULT ''`, `job_id ${int} DEFAULT 0`, `date ${int} DEFAULT 0`, `description ${str(255)} DEFAULT ''`, yesNo('to_check', 'YES')], [['type'], ['to_check'], ['job_id']]);
  table('event_log_hostnames', [`event_id ${int} NOT NULL`, `hostname ${str(255)} NOT NULL`, 'PRIMARY KEY (event_id, hostname)'], [['hostname']]);
  table('frag_jobs', [`frag_id_job ${int} NOT NULL PRIMARY KEY`, `frag_date ${int} DEFAULT 0`, oneOf('frag_state', 16, ['LEON', 'TIMER_ARMED', 'LEON_EXTERMINATE', 'FRAGGED'], 'LEON')], [['frag_state']]);
  table('walltime_change', [
    `job_id ${int} NOT NULL PRIMARY KEY`,
    `pending ${int} DEFAULT 0`,
    yesNo('force', 'NO'),
    yesNo('delay_next_jobs', 'NO'),
    `granted ${int} DEFAULT 0`,
    `granted_with_force ${int} DEFAULT 0`,
    `granted_with_delay_next_jobs ${int} DEFAULT 0`,
  ]);
  table('accounting', [
    `window_start ${big} NOT NULL`,
    `window_stop ${big} NOT NULL DEFAULT 0`,
    `accounting_user ${str(255)} NOT NULL DEFAULT ''`,
    `accounting_project ${str(255)} NOT NULL DEFAULT ''`,
    `queue_name ${str(100)} NOT NULL DEFAULT ''`,
    `consumption_type ${str(5)} NOT NULL DEFAULT 'ASKED' CHECK (consumption_type IN ('ASKED','USED'))`,
    `consumption ${big} DEFAULT 0`,
    'PRIMARY KEY (window_start, window_stop, accounting_user, accounting_project, queue_name, consumption_type)',
  ]);
  table('admission_rules', [`id ${serial}`, `priority ${int}`, `enabled ${str(3)}`, `rule ${text}`]);
  table('challenges', [`job_id ${int} NOT NULL PRIMARY KEY`, `challenge ${str(255)}`, `ssh_private_key ${text}`, `ssh_public_key ${text}`]);
  table('files', [`file_id ${serial}`, `md5sum ${str(255)}`, `location ${str(255)}`, `method ${str(255)}`, `compression ${str(255)}`, `size ${int}`]);
  table('resource_logs', [`resource_log_id ${serial}`, `resource_id ${int}`, `attribute ${str(255)}`, `value ${str(255)}`, `date_start ${int}`, `date_stop ${int}`, `finaud_decision ${str(3)}`]);
  table('scheduler', [`name ${str(100)} NOT NULL PRIMARY KEY`, `script ${str(100)}`, `description ${str(255)}`]);
  table('schema', [`version ${str(255)}`, `name ${str(255)}`]);
  out.push(`INSERT INTO schema (version, name) VALUES ('3.0.0', '')`);
  return out;
}
