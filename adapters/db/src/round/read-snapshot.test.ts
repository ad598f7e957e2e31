import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulerConfigSchema } from '@oar-sched/core';
import { addResourceColumn } from '../resources.js';
import { initSchema } from '../schema/migrate.js';
import { testDatabases, type TestDatabase } from '../testing/index.js';
import { insertRows } from '../writers.js';
import { readRoundInput } from './read-snapshot.js';

const config = schedulerConfigSchema.parse({ resourceOrder: 'network_address DESC, resource_id ASC' });

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`readRoundInput's resources on ${target.label}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create();
      await initSchema(t.db);
      await addResourceColumn(t.db, 'core', 'INTEGER');
      await insertRows(t.db, 'resources', [
        { resource_id: 1, network_address: 'a', state: 'Alive', core: 1 },
        { resource_id: 2, network_address: 'b', state: 'Alive', core: 2 },
        { resource_id: 3, network_address: 'b', state: 'Absent', core: 3 },
      ]);
    });
    afterEach(() => t.dispose());

    const read = () => t.db.transaction(async (tx) => (await readRoundInput(tx, config, 100)).snapshot.resources);

    it('in the resource order, with every other column as a property; frozen', async () => {
      const resources = await read();
      expect(resources.map((r) => [r.id, r.state, r.properties.network_address, r.properties.core])).toEqual([
        [2, 'Alive', 'b', 2],
        [3, 'Absent', 'b', 3],
        [1, 'Alive', 'a', 1],
      ]);
      expect(Object.isFrozen(resources) && resources.every((r) => Object.isFrozen(r) && Object.isFrozen(r.properties))).toBe(true);
    });

    it('a second round in the same process reuses the records while the table is the same, and reads it anew once it changed', async () => {
      const first = await read();
      const second = await read();
      // SQLite reads the table as one JSON text and compares it; PostgreSQL reads it anew each time.
      if (target.dialect === 'sqlite') expect(second).toBe(first);
      expect(second).toEqual(first);

      await sql`UPDATE resources SET state = 'Dead' WHERE resource_id = 3`.execute(t.db.kysely);
      const changed = await read();
      expect(changed).not.toBe(first);
      expect(changed.find((r) => r.id === 3)!.state).toBe('Dead');

      // Same values under another column name: not the same records.
      await sql.raw('ALTER TABLE resources RENAME COLUMN core TO cpu_core').execute(t.db.kysely);
      const renamed = await read();
      expect(renamed.map((r) => r.properties.cpu_core)).toEqual([2, 3, 1]);
      expect(renamed.some((r) => 'core' in r.properties)).toBe(false);
    });
  });
}
