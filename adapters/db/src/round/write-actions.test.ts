/**
 * The round's write side on both engines, given the actions directly (no engine): the gantt is
 * replaced by exactly the planned rows however many statements that takes, guarded operations
 * are skipped when the job moved meanwhile, and the set-based writes leave the same rows as
 * applying each operation in turn would.
 */
import type { GanttEntry, JobOperation, RoundActions } from '@oar-sched/core';
import { IntervalSet } from '@oar-sched/plugin-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BULK_ROWS_PER_STATEMENT } from '../bulk.js';
import type { Db } from '../connection.js';
import { initSchema } from '../schema/migrate.js';
import { testDatabases, type TestDatabase } from '../testing/index.js';
import { insertJob, insertRows } from '../writers.js';
import { writeRoundActions } from './write-actions.js';

const NOW = 1_000_000;

function actions(gantt: readonly GanttEntry[], operations: readonly JobOperation[]): RoundActions {
  return { gantt, operations, notifications: [], exitCode: 0, killed: [], launched: [] };
}

/** Enough resource rows for several PostgreSQL statements (and many SQLite ones). */
const ENTRIES = 60;
const PER_ENTRY = Math.ceil((BULK_ROWS_PER_STATEMENT * 2.5) / ENTRIES);

/** Moldable ids out of order; resource ids from members in any order. */
function bigGantt(): GanttEntry[] {
  return Array.from({ length: ENTRIES }, (_, i) => {
    const ids = Array.from({ length: PER_ENTRY }, (_, r) => r + 1 + (i % 3));
    const any = i % 3 === 0 ? ids : i % 3 === 1 ? [...ids].reverse() : ids.map((_, r) => ids[(r * 7919) % ids.length]!);
    return { jobId: 5000 + i, moldableId: 7000 + ((i * 37) % ENTRIES), start: NOW + i * 60, resourceIds: IntervalSet.fromValues(any) };
  });
}

async function ganttRows(db: Db, suffix: '' | '_visu'): Promise<{ predictions: number[][]; resources: number[] }> {
  const predictions = await db.kysely.selectFrom(`gantt_jobs_predictions${suffix}`).select(['moldable_job_id', 'start_time']).orderBy('moldable_job_id').execute();
  const resources = await db.kysely.selectFrom(`gantt_jobs_resources${suffix}`).select(['moldable_job_id', 'resource_id']).orderBy('moldable_job_id').orderBy('resource_id').execute();
  return { predictions: predictions.map((p) => [p.moldable_job_id, p.start_time]), resources: resources.flatMap((r) => [r.moldable_job_id, r.resource_id]) };
}

