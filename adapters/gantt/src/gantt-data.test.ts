/**
 * The gantt's data extraction, in Node: which rows (resources grouped by switch and node), which
 * bars (running, accepted and new reservations, planned jobs, besteffort), which jobs are listed
 * as not planned. Decisions are written by hand so the expectations do not depend on a policy.
 */
import { describe, expect, it } from 'vitest';
import { IntervalSet, type Decision } from '@oar-sched/plugin-api';
import { parseScenario } from '@oar-sched/scenario';
import { formatDuration, formatRequest, ganttData, rowIndex, rowLayout, rowRuns } from './gantt-data.js';

const NOW = 1_700_000_000;

function snapshotOf(doc: Record<string, unknown>) {
  return parseScenario(JSON.stringify({ now: NOW, ...doc })).snapshot;
}

const placed = (start: number, walltime: number, ids: string, moldableIndex = 0): Decision => ({
  scheduled: true,
  placement: { start, end: start + walltime - 1, walltime, moldableIndex, resourceIds: ids, resources: IntervalSet.EMPTY },
});
const refused = (code: 'NO_WINDOW' | 'DEPENDENCY', message: string): Decision => ({ scheduled: false, reason: { code, kind: 'unschedulable', message } });

describe('rowLayout: rows grouped by switch, then node, each group where its smallest id falls', () => {
  const cases: { name: string; resources: unknown[]; ids: number[]; nodes: [string, number, number][]; switches: [string, number, number][] }[] = [
    {
      name: 'switch and node properties, ids interleaved',
      resources: [
        { id: 1, properties: { switch: 'sw1', network_address: 'n1' } },
        { id: 2, properties: { switch: 'sw2', network_address: 'n3' } },
        { id: 3, properties: { switch: 'sw1', network_address: 'n2' } },
        { id: 4, properties: { switch: 'sw1', network_address: 'n1' } },
        { id: 5, properties: { switch: 'sw2', network_address: 'n3' } },
      ],
      ids: [1, 4, 3, 2, 5],
      nodes: [['n1', 0, 2], ['n2', 2, 1], ['n3', 3, 2]],
      switches: [['sw1', 0, 3], ['sw2', 3, 2]],
    },
    {
      name: 'no switch property: no switch groups',
      resources: [{ ids: '1-2', properties: { network_address: 'a' } }, { ids: '3-4', properties: { network_address: 'b' } }],
      ids: [1, 2, 3, 4],
      nodes: [['a', 0, 2], ['b', 2, 2]],
      switches: [],
    },
    {
      name: 'no network_address: one group per resource',
      resources: [{ ids: '7-8' }],
      ids: [7, 8],
      nodes: [['resource 7', 0, 1], ['resource 8', 1, 1]],
      switches: [],
    },
    {
      name: 'a resource without the switch property some others have',
      resources: [{ id: 1, properties: { switch: 's', network_address: 'n1' } }, { id: 2, properties: { network_address: 'n2' } }],
      ids: [1, 2],
      nodes: [['n1', 0, 1], ['n2', 1, 1]],
      switches: [['s', 0, 1], ['(no switch)', 1, 1]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const layout = rowLayout(snapshotOf({ resources: c.resources, jobs: [] }));
      expect(layout.resourceIds).toEqual(c.ids);
      expect(layout.nodes.map((g) => [g.name, g.first, g.count])).toEqual(c.nodes);
      expect(layout.switches.map((g) => [g.name, g.first, g.count])).toEqual(c.switches);
    });
  }

  it('lists the rows of resources that are not Alive', () => {
    const layout = rowLayout(snapshotOf({ resources: [{ ids: '1-3' }, { id: 4, state: 'Dead' }, { id: 5, state: 'Suspected' }], jobs: [] }));
    expect(layout.unavailable).toEqual([
      [3, 'Dead'],
      [4, 'Suspected'],
    ]);
  });
});

describe('rowRuns: resource id intervals → inclusive row runs', () => {
  // Rows 0… hold ids 10, 11, 12, 1001, 1002, 20, 21, 1003, 1004, 30, 5 (id 5 last: rows out of id order).
  const index = rowIndex([10, 11, 12, 1001, 1002, 20, 21, 1003, 1004, 30, 5]);
  const cases: [string, [number, number][], number[]][] = [
    ['one run', [[10, 12]], [0, 2]],
    ['several runs', [[10, 10], [20, 21], [30, 30]], [0, 0, 5, 6, 9, 9]],
    ['rows out of id order are sorted', [[5, 5], [10, 11]], [0, 1, 10, 10]],
    ['adjacent rows from separate intervals merge', [[10, 10], [11, 12]], [0, 2]],
    ['unknown ids are skipped', [[13, 19], [99, 99], [11, 11]], [1, 1]],
    ['none', [], []],
    ['a long interval over several segments', [[1, 40]], [0, 2, 5, 6, 9, 10]],
  ];
  for (const [name, intervals, runs] of cases) {
    it(name, () => {
      expect(rowRuns(intervals, index)).toEqual(runs);
    });
  }
});

