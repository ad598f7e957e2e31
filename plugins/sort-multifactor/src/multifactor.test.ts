import { describe, expect, it } from 'vitest';
import { expectedOrder, loadVector } from '../../../test/support/vector-order.js';
import {
  DEFAULT_FAIRSHARE,
  type AccountingRecord,
  type FairshareParams,
} from '@oar-sched/plugin-sort-fairshare';
import {
  DEFAULT_MULTIFACTOR,
  multifactorPriority,
  orderByMultifactor,
  type MultifactorJob,
  type MultifactorParams,
} from './multifactor.js';


const NOW = 100_000;

function job(over: Partial<MultifactorJob>): MultifactorJob {
  return { id: 1, user: 'u', project: 'p', queue: 'q', submissionTime: NOW, qos: 0, nice: 1, ...over };
}

function mf(over: Partial<MultifactorParams>): MultifactorParams {
  return { ...DEFAULT_MULTIFACTOR, ...over };
}

describe('DEFAULT_MULTIFACTOR', () => {
  it('is all 0 except ageCoef (§17.3)', () => {
    expect(DEFAULT_MULTIFACTOR).toEqual({
      ageWeight: 0,
      ageCoef: 1.65e-6,
      queueWeight: 0,
      queueCoefs: {},
      workWeight: 0,
      workMode: 0,
      sizeWeight: 0,
      sizeMode: 0,
      karmaWeight: 0,
      qosWeight: 0,
      niceWeight: 0,
    });
  });

  it('gives every job priority 0', () => {
    expect(multifactorPriority(job({ submissionTime: 0, qos: 5, nice: 9 }), NOW, DEFAULT_MULTIFACTOR, 3)).toBe(0);
  });
});

describe('multifactorPriority: each term', () => {
  const cases: { name: string; job?: Partial<MultifactorJob>; params: Partial<MultifactorParams>; karma?: number; expected: number }[] = [
    // age: ageWeight * max(1, ageCoef * (now - submissionTime))
    { name: 'age above the floor', job: { submissionTime: NOW - 1000 }, params: { ageWeight: 2, ageCoef: 0.01 }, expected: 2 * 10 },
    { name: 'age below the floor counts as 1', job: { submissionTime: NOW - 50 }, params: { ageWeight: 2, ageCoef: 0.01 }, expected: 2 * 1 },
    { name: 'age of a job submitted in the future counts as 1', job: { submissionTime: NOW + 5000 }, params: { ageWeight: 2, ageCoef: 0.01 }, expected: 2 },
    { name: 'age with the default coefficient', job: { submissionTime: NOW - 2_000_000 }, params: { ageWeight: 1 }, expected: 1.65e-6 * 2_000_000 },
    { name: 'age with a negative weight is still applied', job: { submissionTime: NOW - 1000 }, params: { ageWeight: -1, ageCoef: 0.01 }, expected: -10 },
    // queue: queueWeight > 0 ? queueWeight * queueCoefs[queue] : 0
    { name: 'queue coefficient', job: { queue: 'q' }, params: { queueWeight: 3, queueCoefs: { q: 4, other: 100 } }, expected: 12 },
    { name: 'missing queue coefficient: term skipped', job: { queue: 'absent' }, params: { queueWeight: 3, queueCoefs: { q: 4 } }, expected: 0 },
    { name: 'queue named like an Object.prototype member: term skipped', job: { queue: 'constructor' }, params: { queueWeight: 3, queueCoefs: {} }, expected: 0 },
    { name: 'queue term needs a positive weight', job: { queue: 'q' }, params: { queueWeight: -3, queueCoefs: { q: 4 } }, expected: 0 },
    // karma: karmaWeight * 1/(1 + karma)
    { name: 'karma factor', params: { karmaWeight: 2 }, karma: 1, expected: 2 * 0.5 },
    { name: 'negative karma raises the factor', params: { karmaWeight: 2 }, karma: -0.5, expected: 2 * 2 },
    { name: 'karma weight 0 ignores karma -1 (no NaN)', params: { karmaWeight: 0 }, karma: -1, expected: 0 },
    { name: 'karma -1 with a weight is infinite', params: { karmaWeight: 1 }, karma: -1, expected: Infinity },
    // qos: qosWeight > 0 ? qosWeight * qos : 0
    { name: 'qos', job: { qos: 0.5 }, params: { qosWeight: 2 }, expected: 1 },
    { name: 'qos term needs a positive weight', job: { qos: 0.5 }, params: { qosWeight: -2 }, expected: 0 },
    // nice: niceWeight > 0 ? niceWeight * max(1, nice) : 0
    { name: 'nice above 1', job: { nice: 3 }, params: { niceWeight: 2 }, expected: 6 },
    { name: 'nice below 1 counts as 1', job: { nice: 0.5 }, params: { niceWeight: 2 }, expected: 2 },
    { name: 'negative nice counts as 1', job: { nice: -4 }, params: { niceWeight: 2 }, expected: 2 },
    { name: 'nice term needs a positive weight', job: { nice: 3 }, params: { niceWeight: -2 }, expected: 0 },
    {
      name: 'all terms add up',
      job: { submissionTime: NOW - 1000, queue: 'q', qos: 0.5, nice: 3 },
      params: { ageWeight: 2, ageCoef: 0.01, queueWeight: 3, queueCoefs: { q: 4 }, karmaWeight: 2, qosWeight: 2, niceWeight: 2 },
      karma: 1,
      expected: 20 + 12 + 1 + 1 + 6,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = multifactorPriority(job(c.job ?? {}), NOW, mf(c.params), c.karma ?? 0);
      if (Number.isFinite(c.expected)) expect(got).toBeCloseTo(c.expected, 9);
      else expect(got).toBe(c.expected);
    });
  }

  it('rejects non-zero work and size weights', () => {
    expect(() => multifactorPriority(job({}), NOW, mf({ workWeight: 1 }), 0)).toThrow(RangeError);
    expect(() => multifactorPriority(job({}), NOW, mf({ sizeWeight: -1 }), 0)).toThrow(RangeError);
    expect(() => orderByMultifactor([], [], ['q'], NOW, mf({ workWeight: 1 }), DEFAULT_FAIRSHARE)).toThrow(RangeError);
    // modes alone are harmless
    expect(multifactorPriority(job({}), NOW, mf({ workMode: 1, sizeMode: 'big' }), 0)).toBe(0);
  });
});

