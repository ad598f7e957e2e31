import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../connection.js';
import { dumpData, testDatabases, type TestDatabase } from '../testing/index.js';
import { ENUM_TYPES, OAR_TABLES } from './definition.js';
import { dumpSchema, listTables, readSchema, tableColumns, tableIndexes } from './introspect.js';
import { initSchema, migrateSchema } from './migrate.js';

/** database.md §7: every table, the compatibility ones included. */
const SPEC_TABLES = [
  'accounting',
  'admission_rules',
  'assigned_resources',
  'challenges',
  'event_log_hostnames',
  'event_logs',
  'files',
  'frag_jobs',
  'gantt_jobs_predictions',
  'gantt_jobs_predictions_log',
  'gantt_jobs_predictions_visu',
  'gantt_jobs_resources',
  'gantt_jobs_resources_log',
  'gantt_jobs_resources_visu',
  'job_dependencies',
  'job_resource_descriptions',
  'job_resource_groups',
  'job_state_logs',
  'job_types',
  'jobs',
  'moldable_job_descriptions',
  'queues',
  'resource_logs',
  'resources',
  'scheduler',
  'schema',
  'walltime_change',
];

async function failsToInsert(db: Db, statement: string): Promise<boolean> {
  try {
    await db.transaction(async (tx) => {
      await sql.raw(statement).execute(tx.kysely);
    });
    return false;
  } catch {
    return true;
  }
}

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`OAR 3 schema on ${target.label}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create();
    });
    afterEach(() => t.dispose());

    it('creates every table of database.md §7 and the schema row (3.0.0, "")', async () => {
      const report = await initSchema(t.db);
      expect(await listTables(t.db)).toEqual(SPEC_TABLES);
      expect(report.changes.filter((c) => c.kind === 'create-table').map((c) => c.name).sort()).toEqual(SPEC_TABLES);
      expect(report.version).toBe('3.0.0');
      expect(report.notes).toEqual([]);
      expect(await t.db.kysely.selectFrom('schema').selectAll().execute()).toEqual([{ version: '3.0.0', name: '' }]);
    });

    it('is idempotent: a second run changes nothing (same definitions, same rows)', async () => {
      await initSchema(t.db);
      const schemaBefore = await dumpSchema(t.db);
      const dataBefore = await dumpData(t.db);
      expect(schemaBefore.length).toBeGreaterThan(SPEC_TABLES.length);
      const again = await initSchema(t.db);
      expect(again.changes).toEqual([]);
      expect(again.notes).toEqual([]);
      const migrated = await migrateSchema(t.db);
      expect(migrated.changes).toEqual([]);
      expect(await dumpSchema(t.db)).toEqual(schemaBefore);
      expect(await dumpData(t.db)).toEqual(dataBefore);
    });

    it('creates every column with its type class, nullability and primary key, and every index of OAR 3', async () => {
      await initSchema(t.db);
      const schema = await readSchema(t.db);
      for (const table of OAR_TABLES) {
        const found = schema.tables.find((x) => x.name === table.name)!;
        expect(found.columns.map((c) => c.name), table.name).toEqual(table.columns.map((c) => c.name));
        for (const column of table.columns) {
          const got = found.columns.find((c) => c.name === column.name)!;
          expect(got.notNull, `${table.name}.${column.name} NOT NULL`).toBe(column.notNull);
          expect(got.primaryKey, `${table.name}.${column.name} in the primary key`).toBe(table.primaryKey.includes(column.name));
        }
        const named = found.indexes.filter((i) => !i.primaryKey).map((i) => ({ name: i.name, columns: i.columns }));
        expect(named, `${table.name} indexes`).toEqual(expect.arrayContaining(table.indexes.map((i) => ({ name: i.name, columns: [...i.columns] }))));
        expect(named).toHaveLength(table.indexes.length);
      }
      // A few database.md facts spelled out.
      expect(await tableIndexes(t.db, 'jobs')).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'state_id', columns: ['state', 'job_id'] })]));
      const jobs = await tableColumns(t.db, 'jobs');
      const typeOf = (name: string) => jobs.find((c) => c.name === name)!;
      expect(typeOf('state').sqlType).toBe(target.dialect === 'postgres' ? 'job_state' : 'VARCHAR(16)');
      expect(typeOf('state').typeClass).toBe('text');
      expect(typeOf('last_karma').typeClass).toBe('real');
      expect(typeOf('submission_time').typeClass).toBe('integer');
      expect(typeOf('assigned_moldable_job').notNull).toBe(false);
      const assigned = await tableColumns(t.db, 'assigned_resources');
      expect(assigned.find((c) => c.name === 'assigned_resource_index')!.sqlType).toBe(target.dialect === 'postgres' ? 'resource_index' : 'VARCHAR(7)');
    });

    it('gives a row written with no values OAR 3 defaults', async () => {
      await initSchema(t.db);
      await sql.raw(`INSERT INTO resources (network_address) VALUES ('n1')`).execute(t.db.kysely);
      const resource = await t.db.kysely.selectFrom('resources').selectAll().executeTakeFirstOrThrow();
      expect(resource).toEqual({
        resource_id: 1,
        type: 'default',
        network_address: 'n1',
        state: 'Alive',
        next_state: 'UnChanged',
        finaud_decision: 'NO',
        next_finaud_decision: 'NO',
        state_num: 0,
        suspended_jobs: 'NO',
        scheduler_priority: 0,
        cpuset: '0',
        besteffort: 'YES',
        deploy: 'NO',
        expiry_date: 0,
        desktop_computing: 'NO',
        last_job_date: 0,
        available_upto: 2147483647,
        last_available_upto: 0,
        drain: 'NO',
      });
      await sql.raw(`INSERT INTO jobs (launching_directory, checkpoint_signal) VALUES ('', 0)`).execute(t.db.kysely);
      const job = await t.db.kysely.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
      expect(job).toMatchObject({
        array_id: 0,
        array_index: 1,
        job_type: 'PASSIVE',
        info_type: null,
        state: 'Waiting',
        reservation: 'None',
        message: '',
        job_user: '',
        queue_name: '',
        properties: null,
        exit_code: null,
        submission_time: 0,
        start_time: 0,
        stop_time: 0,
        accounted: 'NO',
        assigned_moldable_job: 0,
        checkpoint: 0,
        resubmit_job_id: 0,
        suspended: 'NO',
        last_karma: null,
      });
      await sql.raw(`INSERT INTO event_logs (job_id) VALUES (1)`).execute(t.db.kysely);
      expect(await t.db.kysely.selectFrom('event_logs').select(['type', 'description', 'to_check', 'date']).execute()).toEqual([{ type: '', description: '', to_check: 'YES', date: 0 }]);
    });

    it('enforces the CHECK lists and enums of OAR 3', async () => {
      await initSchema(t.db);
      expect(await failsToInsert(t.db, `INSERT INTO resources (state) VALUES ('Broken')`)).toBe(true);
      expect(await failsToInsert(t.db, `INSERT INTO resources (besteffort) VALUES ('MAYBE')`)).toBe(true);
      expect(await failsToInsert(t.db, `INSERT INTO jobs (launching_directory, checkpoint_signal, state) VALUES ('', 0, 'Sleeping')`)).toBe(true);
      expect(await failsToInsert(t.db, `INSERT INTO jobs (launching_directory, checkpoint_signal, reservation) VALUES ('', 0, 'Maybe')`)).toBe(true);
      expect(await failsToInsert(t.db, `INSERT INTO assigned_resources (moldable_job_id, resource_id, assigned_resource_index) VALUES (1, 1, 'OLD')`)).toBe(true);
      expect(await failsToInsert(t.db, `INSERT INTO queues (queue_name, state) VALUES ('q', 'Paused')`)).toBe(true);
      expect(await failsToInsert(t.db, `INSERT INTO frag_jobs (frag_id_job, frag_state) VALUES (1, 'GONE')`)).toBe(true);
      expect(await failsToInsert(t.db, `INSERT INTO resources (state) VALUES ('Absent')`)).toBe(false);
      expect(await failsToInsert(t.db, `INSERT INTO jobs (launching_directory, checkpoint_signal, state) VALUES ('', 0, 'toAckReservation')`)).toBe(false);
    });

    if (target.dialect === 'postgres') {
      it('creates the enum types job_state and resource_index, and leaves launching_directory and checkpoint_signal without a default', async () => {
        await initSchema(t.db);
        const schema = await readSchema(t.db);
        expect(schema.enumTypes).toEqual([
          { name: 'job_state', labels: [...ENUM_TYPES.job_state] },
          { name: 'resource_index', labels: ['CURRENT', 'LOG'] },
        ]);
        const jobs = await tableColumns(t.db, 'jobs');
        expect(jobs.find((c) => c.name === 'launching_directory')!.default).toBeNull();
        expect(jobs.find((c) => c.name === 'checkpoint_signal')!.default).toBeNull();
        expect(await failsToInsert(t.db, `INSERT INTO jobs (checkpoint_signal) VALUES (0)`)).toBe(true);
        const resources = await tableColumns(t.db, 'resources');
        expect(resources.find((c) => c.name === 'scheduler_priority')!.sqlType).toBe('integer');
        expect(resources.find((c) => c.name === 'resource_id')!.sqlType).toBe('bigint');
      });
    }

    describe('on an older or partial OAR database', () => {
      /** An OAR 2.5-like database: fewer resource columns, no last_karma, no dependencies shift columns, few tables. */
      async function buildOldDatabase(db: Db): Promise<void> {
        const serial = db.dialect === 'postgres' ? 'bigserial PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
        for (const statement of [
          `CREATE TABLE resources (resource_id ${serial}, type varchar(100) NOT NULL DEFAULT 'default', network_address varchar(100) NOT NULL DEFAULT '', state varchar(9) NOT NULL DEFAULT 'Alive', host varchar(255), core integer)`,
          `CREATE INDEX ix_resources_state ON resources (state)`,
          `CREATE TABLE jobs (job_id ${serial}, job_name varchar(100), state varchar(16) NOT NULL DEFAULT 'Waiting', queue_name varchar(100) NOT NULL DEFAULT '', launching_directory text NOT NULL, checkpoint_signal integer NOT NULL)`,
          `CREATE INDEX ix_jobs_state ON jobs (state)`,
          `CREATE TABLE job_dependencies (job_id integer NOT NULL DEFAULT 0, job_id_required integer NOT NULL DEFAULT 0, job_dependency_index varchar(7) NOT NULL DEFAULT 'CURRENT', PRIMARY KEY (job_id, job_id_required))`,
          `CREATE TABLE schema (version varchar(255) NOT NULL, name varchar(255) NOT NULL)`,
          `INSERT INTO schema VALUES ('2.5.4', '')`,
          `INSERT INTO resources (network_address, host, core) VALUES ('node1', 'node1', 0), ('node1', 'node1', 1), ('node2', 'node2', 0)`,
          `INSERT INTO jobs (job_name, state, queue_name, launching_directory, checkpoint_signal) VALUES ('j1', 'Running', 'default', '/home/a', 0)`,
          `INSERT INTO job_dependencies (job_id, job_id_required) VALUES (2, 1)`,
        ]) {
          await sql.raw(statement).execute(db.kysely);
        }
      }

      it('initSchema adds the missing tables but leaves the existing ones alone', async () => {
        await buildOldDatabase(t.db);
        const resourcesBefore = await tableColumns(t.db, 'resources');
        const report = await initSchema(t.db);
        expect(report.changes.some((c) => c.kind === 'add-column')).toBe(false);
        expect(report.changes.filter((c) => c.kind === 'create-table').map((c) => c.name)).not.toContain('resources');
        expect(await listTables(t.db)).toEqual(SPEC_TABLES);
        expect(await tableColumns(t.db, 'resources')).toEqual(resourcesBefore);
      });

      it('migrateSchema adds missing tables, columns and indexes, keeps every row, and reports what it did', async () => {
        await buildOldDatabase(t.db);
        const before = await dumpData(t.db);
        const report = await migrateSchema(t.db);

        const added = report.changes.filter((c) => c.kind === 'add-column').map((c) => `${c.table}.${c.name}`);
        expect(added).toEqual(
          expect.arrayContaining(['resources.next_state', 'resources.available_upto', 'resources.drain', 'jobs.last_karma', 'jobs.reservation', 'jobs.job_user', 'job_dependencies.min_start_shift', 'job_dependencies.max_start_shift']),
        );
        expect(added.filter((a) => a.startsWith('resources.'))).toHaveLength(15);
        const created = report.changes.filter((c) => c.kind === 'create-table').map((c) => c.name);
        expect(created).toContain('moldable_job_descriptions');
        expect(created).not.toContain('jobs');
        const indexes = report.changes.filter((c) => c.kind === 'create-index' && (c.table === 'jobs' || c.table === 'resources')).map((c) => c.name);
        // ix_jobs_state and ix_resources_state already index the state columns under SQLAlchemy's names.
        expect(indexes).not.toContain('state');
        expect(indexes).not.toContain('resource_state');
        expect(indexes).toEqual(expect.arrayContaining(['state_id', 'assigned_moldable_job', 'resource_network_address']));
        for (const change of report.changes) expect(change.statements.length).toBeGreaterThan(0);

        // The version row is data: left as is, and said so.
        expect(report.version).toBe('2.5.4');
        expect(report.notes.join('\n')).toMatch(/version 2\.5\.4; OAR 3 is 3\.0\.0/);
        if (target.dialect === 'postgres') expect(report.notes.join('\n')).toMatch(/jobs\.state is character varying\(16\); OAR 3 has the enum type job_state/);

        // Every old row is still there, with the new columns at their defaults; the custom columns stay.
        const resources = await t.db.kysely.selectFrom('resources').select(['resource_id', 'network_address', 'host', 'core', 'available_upto', 'besteffort', 'scheduler_priority']).orderBy('resource_id').execute();
        expect(resources).toEqual([
          { resource_id: 1, network_address: 'node1', host: 'node1', core: 0, available_upto: 2147483647, besteffort: 'YES', scheduler_priority: 0 },
          { resource_id: 2, network_address: 'node1', host: 'node1', core: 1, available_upto: 2147483647, besteffort: 'YES', scheduler_priority: 0 },
          { resource_id: 3, network_address: 'node2', host: 'node2', core: 0, available_upto: 2147483647, besteffort: 'YES', scheduler_priority: 0 },
        ]);
        const after = await dumpData(t.db);
        const project = (rows: unknown[], keys: string[]) => rows.map((r) => Object.fromEntries(keys.map((k) => [k, (r as Record<string, unknown>)[k]])));
        for (const [table, rows] of Object.entries(before)) {
          const keys = Object.keys((rows[0] ?? {}) as object);
          expect(project(after[table]!, keys), table).toEqual(rows);
        }
        expect(await t.db.kysely.selectFrom('jobs').select(['job_name', 'reservation', 'message', 'last_karma']).execute()).toEqual([{ job_name: 'j1', reservation: 'None', message: '', last_karma: null }]);

        // Now complete: a second migration has nothing to do.
        const schema = await readSchema(t.db);
        for (const table of OAR_TABLES) {
          const names = schema.tables.find((x) => x.name === table.name)!.columns.map((c) => c.name);
          expect(names, table.name).toEqual(expect.arrayContaining(table.columns.map((c) => c.name)));
        }
        expect((await migrateSchema(t.db)).changes).toEqual([]);
      });

      it('refuses to invent a missing primary-key column', async () => {
        await sql.raw(`CREATE TABLE gantt_jobs_resources (resource_id integer NOT NULL DEFAULT 0)`).execute(t.db.kysely);
        await expect(migrateSchema(t.db)).rejects.toMatchObject({ code: 'DB_SCHEMA_INVALID', message: expect.stringMatching(/gantt_jobs_resources has no column moldable_job_id/) });
        // All or nothing: none of the other tables was created.
        expect(await listTables(t.db)).toEqual(['gantt_jobs_resources']);
      });
    });
  });
}
