/**
 * The gantt written as a difference (sync-gantt.ts) on both engines. The four gantt tables must
 * end exactly as the full rewrite leaves them (OAR's delete-everything-and-insert, run here on a
 * second database as the reference), whatever they held before, and only the rows that differ
 * may be written: every row change is counted by triggers on the four tables (row-level on both
 * engines), and must equal the size of the difference between the old and the new rows.
 */
import type { GanttEntry } from '@oar-sched/core';
import { IntervalSet } from '@oar-sched/plugin-api';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../connection.js';
import { initSchema } from '../schema/migrate.js';
import { testDatabases, type TestDatabase } from '../testing/index.js';
import { insertRows } from '../writers.js';
import { ganttPlan } from './gantt-plan.js';
import { REWRITE_RULE, type SyncReport } from './sync-gantt.js';
import { GANTT_TABLES, logGanttChanges, takeGanttChanges } from './test-kit.js';
import { writeGantt, writeGanttVisu } from './write-gantt.js';

const NOW = 1_000_000;
const TABLES = GANTT_TABLES;
type Table = (typeof TABLES)[number];

const entry = (moldableId: number, start: number, ids: number[]): GanttEntry => ({ jobId: moldableId, moldableId, start, resourceIds: IntervalSet.fromValues(ids) });
const range = (lo: number, hi: number) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** The four tables, rows sorted: what the comparison is about (row order and rowids are not). */
async function dump(db: Db): Promise<Record<Table, number[][]>> {
  const out = {} as Record<Table, number[][]>;
  for (const table of TABLES) {
    const columns = table.includes('predictions') ? sql`moldable_job_id, start_time` : sql`moldable_job_id, resource_id`;
    const rows = await sql<Record<string, unknown>>`SELECT ${columns} FROM ${sql.table(table)} ORDER BY 1, 2`.execute(db.kysely);
    out[table] = rows.rows.map((r) => Object.values(r).map((v) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : (v as never))));
  }
  return out;
}

/** What OAR's round does: delete everything, insert the plan, copy it to `_visu` (the reference). */
async function fullRewrite(db: Db, gantt: readonly GanttEntry[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const table of TABLES) await sql`DELETE FROM ${sql.table(table)}`.execute(tx.kysely);
    const sorted = [...gantt].sort((a, b) => a.moldableId - b.moldableId);
    if (sorted.length > 0) await insertRows(tx, 'gantt_jobs_predictions', sorted.map((e) => ({ moldable_job_id: e.moldableId, start_time: e.start })));
    const rows = sorted.flatMap((e) => [...e.resourceIds].map((r) => ({ moldable_job_id: e.moldableId, resource_id: r })));
    if (rows.length > 0) await insertRows(tx, 'gantt_jobs_resources', rows);
    await sql`INSERT INTO gantt_jobs_predictions_visu SELECT * FROM gantt_jobs_predictions`.execute(tx.kysely);
    await sql`INSERT INTO gantt_jobs_resources_visu SELECT * FROM gantt_jobs_resources`.execute(tx.kysely);
  });
}

/** The round's writes of the gantt: the gantt, then its `_visu` copy, in one transaction. */
function write(db: Db, gantt: readonly GanttEntry[]): Promise<{ gantt: SyncReport; visu: SyncReport }> {
  const plan = ganttPlan(gantt);
  return db.transaction(async (tx) => ({ gantt: await writeGantt(tx, plan), visu: await writeGanttVisu(tx, plan) }));
}

/**
 * The same, with each resource table's count taken at the transaction's start and given to the
 * sync (as gantt-before.ts does on PostgreSQL), which then counts nothing after its writes.
 */
function writeCountedBefore(db: Db, gantt: readonly GanttEntry[]): Promise<{ gantt: SyncReport; visu: SyncReport }> {
  const plan = ganttPlan(gantt);
  return db.transaction(async (tx) => {
    const count = async (table: string) => Number((await sql<{ n: unknown }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(tx.kysely)).rows[0]!.n);
    const [rowsGantt, rowsVisu] = [await count('gantt_jobs_resources'), await count('gantt_jobs_resources_visu')];
    return { gantt: await writeGantt(tx, plan, { rows: Promise.resolve(rowsGantt) }), visu: await writeGanttVisu(tx, plan, { rows: Promise.resolve(rowsVisu) }) };
  });
}

/**
 * The same, with each resource table known to hold exactly `previous` (as gantt-known-plans.ts
 * tells on PostgreSQL when nothing else wrote it): the sync writes the difference, reading nothing.
 */
function writeKnown(db: Db, gantt: readonly GanttEntry[], previous: readonly GanttEntry[]): Promise<{ gantt: SyncReport; visu: SyncReport }> {
  const plan = ganttPlan(gantt);
  const before = { plan: ganttPlan(previous).intervals };
  return db.transaction(async (tx) => ({ gantt: await writeGantt(tx, plan, before), visu: await writeGanttVisu(tx, plan, before) }));
}

