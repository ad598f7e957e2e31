import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkInsert, bulkStatement, bulkUpdate, SQLITE_PARAMETERS_PER_STATEMENT, withRows, type BulkColumn } from './bulk.js';
import { sqliteConnectionInTransaction, type Db } from './connection.js';
import { initSchema } from './schema/migrate.js';
import { testDatabases, type TestDatabase } from './testing/index.js';

/** More rows than one SQLite statement takes for three columns, so that batches follow each other. */
const MANY = Math.ceil((SQLITE_PARAMETERS_PER_STATEMENT / 3) * 2.5);
const AWKWARD_TEXT = ['plain', "it's", 'say "hi"', 'back\\slash', '{braces,commas}', 'NULL', '', 'é😀', 'lone \ud800 surrogate', 'x'.repeat(255)];

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`bulk writes on ${target.label}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create();
      await initSchema(t.db);
    });
    afterEach(() => t.dispose());

    // The root handle goes through Kysely, a transaction handle through the native SQLite connection: same rows.
    for (const where of ['outside a transaction', 'inside a transaction'] as const) {
      const within = <T>(fn: (db: Db) => Promise<T>) => (where === 'outside a transaction' ? fn(t.db) : t.db.transaction(fn));

      it(`inserts rows across several statements, in order, text byte for byte as a bound value (${where})`, async () => {
        // What each text becomes when Kysely binds it (a lone surrogate does not survive UTF-8 unchanged).
        await t.db.kysely.insertInto('job_types').values(AWKWARD_TEXT.map((type) => ({ job_id: 0, type }))).execute();
        const bound = await t.db.kysely.selectFrom('job_types').select('type').where('job_id', '=', 0).orderBy('job_type_id').execute();
        const stored = new Map(AWKWARD_TEXT.map((text, i) => [text, bound[i]!.type]));
        await t.db.kysely.deleteFrom('job_types').execute();

        const jobIds = Array.from({ length: MANY }, (_, i) => 1 + (i % 997));
        const types = jobIds.map((_, i) => AWKWARD_TEXT[i % AWKWARD_TEXT.length]!);
        const index = (i: number) => (i % 2 === 0 ? 'CURRENT' : 'LOG');
        await within((db) =>
          bulkInsert(db, 'job_types', [
            { name: 'job_id', type: 'integer', values: jobIds },
            { name: 'type', type: 'text', values: types },
            { name: 'types_index', type: 'text', values: jobIds.map((_, i) => index(i)) },
          ]),
        );
        const rows = await t.db.kysely.selectFrom('job_types').select(['job_type_id', 'job_id', 'type', 'types_index']).orderBy('job_type_id').execute();
        expect(rows.map((r) => [r.job_id, r.type, r.types_index])).toEqual(jobIds.map((id, i) => [id, stored.get(types[i]!), index(i)]));
        // Serial ids grow in row order, batch after batch.
        expect(rows.map((r) => r.job_type_id)).toEqual(rows.map((_, i) => rows[0]!.job_type_id + i));
      });

      it(`updates many rows by key in one pass (${where})`, async () => {
        const ids = Array.from({ length: MANY }, (_, i) => i + 1);
        await bulkInsert(t.db, 'job_types', [
          { name: 'job_id', type: 'integer', values: ids },
          { name: 'type', type: 'text', values: ids.map(() => 'old') },
        ]);
        const keys = ids.filter((id) => id % 3 !== 0);
        await within((db) =>
          bulkUpdate(db, 'job_types', { name: 'job_type_id', type: 'integer', values: keys }, [
            { name: 'type', type: 'text', values: keys.map((id) => `new ${id}`) },
            { name: 'job_id', type: 'integer', values: keys.map((id) => -id) },
          ]),
        );
        const rows = await t.db.kysely.selectFrom('job_types').select(['job_type_id', 'job_id', 'type']).orderBy('job_type_id').execute();
        expect(rows).toEqual(ids.map((id) => (id % 3 !== 0 ? { job_type_id: id, job_id: -id, type: `new ${id}` } : { job_type_id: id, job_id: id, type: 'old' })));
      });

      it(`returns what the statements return, batch after batch (${where})`, async () => {
        const ids = Array.from({ length: MANY }, (_, i) => i + 1);
        await bulkInsert(t.db, 'job_types', [
          { name: 'job_id', type: 'integer', values: ids },
          { name: 'type', type: 'text', values: ids.map(() => 'x') },
        ]);
        const wanted: BulkColumn = { name: 'wanted', type: 'integer', values: ids.filter((id) => id % 7 === 0) };
        const deleted = await within((db) =>
          bulkStatement(db, [wanted], (rows) => `${withRows(rows, [wanted])} DELETE FROM job_types WHERE job_id IN (SELECT wanted FROM v) RETURNING job_id`),
        );
        expect(deleted.map((r) => Number(r.job_id)).sort((a, b) => a - b)).toEqual(wanted.values);
        const left = await t.db.kysely.selectFrom('job_types').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
        expect(Number(left.n)).toBe(MANY - wanted.values.length);
      });
    }

    it('writes nothing for no rows, and refuses ragged columns and non-integers before writing', async () => {
      await bulkInsert(t.db, 'job_types', [
        { name: 'job_id', type: 'integer', values: [] },
        { name: 'type', type: 'text', values: [] },
      ]);
      await expect(
        bulkInsert(t.db, 'job_types', [
          { name: 'job_id', type: 'integer', values: [1, 2] },
          { name: 'type', type: 'text', values: ['a'] },
        ]),
      ).rejects.toThrow('columns of different lengths');
      await expect(
        bulkInsert(t.db, 'job_types', [
          { name: 'job_id', type: 'integer', values: [1, 2.5] },
          { name: 'type', type: 'text', values: ['a', 'b'] },
        ]),
      ).rejects.toThrow('2.5 is not an integer');
      expect(await t.db.kysely.selectFrom('job_types').selectAll().execute()).toEqual([]);
    });

    it('sqliteConnectionInTransaction: only for a live SQLite transaction handle', async () => {
      expect(sqliteConnectionInTransaction(t.db)).toBeUndefined();
      let ended: Db | undefined;
      await t.db.transaction(async (tx) => {
        ended = tx;
        expect(sqliteConnectionInTransaction(tx) !== undefined).toBe(target.dialect === 'sqlite');
        await tx.transaction(async (sp) => expect(sqliteConnectionInTransaction(sp) !== undefined).toBe(target.dialect === 'sqlite'));
      });
      expect(sqliteConnectionInTransaction(ended!)).toBeUndefined();
    });

    it('a failure inside the transaction rolls back the rows the native connection wrote', async () => {
      await expect(
        t.db.transaction(async (tx) => {
          await bulkInsert(tx, 'job_types', [
            { name: 'job_id', type: 'integer', values: [1, 2, 3] },
            { name: 'type', type: 'text', values: ['a', 'b', 'c'] },
          ]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await t.db.kysely.selectFrom('job_types').selectAll().execute()).toEqual([]);
    });
  });
}