describe('ganttData: which bars', () => {
  const resources = [
    { ids: '1-4', properties: { switch: 'sw1', network_address: 'node-1' } },
    { ids: '5-8', properties: { switch: 'sw1', network_address: 'node-2' } },
    { ids: '9-12', properties: { switch: 'sw2', network_address: 'node-3' } },
  ];
  const node = (count: number, property?: string) => [{ walltime: 3600, request: [{ levels: [{ level: 'network_address', count }], ...(property ? { property } : {}) }] }];
  const snapshot = snapshotOf({
    config: { jobSecurityTime: 60 },
    queues: [
      { name: 'admin', priority: 10 },
      { name: 'default', priority: 2 },
      { name: 'besteffort', priority: 0 },
    ],
    resources,
    jobs: [
      { id: 1, user: 'alice', state: 'Running', startTime: NOW - 600, resources: '1-4', suspendedDuration: 30, moldables: node(1) },
      { id: 2, user: 'bob', queue: 'admin', state: 'Waiting', reservation: 'Scheduled', startTime: NOW + 7200, resources: '9-12', moldables: node(1) },
      { id: 3, user: 'carol', queue: 'besteffort', types: { besteffort: '' }, state: 'Running', startTime: NOW - 60, resources: '5-8', moldables: node(1) },
      { id: 4, user: 'dave', state: 'Terminated', startTime: NOW - 9000, resources: '1-4', moldables: node(1) },
      { id: 10, user: 'erin', moldables: [...node(2), { walltime: 600, request: [{ levels: [{ level: 'resource_id', count: 2 }], property: "gpu = 'yes'" }] }] },
      { id: 11, user: 'frank', moldables: node(1) },
      { id: 12, user: 'gina', queue: 'admin', reservation: 'toSchedule', startTime: NOW + 3600, moldables: node(1) },
      { id: 13, user: 'carol', queue: 'besteffort', types: { besteffort: '' }, moldables: node(1) },
    ],
  });
  const decisions = new Map<number, Decision>([
    [10, placed(NOW + 3540, 660, '1-2 9-10', 1)],
    [11, refused('NO_WINDOW', 'no window')],
    [12, placed(NOW + 3600, 3660, '5-8')],
    [13, placed(NOW + 60, 3660, '1-4')],
  ]);
  const data = ganttData(snapshot, { decisions, warnings: ['w'] }, { title: 'T', source: 'scenario x.json' });
  const bar = (id: number) => data.bars.find((b) => b.id === id);

  it('one bar per job holding or planned to hold resources; finished and refused jobs have none', () => {
    expect(data.bars.map((b) => b.id)).toEqual([3, 13, 1, 12, 2, 10]);
    expect(data.unplanned).toEqual([{ id: 11, user: 'frank', queue: 'default', code: 'NO_WINDOW', message: 'no window' }]);
  });

  const cases: [number, Record<string, unknown>][] = [
    [1, { kind: 'running', besteffort: false, start: NOW - 600, end: NOW - 600 + 3600 + 60 + 30 - 1, rows: [0, 3], state: 'Running' }],
    [2, { kind: 'reservation', start: NOW + 7200, end: NOW + 7200 + 3660 - 1, rows: [8, 11], queue: 'admin' }],
    [3, { kind: 'running', besteffort: true, rows: [4, 7] }],
    [10, { kind: 'planned', start: NOW + 3540, end: NOW + 3540 + 659, rows: [0, 1, 8, 9], request: "/resource_id=2 {gpu = 'yes'}, 0:10:00", message: 'planned by this round (moldable 2 of 2)' }],
    [12, { kind: 'reservation', rows: [4, 7], message: 'new reservation, accepted by this round' }],
    [13, { kind: 'planned', besteffort: true }],
  ];
  for (const [id, expected] of cases) it(`job ${id}: ${JSON.stringify(expected)}`, () => expect(bar(id)).toMatchObject(expected));

  it('carries the queues in priority order, the time zone, now and the warnings', () => {
    expect(data.queues).toEqual(['admin', 'default', 'besteffort']);
    expect(data).toMatchObject({ title: 'T', source: 'scenario x.json', now: NOW, timezone: 'UTC', warnings: ['w'] });
    expect(data.switches.map((s) => s.name)).toEqual(['sw1', 'sw2']);
  });

  it('survives a JSON round trip (it is embedded in the page as JSON)', () => {
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});

describe('formatRequest and formatDuration', () => {
  it.each([
    [{ walltime: 3600, request: [{ levels: [{ level: 'switch', count: 1 }, { level: 'network_address', count: 2 }], property: '' }] }, '/switch=1/network_address=2, 1:00:00'],
    [
      { walltime: 90061, request: [{ levels: [{ level: 'cpu', count: 1 }], property: "gpu='yes'" }, { levels: [{ level: 'core', count: 'ALL' as const }], property: '' }] },
      "/cpu=1 {gpu='yes'} + /core=ALL, 25:01:01",
    ],
  ])('%j → %s', (moldable, text) => expect(formatRequest(moldable)).toBe(text));
  it('no moldable → empty', () => expect(formatRequest(undefined)).toBe(''));
  it.each([
    [0, '0:00:00'],
    [59, '0:00:59'],
    [3661, '1:01:01'],
  ])('%i s → %s', (s, text) => expect(formatDuration(s)).toBe(text));
});
