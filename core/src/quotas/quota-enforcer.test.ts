import { describe, expect, it } from 'vitest';
import { IntervalSet, type Job } from '@oar-sched/plugin-api';
import { SlotSet, type RuleBoundaries } from '../slots/slot-set.js';
import { parseLimitTriple, resolveLimits } from './limit-value.js';
import { firstType, QuotaEnforcer, type ResolvedRule } from './quota-enforcer.js';
import { parseRuleKey } from './rule-key.js';
import { RuleTree } from './rule-tree.js';

type Rules = Record<string, [unknown, unknown, unknown]>;

function ruleSet(name: string | undefined, rules: Rules): RuleTree<ResolvedRule> {
  return new RuleTree(
    Object.entries(rules).map(([k, v]) => ({ key: parseRuleKey(k, k), ruleSet: name, limits: resolveLimits(parseLimitTriple(v, k), 100) })),
  );
}

function job(id: number, over: Partial<Job> = {}): Job {
  return { id, queue: 'default', project: 'p', user: 'toto', types: {}, ...over } as Job;
}

/** Default rules before 1000 and from 2000 on, rule set 0 ("day") during [1000, 1999]. */
const DAY: RuleBoundaries = {
  rulesIdAt: (t) => (t >= 1000 && t < 2000 ? 0 : -1),
  nextBoundaryAfter: (t) => (t < 1000 ? 1000 : t < 2000 ? 2000 : Infinity),
};

interface Placed {
  readonly job: Job;
  readonly start: number;
  readonly walltime: number;
  readonly n: number;
}

/** A slot set over [0, 100000] with the placed jobs counted, as the round does it. */
function slotSetWith(enforcer: QuotaEnforcer, placed: readonly Placed[]): SlotSet {
  const set = new SlotSet('default', 0, 100_000, IntervalSet.fromValues([...Array(100).keys()]), enforcer.calendar, 100_000);
  for (const slot of set.slots()) slot.counters = enforcer.newCounters();
  for (const p of placed) {
    set.occupy({ begin: p.start, end: p.start + p.walltime - 1, resources: IntervalSet.EMPTY, count: enforcer.counter(p.job, p.n, p.walltime) });
  }
  return set;
}

/** The check of `candidate` (n resources, walltime W) over the slots covering [from, to]. */
function check(enforcer: QuotaEnforcer, set: SlotSet, candidate: Job, n: number, W: number, from: number, to: number) {
  return enforcer.check(set.slotAt(from), set.slotAt(to), candidate, n, W)?.message;
}

describe('QuotaEnforcer.check (core §15.4), default rules only', () => {
  const toto = (id: number) => job(id);
  const john = (id: number) => job(id, { user: 'john' });
  it.each<[string, Rules, Placed[], [Job, number, number, number, number], string | undefined]>([
    ['nothing placed, within the limit', { '*,*,*,/': [8, -1, -1] }, [], [toto(9), 8, 100, 0, 99], undefined],
    [
      'the candidate alone exceeds the limit',
      { '*,*,*,/': [8, -1, -1] },
      [],
      [toto(9), 9, 100, 0, 99],
      'quota rule "*,*,*,/" (max 8 resources per user) would be exceeded: 9 > 8',
    ],
    [
      'resources: max over the window, plus the candidate',
      { '*,*,*,/': [8, -1, -1] },
      [{ job: toto(1), start: 0, walltime: 100, n: 4 }, { job: toto(2), start: 50, walltime: 100, n: 3 }],
      [toto(9), 2, 100, 0, 149],
      'quota rule "*,*,*,/" (max 8 resources per user) would be exceeded: 9 > 8',
    ],
    [
      'resources: jobs of another user do not count under "/"',
      { '*,*,*,/': [8, -1, -1] },
      [{ job: john(1), start: 0, walltime: 100, n: 7 }],
      [toto(9), 8, 100, 0, 99],
      undefined,
    ],
    [
      'resources: "*" counts everybody together',
      { '*,*,*,*': [8, -1, -1] },
      [{ job: john(1), start: 0, walltime: 100, n: 7 }],
      [toto(9), 2, 100, 0, 99],
      'quota rule "*,*,*,*" (max 8 resources) would be exceeded: 9 > 8',
    ],
    [
      'jobs: max over the slots, not the number of distinct jobs in the window',
      { '*,*,*,/': [-1, 2, -1] },
      [{ job: toto(1), start: 0, walltime: 50, n: 1 }, { job: toto(2), start: 50, walltime: 50, n: 1 }],
      [toto(9), 1, 100, 0, 99],
      undefined,
    ],
    [
      'jobs: overlapping jobs',
      { '*,*,*,/': [-1, 2, -1] },
      [{ job: toto(1), start: 0, walltime: 100, n: 1 }, { job: toto(2), start: 50, walltime: 50, n: 1 }],
      [toto(9), 1, 100, 0, 99],
      'quota rule "*,*,*,/" (max 2 running jobs per user) would be exceeded: 3 > 2',
    ],
    [
      'resource-seconds: the full n × W of each job in every slot it touches, summed (OAR3)',
      { '*,*,*,/': [-1, -1, 1] },
      // [0, 499] holds job 1 (1000), [500, 999] jobs 1 and 2 (2000): 3000 + the candidate's 700.
      [{ job: toto(1), start: 0, walltime: 1000, n: 1 }, { job: toto(2), start: 500, walltime: 1000, n: 1 }],
      [toto(9), 1, 700, 0, 999],
      'quota rule "*,*,*,/" (max 1 resource-hour per user) would be exceeded: 3700 > 3600 resource-seconds',
    ],
    [
      'resource-seconds: within the limit',
      { '*,*,*,/': [-1, -1, 1] },
      [{ job: toto(1), start: 0, walltime: 1000, n: 2 }],
      [toto(9), 1, 1000, 0, 999],
      undefined,
    ],
    [
      'resources are checked before jobs',
      { '*,*,*,/': [1, 0, -1] },
      [],
      [toto(9), 2, 100, 0, 99],
      'quota rule "*,*,*,/" (max 1 resource per user) would be exceeded: 2 > 1',
    ],
    ['no rule applies', { 'admin,*,*,*': [0, 0, 0] }, [], [toto(9), 2, 100, 0, 99], undefined],
    ['a rule on an uncounted type is ineffective', { '*,*,yop,*': [0, 0, 0] }, [], [job(9, { types: { yop: '' } }), 2, 100, 0, 99], undefined],
    ['-1 is no limit', { '*,*,*,*': [-1, -1, -1] }, [{ job: toto(1), start: 0, walltime: 100, n: 99 }], [toto(9), 99, 100, 0, 99], undefined],
  ])('%s', (_what, rules, placed, [candidate, n, W, from, to], expected) => {
    const enforcer = new QuotaEnforcer([ruleSet(undefined, rules)], [], undefined, undefined);
    expect(check(enforcer, slotSetWith(enforcer, placed), candidate, n, W, from, to)).toBe(expected);
  });

  it('counts a type listed in job_types, for jobs that have it anywhere in their types', () => {
    const enforcer = new QuotaEnforcer([ruleSet(undefined, { '*,*,yop,*': [-1, 1, -1] })], ['yop'], undefined, undefined);
    const set = slotSetWith(enforcer, [{ job: job(1, { types: { besteffort: '', yop: '' } }), start: 0, walltime: 100, n: 1 }]);
    expect(check(enforcer, set, job(9, { types: { yop: '' } }), 1, 100, 0, 99)).toBe(
      'quota rule "*,*,yop,*" (max 1 running job of type yop) would be exceeded: 2 > 1',
    );
    // The rule is selected by the job's FIRST type only: a job whose first type is not yop is free.
    expect(check(enforcer, set, job(9, { types: { besteffort: '', yop: '' } }), 1, 100, 0, 99)).toBeUndefined();
  });
});

