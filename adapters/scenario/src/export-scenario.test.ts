import { describe, expect, it } from 'vitest';
import { snapshotToScenario } from './export-scenario.js';
import { scenarioFromJson } from './load-scenario.js';

const SCENARIO = {
  now: 100,
  config: { hierarchyLabels: ['resource_id', 'network_address'] },
  resources: [
    { ids: '1-2', properties: { network_address: 'n1', cpu: 1 } },
    { ids: '3-4', properties: { network_address: 'n2', cpu: 2 } },
    { id: 5, state: 'Absent', properties: { network_address: 'n3', cpu: 2 } },
  ],
  jobs: [
    { id: 1, state: 'Running', startTime: 50, resources: '1-2', moldables: [{ walltime: 100, request: [{ levels: [{ level: 'network_address', count: 1 }] }] }] },
    {
      id: 7,
      user: 'u',
      types: { timesharing: 'user,*', besteffort: '' },
      properties: "network_address = 'n1' OR network_address = 'n2'",
      dependencies: [1],
      moldables: [
        { walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 1 }], property: 'cpu = 2' }, { levels: [{ level: 'resource_id', count: 'ALL' }] }] },
      ],
    },
  ],
};

describe('snapshotToScenario', () => {
  const loaded = scenarioFromJson(SCENARIO, 'test.json');
  const doc = snapshotToScenario(loaded.snapshot);

  it('writes each non-empty filter fragment in parentheses, as a database round joins them', () => {
    const job = doc.jobs.find((j) => j.id === 7) as { properties: string; moldables: { request: { property?: string }[] }[] };
    expect(job.properties).toBe("(network_address = 'n1' OR network_address = 'n2')");
    expect(job.moldables[0]!.request.map((p) => p.property)).toEqual(['(cpu = 2)', undefined]);
  });

  it('groups consecutive identical resources and loads back to the same snapshot', () => {
    expect(doc.resources).toEqual([
      { ids: '1-2', properties: { network_address: 'n1', cpu: 1 } },
      { ids: '3-4', properties: { network_address: 'n2', cpu: 2 } },
      { id: 5, state: 'Absent', properties: { network_address: 'n3', cpu: 2 } },
    ]);
    const again = scenarioFromJson(JSON.parse(JSON.stringify(doc)), 'export.json').snapshot;
    expect(again.resources).toEqual(loaded.snapshot.resources);
    expect(again.queues).toEqual(loaded.snapshot.queues);
    expect(again.config).toEqual(loaded.snapshot.config);
    expect(again.now).toBe(100);
    const strip = (j: (typeof again.jobs)[number]) => ({ ...j, properties: '', moldables: j.moldables.map((m) => ({ ...m, request: m.request.map((p) => ({ ...p, property: '' })) })) });
    expect(again.jobs.map(strip)).toEqual(loaded.snapshot.jobs.map(strip));
  });
});