function expectedRows(gantt: readonly GanttEntry[]): { predictions: number[][]; resources: number[] } {
  const sorted = [...gantt].sort((a, b) => a.moldableId - b.moldableId);
  return {
    predictions: sorted.map((e) => [e.moldableId, e.start]),
    resources: sorted.flatMap((e) => [...e.resourceIds].sort((a, b) => a - b).flatMap((r) => [e.moldableId, r])),
  };
}

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`writeRoundActions on ${target.label}`, () => {
    let t: TestDatabase;
    beforeEach(async () => {
      t = await target.create();
      await initSchema(t.db);
    });
    afterEach(() => t.dispose());

    const write = (a: RoundActions) => t.db.transaction((tx) => writeRoundActions(tx, a, NOW));
    const job = (jobId: number) => t.db.kysely.selectFrom('jobs').selectAll().where('job_id', '=', jobId).executeTakeFirstOrThrow();

    it('replaces the gantt and its _visu copy with exactly the planned rows, across several statements', { timeout: 120_000 }, async () => {
      for (const suffix of ['', '_visu'] as const) {
        await insertRows(t.db, `gantt_jobs_predictions${suffix}`, [{ moldable_job_id: 1, start_time: 5 }, { moldable_job_id: 7001, start_time: 6 }]);
        await insertRows(t.db, `gantt_jobs_resources${suffix}`, [{ moldable_job_id: 1, resource_id: 1 }, { moldable_job_id: 7001, resource_id: 999_999 }]);
      }
      const gantt = bigGantt();
      expect(gantt.reduce((n, e) => n + e.resourceIds.size, 0)).toBeGreaterThan(2 * BULK_ROWS_PER_STATEMENT);
      await write(actions(gantt, []));
      const expected = expectedRows(gantt);
      expect(await ganttRows(t.db, '')).toEqual(expected);
      expect(await ganttRows(t.db, '_visu')).toEqual(expected);
    });

    it('refuses a plan with overlapping or unordered resource intervals, or a moldable twice, and writes nothing', async () => {
      await write(actions([{ jobId: 1, moldableId: 1, start: NOW, resourceIds: IntervalSet.fromValues([1, 2]) }], []));
      const before = await ganttRows(t.db, '');
      const entry = (moldableId: number, bounds: number[]): GanttEntry => ({ jobId: moldableId, moldableId, start: NOW, resourceIds: IntervalSet.fromCanonicalBounds(Int32Array.from(bounds)) });
      await expect(write(actions([entry(1, [1, 4, 3, 6])], []))).rejects.toThrow(/not ascending disjoint intervals/);
      await expect(write(actions([entry(1, [5, 6, 1, 2])], []))).rejects.toThrow(/not ascending disjoint intervals/);
      await expect(write(actions([entry(1, [2, 1])], []))).rejects.toThrow(/not ascending disjoint intervals/);
      await expect(write(actions([entry(1, [1, 1]), entry(1, [2, 2])], []))).rejects.toThrow(/planned twice/);
      expect(await ganttRows(t.db, '')).toEqual(before);
    });

    it('an empty plan empties the gantt and the _visu copy', async () => {
      await write(actions([{ jobId: 1, moldableId: 1, start: NOW, resourceIds: IntervalSet.fromValues([1, 2]) }], []));
      await write(actions([], []));
      expect(await ganttRows(t.db, '')).toEqual({ predictions: [], resources: [] });
      expect(await ganttRows(t.db, '_visu')).toEqual({ predictions: [], resources: [] });
    });

    it('skips the launches and transitions of jobs that moved, and writes the rest in order', async () => {
      const a = await insertJob(t.db, { user: 'a' });
      const b = await insertJob(t.db, { user: 'b' });
      const c = await insertJob(t.db, { user: 'c' });
      const d = await insertJob(t.db, { user: 'd', state: 'toError' });
      await insertRows(t.db, 'job_state_logs', [
        { job_id: a.jobId, job_state: 'Waiting', date_start: 100, date_stop: 0 },
        { job_id: d.jobId, job_state: 'toError', date_start: 200, date_stop: 0 },
      ]);
      // Left over from an earlier launch of c's moldable: replaced, not added to.
      await insertRows(t.db, 'assigned_resources', [{ moldable_job_id: c.moldableIds[0]!, resource_id: 9 }]);
      // Another OAR process holds b after the round read it.
      await t.db.kysely.updateTable('jobs').set({ state: 'Hold' }).where('job_id', '=', b.jobId).execute();

      const launchB: JobOperation = { op: 'launch', jobId: b.jobId, moldableId: b.moldableIds[0]!, resourceIds: IntervalSet.fromValues([3]) };
      const toAckB: JobOperation = { op: 'transition', jobId: b.jobId, from: 'Waiting', to: 'toAckReservation' };
      const report = await write(
        actions(
          [],
          [
            { op: 'launch', jobId: a.jobId, moldableId: a.moldableIds[0]!, resourceIds: IntervalSet.fromValues([1, 2]) },
            launchB,
            { op: 'transition', jobId: d.jobId, from: 'toError', to: 'Error' },
            { op: 'launch', jobId: c.jobId, moldableId: c.moldableIds[0]!, resourceIds: IntervalSet.fromValues([5, 4]) },
            { op: 'message', jobId: b.jobId, message: 'still written' },
            toAckB,
          ],
        ),
      );

      expect([...report.launched].sort()).toEqual([a.jobId, c.jobId].sort());
      expect(report.skipped).toEqual([launchB, toAckB]);
      const rows = await t.db.kysely.selectFrom('jobs').select(['job_id', 'state', 'start_time', 'assigned_moldable_job', 'message']).orderBy('job_id').execute();
      expect(rows).toEqual([
        { job_id: a.jobId, state: 'toLaunch', start_time: NOW, assigned_moldable_job: a.moldableIds[0], message: '' },
        { job_id: b.jobId, state: 'Hold', start_time: 0, assigned_moldable_job: 0, message: 'still written' },
        { job_id: c.jobId, state: 'toLaunch', start_time: NOW, assigned_moldable_job: c.moldableIds[0], message: '' },
        { job_id: d.jobId, state: 'Error', start_time: 0, assigned_moldable_job: 0, message: '' },
      ]);
      const assigned = await t.db.kysely.selectFrom('assigned_resources').select(['moldable_job_id', 'resource_id']).orderBy('moldable_job_id').orderBy('resource_id').execute();
      expect(assigned).toEqual([
        { moldable_job_id: a.moldableIds[0], resource_id: 1 },
        { moldable_job_id: a.moldableIds[0], resource_id: 2 },
        { moldable_job_id: c.moldableIds[0], resource_id: 4 },
        { moldable_job_id: c.moldableIds[0], resource_id: 5 },
      ]);
      // Old open logs closed at NOW; new ones in the order the round decided (a, d, c).
      const logs = await t.db.kysely.selectFrom('job_state_logs').select(['job_id', 'job_state', 'date_start', 'date_stop']).orderBy('job_state_log_id').execute();
      expect(logs).toEqual([
        { job_id: a.jobId, job_state: 'Waiting', date_start: 100, date_stop: NOW },
        { job_id: d.jobId, job_state: 'toError', date_start: 200, date_stop: NOW },
        { job_id: a.jobId, job_state: 'toLaunch', date_start: NOW, date_stop: 0 },
        { job_id: d.jobId, job_state: 'Error', date_start: NOW, date_stop: 0 },
        { job_id: c.jobId, job_state: 'toLaunch', date_start: NOW, date_stop: 0 },
      ]);
    });

    it('column writes keep their order against what reads or overwrites the same column', async () => {
      const p = await insertJob(t.db, { user: 'p' });
      const q = await insertJob(t.db, { user: 'q', reservation: 'toSchedule' });
      const r = await insertJob(t.db, { user: 'r' });
      await write(
        actions(
          [],
          [
            // An Error copies start_time into stop_time: the start time written before it counts.
            { op: 'startTime', jobId: p.jobId, startTime: 500 },
            { op: 'transition', jobId: p.jobId, from: 'Waiting', to: 'Error' },
            // A launch sets start_time = now over an earlier start time…
            { op: 'message', jobId: q.jobId, message: 'first' },
            { op: 'startTime', jobId: q.jobId, startTime: 700 },
            { op: 'launch', jobId: q.jobId, moldableId: q.moldableIds[0]!, resourceIds: IntervalSet.fromValues([1]) },
            { op: 'message', jobId: q.jobId, message: 'second' },
            { op: 'reservation', jobId: q.jobId, reservation: 'Scheduled' },
            { op: 'walltime', jobId: q.jobId, moldableId: q.moldableIds[0]!, walltime: 1234 },
            // … and a later start time over the launch's.
            { op: 'launch', jobId: r.jobId, moldableId: r.moldableIds[0]!, resourceIds: IntervalSet.fromValues([2]) },
            { op: 'startTime', jobId: r.jobId, startTime: 900 },
            { op: 'message', jobId: r.jobId, message: 'x'.repeat(300) },
          ],
        ),
      );
      expect(await job(p.jobId)).toMatchObject({ state: 'Error', start_time: 500, stop_time: 500 });
      expect(await job(q.jobId)).toMatchObject({ state: 'toLaunch', start_time: NOW, message: 'second', reservation: 'Scheduled' });
      expect(await job(r.jobId)).toMatchObject({ state: 'toLaunch', start_time: 900, message: 'x'.repeat(255) });
      const walltime = await t.db.kysely.selectFrom('moldable_job_descriptions').select('moldable_walltime').where('moldable_id', '=', q.moldableIds[0]!).executeTakeFirstOrThrow();
      expect(walltime.moldable_walltime).toBe(1234);
    });

    it('a launch listed twice for one job launches it once; the second misses its guard', async () => {
      const a = await insertJob(t.db, { user: 'a' });
      const again: JobOperation = { op: 'launch', jobId: a.jobId, moldableId: a.moldableIds[0]!, resourceIds: IntervalSet.fromValues([2]) };
      const report = await write(actions([], [{ op: 'launch', jobId: a.jobId, moldableId: a.moldableIds[0]!, resourceIds: IntervalSet.fromValues([1]) }, again]));
      expect(report.skipped).toEqual([again]);
      const assigned = await t.db.kysely.selectFrom('assigned_resources').select('resource_id').execute();
      expect(assigned.map((x) => x.resource_id)).toEqual([1]);
      const logs = await t.db.kysely.selectFrom('job_state_logs').select('job_state').execute();
      expect(logs.map((l) => l.job_state)).toEqual(['toLaunch']);
    });
  });
}
