/**
 * Observation hooks: roundStart → jobDecided (one per decided job) → roundDone, with read-only
 * data; whatever an observer does, the decisions are the same.
 */
import { definePlugin, type JobDecidedContext, type OarPlugin, type RoundResult, type RoundStartContext } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { BUILTIN_STAGE, PluginRegistry } from '../registry/plugin-registry.js';
import { runRound } from './run-round.js';
import { NOW, builtIns, quiet, registryWith, snapshot, waiting } from './test-kit.js';

const scenario = () =>
  snapshot({
    config: { maxJobsPerQueuesGroup: 2 },
    queues: [
      { name: 'admin', priority: 10, state: 'Active' },
      { name: 'default', priority: 3, state: 'Active' },
      { name: 'paused', priority: 1, state: 'notActive' },
    ],
    jobs: [
      waiting(1, 4, { queue: 'admin' }),
      waiting(2, 8),
      waiting(3, 1),
      waiting(4, 1),
      waiting(5, 1, { queue: 'paused' }),
      { ...waiting(6, 2), reservation: 'toSchedule', startTime: NOW + 500 },
      { ...waiting(7, 2), state: 'Running', startTime: NOW - 10, resources: [7, 8] },
    ],
  });

type Seen = ['roundStart', RoundStartContext] | ['jobDecided', JobDecidedContext] | ['roundDone', RoundResult];

function recorder(seen: Seen[]): OarPlugin {
  return definePlugin({
    name: 'recorder',
    setup(api) {
      api.onRoundStart((ctx) => void seen.push(['roundStart', ctx]));
      api.onJobDecided((ctx) => void seen.push(['jobDecided', ctx]));
      api.onRoundDone((result) => void seen.push(['roundDone', result]));
    },
  });
}

/** An observer that throws from every hook, tries to change what it sees, and returns junk. */
const vandal = definePlugin({
  name: 'vandal',
  setup(api) {
    api.onRoundStart((ctx) => {
      (ctx.counts as { waitingJobs: number }).waitingJobs = 0;
    });
    api.onJobDecided((ctx) => {
      (ctx.decision as { scheduled: boolean }).scheduled = !ctx.decision.scheduled;
    });
    api.onRoundDone((result) => {
      (result.decisions as Map<number, unknown>).clear();
      return 'ignored' as never;
    });
  },
});

const summary = (round: RoundResult) => JSON.stringify([...round.decisions]);

describe('observation hooks', () => {
  it('are called roundStart → jobDecided per decision → roundDone, with the round’s data', async () => {
    const seen: Seen[] = [];
    const round = await runRound(scenario(), registryWith(recorder(seen)), { extraMetasched: { name: 'default', config: '' } });
    expect(seen.map(([kind, data]) => (kind === 'jobDecided' ? `${kind} ${data.job.id}` : kind))).toEqual([
      'roundStart',
      'jobDecided 1',
      'jobDecided 2',
      'jobDecided 3',
      'jobDecided 4', // group limit 2: reported after the kept jobs
      'jobDecided 6', // the reservation, after its queue's waiting jobs
      'jobDecided 5', // its queue is not active
      'roundDone',
    ]);
    expect(seen[0]![1]).toEqual({
      now: NOW,
      config: {
        jobSecurityTime: 0,
        resourceOrder: 'resource_id ASC',
        hierarchyLabels: ['resource_id', 'network_address'],
        sortingPolicy: 'FIFO',
        maxJobsPerQueuesGroup: 2,
        cacheEnabled: true,
        quotasEnabled: false,
        extraMetasched: null,
      },
      counts: { resources: 8, usableResources: 8, queues: 3, activeQueues: 2, waitingJobs: 5, reservations: 1, preoccupyingJobs: 1 },
    });
    const decided = new Map(seen.flatMap(([kind, data]) => (kind === 'jobDecided' ? [[data.job.id, data] as const] : [])));
    for (const [id, ctx] of decided) expect(ctx.decision).toBe(round.decisions.get(id));
    expect(decided.get(1)!.queues).toEqual(['admin']);
    expect(decided.get(4)!).toMatchObject({ now: NOW, queues: ['default'], decision: { scheduled: false, reason: { code: 'GROUP_LIMIT' } } });
    expect(decided.get(5)!.queues).toEqual([]);
    expect(decided.get(5)!.job.record.queue).toBe('paused');
    expect(seen.at(-1)![1]).toBe(round);
  });

  it('a throwing observer changes no decision, does not stop the other observers, and leaves a warning naming it', async () => {
    const plain = await runRound(scenario(), registryWith());
    const seen: Seen[] = [];
    const observed = await runRound(scenario(), registryWith(vandal, recorder(seen)));
    expect(summary(observed)).toBe(summary(plain));
    expect(seen.filter(([kind]) => kind === 'jobDecided')).toHaveLength(6);
    expect(seen.map(([kind]) => kind).at(-1)).toBe('roundDone');
    expect(observed.warnings[0]).toMatch(/^roundStart observer of plugin "vandal" \(@acme\/vandal\) failed: Cannot assign to read only property 'waitingJobs'/);
    expect(observed.warnings.filter((w) => w.startsWith('jobDecided observer of plugin "vandal" (@acme/vandal) failed: '))).toHaveLength(6);
    expect(observed.warnings.at(-1)).toBe('roundDone observer of plugin "vandal" (@acme/vandal) failed: a round result is read-only');
    // roundDone observers saw the result before their own failures were added
    expect((seen.at(-1)![1] as RoundResult).warnings).toHaveLength(7);
    expect(observed.warnings).toHaveLength(8);
  });

  it('a promise an observer returns and that rejects goes to the logger, not to an unhandled rejection', async () => {
    const lines: string[] = [];
    const registry = new PluginRegistry({ info: () => {}, warn: (m) => void lines.push(m) });
    registry.use(builtIns, { source: 'built-in' });
    registry.use(
      definePlugin({ name: 'uploader', setup: (api) => api.onRoundDone((async () => Promise.reject(new Error('HTTP 503'))) as never) }),
      { source: 'config' },
    );
    const round = await runRound(scenario(), registry);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(round.warnings).toEqual([]);
    expect(lines).toEqual(['roundDone observer of plugin "uploader" failed after it returned: HTTP 503']);
  });
});

describe('registering observers', () => {
  it('lists them apart from the names a plugin provides', () => {
    const registry = new PluginRegistry(quiet);
    const registered = registry.use(recorder([]), { source: 'config' });
    expect(registered.observes).toEqual(['roundStart', 'jobDecided', 'roundDone']);
    expect(registered.provides).toEqual({ jobsSorting: [], assign: [], find: [], extraMetasched: [] });
    expect(registry.hooks.roundDone.isUsed()).toBe(true);
    expect(new PluginRegistry(quiet).hooks.jobDecided.isUsed()).toBe(false);
  });

  it('keeps the stage rule: no plugin but a built-in may tap at the built-in stage', () => {
    const registry = new PluginRegistry(quiet);
    expect(() => registry.use(definePlugin({ name: 'late', setup: (api) => api.onRoundDone(() => {}, { stage: BUILTIN_STAGE }) }), { source: 'config' })).toThrow(
      /stages from 1000 up are reserved/,
    );
  });
});
