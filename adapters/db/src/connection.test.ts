import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOarSchedError } from '@oar-sched/core';
import { openDatabase, type Db } from './connection.js';
import { initSchema } from './schema/migrate.js';
import { testDatabases, type TestDatabase } from './testing/index.js';

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string; stack?: string }> {
  try {
    await promise;
  } catch (e) {
    if (isOarSchedError(e)) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

const queueNames = async (db: Db) => (await db.kysely.selectFrom('queues').select('queue_name').orderBy('queue_name').execute()).map((r) => r.queue_name);

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`connection on ${target.label}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create();
      await initSchema(t.db);
    });
    afterEach(() => t.dispose());

    it('reports its dialect', () => {
      expect(t.db.dialect).toBe(target.dialect);
      expect(t.db.transactionDepth).toBe(0);
    });

    it('returns numbers as numbers: integers, bigints, counts, sums, reals', async () => {
      await t.db.kysely.insertInto('resources').values([{ network_address: 'n1', scheduler_priority: 7 }, { network_address: 'n2', scheduler_priority: 0 }]).execute();
      await t.db.kysely.insertInto('accounting').values({ window_start: 0, window_stop: 3600, consumption: 1234567890123 }).execute();
      await t.db.kysely.insertInto('jobs').values({ launching_directory: '', checkpoint_signal: 0, last_karma: 0.5 }).execute();
      const row = await t.db.kysely.selectFrom('resources').select(['resource_id', 'scheduler_priority', 'available_upto']).where('network_address', '=', 'n1').executeTakeFirstOrThrow();
      expect(row).toEqual({ resource_id: expect.any(Number), scheduler_priority: 7, available_upto: 2147483647 });
      const consumption = await t.db.kysely.selectFrom('accounting').select(['consumption', 'window_stop']).executeTakeFirstOrThrow();
      expect(consumption).toEqual({ consumption: 1234567890123, window_stop: 3600 });
      const { rows } = await sql<{ n: unknown; s: unknown; a: unknown }>`select count(*) as n, sum(scheduler_priority) as s, avg(available_upto) as a from resources`.execute(t.db.kysely);
      expect(rows[0]).toEqual({ n: 2, s: 7, a: 2147483647 });
      const job = await t.db.kysely.selectFrom('jobs').select(['job_id', 'last_karma', 'assigned_moldable_job']).executeTakeFirstOrThrow();
      expect(job).toEqual({ job_id: expect.any(Number), last_karma: 0.5, assigned_moldable_job: 0 });
    });

    it('reads the database clock in integer epoch seconds', async () => {
      const before = Math.floor(Date.now() / 1000);
      const now = await t.db.clock();
      const after = Math.ceil(Date.now() / 1000);
      expect(Number.isInteger(now)).toBe(true);
      expect(now).toBeGreaterThanOrEqual(before - 1);
      expect(now).toBeLessThanOrEqual(after + 1);
      expect(await t.db.transaction((tx) => tx.clock())).toBeGreaterThanOrEqual(now);
    });

    it('commits a transaction when its function resolves and rolls it back when it throws', async () => {
      const result = await t.db.transaction(async (tx) => {
        expect(tx.transactionDepth).toBe(1);
        await tx.kysely.insertInto('queues').values({ queue_name: 'kept' }).execute();
        return 42;
      });
      expect(result).toBe(42);
      await expect(
        t.db.transaction(async (tx) => {
          await tx.kysely.insertInto('queues').values({ queue_name: 'lost' }).execute();
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await queueNames(t.db)).toEqual(['kept']);
    });

    it('nests transactions as savepoints: a failing inner one rolls back its own work only', async () => {
      await t.db.transaction(async (outer) => {
        await outer.kysely.insertInto('queues').values({ queue_name: 'outer-before' }).execute();
        await outer.transaction(async (inner) => {
          expect(inner.transactionDepth).toBe(2);
          await inner.kysely.insertInto('queues').values({ queue_name: 'inner-kept' }).execute();
        });
        await expect(
          outer.transaction(async (inner) => {
            await inner.kysely.insertInto('queues').values({ queue_name: 'inner-lost' }).execute();
            await inner.transaction(async (deeper) => {
              expect(deeper.transactionDepth).toBe(3);
              await deeper.kysely.insertInto('queues').values({ queue_name: 'deeper-lost' }).execute();
            });
            // A failing statement (duplicate key): on PostgreSQL it aborts the savepoint, not the transaction.
            await inner.kysely.insertInto('queues').values({ queue_name: 'outer-before' }).execute();
          }),
        ).rejects.toThrow();
        await outer.kysely.insertInto('queues').values({ queue_name: 'outer-after' }).execute();
      });
      expect(await queueNames(t.db)).toEqual(['inner-kept', 'outer-after', 'outer-before']);
    });

    it('rolls back committed savepoints with their outer transaction', async () => {
      await expect(
        t.db.transaction(async (outer) => {
          await outer.transaction(async (inner) => {
            await inner.kysely.insertInto('queues').values({ queue_name: 'inner' }).execute();
          });
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect(await queueNames(t.db)).toEqual([]);
    });

    it('refuses a transaction handle used after its transaction ended', async () => {
      const escaped = await t.db.transaction(async (tx) => tx);
      expect(() => escaped.kysely).toThrow(/closed/);
    });
  });
}

describe('opening', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oar-sched-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a SQLite file in WAL mode, relative to the base directory', async () => {
    const db = await openDatabase('sqlite:oar.db', { baseDir: dir });
    try {
      expect(db.location).toMatchObject({ dialect: 'sqlite', path: join(dir, 'oar.db') });
      const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db.kysely);
      expect(rows[0]!.journal_mode).toBe('wal');
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db.kysely);
      expect(busy.rows[0]!.timeout).toBe(5000);
    } finally {
      await db.close();
    }
  });

  it('refuses a missing SQLite file when asked not to create it, and a file that is not a database', async () => {
    const missing = await codeOf(openDatabase(`sqlite:${join(dir, 'none.db')}`, { create: false }));
    expect(missing.code).toBe('DB_UNREACHABLE');
    expect(missing.message).toContain(join(dir, 'none.db'));
    writeFileSync(join(dir, 'junk.db'), 'this is not a database, just some text long enough to have a header'.repeat(20));
    const junk = await codeOf(openDatabase(`sqlite:${join(dir, 'junk.db')}`));
    expect(junk.code).toBe('DB_UNREACHABLE');
    const noDir = await codeOf(openDatabase(`sqlite:${join(dir, 'no', 'such', 'dir.db')}`));
    expect(noDir.code).toBe('DB_UNREACHABLE');
  });

  it('fails on a bad URL with DB_URL_INVALID before touching anything', async () => {
    const err = await codeOf(openDatabase('oracle://scott:tiger@host/db'));
    expect(err.code).toBe('DB_URL_INVALID');
    expect(err.message).not.toContain('tiger');
  });

  it('turns an unreachable PostgreSQL server into DB_UNREACHABLE naming it without the password', async () => {
    // Port 1 on the loopback: nothing listens there, the connection is refused at once.
    const err = await codeOf(openDatabase('postgres://oar:secret@127.0.0.1:1/oar', { connectTimeoutMs: 2000 }));
    expect(err.code).toBe('DB_UNREACHABLE');
    expect(err.message).toBe('Cannot connect to the PostgreSQL database postgres://oar:***@127.0.0.1:1/oar: connection refused by 127.0.0.1:1.');
    expect(err.message).not.toMatch(/secret|\n\s+at /);
  });
});

describe('SQLite transactions between two connections of one process', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await (await testDatabases())[0]!.create({ file: true });
    await initSchema(t.db);
  });
  afterEach(() => t.dispose());

  it("wait for the other writer without blocking the event loop (the other one's commit needs it)", async () => {
    const other = await t.connect();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = t.db.transaction(async (tx) => {
      await tx.kysely.insertInto('queues').values({ queue_name: 'first' }).execute();
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = other.transaction(async (tx) => queueNames(tx));
    setTimeout(release, 200);
    await first;
    expect(await second).toEqual(['first']);
  });

  it('give up with DB_LOCKED after the busy timeout', async () => {
    const other = await t.connect({ busyTimeoutMs: 100 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = t.db.transaction(() => held);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const err = await codeOf(other.transaction(async () => 'ran'));
    expect(err.code).toBe('DB_LOCKED');
    expect(err.message).toMatch(/stayed locked by another writer for 100 ms/);
    release();
    await first;
    expect(await other.transaction(async () => 'ran')).toBe('ran');
  });
});

const pg = (await testDatabases()).find((d) => d.dialect === 'postgres')!;
describe.skipIf(!pg.available)(`PostgreSQL specifics on ${pg.label}`, () => {
  it('names a missing database', async () => {
    const t = await pg.create();
    try {
      const url = new URL(t.url);
      url.pathname = '/oar_sched_no_such_database';
      const err = await codeOf(openDatabase(url.toString()));
      expect(err.code).toBe('DB_UNREACHABLE');
      expect(err.message).toMatch(/database "oar_sched_no_such_database" does not exist/);
    } finally {
      await t.dispose();
    }
  });

  it('parses int8 and numeric on its own pool only, leaving the process-wide pg parsers alone', async () => {
    const pgModule = (await import('pg')).default;
    expect(pgModule.types.getTypeParser(20, 'text')('12')).toBe('12');
    const t = await pg.create();
    try {
      const { rows } = await sql<{ a: unknown; b: unknown }>`select 12::bigint as a, 1.5::numeric as b`.execute(t.db.kysely);
      expect(rows[0]).toEqual({ a: 12, b: 1.5 });
      expect(pgModule.types.getTypeParser(20, 'text')('12')).toBe('12');
    } finally {
      await t.dispose();
    }
  });
});
