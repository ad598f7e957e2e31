import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initSchema } from './schema/migrate.js';
import { sql } from 'kysely';
import { selectArrays, selectTableArrays } from './select-arrays.js';
import { testDatabases, type TestDatabase } from './testing/index.js';
import { insertJob } from './writers.js';
import { sqliteConnectionInTransaction } from './connection.js';

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

    it('knows the columns of a query without rows, and keeps two columns of one name apart (PostgreSQL: rows as arrays)', async () => {
      await insertJob(t.db, { user: 'alice' });
      const none = await selectArrays(t.db, 'SELECT job_id, job_user FROM jobs WHERE job_id < 0');
      if (target.dialect === 'postgres') expect(none.columns).toEqual(['job_id', 'job_user']);
      const twice = await t.db.transaction((tx) => selectArrays(tx, 'SELECT job_user AS x, job_id AS x FROM jobs'));
      expect(twice.rows).toEqual([['alice', 1]]);
      // Other statements on the same connections still give objects.
      expect((await sql<{ job_user: string }>`SELECT job_user FROM jobs`.execute(t.db.kysely)).rows).toEqual([{ job_user: 'alice' }]);
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

    it('reads a whole table in the given order with the same values inside a transaction as outside', async () => {
      // Values that a JSON detour could change: reals needing 17 digits, large integers, quotes,
      // backslashes, non-ASCII text, NULLs, and an order with DESC.
      await sql.raw('CREATE TABLE wide (id INTEGER PRIMARY KEY, name VARCHAR(255), ratio DOUBLE PRECISION, big BIGINT, note TEXT)').execute(t.db.kysely);
      const rows: unknown[][] = [
        [1, 'node-1', 0.1 + 0.2, 2 ** 53 - 1, null],
        [2, 'node-"2"\\', 1e300, -(2 ** 40), 'élan ✓'],
        [3, null, 0.5, 0, "it's"],
        [4, 'node-1', -1.25, 7, ''],
      ];
      for (const r of rows) await sql`INSERT INTO wide VALUES (${sql.join(r.map((v) => sql`${v}`))})`.execute(t.db.kysely);
      const order = 'big DESC, id ASC';
      const outside = await selectTableArrays(t.db, 'wide', order);
      expect(outside.columns).toEqual(['id', 'name', 'ratio', 'big', 'note']);
      const byId = (id: number) => rows.find((r) => r[0] === id)!;
      expect(outside.rows).toEqual([1, 4, 3, 2].map(byId));
      await t.db.transaction(async (tx) => {
        const inside = await selectTableArrays(tx, 'wide', order);
        expect({ columns: inside.columns, rows: inside.rows }).toEqual(outside);
        // Read again with the first read given: nothing when the rows came as the same text.
        if (inside.json !== undefined) expect(await selectTableArrays(tx, 'wide', order, inside)).toBeUndefined();
        await sql`UPDATE wide SET ratio = ${0.1 + 0.2 + 1e-16} WHERE id = 1`.execute(tx.kysely);
        expect((await selectTableArrays(tx, 'wide', order, inside))!.rows[0]![2]).toBe(0.1 + 0.2 + 1e-16);
      });
    });

    it.skipIf(target.dialect !== 'sqlite')('reads a table holding a BLOB raw inside a SQLite transaction (JSON has no form for it)', async () => {
      await sql.raw('CREATE TABLE blobs (id INTEGER PRIMARY KEY, data)').execute(t.db.kysely);
      await sql`INSERT INTO blobs VALUES (1, ${Buffer.from([0, 1, 2])}), (2, 'text')`.execute(t.db.kysely);
      await t.db.transaction(async (tx) => {
        expect(sqliteConnectionInTransaction(tx)).toBeDefined();
        const { rows } = await selectTableArrays(tx, 'blobs', 'id');
        expect(rows).toEqual([[1, Buffer.from([0, 1, 2])], [2, 'text']]);
      });
    });
  });
}
