import { PluginRegistry } from '@oar-sched/core';
import { scenarioFromJson, scheduleScenario } from '@oar-sched/scenario';
import assignDefault from '@oar-sched/plugin-assign-default';
import findDefault from '@oar-sched/plugin-find-default';
import sortFifo from '@oar-sched/plugin-sort-fifo';
import { describe, expect, it } from 'vitest';
import plugin from './plugin.js';
import { parseNumber, parseSettings, waitingBonus } from './simple-priority.js';

function registry(warnings: string[] = []): PluginRegistry {
  const r = new PluginRegistry({ info: () => {}, warn: (m) => warnings.push(m) });
  for (const builtIn of [findDefault, assignDefault, sortFifo]) r.use(builtIn, { source: 'built-in' });
  r.use(plugin, { source: 'dependency', packageName: '@oar-sched/example-sort-simple-priority' });
  return r;
}

const NOW = 1_700_000_000;

/**
 * One resource, jobs of 60 s without security time: they run one after the other, so the start
 * times give the order. `jobs` = [types, submissionTime] per job, ids from 1.
 */
function queueOf(config: string, jobs: [Record<string, string>, number?][]) {
  return scenarioFromJson({
    now: NOW,
    config: { jobSecurityTime: 0, sorting: { policy: 'CUSTOM', custom: { name: 'simple_priority', config } } },
    resources: [{ id: 1 }],
    jobs: jobs.map(([types, submissionTime = NOW], i) => ({
      id: i + 1,
      types,
      submissionTime,
      moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }],
    })),
  });
}

/** Job ids in start order. */
async function order(config: string, jobs: [Record<string, string>, number?][], warnings?: string[]): Promise<number[]> {
  const { result } = await scheduleScenario(queueOf(config, jobs), registry(warnings));
  return Object.entries(result.jobs)
    .map(([id, outcome]) => {
      if (!outcome.scheduled) throw new Error(`job ${id} not scheduled: ${outcome.reason}`);
      return [Number(id), outcome.startTime] as const;
    })
    .sort((a, b) => a[1] - b[1])
    .map(([id]) => id);
}

describe('parseNumber / parseSettings / waitingBonus', () => {
  it.each([
    ['0.5', 0.5],
    [' -2 ', -2],
    ['1e3', 1000],
    ['.5', 0.5],
    ['', undefined],
    ['high', undefined],
    ['0x10', undefined],
    ['Infinity', undefined],
  ])('parseNumber(%j) → %s', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each([
    ['{}', 0],
    ['{"WAITING_TIME_WEIGHT": 0.5}', 0.5],
    ['{"WAITING_TIME_WEIGHT": "2"}', 2],
    ['{"OTHER": 1}', 0],
  ])('parseSettings(%s) → weight %s', (config, weight) => {
    expect(parseSettings(config)).toEqual({ waitingTimeWeight: weight });
  });

  it.each([
    ['', 'not JSON'],
    ['[1]', 'must be a JSON object'],
    ['{"WAITING_TIME_WEIGHT": "heavy"}', 'finite number'],
    ['{"WAITING_TIME_WEIGHT": null}', 'finite number'],
  ])('parseSettings(%j) throws (%s)', (config, message) => {
    expect(() => parseSettings(config)).toThrow(message);
  });

  it.each([
    [0, 1000, 0, 0],
    [2, 1000, 500, 1],
    [2, 0, 0, 0],
    [1, 1000, 1000, 0],
  ])('waitingBonus(weight %s, now %s, submitted %s) = %s', (weight, now, submitted, bonus) => {
    expect(waitingBonus(weight, now, submitted)).toBe(bonus);
  });
});

describe('jobsSorting simple_priority', () => {
  it('§6.1 ten jobs of priorities 0.0 … 0.9 start in decreasing priority, 120 s apart', async () => {
    const scenario = scenarioFromJson({
      now: NOW,
      config: {
        jobSecurityTime: 60,
        hierarchyLabels: ['resource_id', 'network_address'],
        sorting: { policy: 'CUSTOM', custom: { name: 'simple_priority', config: '{}' } },
      },
      resources: [{ ids: '1-5', properties: { network_address: 'localhost' } }],
      jobs: Array.from({ length: 10 }, (_, k) => ({
        id: k + 1,
        submissionTime: NOW,
        types: { priority: (k / 10).toFixed(1) },
        moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 4 }] }] }],
      })),
      expect: {
        jobs: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [String(k + 1), { startTime: NOW + 120 * (9 - k), resources: '1-4' }])),
      },
    });
    const { mismatches } = await scheduleScenario(scenario, registry(), { check: true });
    expect(mismatches).toEqual([]);
  });

  it('keeps FIFO order between equal priorities', async () => {
    expect(await order('{}', [[{ priority: '1' }], [{ priority: '2' }], [{ priority: '1' }], [{ priority: '2' }]])).toEqual([2, 4, 1, 3]);
  });

  it('gives a job without a priority type priority 0', async () => {
    expect(await order('{}', [[{ priority: '-1' }], [{}], [{ priority: '1' }]])).toEqual([3, 2, 1]);
  });

  it('gives an unparsable priority 0, with a warning naming the job', async () => {
    const warnings: string[] = [];
    expect(await order('{}', [[{ priority: '-1' }], [{ priority: 'high' }], [{ priority: '1' }]], warnings)).toEqual([3, 2, 1]);
    expect(warnings).toEqual([expect.stringContaining('job 2: priority "high" is not a number')]);
  });

  it('adds the waiting-time term weighted by WAITING_TIME_WEIGHT from the JSON config', async () => {
    // Job 1: priority 0, waited NOW s → bonus = weight. Job 2: priority 0.5, just submitted.
    const jobs: [Record<string, string>, number][] = [
      [{ priority: '0' }, 0],
      [{ priority: '0.5' }, NOW],
    ];
    expect(await order('{}', jobs)).toEqual([2, 1]);
    expect(await order('{"WAITING_TIME_WEIGHT": 1}', jobs)).toEqual([1, 2]);
    expect(await order('{"WAITING_TIME_WEIGHT": "0.4"}', jobs)).toEqual([2, 1]);
  });

  it('leaves the group unscheduled with the reason when the config is not a JSON object', async () => {
    const { result } = await scheduleScenario(queueOf('{weight: 1}', [[{}], [{}]]), registry());
    for (const id of ['1', '2']) {
      expect(result.jobs[id]).toMatchObject({ scheduled: false, reasonCode: 'PLUGIN_ERROR' });
      expect(result.jobs[id]).toHaveProperty('reason', expect.stringContaining('simple_priority: the sorting config is not JSON'));
    }
  });
});
