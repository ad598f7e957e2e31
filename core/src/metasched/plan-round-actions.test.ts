import { IntervalSet } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { schedulerConfigSchema } from '../model/scheduler-config-schema.js';
import type { JobRecord, ResourceRecord, Snapshot } from '../model/snapshot.js';
import type { MetaschedJobInfo, PlannedOutcome } from './model.js';
import { planRoundActions } from './plan-round-actions.js';

const N = 1_000_000;

function resources(n: number, over: Record<number, Partial<ResourceRecord>> = {}): ResourceRecord[] {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, state: 'Alive', type: 'default', availableUpto: 2147483647, properties: {}, ...over[i + 1] }));
}

function job(id: number, over: Partial<JobRecord> = {}): JobRecord {
  return {
    id, name: null, user: 'u', project: 'p', queue: 'default', state: 'Waiting', reservation: 'None',
    startTime: undefined, resources: undefined, moldableIndex: 0, suspendedDuration: 0, exitCode: null,
    submissionTime: 0, qos: 0, nice: 1, types: {}, properties: '', dependencies: [],
    moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 1 }], property: '' }] }],
    ...over,
  };
}

interface Case {
  jobs: JobRecord[];
  resources?: ResourceRecord[];
  outcomes?: Record<number, PlannedOutcome>;
  info?: Record<number, Partial<MetaschedJobInfo>>;
  killLookAhead?: number;
  queues?: Snapshot['queues'];
}

function plan(c: Case) {
  const snapshot: Snapshot = {
    now: N,
    config: schedulerConfigSchema.parse({}),
    queues: c.queues ?? [{ name: 'default', priority: 3, state: 'Active' }, { name: 'besteffort', priority: 0, state: 'Active' }],
    resources: c.resources ?? resources(5),
    jobs: c.jobs,
    accounting: [],
  };
  const info = new Map(c.jobs.map((r) => [r.id, { jobType: 'PASSIVE' as const, infoType: null, checkpoint: 0, message: '', moldableIds: r.moldables.map((_, i) => r.id * 10 + i), ...c.info?.[r.id] }]));
  return planRoundActions({
    snapshot,
    info,
    outcomes: new Map(Object.entries(c.outcomes ?? {}).map(([k, v]) => [Number(k), v])),
    settings: { killLookAhead: c.killLookAhead ?? 0, reservationWaitingTimeout: 300 },
  });
}

/** Resource ids as the gantt and launches carry them. */
const ids = (...resourceIds: number[]) => IntervalSet.fromValues(resourceIds);
const at = (start: number, ...resourceIds: number[]): PlannedOutcome => ({ scheduled: true, start, moldableIndex: 0, resourceIds: ids(...resourceIds) });
const ops = (a: ReturnType<typeof plan>, jobId: number) => a.operations.filter((o) => o.jobId === jobId).map(({ jobId: _, ...rest }) => rest);

