import { describe, expect, it } from 'vitest';
import { expectedOrder, loadVector } from '../../../test/support/vector-order.js';
import {
  DEFAULT_FAIRSHARE,
  accountingSums,
  karma,
  orderByKarma,
  type AccountingRecord,
  type AccountingSums,
  type FairshareParams,
  type KarmaJob,
} from './karma.js';


function rec(over: Partial<AccountingRecord>): AccountingRecord {
  return {
    windowStart: 950,
    windowStop: 960,
    user: 'u',
    project: 'p',
    queue: 'default',
    consumptionType: 'USED',
    consumption: 7,
    ...over,
  };
}

function params(over: Partial<FairshareParams>): FairshareParams {
  return { ...DEFAULT_FAIRSHARE, projectTargets: {}, userTargets: {}, coefProject: 0, coefUser: 0, coefUserAsk: 0, ...over };
}

describe('DEFAULT_FAIRSHARE', () => {
  it('holds the spec defaults (§17.2)', () => {
    expect(DEFAULT_FAIRSHARE).toEqual({
      windowSize: 2_592_000,
      projectTargets: { default: 21 },
      userTargets: { default: 22 },
      coefProject: 0,
      coefUser: 1,
      coefUserAsk: 1,
    });
  });
});

describe('accountingSums: window edges (now = 1000, windowSize = 100, window start 900)', () => {
  // `inTotals`: counted in sumUsed and per-project sums; `inUser`: counted in the per-user sum.
  const cases: { name: string; record: Partial<AccountingRecord>; inTotals: boolean; inUser: boolean }[] = [
    { name: 'inside the window', record: { windowStart: 950, windowStop: 960 }, inTotals: true, inUser: true },
    { name: 'windowStart exactly now - windowSize', record: { windowStart: 900, windowStop: 960 }, inTotals: true, inUser: true },
    { name: 'windowStart one second before the window', record: { windowStart: 899, windowStop: 960 }, inTotals: false, inUser: false },
    { name: 'windowStop now - 1', record: { windowStart: 950, windowStop: 999 }, inTotals: true, inUser: true },
    { name: 'windowStop exactly now: users only', record: { windowStart: 950, windowStop: 1000 }, inTotals: false, inUser: true },
    { name: 'windowStop after now', record: { windowStart: 950, windowStop: 1001 }, inTotals: false, inUser: false },
    { name: 'record of a queue outside the group', record: { queue: 'other' }, inTotals: false, inUser: false },
  ];
  for (const c of cases) {
    for (const type of ['USED', 'ASKED'] as const) {
      it(`${c.name} (${type})`, () => {
        const s = accountingSums([rec({ ...c.record, consumptionType: type })], ['default'], 1000, 100);
        const total = type === 'USED' ? s.sumUsed : s.sumAsked;
        const project = type === 'USED' ? s.projectUsed : s.projectAsked;
        const user = type === 'USED' ? s.userUsed : s.userAsked;
        const other = type === 'USED' ? s.userAsked : s.userUsed;
        expect(total).toBe(c.inTotals ? 7 : 1); // a total with no record defaults to 1
        expect(project.get('p')).toBe(c.inTotals ? 7 : undefined);
        expect(user.get('u')).toBe(c.inUser ? 7 : undefined);
        expect(other.get('u')).toBeUndefined(); // types never mix
      });
    }
  }
});

