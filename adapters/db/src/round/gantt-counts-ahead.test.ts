import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initSchema } from '../schema/migrate.js';
import { testDatabases, type TestDatabase } from '../testing/index.js';
import { insertRows } from '../writers.js';
import { countGanttAhead } from './gantt-counts-ahead.js';

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`countGanttAhead on ${target.label}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create({ file: true });
      await initSchema(t.db);
      await insertRows(t.db, 'gantt_jobs_resources', [1, 2, 3].map((r) => ({ moldable_job_id: 7, resource_id: r })));
      await insertRows(t.db, 'gantt_jobs_resources_visu', [1, 2].map((r) => ({ moldable_job_id: 7, resource_id: r })));
    });
    afterEach(() => t.dispose());

    if (target.dialect === 'sqlite') {
      it('is not used on SQLite (BEGIN IMMEDIATE keeps writers out; counting after costs a millisecond)', async () => {
        expect(await t.db.transaction((tx) => countGanttAhead(t.db, tx))).toBeUndefined();
      });
      return;
    }

    it('counts both tables on another connection, after locking them against other writers (not readers) until the commit', async () => {
      const other = await t.connect({ poolSize: 1 });
      let insertWhileOpen: unknown;
      await t.db.transaction(async (tx) => {
        // Written in the round's transaction before the count: not seen by the other connection.
        await sql`INSERT INTO gantt_jobs_resources VALUES (8, 1)`.execute(tx.kysely);
        const counts = await countGanttAhead(t.db, tx);
        expect(await counts!.gantt).toBe(3);
        expect(await counts!.visu).toBe(2);
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

    it('is not used with a pool of one connection (the count would wait for the transaction waiting for it)', async () => {
      const single = await t.connect({ poolSize: 1 });
      expect(await single.transaction((tx) => countGanttAhead(single, tx))).toBeUndefined();
      await single.close();
    });
  });
}
