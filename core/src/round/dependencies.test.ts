import { describe, expect, it } from 'vitest';
import type { Job, JobRecord } from '@oar-sched/plugin-api';
import { evaluateDependencies } from './dependencies.js';
import type { ScheduledJob } from './round-state.js';

const record = (id: number, dependencies: number[], extra: Partial<JobRecord> = {}): JobRecord =>
  ({ id, state: 'Waiting', reservation: 'None', exitCode: null, dependencies, ...extra }) as JobRecord;
const jobOf = (r: JobRecord) => ({ id: r.id, record: r }) as Job;

function verdicts(records: JobRecord[], placed = new Map<number, ScheduledJob>()) {
  const byId = new Map(records.map((r) => [r.id, r]));
  return Object.fromEntries(records.map((r) => [r.id, evaluateDependencies(jobOf(r), byId, placed)]));
}

describe('evaluateDependencies names dependency cycles among waiting jobs', () => {
  it('gives every job on the cycle the cycle, starting from itself', () => {
    const v = verdicts([record(3, [5]), record(5, [3]), record(6, [3])]);
    expect(v[3]).toEqual({ ok: false, reason: expect.objectContaining({ code: 'DEPENDENCY', message: 'jobs 3 → 5 → 3 depend on each other' }) });
    expect(v[5]).toEqual({ ok: false, reason: expect.objectContaining({ code: 'DEPENDENCY', message: 'jobs 5 → 3 → 5 depend on each other' }) });
    // Off the cycle: the usual message, unchanged.
    expect(v[6]).toEqual({ ok: false, reason: expect.objectContaining({ code: 'DEPENDENCY', message: 'waiting for job 3, which is not planned yet' }) });
  });

  it('names the shortest cycle through the job, and a self-dependency as such', () => {
    const v = verdicts([record(1, [2, 4]), record(2, [3]), record(3, [1]), record(4, [1]), record(7, [7])]);
    expect(v[1]).toMatchObject({ reason: { message: 'jobs 1 → 4 → 1 depend on each other' } });
    expect(v[2]).toMatchObject({ reason: { message: 'jobs 2 → 3 → 1 → 2 depend on each other' } });
    expect(v[7]).toMatchObject({ reason: { message: 'job 7 depends on itself' } });
  });

  it('sees no cycle through jobs that are not waiting batch jobs', () => {
    const v = verdicts([record(3, [5]), record(5, [3], { reservation: 'toSchedule' }), record(8, [9]), record(9, [8], { state: 'Hold' })]);
    expect(v[3]).toMatchObject({ reason: { message: 'waiting for job 5, which is not planned yet' } });
    expect(v[8]).toMatchObject({ reason: { message: 'depends on job 9, in state Hold' } });
  });

  it('handles a ring of 50,000 waiting jobs without overflowing the stack', () => {
    const n = 50_000;
    const chain = Array.from({ length: n }, (_, i) => record(i + 1, [i + 2 > n ? 1 : i + 2]));
    const byId = new Map(chain.map((r) => [r.id, r]));
    const verdict = evaluateDependencies(jobOf(chain[0]!), byId, new Map());
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason.message).toMatch(/^jobs 1 → 2 → 3 → .* → 50000 → 1 depend on each other$/);
  });
});
