import { describe, expect, it } from 'vitest';
import { IntervalSet, type Job } from '@oar-sched/plugin-api';
import type { ResourceRecord } from '../model/snapshot.js';
import { Platform } from '../platform/platform.js';
import { schedulerConfigSchema } from '../model/scheduler-config-schema.js';
import type { Snapshot } from '../model/snapshot.js';
import { SlotSet } from '../slots/slot-set.js';
import { countAll, createQuotaPort } from './create-quota-port.js';

const NOW = 1704067200; // Monday 2024-01-01 00:00 UTC

interface ResourceSpec {
  readonly ids: string;
  readonly state?: ResourceRecord['state'];
  readonly type?: string;
}

/** A snapshot with resources `ids: 'A-B'` (or one id) and a quotas config; no job. */
function snapshotOf(resources: readonly ResourceSpec[], quotas: object): Snapshot {
  const records = resources.flatMap(({ ids, state = 'Alive', type = 'default' }) => {
    const [a, b = a] = ids.split('-').map(Number) as [number, number?];
    return Array.from({ length: b - a + 1 }, (_, k): ResourceRecord => ({ id: a + k, state, type, availableUpto: 2147483647, properties: {} }));
  });
  return { now: NOW, config: schedulerConfigSchema.parse({ quotas: { enabled: true, ...quotas } }), queues: [], resources: records, jobs: [], accounting: [] };
}

function port(rules: unknown, resources: readonly ResourceSpec[] = [{ ids: '1-8' }], quotas: object = {}) {
  const snapshot = snapshotOf(resources, { rules, ...quotas });
  return createQuotaPort(snapshot, new Platform(snapshot.resources, snapshot.config));
}

const job = { id: 1, queue: 'default', project: 'p', user: 'u', types: {} } as unknown as Job;

/** The resources limit the port enforces: the largest n that passes on an empty slot set. */
function resourceLimit(p: NonNullable<ReturnType<typeof port>>): number {
  const set = new SlotSet('default', NOW, NOW + 10_000, IntervalSet.EMPTY);
  set.first.counters = p.newCounters();
  let n = 0;
  while (n < 1000 && !p.check(set.first, set.first, job, n + 1, 60)) n++;
  return n;
}

describe('countAll (ALL in limits, core §15.1)', () => {
  const r = (type: string, state: ResourceRecord['state']): ResourceRecord => ({ id: 0, type, state, availableUpto: 0, properties: {} });
  const resources = [r('default', 'Alive'), r('default', 'Absent'), r('default', 'Suspected'), r('default', 'Dead'), r('gpu', 'Alive')];
  it.each([
    ['default_not_dead', 3],
    ['default', 2], // Alive and Absent only (core §22 #40)
  ] as const)('%s → %s', (mode, expected) => {
    expect(countAll(resources, mode)).toBe(expected);
  });
});

describe('createQuotaPort', () => {
  it('is undefined without any rule or calendar', () => {
    expect(port({})).toBeUndefined();
    expect(port({ quotas: {}, job_types: ['x'] })).toBeUndefined();
  });

  it('resolves ALL from the resources and allNbResourcesMode', () => {
    const resources = [{ ids: '1-5' }, { ids: '6', state: 'Absent' }, { ids: '7-8', state: 'Dead' }, { ids: '9', state: 'Suspected' }, { ids: '10-11', type: 'gpu' }];
    expect(resourceLimit(port({ quotas: { '*,*,*,*': ['ALL', -1, -1] } }, resources)!)).toBe(7);
    expect(resourceLimit(port({ quotas: { '*,*,*,*': ['0.5*ALL', -1, -1] } }, resources)!)).toBe(3);
    // mode default: Alive and Absent only (core §15.1, §22 #40): Dead and Suspected are out.
    expect(resourceLimit(port({ quotas: { '*,*,*,*': ['ALL', -1, -1] } }, resources, { allNbResourcesMode: 'default' })!)).toBe(6);
  });

  it('has no calendar and no window time limit without periodical or oneshot entries', () => {
    const p = port({ quotas: { '*,*,*,*': [1, -1, -1] } })!;
    expect(p.calendar).toBeUndefined();
    expect(p.latestEnd).toBeUndefined();
  });

  it('with a calendar: latestEnd = now + windowTimeLimit, and rule-set ids follow the calendar', () => {
    const p = port(
      { periodical: [['* mon * *', 'monday', ''], ['* tue-sun * *', 'rest', '']], monday: { '*,*,*,*': [2, -1, -1] }, rest: {} },
      undefined,
      { windowTimeLimit: 1000 },
    )!;
    expect(p.latestEnd).toBe(NOW + 1000);
    expect(p.calendar!.rulesIdAt(NOW)).toBe(0);
    expect(p.calendar!.nextBoundaryAfter(NOW)).toBe(NOW + 86_400);
    // Monday uses "monday" (max 2); Tuesday uses "rest" (no rule).
    const set = new SlotSet('default', NOW, NOW + 3 * 86_400, IntervalSet.EMPTY, p.calendar, NOW + 3 * 86_400);
    for (const slot of set.slots()) slot.counters = p.newCounters();
    const monday = set.first;
    const tuesday = set.slotAt(NOW + 86_400);
    expect(p.check(monday, monday, job, 3, 60)?.message).toBe(
      'quota rule "*,*,*,*" of rule set "monday" (max 2 resources) would be exceeded: 3 > 2',
    );
    expect(p.check(tuesday, tuesday, job, 3, 60)).toBeUndefined();
  });

  it('throws QUOTAS_INVALID for a bad document (a snapshot need not come from a validated scenario)', () => {
    const snapshot = snapshotOf([{ ids: '1' }], {});
    const bad = { ...snapshot, config: { ...snapshot.config, quotas: { ...snapshot.config.quotas, rules: { quotas: { '*,*,*': [1, -1, -1] } } } } };
    expect(() => createQuotaPort(bad, new Platform(bad.resources, bad.config))).toThrow(
      /^quotas\.rules\.quotas\["\*,\*,\*"\]: rule key "\*,\*,\*" has 3 field\(s\), not 4$/,
    );
  });
});
