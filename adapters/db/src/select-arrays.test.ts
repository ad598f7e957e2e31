import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initSchema } from './schema/migrate.js';
import { selectArrays } from './select-arrays.js';
import { testDatabases, type TestDatabase } from './testing/index.js';
import { insertJob } from './writers.js';

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`selectArrays on ${target.label}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create();
      await initSchema(t.db);
    });
    afterEach(() => t.dispose());

    it('gives the columns in order and each row as an array, outside and inside a transaction', async () => {
      const { jobId } = await insertJob(t.db, { user: 'alice', message: "it's" });
      const query = 'SELECT job_id, job_user, message, start_time FROM jobs ORDER BY job_id';
      const expected = { columns: ['job_id', 'job_user', 'message', 'start_time'], rows: [[jobId, 'alice', "it's", 0]] };
      expect(await selectArrays(t.db, query)).toEqual(expected);
      expect(await t.db.transaction((tx) => selectArrays(tx, query))).toEqual(expected);
      expect((await selectArrays(t.db, 'SELECT job_id FROM jobs WHERE job_id < 0')).rows).toEqual([]);
    });

    it('binds parameters', async () => {
      const a = await insertJob(t.db, { user: 'a' });
      await insertJob(t.db, { user: 'b' });
      const placeholder = target.dialect === 'postgres' ? '$1' : '?';
      for (const db of [t.db, undefined]) {
        const got = db ? await selectArrays(db, `SELECT job_user FROM jobs WHERE job_id = ${placeholder}`, [a.jobId]) : await t.db.transaction((tx) => selectArrays(tx, `SELECT job_user FROM jobs WHERE job_id = ${placeholder}`, [a.jobId]));
        expect(got.rows).toEqual([['a']]);
      }
    });
  });
}