describe('accountingSums: grouping and defaults', () => {
  it('sums per type, per project and per user, across all the given queues', () => {
    const s = accountingSums(
      [
        rec({ user: 'a', project: 'p1', consumption: 10 }),
        rec({ user: 'a', project: 'p2', consumption: 20, queue: 'q2' }),
        rec({ user: 'b', project: 'p1', consumption: 40 }),
        rec({ user: 'a', project: 'p1', consumption: 100, consumptionType: 'ASKED' }),
        rec({ user: 'b', project: 'p1', consumption: 1000, queue: 'not-in-group' }),
      ],
      ['default', 'q2'],
      1000,
      100,
    );
    expect(s.sumUsed).toBe(70);
    expect(s.sumAsked).toBe(100);
    expect([...s.userUsed]).toEqual([['a', 30], ['b', 40]]);
    expect([...s.userAsked]).toEqual([['a', 100]]);
    expect([...s.projectUsed]).toEqual([['p1', 50], ['p2', 20]]);
    expect([...s.projectAsked]).toEqual([['p1', 100]]);
  });

  it('defaults each empty total to 1 independently', () => {
    expect(accountingSums([], ['default'], 1000, 100)).toMatchObject({ sumUsed: 1, sumAsked: 1 });
    const onlyUsed = accountingSums([rec({ consumption: 5 })], ['default'], 1000, 100);
    expect(onlyUsed).toMatchObject({ sumUsed: 5, sumAsked: 1 });
  });

  it('replaces a zero total by 1 (OAR3 would divide by zero)', () => {
    const s = accountingSums([rec({ consumption: 0 })], ['default'], 1000, 100);
    expect(s.sumUsed).toBe(1);
    expect(s.userUsed.get('u')).toBe(0);
  });

  it('keeps the per-user share of a record ending at now although the total ignores it', () => {
    const s = accountingSums([rec({ windowStop: 1000, consumption: 30 }), rec({ consumption: 10 })], ['default'], 1000, 100);
    expect(s.sumUsed).toBe(10);
    expect(s.userUsed.get('u')).toBe(40);
  });
});

describe('karma', () => {
  const sums: AccountingSums = {
    sumUsed: 1000,
    sumAsked: 2000,
    projectAsked: new Map([['pA', 999]]), // never read by the formula
    projectUsed: new Map([['pA', 300]]),
    userAsked: new Map([['u', 500]]),
    userUsed: new Map([['u', 100]]),
  };
  const job: KarmaJob = { id: 1, user: 'u', project: 'pA' };
  const cases: { name: string; job?: KarmaJob; params: Partial<FairshareParams>; expected: number }[] = [
    { name: 'project term', params: { coefProject: 2, projectTargets: { pA: 40 } }, expected: 2 * (300 / 1000 - 0.4) },
    { name: 'user used term', params: { coefUser: 3, userTargets: { u: 5 } }, expected: 3 * (100 / 1000 - 0.05) },
    { name: 'user asked term (denominator sumAsked)', params: { coefUserAsk: 0.5, userTargets: { u: 5 } }, expected: 0.5 * (500 / 2000 - 0.05) },
    {
      name: 'all three terms add up',
      params: { coefProject: 2, coefUser: 3, coefUserAsk: 0.5, projectTargets: { pA: 40 }, userTargets: { u: 5 } },
      expected: 2 * (300 / 1000 - 0.4) + 3 * (100 / 1000 - 0.05) + 0.5 * (500 / 2000 - 0.05),
    },
    { name: 'targets are divided by 100 once', params: { coefUser: 1, userTargets: { u: 50 } }, expected: 0.1 - 0.5 },
    { name: 'missing target = 0', params: { coefProject: 1, coefUser: 1, coefUserAsk: 1 }, expected: 0.3 + 0.1 + 0.25 },
    {
      name: 'missing sums = 0',
      job: { id: 2, user: 'nobody', project: 'pZ' },
      params: { coefProject: 1, coefUser: 1, coefUserAsk: 1, projectTargets: { pZ: 10 }, userTargets: { nobody: 20 } },
      expected: -0.1 - 0.2 - 0.2,
    },
    {
      // Both references look the target up by the job's own name only (see karma.ts).
      name: '"default" target is not a fallback for other names',
      params: { coefProject: 1, coefUser: 1, projectTargets: { default: 21 }, userTargets: { default: 22 } },
      expected: 0.3 + 0.1,
    },
    {
      name: '"default" target applies to a user and a project literally named default',
      job: { id: 3, user: 'default', project: 'default' },
      params: { coefProject: 1, coefUser: 1, projectTargets: { default: 21 }, userTargets: { default: 22 } },
      expected: -0.21 - 0.22,
    },
    {
      name: 'names of Object.prototype members have no target',
      job: { id: 4, user: 'constructor', project: 'toString' },
      params: { coefProject: 1, coefUser: 1, coefUserAsk: 1, projectTargets: {}, userTargets: {} },
      expected: 0,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(karma(c.job ?? job, sums, params(c.params))).toBeCloseTo(c.expected, 12);
    });
  }
});

