/**
 * Quotas inside a whole round (core §15–16), with the built-in plugins: what is counted, what is
 * checked, and the reasons a held-back job gets.
 */
import { runRound } from '@oar-sched/core';
import { scenarioFromJson, scheduleScenario, type ScenarioResult } from '@oar-sched/scenario';
import { createSchedulerSetup } from 'oar-sched';
import { describe, expect, it } from 'vitest';

const NOW = 1704067200; // Monday 2024-01-01 00:00 UTC

/** A job needing `count` resources for `walltime` seconds. */
function job(id: number, count: number, extra: object = {}, walltime = 100) {
  return { id, user: 'toto', moldables: [{ walltime, request: [{ levels: [{ level: 'resource_id', count }] }] }], ...extra };
}

async function schedule(scenario: object): Promise<ScenarioResult['jobs']> {
  const setup = await createSchedulerSetup();
  const doc = { now: NOW, resources: [{ ids: '1-8' }], ...scenario };
  return (await scheduleScenario(scenarioFromJson(doc), setup.registry, setup.roundOptions)).result.jobs;
}

const perUser = (maxResources: number) => ({ jobSecurityTime: 0, quotas: { enabled: true, rules: { quotas: { '*,*,*,/': [maxResources, -1, -1] } } } });

describe('quotas in a round', () => {
  it('a no_quotas job is not checked but is counted (OAR3, divergence #13)', async () => {
    const jobs = await schedule({ config: perUser(4), jobs: [job(1, 6, { types: { no_quotas: '' } }), job(2, 1)] });
    expect(jobs['1']).toMatchObject({ scheduled: true, startTime: NOW });
    expect(jobs['2']).toMatchObject({ scheduled: true, startTime: NOW + 100 });
  });

  it('running jobs are counted', async () => {
    const running = { state: 'Running', startTime: NOW - 50, resources: '1-4' };
    const jobs = await schedule({ config: perUser(4), jobs: [job(1, 4, running), job(2, 1)] });
    expect(jobs['2']).toMatchObject({ scheduled: true, startTime: NOW + 50 });
  });

  it('only resources of type default are counted', async () => {
    const jobs = await schedule({
      config: perUser(2),
      resources: [{ ids: '1-4' }, { ids: '5-8', type: 'gpu' }],
      jobs: [job(1, 4, { properties: "type = 'gpu'" }), job(2, 2)],
    });
    expect(jobs['1']).toMatchObject({ scheduled: true, startTime: NOW });
    expect(jobs['2']).toMatchObject({ scheduled: true, startTime: NOW });
  });

  it('a container is checked but not counted; inner jobs count in their container\'s slot set', async () => {
    const jobs = await schedule({
      config: perUser(4),
      jobs: [
        job(1, 4, { types: { container: 'box' } }, 1000),
        job(2, 4, { types: { inner: 'box' } }),
        job(3, 1, { types: { inner: 'box' } }),
        job(4, 4),
      ],
    });
    expect(jobs['1']).toMatchObject({ scheduled: true, startTime: NOW });
    expect(jobs['2']).toMatchObject({ scheduled: true, startTime: NOW });
    expect(jobs['3']).toMatchObject({ scheduled: true, startTime: NOW + 100 });
    expect(jobs['4']).toMatchObject({ scheduled: true, startTime: NOW });
    const tooBig = await schedule({ config: perUser(4), jobs: [job(1, 5, { types: { container: '' } })] });
    expect(tooBig['1']).toMatchObject({ scheduled: false, reasonCode: 'QUOTA_EXCEEDED' });
  });

  it('a job held back by a quota names the rule and the limit', async () => {
    const config = { jobSecurityTime: 0, quotas: { enabled: true, rules: { quotas: { '*,*,*,/': [-1, 1, -1], '*,*,*,john': [3, -1, -1] } } } };
    const jobs = await schedule({ config, jobs: [job(1, 1), job(2, 8, { user: 'john' })] });
    expect(jobs['2']).toEqual({
      scheduled: false,
      reasonCode: 'QUOTA_EXCEEDED',
      reason: 'quota rule "*,*,*,john" (max 3 resources of user john) would be exceeded: 8 > 3',
    });
  });

  it('a new reservation over a quota is refused with the rule', async () => {
    const jobs = await schedule({ config: perUser(4), jobs: [job(1, 5, { reservation: 'toSchedule', startTime: NOW + 10 })] });
    expect(jobs['1']).toMatchObject({ scheduled: false, reasonCode: 'QUOTA_EXCEEDED' });
    expect(jobs['1']!.scheduled === false && jobs['1']!.reason).toContain('"*,*,*,/"');
  });

  it('with a calendar, a job that cannot end before now + windowTimeLimit says so; no_quotas jobs are not limited', async () => {
    const config = {
      jobSecurityTime: 0,
      quotas: { enabled: true, windowTimeLimit: 150, rules: { periodical: [['* * * *', 'always', '']], always: {} } },
    };
    const jobs = await schedule({ config, jobs: [job(1, 8), job(2, 8), job(3, 8, { types: { no_quotas: '' } })] });
    expect(jobs['1']).toMatchObject({ scheduled: true, startTime: NOW });
    expect(jobs['2']).toMatchObject({ scheduled: false, reasonCode: 'WINDOW_TIME_LIMIT' });
    expect(jobs['3']).toMatchObject({ scheduled: true, startTime: NOW + 100 });
  });

  it('a bad quotas document stops the round before anything is scheduled', async () => {
    const setup = await createSchedulerSetup();
    const { snapshot } = scenarioFromJson({ now: NOW, config: perUser(4), resources: [{ ids: '1-8' }], jobs: [job(1, 1)] });
    const bad = { ...snapshot, config: { ...snapshot.config, quotas: { ...snapshot.config.quotas, rules: { quotas: { '*,*,*,/': [-7, -1, -1] } } } } };
    await expect(runRound(bad, setup.registry, setup.roundOptions)).rejects.toMatchObject({
      code: 'QUOTAS_INVALID',
      message: expect.stringContaining('quotas.rules.quotas["*,*,*,/"][0]: negative limit -7'),
    });
  });
});