describe('planRoundActions (metascheduler.md §3–§13)', () => {
  it('S01: a job planned at now is launched with its planned moldable and resources', () => {
    const a = plan({ jobs: [job(1)], outcomes: { 1: at(N, 1, 2, 3, 4) } });
    expect(a.gantt).toEqual([{ jobId: 1, moldableId: 10, start: N, resourceIds: ids(1, 2, 3, 4) }]);
    expect(ops(a, 1)).toEqual([
      { op: 'message', message: 'R=4,W=120,J=P,Q=default' },
      { op: 'launch', moldableId: 10, resourceIds: ids(1, 2, 3, 4) },
    ]);
    expect(a.notifications).toEqual([{ kind: 'launch', jobId: 1 }]);
    expect(a.exitCode).toBe(0);
  });

  it('S02: a job planned later is only planned; the message names its job name', () => {
    const a = plan({ jobs: [job(1, { name: 'sim' })], outcomes: { 1: at(N + 120, 1, 2) } });
    expect(ops(a, 1)).toEqual([{ op: 'message', message: 'R=2,W=120,J=P,Q=default,N=sim' }]);
    expect(a.launched).toEqual([]);
  });

  it('S03: a new reservation that fits is acknowledged (toAckReservation, then Waiting) and told GOOD RESERVATION', () => {
    const ar = job(1, { reservation: 'toSchedule', startTime: N + 10 });
    const a = plan({ jobs: [ar], outcomes: { 1: at(N + 10, 1, 2, 3, 4) }, info: { 1: { infoType: 'localhost:4242' } } });
    expect(ops(a, 1)).toEqual([
      { op: 'transition', from: 'Waiting', to: 'toAckReservation' },
      { op: 'reservation', reservation: 'Scheduled' },
      { op: 'message', message: 'R=4,W=120,J=P,Q=default' },
      { op: 'transition', from: 'toAckReservation', to: 'Waiting' },
    ]);
    expect(a.notifications).toEqual([{ kind: 'goodReservation', jobId: 1, infoType: 'localhost:4242' }]);
    expect(a.exitCode).toBe(0);
  });

  it('S04/S05: too old keeps toSchedule; refused becomes Scheduled; both end in Error with BAD JOB', () => {
    const a = plan({
      jobs: [job(1, { reservation: 'toSchedule', startTime: N - 1000 }), job(2, { reservation: 'toSchedule', startTime: N + 10 })],
      outcomes: {
        1: { scheduled: false, code: 'RESERVATION_TOO_OLD', message: 'too old' },
        2: { scheduled: false, code: 'RESERVATION_UNAVAILABLE', message: 'busy' },
      },
      info: { 2: { infoType: 'h:1' } },
    });
    expect(ops(a, 1)).toEqual([
      { op: 'transition', from: 'Waiting', to: 'toError' },
      { op: 'message', message: 'Reservation too old' },
      { op: 'transition', from: 'toError', to: 'Error' },
    ]);
    expect(ops(a, 2)).toEqual([
      { op: 'transition', from: 'Waiting', to: 'toError' },
      { op: 'reservation', reservation: 'Scheduled' },
      { op: 'message', message: 'This advance reservation cannot run' },
      { op: 'transition', from: 'toError', to: 'Error' },
    ]);
    expect(a.notifications).toEqual([{ kind: 'badJob', jobId: 2, infoType: 'h:1', message: 'This advance reservation cannot run' }, { kind: 'automaton', command: 'ChState' }]);
  });

  it('S05b: a reservation moved to now is acknowledged with exit code 1 and its start time updated', () => {
    const a = plan({ jobs: [job(1, { reservation: 'toSchedule', startTime: N - 30 })], outcomes: { 1: at(N, 1, 2) } });
    expect(ops(a, 1)).toContainEqual({ op: 'startTime', startTime: N });
    expect(a.launched).toEqual([]);
    expect(a.exitCode).toBe(1);
  });

  const accepted = (start: number, ids: number[], walltime = 60) =>
    job(1, { reservation: 'Scheduled', startTime: start, resources: ids, moldables: [{ walltime, request: [{ levels: [{ level: 'resource_id', count: ids.length }], property: '' }] }] });

  it('S06: an accepted reservation starting late is launched with its walltime reduced by the delay (port: 60 → 40)', () => {
    const a = plan({ jobs: [accepted(N - 20, [1, 2, 3, 4])], info: { 1: { message: 'R=4,W=120,J=P,Q=default' } } });
    expect(ops(a, 1)).toEqual([
      { op: 'walltime', moldableId: 10, walltime: 40 },
      { op: 'event', type: 'REDUCE_RESERVATION_WALLTIME', description: 'Change walltime from 60 to 40' },
      { op: 'message', message: 'R=4,W=100,J=P,Q=default' },
      { op: 'launch', moldableId: 10, resourceIds: ids(1, 2, 3, 4) },
    ]);
    expect(a.gantt[0]!.start).toBe(N);
  });

  it('S07: an accepted reservation whose resources are all gone is postponed to now + 1', () => {
    const a = plan({ jobs: [accepted(N - 20, [1, 2, 3, 4])], resources: resources(5, { 1: { state: 'Suspected' }, 2: { state: 'Suspected' }, 3: { state: 'Suspected' }, 4: { state: 'Suspected' } }) });
    expect(a.gantt).toEqual([{ jobId: 1, moldableId: 10, start: N + 1, resourceIds: ids(1, 2, 3, 4) }]);
    expect(a.launched).toEqual([]);
  });

  it('S07b: within the waiting timeout with some resources missing, it waits (postponed)', () => {
    const a = plan({ jobs: [accepted(N - 20, [1, 2, 3, 4])], resources: resources(5, { 1: { state: 'Suspected' } }) });
    expect(a.gantt[0]!.start).toBe(N + 1);
    expect(a.launched).toEqual([]);
  });

  it('S07c: after the timeout it starts on what is left, with its walltime reduced (port: keeps 3,4)', () => {
    const a = plan({ jobs: [accepted(N - 350, [1, 2, 3, 4], 600)], resources: resources(5, { 1: { state: 'Suspected' }, 2: { state: 'Suspected' } }), info: { 1: { message: 'R=4,W=660,J=P,Q=default' } } });
    expect(ops(a, 1)).toEqual([
      { op: 'event', type: 'SCHEDULER_REDUCE_NB_RESSOURCES_FOR_RESERVATION', description: '[MetaSched] Reduce the number of resources for the job 1' },
      { op: 'message', message: 'R=2,W=660,J=P,Q=default' },
      { op: 'walltime', moldableId: 10, walltime: 250 },
      { op: 'event', type: 'REDUCE_RESERVATION_WALLTIME', description: 'Change walltime from 600 to 250' },
      { op: 'message', message: 'R=2,W=310,J=P,Q=default' },
      { op: 'launch', moldableId: 10, resourceIds: ids(3, 4) },
    ]);
  });

  it('S08: an accepted reservation past its end is set to Error with the expiry message', () => {
    const a = plan({ jobs: [accepted(N - 2000, [1, 2])] });
    expect(ops(a, 1)).toEqual([
      { op: 'transition', from: 'Waiting', to: 'Error' },
      { op: 'message', message: "Reservation expired and couldn't be started." },
    ]);
    expect(a.gantt).toEqual([]);
    expect(a.notifications).toEqual([{ kind: 'automaton', command: 'ChState' }]);
  });

  const runningBe = (over: Partial<JobRecord> = {}) =>
    job(1, { queue: 'besteffort', state: 'Running', startTime: N - 250, resources: [1, 2, 3, 4], types: { besteffort: '' }, moldables: [{ walltime: 500, request: [] }], ...over });

  it('S09: a running besteffort job on resources a due job needs is fragged; nothing is launched; exit 2', () => {
    const a = plan({ jobs: [runningBe(), job(2)], outcomes: { 2: at(N, 1, 2, 3, 4) } });
    expect(ops(a, 1)).toEqual([
      { op: 'message', message: 'R=4,J=P,Q=besteffort' },
      { op: 'event', type: 'BESTEFFORT_KILL', description: 'kill the besteffort job 1' },
      { op: 'frag', user: 'oar' },
    ]);
    expect(a.launched).toEqual([]);
    expect(a.killed).toEqual([1]);
    expect(a.exitCode).toBe(2);
    expect(a.notifications).toEqual([{ kind: 'automaton', command: 'ChState' }]);
  });

  it('S09b: timesharing-compatible besteffort jobs are kept (port of the intended rule)', () => {
    const ts = { timesharing: '*,*' };
    const a = plan({ jobs: [runningBe({ types: { besteffort: '', ...ts } }), job(2, { types: ts })], outcomes: { 2: at(N, 1, 2, 3, 4) } });
    expect(a.killed).toEqual([]);
    expect(a.launched).toEqual([2]);
    expect(a.exitCode).toBe(0);
  });

  it('S09c: a besteffort job with a checkpoint delay is signalled first, not killed; exit 2 all the same', () => {
    const a = plan({ jobs: [runningBe(), job(2)], outcomes: { 2: at(N, 1, 2, 3, 4) }, info: { 1: { checkpoint: 30 } } });
    expect(ops(a, 1)).toContainEqual({ op: 'event', type: 'CHECKPOINT', description: 'Send the checkpoint signal to the job 1' });
    expect(a.killed).toEqual([]);
    expect(a.launched).toEqual([]);
    expect(a.exitCode).toBe(2);
    // The checkpoint delay has passed since the signal: now it is killed.
    const later = plan({ jobs: [runningBe(), job(2)], outcomes: { 2: at(N, 1, 2, 3, 4) }, info: { 1: { checkpoint: 30, firstCheckpointEvent: N - 31 } } });
    expect(later.killed).toEqual([1]);
  });

  it('S10: a job planned at now on an Absent resource stays Waiting', () => {
    const a = plan({ jobs: [job(1)], resources: resources(6, { 6: { state: 'Absent' } }), outcomes: { 1: at(N, 1, 2, 3, 4, 5, 6) } });
    expect(a.launched).toEqual([]);
    expect(a.gantt).toHaveLength(1);
  });

  it('S24: the kill look-ahead frags a besteffort job for an accepted reservation due soon', () => {
    const ar = job(2, { reservation: 'Scheduled', startTime: N + 60, resources: [1, 2, 3, 4] });
    expect(plan({ jobs: [runningBe({ resources: [1, 2, 3, 4, 5] }), ar], killLookAhead: 120 }).killed).toEqual([1]);
    expect(plan({ jobs: [runningBe({ resources: [1, 2, 3, 4, 5] }), ar], killLookAhead: 30 }).killed).toEqual([]);
  });

  it('S29: an interactive job planned later gets a start prediction', () => {
    const a = plan({ jobs: [job(1)], outcomes: { 1: at(N + 120, 1) }, info: { 1: { jobType: 'INTERACTIVE', infoType: '0.0.0.0:1234' } } });
    expect(a.notifications).toEqual([{ kind: 'startPrediction', jobId: 1, infoType: '0.0.0.0:1234', start: N + 120, message: 'R=1,W=120,J=I,Q=default' }]);
  });

  it('S32: a current job keeps only its usable resources in the gantt; S31: a toLaunch job is notified again', () => {
    const a = plan({
      jobs: [job(1, { state: 'Running', startTime: N - 10, resources: [4, 5] }), job(2, { state: 'toLaunch', startTime: N - 5, resources: [1, 2] })],
      resources: resources(5, { 5: { state: 'Suspected' } }),
    });
    expect(a.gantt).toEqual([
      { jobId: 1, moldableId: 10, start: N - 10, resourceIds: ids(4) },
      { jobId: 2, moldableId: 20, start: N - 5, resourceIds: ids(1, 2) },
    ]);
    expect(ops(a, 1)).toEqual([{ op: 'message', message: 'R=1,J=P,Q=default' }]);
    expect(a.notifications).toEqual([{ kind: 'launch', jobId: 2 }]);
  });

  it('writes a message for a job whose request is broken, not for one that merely waits', () => {
    const a = plan({
      jobs: [job(1), job(2)],
      outcomes: {
        1: { scheduled: false, code: 'REQUEST_INVALID', message: 'unusable property filter: no such column: nonexistent_col' },
        2: { scheduled: false, code: 'NO_WINDOW', message: 'no window' },
      },
    });
    expect(ops(a, 1)).toEqual([{ op: 'message', message: 'Cannot be scheduled: unusable property filter: no such column: nonexistent_col' }]);
    expect(ops(a, 2)).toEqual([]);
  });

  it('writes a message for a waiting job of a queue that does not exist (it belongs to no queue group)', () => {
    const a = plan({
      jobs: [job(1, { queue: 'ghost' }), job(2)],
      outcomes: {
        1: { scheduled: false, code: 'QUEUE_NOT_SCHEDULED', kind: 'unresolvable', message: 'queue "ghost" is not declared' },
        2: at(N, 1),
      },
    });
    expect(ops(a, 1)).toEqual([{ op: 'message', message: 'Cannot be scheduled: queue "ghost" is not declared' }]);
    expect(a.launched).toEqual([2]);
  });

  it('leaves the jobs of an inactive queue alone (S14)', () => {
    const a = plan({ jobs: [job(1, { reservation: 'toSchedule', startTime: N + 10 })], queues: [{ name: 'default', priority: 3, state: 'notActive' }], outcomes: { 1: at(N + 10, 1) } });
    expect(a.operations).toEqual([]);
  });
});