describe('orderByKarma', () => {
  const now = 1000;
  const p = params({ windowSize: 100, coefUser: 1 });
  const usage = (user: string, consumption: number): AccountingRecord => rec({ user, consumption });

  it('orders by increasing karma', () => {
    const jobs = [
      { id: 1, user: 'heavy', project: 'p' },
      { id: 2, user: 'idle', project: 'p' },
      { id: 3, user: 'light', project: 'p' },
    ];
    const ordered = orderByKarma(jobs, [usage('heavy', 50), usage('light', 5)], ['default'], now, p);
    expect(ordered.map((j) => j.id)).toEqual([2, 3, 1]);
  });

  it('keeps the input order of equal karmas (stable), whatever the ids', () => {
    const jobs = [
      { id: 9, user: 'a', project: 'p' },
      { id: 4, user: 'b', project: 'p' },
      { id: 7, user: 'a', project: 'p' },
      { id: 1, user: 'a', project: 'p' },
      { id: 5, user: 'b', project: 'p' },
    ];
    // b consumed more: every a (karma 1/3) before every b (karma 2/3), a's and b's in input order.
    const ordered = orderByKarma(jobs, [usage('a', 1), usage('b', 2)], ['default'], now, p);
    expect(ordered.map((j) => j.id)).toEqual([9, 7, 1, 4, 5]);
  });

  it('only uses records of the given queues', () => {
    const jobs = [
      { id: 1, user: 'a', project: 'p' },
      { id: 2, user: 'b', project: 'p' },
    ];
    const records = [usage('a', 10), rec({ user: 'b', consumption: 100, queue: 'other' })];
    expect(orderByKarma(jobs, records, ['default'], now, p).map((j) => j.id)).toEqual([2, 1]);
    expect(orderByKarma(jobs, records, ['default', 'other'], now, p).map((j) => j.id)).toEqual([1, 2]);
  });

  it('returns the same job objects in a new array and leaves the input alone', () => {
    const jobs = [
      { id: 1, user: 'a', project: 'p', extra: 'x' },
      { id: 2, user: 'b', project: 'p', extra: 'y' },
    ];
    const ordered = orderByKarma(jobs, [usage('a', 10)], ['default'], now, p);
    expect(ordered).not.toBe(jobs);
    expect(ordered[0]).toBe(jobs[1]);
    expect(jobs.map((j) => j.id)).toEqual([1, 2]);
  });
});

// ---------------------------------------------------------------------------------------------
// Conformance vectors: every job needs the whole cluster, so the jobs run one after the other in
// the order the sort produces; the expected start times therefore give the expected order.

interface VectorJob {
  id: number;
  user?: string;
  project?: string;
  state?: string;
  reservation?: string;
}
interface Vector {
  now: number;
  config?: { sorting?: { policy?: string; fairshare?: Partial<FairshareParams> } };
  queues?: { name: string }[];
  jobs: VectorJob[];
  accounting?: AccountingRecord[];
  expect: { jobs: Record<string, { startTime?: number }> };
}

describe('conformance vectors (FAIRSHARE)', () => {
  for (const file of ['edge-fairshare_project_targets.json', 'oar3-test_db_fairshare-test_db_fairsharing.json']) {
    it(file, () => {
      const v = loadVector<Vector>(file);
      expect(v.config?.sorting?.policy).toBe('FAIRSHARE');
      // Scenario defaults (scenario-format.md §5): every job here is a waiting batch job.
      for (const j of v.jobs) {
        expect(j.state ?? 'Waiting').toBe('Waiting');
        expect(j.reservation ?? 'None').toBe('None');
      }
      const jobs: KarmaJob[] = v.jobs.map((j) => ({ id: j.id, user: j.user ?? '', project: j.project ?? '' }));
      const queues = (v.queues ?? [{ name: 'default' }]).map((q) => q.name);
      const fairshare: FairshareParams = { ...DEFAULT_FAIRSHARE, ...v.config?.sorting?.fairshare };
      const want = expectedOrder(v);
      // The vector must discriminate: FIFO order would not pass.
      expect(want).not.toEqual(jobs.map((j) => j.id));
      const got = orderByKarma(jobs, v.accounting ?? [], queues, v.now, fairshare).map((j) => j.id);
      expect(got).toEqual(want);
    });
  }
});