describe('orderByMultifactor', () => {
  const ids = (js: readonly MultifactorJob[]) => js.map((j) => j.id);

  it('orders by decreasing priority', () => {
    const jobs = [
      job({ id: 1, submissionTime: NOW - 100 }),
      job({ id: 2, submissionTime: NOW - 3000 }),
      job({ id: 3, submissionTime: NOW - 2000 }),
    ];
    expect(ids(orderByMultifactor(jobs, [], ['q'], NOW, mf({ ageWeight: 1, ageCoef: 0.01 }), DEFAULT_FAIRSHARE))).toEqual([2, 3, 1]);
  });

  it('keeps the input order of equal priorities (stable, not reversed as in Redox)', () => {
    const jobs = [job({ id: 9 }), job({ id: 4, qos: 1 }), job({ id: 7 }), job({ id: 1 }), job({ id: 5, qos: 1 })];
    expect(ids(orderByMultifactor(jobs, [], ['q'], NOW, mf({ qosWeight: 1 }), DEFAULT_FAIRSHARE))).toEqual([4, 5, 9, 7, 1]);
    // everything equal: input order unchanged
    expect(ids(orderByMultifactor(jobs, [], ['q'], NOW, DEFAULT_MULTIFACTOR, DEFAULT_FAIRSHARE))).toEqual([9, 4, 7, 1, 5]);
  });

  it('puts infinite priorities first and keeps their input order', () => {
    // karma -1 for users with target 50 and no usage (coefUser = coefUserAsk = 1).
    const fairshare: FairshareParams = { ...DEFAULT_FAIRSHARE, userTargets: { a: 50, c: 50 } };
    const jobs = [job({ id: 3, user: 'b' }), job({ id: 2, user: 'c' }), job({ id: 1, user: 'a' })];
    expect(ids(orderByMultifactor(jobs, [], ['q'], NOW, mf({ karmaWeight: 1 }), fairshare))).toEqual([2, 1, 3]);
  });

  it('computes karma with the given fairshare params and accounting of the given queues', () => {
    const records: AccountingRecord[] = [
      { windowStart: NOW - 500, windowStop: NOW - 400, user: 'a', project: 'pa', queue: 'q', consumptionType: 'USED', consumption: 10 },
      { windowStart: NOW - 500, windowStop: NOW - 400, user: 'b', project: 'pb', queue: 'q', consumptionType: 'USED', consumption: 30 },
      { windowStart: NOW - 500, windowStop: NOW - 400, user: 'a', project: 'pa', queue: 'q2', consumptionType: 'USED', consumption: 90 },
    ];
    const jobs = [job({ id: 1, user: 'b', project: 'pb' }), job({ id: 2, user: 'a', project: 'pa' })];
    const byUser: FairshareParams = { ...DEFAULT_FAIRSHARE, windowSize: 1000 };
    const k = mf({ karmaWeight: 1 });
    expect(ids(orderByMultifactor(jobs, records, ['q'], NOW, k, byUser))).toEqual([2, 1]); // a used less in q
    expect(ids(orderByMultifactor(jobs, records, ['q', 'q2'], NOW, k, byUser))).toEqual([1, 2]); // a used more in q+q2
    // project term only: pb has target 100, karma(pb) = 0.75 - 1 < karma(pa) = 0.25
    const byProject: FairshareParams = { ...byUser, coefUser: 0, coefUserAsk: 0, coefProject: 1, projectTargets: { pb: 100 } };
    expect(ids(orderByMultifactor(jobs, records, ['q'], NOW, k, byProject))).toEqual([1, 2]);
    // a window that excludes the records: equal karma, input order
    expect(ids(orderByMultifactor(jobs, records, ['q'], NOW, k, { ...byUser, windowSize: 100 }))).toEqual([1, 2]);
    // karma weight 0: accounting ignored
    expect(ids(orderByMultifactor(jobs, records, ['q'], NOW, DEFAULT_MULTIFACTOR, byUser))).toEqual([1, 2]);
  });

  it('returns the same job objects in a new array and leaves the input alone', () => {
    const jobs = [job({ id: 1 }), job({ id: 2, qos: 1 })];
    const ordered = orderByMultifactor(jobs, [], ['q'], NOW, mf({ qosWeight: 1 }), DEFAULT_FAIRSHARE);
    expect(ordered).not.toBe(jobs);
    expect(ordered[0]).toBe(jobs[1]);
    expect(ids(jobs)).toEqual([1, 2]);
  });
});

