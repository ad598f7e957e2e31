import { PluginRegistry, resolveSortingSettings, schedulerConfigSchema } from '@oar-sched/core';
import type { AccountingRecord, Job, SortContext } from '@oar-sched/core/plugin';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';

const NOW = 100_000;

interface JobFields {
  user?: string;
  queue?: string;
  submissionTime?: number;
  qos?: number;
  nice?: number;
}

/** A job as the core builds it: identity on the job, submission time, qos and nice on its record. */
function job(id: number, f: JobFields = {}): Job {
  return {
    id,
    user: f.user ?? 'u',
    project: 'p',
    queue: f.queue ?? 'default',
    record: { submissionTime: f.submissionTime ?? NOW, qos: f.qos ?? 0, nice: f.nice ?? 1 },
  } as unknown as Job;
}

function sort(jobs: Job[], sorting: object, accounting: AccountingRecord[] = []): number[] {
  const registry = new PluginRegistry({ info: () => {}, warn: () => {} });
  registry.use(plugin, { source: 'built-in' });
  const context: SortContext = {
    queues: ['default', 'fast'],
    now: NOW,
    jobs,
    config: '{}',
    settings: resolveSortingSettings(schedulerConfigSchema.parse({ sorting: { policy: 'MULTIFACTOR', ...sorting } }), registry),
    accounting,
    platform: undefined as never, // not read by MULTIFACTOR
  };
  const sorted = registry.hooks.jobsSorting.get('MULTIFACTOR')!.call(context)!;
  for (const j of sorted) expect(jobs).toContain(j); // the core's job objects, not copies
  return sorted.map((j) => j.id);
}

describe('the MULTIFACTOR plugin reads each factor from the job and sorting.multifactor', () => {
  it.each<[string, JobFields[], object, number[]]>([
    ['no weight: FIFO order', [{ qos: 5 }, { nice: 9 }], {}, [1, 2]],
    ['age (record.submissionTime)', [{ submissionTime: NOW - 10 }, { submissionTime: NOW - 5000 }], { ageWeight: 1, ageCoef: 0.01 }, [2, 1]],
    ['queue coefficients', [{ queue: 'default' }, { queue: 'fast' }], { queueWeight: 1, queueCoefs: { fast: 10 } }, [2, 1]],
    ['qos (record.qos)', [{ qos: 0.1 }, { qos: 0.9 }], { qosWeight: 1 }, [2, 1]],
    ['nice (record.nice)', [{ nice: 1 }, { nice: 5 }], { niceWeight: 1 }, [2, 1]],
  ])('%s', (_what, fields, multifactor, expected) => {
    expect(sort(fields.map((f, i) => job(i + 1, f)), { multifactor })).toEqual(expected);
  });

  it('karma from ctx.accounting with sorting.fairshare', () => {
    const record = (user: string, consumption: number): AccountingRecord => ({
      windowStart: NOW - 500,
      windowStop: NOW - 100,
      user,
      project: 'p',
      queue: 'default',
      consumptionType: 'USED',
      consumption,
    });
    const jobs = [job(1, { user: 'heavy' }), job(2, { user: 'light' })];
    const accounting = [record('heavy', 90), record('light', 10)];
    expect(sort(jobs, { multifactor: { karmaWeight: 1 } }, accounting)).toEqual([2, 1]);
    // A window that misses the records: equal karma, FIFO order.
    expect(sort(jobs, { multifactor: { karmaWeight: 1 }, fairshare: { windowSize: 50 } }, accounting)).toEqual([1, 2]);
  });
});

describe('sorting.multifactor is validated by the schema this plugin declares', () => {
  it.each([
    [{ multifactor: { workWeight: 1 } }, 'workWeight must be 0'],
    [{ multifactor: { sizeWeight: 2 } }, 'sizeWeight must be 0'],
    [{ multifactor: { ageWeigth: 1 } }, 'config.sorting.multifactor.ageWeigth'],
    [{ fairshare: { windowSize: -5 } }, 'config.sorting.fairshare.windowSize'],
  ])('refuses %j', (sorting, fragment) => {
    const registry = new PluginRegistry({ info: () => {}, warn: () => {} });
    registry.use(plugin, { source: 'built-in' });
    expect(() => resolveSortingSettings(schedulerConfigSchema.parse({ sorting: { policy: 'MULTIFACTOR', ...sorting } }), registry)).toThrow(fragment);
  });
});
