import { describe, expect, it } from 'vitest';
import { platformFromJson } from './platform.js';

describe('platformFromJson', () => {
  it('nodes × coresPerNode: resources from id 1, one network_address per node; no job security time by default', () => {
    const p = platformFromJson({ nodes: 2, coresPerNode: 3 }, 'p.json', [], undefined);
    expect(p.resources.map((r) => [r.id, r.properties['network_address']])).toEqual([
      [1, 'node-1'], [2, 'node-1'], [3, 'node-1'], [4, 'node-2'], [5, 'node-2'], [6, 'node-2'],
    ]);
    expect(p.config.jobSecurityTime).toBe(0);
  });

  it('without queues: SWF queue N is qN, -1 is default, all of priority 3', () => {
    const p = platformFromJson({ nodes: 1 }, 'p.json', [2, -1, 1, 2], undefined);
    expect(p.queues.map((q) => [q.name, q.priority])).toEqual([['default', 3], ['q1', 3], ['q2', 3]]);
    expect([2, -1, 1].map(p.queueOf)).toEqual(['q2', 'default', 'q1']);
  });

  it('with queues: each takes its swf numbers, the rest go to the first', () => {
    const p = platformFromJson({ nodes: 1, queues: [{ name: 'long', priority: 1 }, { name: 'short', priority: 5, swf: [2, 3] }] }, 'p.json', [1, 2, 3], undefined);
    expect(p.queues.map((q) => q.name)).toEqual(['long', 'short']);
    expect([1, 2, 3, -1].map(p.queueOf)).toEqual(['long', 'short', 'short', 'long']);
  });

  it('the platform config wins over the config file, which wins over the simulator default', () => {
    expect(platformFromJson({ nodes: 1 }, 'p.json', [], { jobSecurityTime: 30 }).config.jobSecurityTime).toBe(30);
    expect(platformFromJson({ nodes: 1, config: { jobSecurityTime: 5 } }, 'p.json', [], { jobSecurityTime: 30 }).config.jobSecurityTime).toBe(5);
  });

  it.each([
    [[], 'p.json: must be a JSON object'],
    [{}, 'give the cluster'],
    [{ nodes: 0 }, 'nodes: a positive integer, got 0'],
    [{ nodes: 1, coresPerNode: 1.5 }, 'coresPerNode: a positive integer'],
    [{ coresPerNode: 2 }, '"coresPerNode" needs "nodes"'],
    [{ nodes: 1, resources: [{ id: 1 }] }, 'not both'],
    [{ nodes: 1, gpus: 2 }, 'unknown key(s) gpus'],
    [{ nodes: 1, queues: [] }, 'queues: a non-empty array'],
    [{ nodes: 1, queues: [{ name: 'a', swf: ['x'] }] }, 'queues[0].swf'],
    [{ resources: [{ id: 1, colour: 'red' }] }, 'p.json'],
  ])('%j → %s', (doc, message) => {
    expect(() => platformFromJson(doc, 'p.json', [], undefined)).toThrow(message);
  });
});
