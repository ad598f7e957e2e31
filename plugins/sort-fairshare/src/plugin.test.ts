import { PluginRegistry, resolveSortingSettings, schedulerConfigSchema } from '@oar-sched/core';
import type { AccountingRecord, Job, SortContext } from '@oar-sched/core/plugin';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

const NOW = 10_000;

function sort(jobs: Job[], accounting: AccountingRecord[], fairshare: object, queues = ['default'], reportKarma?: SortContext['reportKarma']): number[] {
  const registry = new PluginRegistry({ info: () => {}, warn: () => {} });
  registry.use(plugin, { source: 'built-in' });
  const context: SortContext = {
    queues,
    now: NOW,
    jobs,
    config: '{}',
    settings: resolveSortingSettings(schedulerConfigSchema.parse({ sorting: { policy: 'FAIRSHARE', fairshare } }), registry),
    accounting,
    platform: undefined as never, // not read by FAIRSHARE
    reportKarma,
  };
  return registry.hooks.jobsSorting.get('FAIRSHARE')!.call(context)!.map((j) => j.id);
}

const job = (id: number, user: string, project = 'p') => ({ id, user, project, queue: 'default' }) as unknown as Job;
const used = (user: string, consumption: number, over: Partial<AccountingRecord> = {}): AccountingRecord => ({
  windowStart: NOW - 500,
  windowStop: NOW - 100,
  user,
  project: 'p',
  queue: 'default',
  consumptionType: 'USED',
  consumption,
  ...over,
});

describe('the FAIRSHARE plugin', () => {
  const jobs = [job(1, 'heavy'), job(2, 'light'), job(3, 'idle')];

  it('orders by increasing karma computed from ctx.accounting', () => {
    expect(sort(jobs, [used('heavy', 90), used('light', 10)], {})).toEqual([3, 2, 1]);
  });

  it('reports each job’s karma, the key it sorted by, for the job messages', () => {
    const reported = new Map<number, number>();
    expect(sort(jobs, [used('heavy', 90), used('light', 10)], {}, ['default'], (j, k) => reported.set(j.id, k))).toEqual([3, 2, 1]);
    // Default coefficients (user 1, user-asked 1, project 0), 100 s used in all, nothing asked: the user's share.
    expect([...reported]).toEqual([
      [1, 0.9],
      [2, 0.1],
      [3, 0],
    ]);
  });

  it('reads windowSize from sorting.fairshare', () => {
    // A window of 50 s ends before the records: every karma is equal, FIFO order stays.
    expect(sort(jobs, [used('heavy', 90), used('light', 10)], { windowSize: 50 })).toEqual([1, 2, 3]);
  });

  it('reads targets and coefficients from sorting.fairshare', () => {
    // heavy's target of 100 % makes its karma 0.9 - 1 (×2 coefficients) < light's and idle's.
    expect(sort(jobs, [used('heavy', 90), used('light', 10)], { userTargets: { heavy: 100 } })).toEqual([1, 3, 2]);
    const byProject = [job(1, 'a', 'big'), job(2, 'b', 'small')];
    const records = [used('a', 90, { project: 'big' }), used('b', 10, { project: 'small' })];
    expect(sort(byProject, records, { coefUser: 0, coefUserAsk: 0, coefProject: 1 })).toEqual([2, 1]);
    expect(sort(byProject, records, { coefUser: 0, coefUserAsk: 0, coefProject: 1, projectTargets: { big: 100 } })).toEqual([1, 2]);
  });

  it('only counts the records of the group’s queues', () => {
    const records = [used('heavy', 90, { queue: 'other' }), used('light', 10)];
    expect(sort(jobs, records, {})).toEqual([1, 3, 2]);
    expect(sort(jobs, records, {}, ['default', 'other'])).toEqual([3, 2, 1]);
  });
});
