import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addResourceColumn, FIXED_RESOURCE_COLUMNS, resourcePropertyColumns } from './resources.js';
import { initSchema } from './schema/migrate.js';
import { testDatabases, type TestDatabase } from './testing/index.js';

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`resource properties on ${target.label}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create();
    });
    afterEach(() => t.dispose());

    it("recognises an OAR 3 database's custom columns as properties, with their type class", async () => {
      await initSchema(t.db);
      // As an administrator does it (oarproperty -a core; -a cpu; -c -a host; -a mem), straight in SQL.
      for (const statement of ['ALTER TABLE resources ADD COLUMN core INTEGER', 'ALTER TABLE resources ADD COLUMN cpu INTEGER', 'ALTER TABLE resources ADD COLUMN host VARCHAR(255)', 'ALTER TABLE resources ADD COLUMN mem INTEGER']) {
        await sql.raw(statement).execute(t.db.kysely);
      }
      const { fixed, properties } = await resourcePropertyColumns(t.db);
      expect(properties.map((p) => [p.name, p.typeClass, p.notNull])).toEqual([
        ['core', 'integer', false],
        ['cpu', 'integer', false],
        ['host', 'text', false],
        ['mem', 'integer', false],
      ]);
      expect(fixed.map((c) => c.name)).toEqual(FIXED_RESOURCE_COLUMNS);
      expect(fixed.find((c) => c.name === 'resource_id')).toMatchObject({ typeClass: 'integer', primaryKey: true });
      expect(fixed.find((c) => c.name === 'network_address')).toMatchObject({ typeClass: 'text' });
      expect(fixed.find((c) => c.name === 'available_upto')).toMatchObject({ typeClass: 'integer' });
    });

    it('adds property columns as oarproperty does, nullable, and sees them', async () => {
      await initSchema(t.db);
      await addResourceColumn(t.db, 'switch', 'VARCHAR(255)');
      await addResourceColumn(t.db, 'gpu', 'INTEGER');
      await t.db.kysely.insertInto('resources').values({ network_address: 'n1', gpu: 2 }).execute();
      expect(await t.db.kysely.selectFrom('resources').select(['switch', 'gpu']).execute()).toEqual([{ switch: null, gpu: 2 }]);
      const { properties } = await resourcePropertyColumns(t.db);
      expect(properties.map((p) => [p.name, p.typeClass])).toEqual([
        ['switch', 'text'],
        ['gpu', 'integer'],
      ]);
    });

    it.each([
      ['Host', /lower-case SQL identifier/],
      ['1cpu', /lower-case SQL identifier/],
      ['cpu; DROP TABLE jobs', /lower-case SQL identifier/],
      ['a'.repeat(64), /at most 63/],
      ['network_address', /OAR's own resource columns/],
    ])('refuses the property name %j with DB_SCHEMA_INVALID', async (name, why) => {
      await initSchema(t.db);
      await expect(addResourceColumn(t.db, name, 'INTEGER')).rejects.toMatchObject({ code: 'DB_SCHEMA_INVALID', message: expect.stringMatching(why) });
    });

    it('refuses a property that exists already', async () => {
      await initSchema(t.db);
      await addResourceColumn(t.db, 'host', 'VARCHAR(255)');
      await expect(addResourceColumn(t.db, 'host', 'VARCHAR(255)')).rejects.toMatchObject({ code: 'DB_SCHEMA_INVALID', message: expect.stringMatching(/already exists/) });
    });

    it('says so when the database has no resources table', async () => {
      await expect(resourcePropertyColumns(t.db)).rejects.toMatchObject({ code: 'DB_SCHEMA_INVALID', message: expect.stringMatching(/has no resources table/) });
    });
  });
}
