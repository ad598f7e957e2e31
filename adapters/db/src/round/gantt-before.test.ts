import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initSchema } from '../schema/migrate.js';
import { testDatabases, type TestDatabase } from '../testing/index.js';
import { insertRows } from '../writers.js';
import { ganttBefore } from './gantt-before.js';
import { runs } from './test-kit.js';

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`ganttBefore on ${target.label}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create({ file: true });
      await initSchema(t.db);
      await insertRows(t.db, 'gantt_jobs_resources', [1, 2, 3].map((r) => ({ moldable_job_id: 7, resource_id: r })));
      await insertRows(t.db, 'gantt_jobs_resources_visu', [1, 2].map((r) => ({ moldable_job_id: 7, resource_id: r })));
    });
    afterEach(() => t.dispose());

    if (target.dialect === 'sqlite') {
      it('gives the plan a round left, and counts nothing ahead (BEGIN IMMEDIATE keeps writers out; the sync counts)', async () => {
        expect(await t.db.transaction(async (tx) => (await ganttBefore(t.db, tx))!.gantt)).toEqual({ plan: undefined });
        const left = runs([7, 1, 1000]);
        await t.db.transaction(async (tx) => {
          const before = (await ganttBefore(t.db, tx))!;
          await before.beforeWrites!(left);
          await before.remember!(left);
        });
        const known = await t.db.transaction(async (tx) => (await ganttBefore(t.db, tx))!);
        expect([known.gantt, known.visu]).toEqual([{ plan: left }, { plan: left }]);
      });
      return;
    }

    it('counts both tables on another connection, after locking them against other writers (not readers) until the commit', async () => {
      const other = await t.connect({ poolSize: 1 });
      let insertWhileOpen: unknown;
      await t.db.transaction(async (tx) => {
        // Written in the round's transaction before the count: not seen by the other connection.
        await sql`INSERT INTO gantt_jobs_resources VALUES (8, 1)`.execute(tx.kysely);
        const counts = await ganttBefore(t.db, tx);
        expect(await counts!.gantt.rows).toBe(3);
        expect(await counts!.visu.rows).toBe(2);
        // Readers go on; a writer waits (here: gives up after 200 ms).
        expect(Number((await sql<{ n: unknown }>`SELECT count(*) AS n FROM gantt_jobs_resources_visu`.execute(other.kysely)).rows[0]!.n)).toBe(2);
        insertWhileOpen = await other
          .transaction(async (o) => {
            await sql`SET LOCAL lock_timeout = '200ms'`.execute(o.kysely);
            await sql`INSERT INTO gantt_jobs_resources_visu VALUES (9, 1)`.execute(o.kysely);
          })
          .then(() => 'inserted', (e: Error) => e.message);
      });
      expect(insertWhileOpen).toMatch(/lock timeout/);
      // After the commit, the writer gets through.
      await sql`INSERT INTO gantt_jobs_resources_visu VALUES (9, 1)`.execute(other.kysely);
      await other.close();
    });

    it('counts nothing with a pool of one connection (the count would wait for the transaction waiting for it)', async () => {
      const single = await t.connect({ poolSize: 1 });
      const before = await single.transaction((tx) => ganttBefore(single, tx));
      expect([before!.gantt, before!.visu]).toEqual([{ rows: undefined }, { rows: undefined }]);
      await single.close();
    });

    it('gives the plan a round left instead of counting, and counts only a table written since', async () => {
      // Not what the tables hold (3 and 2 rows): known, they are not read.
      const left = runs([7, 1, 1000]);
      await t.db.transaction(async (tx) => (await ganttBefore(t.db, tx))!.remember!(left));
      const known = await t.db.transaction(async (tx) => (await ganttBefore(t.db, tx))!);
      expect([known.gantt, known.visu]).toEqual([{ plan: left }, { plan: left }]);
      await sql`DELETE FROM gantt_jobs_resources_visu WHERE resource_id = 2`.execute(t.db.kysely);
      const counted = await t.db.transaction(async (tx) => {
        const before = (await ganttBefore(t.db, tx))!;
        return [before.gantt, await before.visu.rows];
      });
      expect(counted).toEqual([{ plan: left }, 1]);
    });
  });
}
