/**
 * Structured reasons from a whole round: every unscheduled job gets `{ code, kind, message }`,
 * with `details` where the core knows more than the sentence says.
 */
import { definePlugin, type Reason } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { runRound } from './run-round.js';
import { registryWith, snapshot, waiting } from './test-kit.js';

async function reasons(...args: Parameters<typeof snapshot>): Promise<Record<number, Reason | 'scheduled'>> {
  const round = await runRound(snapshot(...args), registryWith());
  const out: Record<number, Reason | 'scheduled'> = {};
  for (const [id, d] of round.decisions) out[id] = d.scheduled ? 'scheduled' : d.reason;
  return out;
}

describe('reason kinds and details from the round', () => {
  it('a dependency still waiting can be met later; one that terminated with an error never', async () => {
    const out = await reasons({
      jobs: [
        waiting(1, 1, { dependencies: [7] }),
        waiting(2, 1, { dependencies: [8] }),
        waiting(7, 1, { queue: 'later' }),
        { ...waiting(8, 1), state: 'Terminated', exitCode: 3 },
      ],
      queues: [
        { name: 'default', priority: 3, state: 'Active' },
        { name: 'later', priority: 1, state: 'Active' },
      ],
    });
    expect(out[1]).toEqual({
      code: 'DEPENDENCY',
      kind: 'unschedulable',
      message: 'waiting for job 7, which is not planned yet',
      details: { dependency: 7 },
    });
    expect(out[2]).toEqual({
      code: 'DEPENDENCY',
      kind: 'unresolvable',
      message: 'depends on job 8, terminated with exit code 3',
      details: { dependency: 8 },
    });
  });

  it('an inactive queue may come back; a queue the snapshot does not declare cannot run anything', async () => {
    const out = await reasons({
      jobs: [waiting(1, 1, { queue: 'paused' }), waiting(2, 1, { queue: 'ghost' })],
      queues: [{ name: 'paused', priority: 3, state: 'notActive' }],
    });
    expect(out[1]).toEqual({ code: 'QUEUE_NOT_SCHEDULED', kind: 'unschedulable', message: 'queue "paused" is not active', details: { queue: 'paused' } });
    expect(out[2]).toEqual({ code: 'QUEUE_NOT_SCHEDULED', kind: 'unresolvable', message: 'queue "ghost" is not declared', details: { queue: 'ghost' } });
  });

  it('a job with no resource request (no moldable, or a moldable without parts or levels) is REQUEST_INVALID, not a plugin crash', async () => {
    const out = await reasons({
      jobs: [
        { ...waiting(1, 1), moldables: [] },
        { ...waiting(2, 1), moldables: [{ walltime: 60, request: [] }] },
        { ...waiting(3, 1), moldables: [{ walltime: 60, request: [{ levels: [], property: '' }] }] },
        waiting(4, 1),
      ],
    });
    expect(out[1]).toMatchObject({ code: 'REQUEST_INVALID', message: 'no resource request: the job has no moldable with resource groups and levels' });
    expect(out[2]).toMatchObject({ code: 'REQUEST_INVALID', message: 'no resource request: a moldable has no resource group or level' });
    expect(out[3]).toMatchObject({ code: 'REQUEST_INVALID' });
    expect(out[4]).toBe('scheduled');
  });

  it('a request that can never be met says which part or level', async () => {
    const out = await reasons({
      jobs: [
        waiting(1, 1, { property: "network_address = 'nowhere'" }),
        { ...waiting(2, 1), moldables: [{ walltime: 60, request: [{ levels: [{ level: 'rack', count: 1 }], property: '' }] }] },
        waiting(3, 9),
      ],
    });
    expect(out[1]).toEqual({ code: 'CONSTRAINT_EMPTY', kind: 'unresolvable', message: 'the property filter matched no usable resource', details: { part: 0 } });
    expect(out[2]).toMatchObject({ code: 'UNKNOWN_LEVEL', kind: 'unresolvable', details: { level: 'rack' } });
    expect(out[3]).toMatchObject({ code: 'REQUEST_UNSATISFIABLE', kind: 'unresolvable' });
  });

  it('a quota names its rule in details', async () => {
    const out = await reasons({
      config: { quotas: { enabled: true, rules: { quotas: { '*,*,*,/': [4, -1, -1] } } } },
      jobs: [waiting(1, 4), waiting(2, 2, { walltimes: [60] })],
    });
    expect(out[1]).toBe('scheduled');
    expect(out[2]).toBe('scheduled'); // after job 1: the quota delays it, it does not refuse it
    const refused = await reasons({
      config: { quotas: { enabled: true, rules: { quotas: { '*,*,*,/': [1, -1, -1] } } } },
      jobs: [waiting(1, 2)],
    });
    expect(refused[1]).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      kind: 'unschedulable',
      details: { rule: { key: '*,*,*,/', ruleSet: null, limit: 'resources', max: 1, count: 2 } },
    });
  });

  it('the group limit says the limit', async () => {
    const out = await reasons({ config: { maxJobsPerQueuesGroup: 1 }, jobs: [waiting(1, 1), waiting(2, 1)] });
    expect(out[2]).toEqual({ code: 'GROUP_LIMIT', kind: 'unschedulable', message: 'only the first 1 jobs of the queue group are considered per round', details: { limit: 1 } });
  });
});

describe('reasons from plugins', () => {
  it('a v1 assign returning { code, message } gets the kind of its code', async () => {
    const refuse = definePlugin({
      name: 'refuse',
      setup: (api) => api.assign('refuse', () => ({ placed: false, reason: { code: 'REQUEST_INVALID', message: 'not today' } })),
    });
    const round = await runRound(snapshot({ jobs: [waiting(1, 1, { types: { assign: 'refuse' } })] }), registryWith(refuse));
    expect(round.decisions.get(1)).toEqual({ scheduled: false, reason: { code: 'REQUEST_INVALID', kind: 'error', message: 'not today' } });
  });

  it('an assign name whose every tap declines is an error, not a wait', async () => {
    const decline = definePlugin({ name: 'decline', setup: (api) => api.assign('maybe', () => undefined) });
    const round = await runRound(snapshot({ jobs: [waiting(1, 1, { types: { assign: 'maybe' } })] }), registryWith(decline));
    expect(round.decisions.get(1)).toEqual({
      scheduled: false,
      reason: { code: 'PLUGIN_DECLINED', kind: 'error', message: 'every assign plugin named "maybe" declined the job' },
    });
  });
});
