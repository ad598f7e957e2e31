import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initSchema } from '../schema/migrate.js';
import { testDatabases, type TestDatabase } from '../testing/index.js';
import { knownGanttPlansSqlite } from './gantt-known-plans-sqlite.js';
import type { IdRanges } from './gantt-plan.js';
import { runs } from './test-kit.js';

const sqlite = (await testDatabases()).find((t) => t.dialect === 'sqlite')!;

describe('known gantt plans on SQLite', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await sqlite.create();
    await initSchema(t.db);
  });
  afterEach(() => t.dispose());

  const PLAN = runs([3, 1, 4], [3, 9, 9], [5, 2, 3]);
  const exec = (statement: string) => sql.raw(statement).execute(t.db.kysely);
  const known = async () => {
    const { plans } = await t.db.transaction((tx) => knownGanttPlansSqlite(tx));
    return [plans!.gantt, plans!.visu];
  };
  /** A round's writes: triggers lifted, `write` run, the plan written down. */
  const round = (plan: IdRanges, write?: string) =>
    t.db.transaction(async (tx) => {
      const { plans } = await knownGanttPlansSqlite(tx);
      await plans!.beforeWrites!(plan);
      if (write !== undefined) await sql.raw(write).execute(tx.kysely);
      await plans!.remember(plan);
    });
  const triggers = async () => (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`.execute(t.db.kysely)).rows.map((r) => r.name);
  const schemaVersion = async () => Number((await sql<{ v: unknown }>`SELECT schema_version AS v FROM pragma_schema_version`.execute(t.db.kysely)).rows[0]!.v);

  it('creates its table and row triggers on first use, knowing no plan yet; then gives back what a round left', async () => {
    expect(await known()).toEqual([undefined, undefined]);
    expect(await triggers()).toHaveLength(6);
    await round(PLAN, 'INSERT INTO gantt_jobs_resources VALUES (3, 1)');
    expect(await known()).toEqual([PLAN, PLAN]);
    expect(await triggers()).toHaveLength(6);
  });

  it('forgets the plan of a table that anything else writes, row by row, not the other', async () => {
    await known();
    await exec('INSERT INTO gantt_jobs_resources_visu VALUES (1, 1)');
    for (const write of ['INSERT INTO gantt_jobs_resources VALUES (1, 1)', 'UPDATE gantt_jobs_resources SET resource_id = 2', 'DELETE FROM gantt_jobs_resources']) {
      await round(PLAN);
      await exec(write);
      expect(await known(), write).toEqual([undefined, PLAN]);
    }
    await round(PLAN);
    await exec('DELETE FROM gantt_jobs_resources_visu');
    expect(await known()).toEqual([PLAN, undefined]);
  });

  it('writes no schema when the plan did not change; a rolled back round keeps its triggers', async () => {
    await round(PLAN);
    const version = await schemaVersion();
    await round(PLAN);
    expect(await schemaVersion()).toBe(version);
    const failed = t.db.transaction(async (tx) => {
      const { plans } = await knownGanttPlansSqlite(tx);
      await plans!.beforeWrites!(runs([9, 1, 1]));
      throw new Error('the round failed');
    });
    await expect(failed).rejects.toThrow('the round failed');
    expect(await triggers()).toHaveLength(6);
    await exec('INSERT INTO gantt_jobs_resources VALUES (1, 1)');
    expect(await known()).toEqual([undefined, PLAN]);
  });

  it('knows no plan for a table dropped and created again (its triggers went with it), and creates them again', async () => {
    await round(PLAN);
    await exec('DROP TABLE gantt_jobs_resources_visu');
    await exec('CREATE TABLE gantt_jobs_resources_visu (moldable_job_id INTEGER NOT NULL, resource_id INTEGER NOT NULL, PRIMARY KEY (moldable_job_id, resource_id))');
    expect(await triggers()).toHaveLength(3);
    expect(await known()).toEqual([undefined, undefined]);
    expect(await triggers()).toHaveLength(6);
  });
});
