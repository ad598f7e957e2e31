import { closeAllHarnesses, createHarness, harnessDatabases, ids } from '@oar-sched/harness';
import { afterEach, describe, expect, it } from 'vitest';
import { parseNumber, parseSettings, waitingBonus } from './simple-priority.js';

const NOW = 1_700_000_000;

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

afterEach(closeAllHarnesses);

for (const target of await harnessDatabases()) {
  describe.skipIf(!target.available)(`jobsSorting simple_priority on ${target.label}`, () => {
    /** The policy with this config string; the harness's security time (60 s) unless `securityTime` is given. */
    const harness = (config = '{}', securityTime?: number) =>
      createHarness({
        db: target.url,
        plugins: import.meta.url,
        now: NOW,
        config: { sorting: { policy: 'CUSTOM', custom: { name: 'simple_priority', config } }, ...(securityTime === undefined ? {} : { jobSecurityTime: securityTime }) },
      });

    /**
     * One resource, jobs of 60 s without security time: they run one after the other, so the
     * start times give the order. `jobs` = [priority type or none, submission time] per job.
     */
    async function order(config: string, jobs: [string | undefined, number?][], log?: string[]): Promise<number[]> {
      const h = await harness(config, 0);
      await h.cluster({ nodes: 1 });
      const submitted: number[] = [];
      for (const [priority, submissionTime = NOW] of jobs) submitted.push(await h.submit({ t: priority === undefined ? [] : [`priority=${priority}`], submissionTime, l: '/resource_id=1,walltime=0:1:0' }));
      const r = await h.round();
      log?.push(...h.log);
      for (const id of submitted) if (r.plan[id] === undefined) throw new Error(`job ${id} not planned: ${r.explain(id)?.message}`);
      return [...submitted].sort((a, b) => r.plan[a]!.start - r.plan[b]!.start);
    }

    // Ports §6.1 test_db_job_sorting_simple_priority_no_waiting_time: a full round here (OAR's standalone
    // cycle planned only); job 10 is launched, the others planned 120 s apart (60 s + 60 s security time).
    it('§6.1 ten jobs of priorities 0.0 … 0.9 start in decreasing priority, 120 s apart', async () => {
      const h = await harness();
      await h.resources(Array.from({ length: 5 }, () => ({ network_address: 'localhost' })));
      const jobs: number[] = [];
      for (let k = 0; k < 10; k++) jobs.push(await h.submit(`-l /resource_id=4,walltime=0:1:0 -t priority=${(k / 10).toFixed(1)}`));
      const r = await h.round();
      jobs.forEach((id, k) => expect(r.plan[id]).toMatchObject({ start: NOW + 120 * (9 - k), resources: ids('1-4') }));
      expect(r.launched).toEqual([jobs[9]]);
      const byStart = [...jobs].sort((a, b) => r.plan[a]!.start - r.plan[b]!.start);
      expect(byStart).toEqual([...jobs].reverse());
    });

    it('keeps FIFO order between equal priorities', async () => {
      expect(await order('{}', [['1'], ['2'], ['1'], ['2']])).toEqual([2, 4, 1, 3]);
    });

    it('gives a job without a priority type priority 0', async () => {
      expect(await order('{}', [['-1'], [undefined], ['1']])).toEqual([3, 2, 1]);
    });

    it('gives an unparsable priority 0, with a warning naming the job', async () => {
      const log: string[] = [];
      expect(await order('{}', [['-1'], ['high'], ['1']], log)).toEqual([3, 2, 1]);
      expect(log).toEqual([expect.stringMatching(/^warn: .*job 2: priority "high" is not a number/)]);
    });

    it('adds the waiting-time term weighted by WAITING_TIME_WEIGHT from the JSON config', async () => {
      // Job 1: priority 0, waited NOW s → bonus = weight. Job 2: priority 0.5, just submitted.
      const jobs: [string, number][] = [
        ['0', 0],
        ['0.5', NOW],
      ];
      expect(await order('{}', jobs)).toEqual([2, 1]);
      expect(await order('{"WAITING_TIME_WEIGHT": 1}', jobs)).toEqual([1, 2]);
      expect(await order('{"WAITING_TIME_WEIGHT": "0.4"}', jobs)).toEqual([2, 1]);
    });

    it('leaves the group unscheduled with the reason when the config is not a JSON object', async () => {
      const h = await harness('{weight: 1}');
      await h.cluster({ nodes: 1 });
      const jobs = [await h.submit(''), await h.submit('')];
      const r = await h.round();
      for (const id of jobs) {
        expect(r.states[id]).toBe('Waiting');
        expect(r.explain(id)).toMatchObject({ code: 'PLUGIN_ERROR', message: expect.stringContaining('simple_priority: the sorting config is not JSON') });
      }
    });
  });
}
