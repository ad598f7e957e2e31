import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isOarSchedError } from '@oar-sched/core';
import type { Db, DbConnection } from './connection.js';
import { withRoundLock } from './round-lock.js';
import { initSchema } from './schema/migrate.js';
import { dumpData, testDatabases, type TestDatabase } from './testing/index.js';
import { insertJob, insertQueue, insertResources } from './writers.js';

/** A promise with its resolver, to hold a round open until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const queueNames = async (db: Db) => (await db.kysely.selectFrom('queues').select('queue_name').orderBy('queue_name').execute()).map((r) => r.queue_name);

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`withRoundLock on ${target.label}`, () => {
    let t: TestDatabase;
    let a: DbConnection;
    let b: DbConnection;
    beforeEach(async () => {
      t = await target.create({ file: true });
      a = t.db;
      await initSchema(a);
      b = await t.connect();
    });
    afterEach(() => t.dispose());

    it('makes a second concurrent round wait until the first one commits, then run', async () => {
      const events: string[] = [];
      const held = gate();
      const first = withRoundLock(a, async (tx) => {
        events.push('first starts');
        await insertQueue(tx, { name: 'from-first' });
        await held.promise;
        events.push('first ends');
      });
      await sleep(50);
      const second = withRoundLock(
        b,
        async (tx) => {
          events.push('second starts');
          const seen = await queueNames(tx);
          await insertQueue(tx, { name: 'from-second' });
          events.push('second ends');
          return seen;
        },
        { timeoutMs: 20_000 },
      );
      await sleep(300);
      expect(events).toEqual(['first starts']);
      held.open();
      await first;
      expect(await second).toEqual(['from-first']);
      expect(events).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
      expect(await queueNames(a)).toEqual(['from-first', 'from-second']);
    });

    it('gives up with DB_LOCKED after the timeout, without running or writing anything', async () => {
      const held = gate();
      const first = withRoundLock(a, async (tx) => {
        await insertQueue(tx, { name: 'from-first' });
        await held.promise;
      });
      await sleep(50);
      let ran = false;
      const started = Date.now();
      const error = await withRoundLock(
        b,
        async () => {
          ran = true;
        },
        { timeoutMs: 200 },
      ).then(
        () => undefined,
        (e: unknown) => e,
      );
      const waited = Date.now() - started;
      expect(isOarSchedError(error) && error.code).toBe('DB_LOCKED');
      expect((error as Error).message).toMatch(/Another meta-scheduler round holds the round lock on .*; gave up after 200 ms\./);
      expect(ran).toBe(false);
      expect(waited).toBeGreaterThanOrEqual(150);
      expect(waited).toBeLessThan(5000);
      held.open();
      await first;
      // The lock is free again: the same connection that timed out runs a round at once.
      await withRoundLock(b, (tx) => insertQueue(tx, { name: 'after' }), { timeoutMs: 0 });
      expect(await queueNames(a)).toEqual(['after', 'from-first']);
    });

    it('with timeout 0 does not wait at all', async () => {
      const held = gate();
      const first = withRoundLock(a, () => held.promise);
      await sleep(50);
      await expect(withRoundLock(b, async () => 'ran', { timeoutMs: 0 })).rejects.toMatchObject({ code: 'DB_LOCKED' });
      held.open();
      await first;
      expect(await withRoundLock(b, async () => 'ran', { timeoutMs: 0 })).toBe('ran');
    });

    it('rolls back every write of a round that throws', async () => {
      await insertQueue(a, { name: 'default' });
      await insertResources(a, [{ network_address: 'n1' }, { network_address: 'n2' }]);
      await insertJob(a, { user: 'alice' });
      const before = await dumpData(a);
      await expect(
        withRoundLock(a, async (tx) => {
          await insertQueue(tx, { name: 'besteffort', priority: 1 });
          await insertResources(tx, [{ network_address: 'n3' }]);
          const { jobId, moldableIds } = await insertJob(tx, { user: 'bob', types: ['besteffort'], dependencies: [1] });
          await tx.kysely.insertInto('gantt_jobs_predictions').values({ moldable_job_id: moldableIds[0]!, start_time: 10 }).execute();
          await tx.kysely.updateTable('jobs').set({ state: 'toLaunch', message: 'launched' }).execute();
          await tx.kysely.updateTable('resources').set({ deploy: 'YES' }).where('network_address', '=', 'n1').execute();
          await tx.kysely.deleteFrom('queues').where('queue_name', '=', 'default').execute();
          await tx.transaction(async (inner) => {
            await inner.kysely.insertInto('event_logs').values({ type: 'X', job_id: jobId, description: 'inner' }).execute();
          });
          throw new Error('the round fails at the end');
        }),
      ).rejects.toThrow('the round fails at the end');
      expect(await dumpData(a)).toEqual(before);
    });

    it('commits every write of a round that succeeds', async () => {
      const before = await dumpData(a);
      await withRoundLock(a, async (tx) => {
        await insertQueue(tx, { name: 'default' });
        await insertJob(tx, { user: 'alice' });
      });
      const after = await dumpData(b);
      expect(after.queues).toHaveLength(1);
      expect(after.jobs).toHaveLength(1);
      expect(after).not.toEqual(before);
    });

    it('inside an outer transaction becomes a savepoint: a failing round undoes its own work only', async () => {
      await a.transaction(async (outer) => {
        await insertQueue(outer, { name: 'outer' });
        await expect(
          withRoundLock(outer, async (tx) => {
            expect(tx.transactionDepth).toBe(2);
            await insertQueue(tx, { name: 'round' });
            throw new Error('round fails');
          }),
        ).rejects.toThrow('round fails');
        await withRoundLock(outer, (tx) => insertQueue(tx, { name: 'round-ok' }));
      });
      expect(await queueNames(a)).toEqual(['outer', 'round-ok']);
    });
  });
}

const pg = (await testDatabases()).find((d) => d.dialect === 'postgres')!;
describe.skipIf(!pg.available)(`withRoundLock, PostgreSQL specifics on ${pg.label}`, () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await pg.create();
    await initSchema(t.db);
  });
  afterEach(() => t.dispose());

  it('blocks only other rounds: other writers go on while a round runs', async () => {
    const other = await t.connect();
    const held = gate();
    const round = withRoundLock(t.db, async (tx) => {
      await insertQueue(tx, { name: 'round' });
      await held.promise;
    });
    await sleep(50);
    await insertQueue(other, { name: 'oarsub' });
    expect(await queueNames(other)).toEqual(['oarsub']);
    held.open();
    await round;
    expect(await queueNames(other)).toEqual(['oarsub', 'round']);
  });

  it("restores lock_timeout once the lock is taken, so the round's own statements wait as usual", async () => {
    const inside = await withRoundLock(t.db, async (tx) => (await sql<{ v: string }>`select current_setting('lock_timeout') as v`.execute(tx.kysely)).rows[0]!.v, { timeoutMs: 1234 });
    const outside = (await sql<{ v: string }>`select current_setting('lock_timeout') as v`.execute(t.db.kysely)).rows[0]!.v;
    expect(inside).toBe(outside);
  });
});