describe('QuotaEnforcer.check with temporal rule sets: one group per rules id', () => {
  function withCalendar(defaultRules: Rules, dayRules: Rules): QuotaEnforcer {
    return new QuotaEnforcer([ruleSet(undefined, defaultRules), ruleSet('day', dayRules)], [], DAY, 50_000);
  }
  const placed: Placed[] = [{ job: job(1), start: 0, walltime: 3000, n: 3 }];

  it.each<[string, number, number, number, string | undefined]>([
    ['a window inside the day period uses the day rules only', 2, 1000, 1999, undefined],
    ['a window inside a default period', 2, 0, 999, 'quota rule "*,*,*,/" (max 4 resources per user) would be exceeded: 5 > 4'],
    ['a window across both: every group must pass', 2, 500, 1500, 'quota rule "*,*,*,/" (max 4 resources per user) would be exceeded: 5 > 4'],
    ['the day group fails alone', 8, 1000, 1999, 'quota rule "*,*,*,/" of rule set "day" (max 10 resources per user) would be exceeded: 11 > 10'],
  ])('%s', (_what, n, from, to, expected) => {
    const enforcer = withCalendar({ '*,*,*,/': [4, -1, -1] }, { '*,*,*,/': [10, -1, -1] });
    expect(check(enforcer, slotSetWith(enforcer, placed), job(9), n, 100, from, to)).toBe(expected);
  });

  it('sums resource-seconds over the slots of one rules id even when they are not contiguous', () => {
    // Default group = [0, 999] and [2000, 2999]: 2 × 3000 + 100 > 3600; [0, 999] alone: 3100.
    const enforcer = withCalendar({ '*,*,*,/': [-1, -1, 1] }, {});
    const set = slotSetWith(enforcer, [{ job: job(1), start: 0, walltime: 3000, n: 1 }]);
    expect(check(enforcer, set, job(9), 1, 100, 900, 2100)).toBe(
      'quota rule "*,*,*,/" (max 1 resource-hour per user) would be exceeded: 6100 > 3600 resource-seconds',
    );
    expect(check(enforcer, set, job(9), 1, 100, 0, 999)).toBeUndefined();
  });

  it('a rule set without rules constrains nothing in its period', () => {
    const enforcer = new QuotaEnforcer([ruleSet(undefined, { '*,*,*,*': [0, 0, 0] }), undefined], [], DAY, 50_000);
    const set = slotSetWith(enforcer, []);
    expect(check(enforcer, set, job(9), 1, 100, 1000, 1999)).toBeUndefined();
    expect(check(enforcer, set, job(9), 1, 100, 1000, 2000)).toContain('"*,*,*,*"');
  });

  it('cuts the slot set at the calendar boundaries', () => {
    const enforcer = withCalendar({}, {});
    const set = slotSetWith(enforcer, []);
    expect([...set.slots()].map((s) => [s.begin, s.rulesId])).toEqual([
      [0, -1],
      [1000, 0],
      [2000, -1],
    ]);
  });
});

describe('firstType', () => {
  it.each([
    [{}, '*'],
    [{ besteffort: '' }, 'besteffort'],
    [{ deploy: '', besteffort: '' }, 'deploy'],
  ])('%j → %s', (types, expected) => {
    expect(firstType({ types })).toBe(expected);
  });
});
