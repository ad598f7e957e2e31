import { PluginRegistry, runRound, type ExtraMetaschedContext } from '@oar-sched/core';
import { scenarioFromJson } from '@oar-sched/scenario';
import assignDefault from '@oar-sched/plugin-assign-default';
import findDefault from '@oar-sched/plugin-find-default';
import sortFifo from '@oar-sched/plugin-sort-fifo';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

function registry(lines: string[] = []): PluginRegistry {
  const r = new PluginRegistry({ info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`) });
  for (const builtIn of [findDefault, assignDefault, sortFifo]) r.use(builtIn, { source: 'built-in' });
  r.use(plugin, { source: 'dependency', packageName: '@oar-sched/example-extra-metasched' });
  return r;
}

const NOW = 1_700_000_000;

/** Harness §6.14: queue default (3), 5 resources with `deploy = 'NO'`, three one-resource jobs. */
function deployScenario(config: Record<string, unknown> = {}) {
  return scenarioFromJson({
    now: NOW,
    config: { jobSecurityTime: 60, ...config },
    queues: [{ name: 'default', priority: 3 }],
    resources: [{ ids: '1-5', properties: { network_address: 'localhost', deploy: 'NO' } }],
    jobs: [
      { id: 1, properties: "deploy='YES'", moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] },
      { id: 2, properties: "deploy='FOO'", moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] },
      { id: 3, properties: '', moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] },
    ],
  }).snapshot;
}

/** id → `start@resource ids`, or the reason code. */
async function outcomes(config: Record<string, unknown>, name: string | undefined): Promise<Record<number, string>> {
  const round = await runRound(deployScenario(config), registry(), name ? { extraMetasched: { name, config: '' } } : {});
  const out: Record<number, string> = {};
  for (const [id, d] of round.decisions) {
    out[id] = d.scheduled ? `${d.placement.start - NOW}@${round.platform.idsOf(d.placement.resources).toString()}` : d.reason.code;
  }
  return out;
}

describe('extraMetasched foo (harness §6.14)', () => {
  it('§6.14 marks resource 1 deployable before the group: jobs 1 and 3 start now, job 2 waits', async () => {
    expect(await outcomes({}, 'foo')).toEqual({ 1: '0@1', 2: 'CONSTRAINT_EMPTY', 3: '0@2' });
  });

  it('control: without the hook no resource is deployable', async () => {
    expect(await outcomes({}, undefined)).toEqual({ 1: 'CONSTRAINT_EMPTY', 2: 'CONSTRAINT_EMPTY', 3: '0@1' });
  });

  it('marks the lowest id whatever the resource order', async () => {
    expect(await outcomes({ resourceOrder: 'resource_id DESC' }, 'foo')).toEqual({ 1: '0@1', 2: 'CONSTRAINT_EMPTY', 3: '0@5' });
  });

  it('acts only before the first group of the round (prevQueues null)', async () => {
    const foo = registry().hooks.extraMetasched.get('foo')!;
    const calls: unknown[][] = [];
    const context = (prevQueues: string[] | null) =>
      ({
        prevQueues,
        queues: ['default'],
        platform: { resources: [{ id: 7 }, { id: 3 }, { id: 9 }] },
        setResourceProperty: (...args: unknown[]) => calls.push(args),
      }) as unknown as ExtraMetaschedContext;
    await foo.promise(context(['admin']));
    expect(calls).toEqual([]);
    await foo.promise(context(null));
    expect(calls).toEqual([[3, 'deploy', 'YES']]);
  });
});

describe('extraMetasched logger and default', () => {
  const twoGroups = () =>
    scenarioFromJson({
      now: NOW,
      queues: [
        { name: 'admin', priority: 10 },
        { name: 'default', priority: 3 },
      ],
      resources: [{ id: 1 }],
    }).snapshot;

  it('logger logs one line per queue group', async () => {
    const lines: string[] = [];
    await runRound(twoGroups(), registry(lines), { extraMetasched: { name: 'logger', config: '' } });
    expect(lines).toEqual([
      '[@oar-sched/example-extra-metasched] plugin successfully called (queues admin; previous none)',
      '[@oar-sched/example-extra-metasched] plugin successfully called (queues default; previous admin)',
    ]);
  });

  it('default logs the same line when called, but the scheduler treats the name default as "no hook"', async () => {
    const lines: string[] = [];
    const r = registry(lines);
    await runRound(twoGroups(), r, { extraMetasched: { name: 'default', config: '' } });
    expect(lines).toEqual([]);
    await r.hooks.extraMetasched.get('default')!.promise({ prevQueues: null, queues: ['q'] } as unknown as ExtraMetaschedContext);
    expect(lines).toEqual(['[@oar-sched/example-extra-metasched] plugin successfully called (queues q; previous none)']);
  });
});