/**
 * Seeded random plans, fragmented: up to 40 moldables of up to 120 ids among 300 (so that probes
 * go in several SQLite batches); `random(n)` draws from the same sequence.
 */
function randomPlans(seed: number): { random: (n: number) => number; randomPlan: () => GanttEntry[] } {
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const randomPlan = (): GanttEntry[] => {
    const out: GanttEntry[] = [];
    for (let m = 1; m <= 40; m++) {
      if (random(3) === 0) continue;
      out.push(entry(m, NOW + random(5) * 60, Array.from({ length: random(120) }, () => 1 + random(300))));
    }
    return out;
  };
  return { random, randomPlan };
}

/** Exactly the difference was written: each resource row that differs once (`changes`: takeGanttChanges), no other. */
function expectOnlyTheDifference(before: Record<Table, number[][]>, after: Record<Table, number[][]>, changes: Record<string, number>): void {
  for (const table of ['gantt_jobs_resources', 'gantt_jobs_resources_visu'] as const) {
    const [old, now] = [new Set(before[table].map(String)), new Set(after[table].map(String))];
    expect(changes[`${table} DELETE`] ?? 0).toBe([...old].filter((r) => !now.has(r)).length);
    expect(changes[`${table} INSERT`] ?? 0).toBe([...now].filter((r) => !old.has(r)).length);
  }
}