// ---------------------------------------------------------------------------------------------
// Conformance vector: every job needs the whole cluster, so the jobs run one after the other in
// the order the sort produces; the expected start times therefore give the expected order.

interface VectorJob {
  id: number;
  user?: string;
  project?: string;
  queue?: string;
  submissionTime?: number;
  qos?: number;
  nice?: number;
  state?: string;
  reservation?: string;
}
interface Vector {
  now: number;
  config?: {
    sorting?: { policy?: string; fairshare?: Partial<FairshareParams>; multifactor?: Partial<MultifactorParams> };
  };
  queues?: { name: string }[];
  jobs: VectorJob[];
  accounting?: AccountingRecord[];
  expect: { jobs: Record<string, { startTime?: number }> };
}

describe('conformance vectors (MULTIFACTOR)', () => {
  for (const file of ['oar3-test_db_multifactor-test_db_multifactor_fairshare.json']) {
    it(file, () => {
      const v = loadVector<Vector>(file);
      expect(v.config?.sorting?.policy).toBe('MULTIFACTOR');
      for (const j of v.jobs) {
        expect(j.state ?? 'Waiting').toBe('Waiting');
        expect(j.reservation ?? 'None').toBe('None');
      }
      // Scenario defaults (scenario-format.md §5).
      const jobs: MultifactorJob[] = v.jobs.map((j) => ({
        id: j.id,
        user: j.user ?? '',
        project: j.project ?? '',
        queue: j.queue ?? 'default',
        submissionTime: j.submissionTime ?? 0,
        qos: j.qos ?? 0,
        nice: j.nice ?? 1,
      }));
      const queues = (v.queues ?? [{ name: 'default' }]).map((q) => q.name);
      const fairshare: FairshareParams = { ...DEFAULT_FAIRSHARE, ...v.config?.sorting?.fairshare };
      const multifactor: MultifactorParams = { ...DEFAULT_MULTIFACTOR, ...v.config?.sorting?.multifactor };
      const want = expectedOrder(v);
      expect(want).not.toEqual(jobs.map((j) => j.id)); // FIFO order would not pass
      const got = orderByMultifactor(jobs, v.accounting ?? [], queues, v.now, multifactor, fairshare).map((j) => j.id);
      expect(got).toEqual(want);
    });
  }
});
