import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../connection.js';
import { initSchema } from '../schema/migrate.js';
import { testDatabases, type TestDatabase } from '../testing/index.js';
import type { IdRanges } from './gantt-plan.js';
import { runs } from './test-kit.js';
import { knownGanttPlans } from './gantt-known-plans.js';

const postgres = (await testDatabases()).find((t) => t.dialect === 'postgres')!;

describe.skipIf(!postgres.available)(`known gantt plans on ${postgres.label}`, () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await postgres.create();
    await initSchema(t.db);
  });
  afterEach(() => t.dispose());

  const lookup = (db: Db = t.db) => db.transaction((tx) => knownGanttPlans(tx));
  const PLAN = runs([3, 1, 4], [3, 9, 9], [5, 2, 3]);
  /** A round's end: both tables told to hold `plan`. */
  const remember = (plan: IdRanges = PLAN) => t.db.transaction(async (tx) => (await knownGanttPlans(tx)).plans!.remember(plan));
  const known = async () => {
    const { plans } = await lookup();
    return [plans!.gantt, plans!.visu];
  };
  const exec = (statement: string, db: Db = t.db) => sql.raw(statement).execute(db.kysely);
  const enabled = async () =>
    (await sql<{ relname: string; tgenabled: string }>`SELECT c.relname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = 'oar_sched_forget_gantt_plan' ORDER BY 1`.execute(t.db.kysely)).rows;

  it('creates its table and triggers on first use, knowing no plan yet; then gives back what a round left', async () => {
    const first = await lookup();
    expect(first.warning).toBeUndefined();
    expect([first.plans!.gantt, first.plans!.visu]).toEqual([undefined, undefined]);
    expect(await enabled()).toEqual([
      { relname: 'gantt_jobs_resources', tgenabled: 'A' },
      { relname: 'gantt_jobs_resources_visu', tgenabled: 'A' },
    ]);
    await remember();
    expect(await known()).toEqual([PLAN, PLAN]);
    const other = runs([7, 1, 100]);
    await remember(other);
    expect(await known()).toEqual([other, other]);
  });

  it('forgets the plan of a table that anything else writes, by any statement, even one that changes no row', async () => {
    await lookup();
    for (const write of [
      'INSERT INTO gantt_jobs_resources VALUES (1, 1)',
      'DELETE FROM gantt_jobs_resources WHERE moldable_job_id = 99',
      'UPDATE gantt_jobs_resources SET resource_id = 2 WHERE moldable_job_id = 99',
      'TRUNCATE gantt_jobs_resources',
    ]) {
      await remember();
      await exec(write);
      expect(await known(), write).toEqual([undefined, PLAN]);
    }
    await remember();
    await exec('DELETE FROM gantt_jobs_resources_visu');
    expect(await known()).toEqual([PLAN, undefined]);
  });

  it('forgets the plans when a trigger was disabled, even if enabled again (pg_restore --disable-triggers), and sets it back to ALWAYS', async () => {
    await remember();
    await exec('ALTER TABLE gantt_jobs_resources_visu DISABLE TRIGGER ALL');
    await exec('INSERT INTO gantt_jobs_resources_visu VALUES (1, 1)');
    await exec('ALTER TABLE gantt_jobs_resources_visu ENABLE TRIGGER ALL');
    expect(await known()).toEqual([undefined, undefined]);
    expect((await enabled()).map((r) => r.tgenabled)).toEqual(['A', 'A']);
  });

  it('knows no plan for a table dropped and created again (a new table, without the trigger)', async () => {
    await remember();
    await exec('DROP TABLE gantt_jobs_resources');
    await exec('CREATE TABLE gantt_jobs_resources (moldable_job_id integer NOT NULL, resource_id integer NOT NULL, PRIMARY KEY (moldable_job_id, resource_id))');
    expect(await known()).toEqual([undefined, undefined]);
    expect(await enabled()).toHaveLength(2);
  });

  it('never fails the gantt writers when its plans table is dropped; the next round creates it again', async () => {
    await remember();
    await exec('DROP TABLE oar_sched_gantt_plans');
    await exec('INSERT INTO gantt_jobs_resources VALUES (1, 1)');
    await exec('TRUNCATE gantt_jobs_resources_visu');
    expect(await known()).toEqual([undefined, undefined]);
    await remember();
    expect(await known()).toEqual([PLAN, PLAN]);
  });

  it('lets any role that writes the gantt forget a plan (security definer); warns a role that may not use the plans table, or cannot create the objects', async () => {
    const role = `oar_sched_test_${randomBytes(4).toString('hex')}`;
    await exec(`CREATE ROLE ${role}`);
    try {
      await exec(`GRANT SELECT, INSERT, UPDATE, DELETE ON gantt_jobs_resources, gantt_jobs_resources_visu TO ${role}`);
      /** `work` in a transaction run as the role; the transaction must still be usable after it. */
      const asRole = <T>(work: (tx: Db) => Promise<T>) =>
        t.db.transaction(async (tx) => {
          await exec(`SET LOCAL ROLE ${role}`, tx);
          const out = await work(tx);
          await exec('SELECT count(*) FROM gantt_jobs_resources', tx);
          return out;
        });
      await remember();
      await asRole((tx) => exec('INSERT INTO gantt_jobs_resources VALUES (1, 1)', tx));
      expect(await known()).toEqual([undefined, PLAN]);

      // The objects exist but are not this role's: a warning, and the transaction goes on.
      const notGranted = await asRole((tx) => knownGanttPlans(tx));
      expect(notGranted.plans).toBeUndefined();
      expect(notGranted.warning).toMatch(new RegExp(`may not read and write "public"\\.oar_sched_gantt_plans.*GRANT SELECT, INSERT, UPDATE ON "public"\\.oar_sched_gantt_plans TO ${role}`));

      await exec('DROP TABLE oar_sched_gantt_plans CASCADE');
      await exec('DROP FUNCTION oar_sched_forget_gantt_plan CASCADE');
      // The failed creation is rolled back to its savepoint: the transaction goes on.
      const denied = await asRole((tx) => knownGanttPlans(tx));
      expect(denied.plans).toBeUndefined();
      expect(denied.warning).toMatch(/could not create the gantt plan trigger \(.*permission denied.*\): each round reads and counts the gantt tables/);
      expect(await enabled()).toEqual([]);
    } finally {
      await exec(`DROP OWNED BY ${role}`);
      await exec(`DROP ROLE ${role}`);
    }
  });
});