/** Four rounds' worth of plans: several intervals, a moldable without resources, moldables next to each other. */
const BASE: GanttEntry[] = [
  entry(10, NOW, range(1, 8)),
  entry(11, NOW + 60, [...range(1, 4), ...range(9, 12)]),
  entry(12, NOW + 60, [20]),
  entry(13, NOW + 120, []),
  entry(20, NOW + 300, range(5, 16)),
  entry(21, NOW + 300, [...range(30, 33), 40]),
];

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`the gantt written as a difference on ${target.label}`, () => {
    let t: TestDatabase;
    let ref: TestDatabase;
    beforeEach(async () => {
      t = await target.create();
      ref = await target.create();
      await initSchema(t.db);
      await initSchema(ref.db);
      await logGanttChanges(t.db);
    });
    afterEach(async () => {
      await t.dispose();
      await ref.dispose();
    });

    /** The four tables of `t` are exactly what the full rewrite of `gantt` leaves. */
    async function expectFullRewrite(gantt: readonly GanttEntry[]): Promise<void> {
      await fullRewrite(ref.db, gantt);
      expect(await dump(t.db)).toEqual(await dump(ref.db));
    }

    it('writes no row when the plan did not change', async () => {
      const first = await write(t.db, BASE);
      expect([first.gantt.resources.proof, first.visu.resources.proof]).toEqual(['filled', 'copy']);
      expect(await takeGanttChanges(t.db)).toEqual({
        'gantt_jobs_predictions INSERT': 6,
        'gantt_jobs_resources INSERT': 34,
        'gantt_jobs_predictions_visu INSERT': 6,
        'gantt_jobs_resources_visu INSERT': 34,
      });
      const again = await write(t.db, BASE);
      expect(await takeGanttChanges(t.db)).toEqual({});
      expect(again.gantt.resources).toEqual({ rangesDeleted: 0, rowsInserted: 0, proof: 'count' });
      expect(again.visu.resources).toEqual({ rangesDeleted: 0, rowsInserted: 0, proof: 'count' });
      await expectFullRewrite(BASE);
    });

    it('a job moves, one goes, one comes, one swaps a resource: only those rows are written, and the tables are the full rewrite', async () => {
      await write(t.db, BASE);
      await takeGanttChanges(t.db);
      const next = [
        entry(10, NOW + 30, range(1, 8)), // moves: its start only
        // 11 goes
        entry(12, NOW + 60, [20]),
        entry(13, NOW + 120, []),
        entry(14, NOW + 400, [2, 3]), // comes
        entry(20, NOW + 300, [...range(5, 9), ...range(11, 16), 17]), // swaps 10 for 17: same count
        entry(21, NOW + 300, [...range(30, 33), 40]),
      ];
      const report = await write(t.db, next);
      const perPair = { predictions: { DELETE: 1, UPDATE: 1, INSERT: 1 }, resources: { DELETE: 8 + 1, INSERT: 2 + 1 } };
      const expected: Record<string, number> = {};
      for (const suffix of ['', '_visu']) {
        for (const [op, n] of Object.entries(perPair.predictions)) expected[`gantt_jobs_predictions${suffix} ${op}`] = n;
        for (const [op, n] of Object.entries(perPair.resources)) expected[`gantt_jobs_resources${suffix} ${op}`] = n;
      }
      expect(await takeGanttChanges(t.db)).toEqual(expected);
      expect(report.gantt.resources.proof).toBe('count');
      await expectFullRewrite(next);
    });

    it('repairs a _visu copy that was tampered with, on its own', async () => {
      await write(t.db, BASE);
      await sql`DELETE FROM gantt_jobs_resources_visu WHERE moldable_job_id = 20 AND resource_id = 9`.execute(t.db.kysely); // a row gone
      await insertRows(t.db, 'gantt_jobs_resources_visu', [
        { moldable_job_id: 21, resource_id: 35 }, // a row added inside a planned moldable
        { moldable_job_id: 15, resource_id: 1 }, // rows of a moldable that is not planned
        { moldable_job_id: 15, resource_id: 2 },
        { moldable_job_id: 99, resource_id: 1 },
      ]);
      await sql`DELETE FROM gantt_jobs_predictions_visu WHERE moldable_job_id = 12`.execute(t.db.kysely);
      await sql`UPDATE gantt_jobs_predictions_visu SET start_time = 7 WHERE moldable_job_id = 10`.execute(t.db.kysely);
      await insertRows(t.db, 'gantt_jobs_predictions_visu', [{ moldable_job_id: 15, start_time: 7 }]);
      await takeGanttChanges(t.db);
      const report = await write(t.db, BASE);
      expect(await takeGanttChanges(t.db)).toEqual({
        'gantt_jobs_predictions_visu DELETE': 1,
        'gantt_jobs_predictions_visu UPDATE': 1,
        'gantt_jobs_predictions_visu INSERT': 1,
        'gantt_jobs_resources_visu DELETE': 4,
        'gantt_jobs_resources_visu INSERT': 1,
      });
      // Moldable 20 lost a row and nothing else: only the whole-table count sees it.
      expect(report.visu.resources.proof).toBe('recount');
      await expectFullRewrite(BASE);
    });

    it('completes a job whose resources only grew, and empties the gantt for an empty plan', async () => {
      await write(t.db, BASE);
      const grown = BASE.map((e) => (e.moldableId === 21 ? entry(21, NOW + 300, range(30, 40)) : e));
      const report = await write(t.db, grown);
      expect(report.gantt.resources).toEqual({ rangesDeleted: 0, rowsInserted: 6, proof: 'recount' });
      await expectFullRewrite(grown);
      // The same with the counts taken before the writes: a row deleted by hand from a job that
      // did not change is found by the count, as a job that grew is.
      await sql`DELETE FROM gantt_jobs_resources WHERE moldable_job_id = 10 AND resource_id = 3`.execute(t.db.kysely);
      const counted = await writeCountedBefore(t.db, grown);
      expect(counted.gantt.resources).toEqual({ rangesDeleted: 0, rowsInserted: 1, proof: 'recount' });
      expect(counted.visu.resources).toEqual({ rangesDeleted: 0, rowsInserted: 0, proof: 'count' });
      await expectFullRewrite(grown);
      await write(t.db, []);
      await expectFullRewrite([]);
    });

    it('counts for itself when the count taken ahead failed', async () => {
      await write(t.db, BASE);
      await sql`DELETE FROM gantt_jobs_resources WHERE moldable_job_id = 10 AND resource_id = 3`.execute(t.db.kysely);
      const failed = { rows: Promise.reject(new Error('the counting worker exited')) };
      failed.rows.catch(() => {});
      const report = await t.db.transaction((tx) => writeGantt(tx, ganttPlan(BASE), failed));
      expect(report.resources).toEqual({ rangesDeleted: 0, rowsInserted: 1, proof: 'recount' });
      await expectFullRewrite(BASE);
    });

    it('fills an empty _visu copy with OAR’s INSERT … SELECT from the gantt', async () => {
      await write(t.db, BASE);
      await sql`DELETE FROM gantt_jobs_resources_visu`.execute(t.db.kysely);
      const report = await write(t.db, BASE);
      expect(report.visu.resources).toEqual({ rangesDeleted: 0, rowsInserted: 34, proof: 'copy' });
      await expectFullRewrite(BASE);
    });

    for (const [how, writeWith] of [['counted after the writes', write], ['counted before them', writeCountedBefore]] as const) {
    it(`equals the full rewrite from random tables, writing only the difference (batches of many ranges), ${how}`, { timeout: 120_000 }, async () => {
      const { random, randomPlan } = randomPlans(42);
      let previous: GanttEntry[] = [];
      const proofs = new Set<string>();
      for (let round = 0; round < 8; round++) {
        const plan = round === 3 ? previous : randomPlan();
        // Someone else writes too: random rows deleted and added, in both pairs of tables.
        for (const table of ['gantt_jobs_resources', 'gantt_jobs_resources_visu'] as const) {
          await sql`DELETE FROM ${sql.table(table)} WHERE (moldable_job_id + resource_id) % 17 = ${random(17)}`.execute(t.db.kysely);
          await sql`DELETE FROM ${sql.table(table)} WHERE moldable_job_id = ${random(45)}`.execute(t.db.kysely);
          const added = new Map<string, { moldable_job_id: number; resource_id: number }>();
          for (let i = 0; i < 20; i++) {
            const row = { moldable_job_id: random(45), resource_id: random(320) };
            added.set(`${row.moldable_job_id} ${row.resource_id}`, row);
          }
          const existing = new Set((await dump(t.db))[table].map(([m, r]) => `${m} ${r}`));
          const fresh = [...added.values()].filter((r) => !existing.has(`${r.moldable_job_id} ${r.resource_id}`));
          if (fresh.length > 0) await insertRows(t.db, table, fresh);
        }
        const before = await dump(t.db);
        await takeGanttChanges(t.db);
        const report = await writeWith(t.db, plan);
        proofs.add(report.gantt.resources.proof).add(report.visu.resources.proof);
        await fullRewrite(ref.db, plan);
        const after = await dump(ref.db);
        expect(await dump(t.db)).toEqual(after);
        expectOnlyTheDifference(before, after, await takeGanttChanges(t.db));
        previous = plan;
      }
      expect(proofs).toContain('count');
    });
    }

    it('writes the difference with a known content, without reading the tables, even for plans of short runs', { timeout: 120_000 }, async () => {
      const { randomPlan } = randomPlans(11);
      let previous: GanttEntry[] = [];
      await write(t.db, previous);
      for (let round = 0; round < 6; round++) {
        const plan = round === 3 ? previous : randomPlan();
        const before = await dump(t.db);
        await takeGanttChanges(t.db);
        const report = await writeKnown(t.db, plan, previous);
        expect([report.gantt.resources.proof, report.visu.resources.proof]).toEqual(['known', 'known']);
        await fullRewrite(ref.db, plan);
        const after = await dump(ref.db);
        expect(await dump(t.db)).toEqual(after);
        expectOnlyTheDifference(before, after, await takeGanttChanges(t.db));
        previous = plan;
      }
      // What it does not see: a row deleted by someone else is not written back. Knowing the
      // content is the caller's promise (the trigger of gantt-known-plans.ts keeps it).
      await sql`DELETE FROM gantt_jobs_resources WHERE moldable_job_id = ${previous.find((e) => e.resourceIds.bounds.length > 0)!.moldableId}`.execute(t.db.kysely);
      await writeKnown(t.db, previous, previous);
      expect((await dump(t.db)).gantt_jobs_resources).not.toEqual((await dump(ref.db)).gantt_jobs_resources);
    });

    it('rewrites a plan of many short runs whole (REWRITE_RULE), and compares one whose runs are long enough', { timeout: 60_000 }, async () => {
      const rule = REWRITE_RULE[target.dialect];
      /** One moldable, `rule.minIntervals` runs of `run` ids, one id apart. */
      const runs = (run: number) => [entry(1, NOW, Array.from({ length: rule.minIntervals * run }, (_, i) => 1 + i + Math.floor(i / run)))];
      const short = runs(rule.minRun - 1);
      await write(t.db, short);
      const again = await write(t.db, short);
      expect([again.gantt.resources.proof, again.visu.resources.proof]).toEqual(['rewrite', 'rewrite']);
      await expectFullRewrite(short);
      const long = runs(rule.minRun);
      await write(t.db, long);
      await takeGanttChanges(t.db);
      const steady = await write(t.db, long);
      expect([steady.gantt.resources.proof, steady.visu.resources.proof]).toEqual(['count', 'count']);
      expect(await takeGanttChanges(t.db)).toEqual({});
      await expectFullRewrite(long);
    });

    it.runIf(target.dialect === 'sqlite')('rewrites a table holding rows the ranges cannot see (SQLite: ids beyond 32 bits, a text)', async () => {
      await write(t.db, BASE);
      await insertRows(t.db, 'gantt_jobs_resources', [{ moldable_job_id: 20, resource_id: 2 ** 40 }]);
      await sql`INSERT INTO gantt_jobs_resources_visu VALUES ('x', 1)`.execute(t.db.kysely);
      await sql`INSERT INTO gantt_jobs_predictions_visu VALUES (1152921504606846976, 1)`.execute(t.db.kysely); // 2^60
      const report = await write(t.db, BASE);
      expect(report.gantt.resources.proof).toBe('rewrite');
      expect(report.visu.resources.proof).toBe('rewrite');
      await expectFullRewrite(BASE);
    });
  });
}
