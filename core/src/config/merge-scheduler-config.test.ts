import { describe, expect, it } from 'vitest';
import { scenarioFromJson } from '../scenario/load-scenario.js';
import { mergeSchedulerConfig } from './merge-scheduler-config.js';

describe('mergeSchedulerConfig: the scenario wins field by field', () => {
  const cases: [what: string, base: object | undefined, override: unknown, merged: unknown][] = [
    ['no config file section', undefined, { jobSecurityTime: 5 }, { jobSecurityTime: 5 }],
    ['no scenario config', { jobSecurityTime: 5 }, undefined, { jobSecurityTime: 5 }],
    ['top-level fields', { jobSecurityTime: 5, timezone: 'Europe/Paris' }, { jobSecurityTime: 0 }, { jobSecurityTime: 0, timezone: 'Europe/Paris' }],
    [
      'sections merge key by key',
      { quotas: { enabled: true, period: 10 }, sorting: { policy: 'FAIRSHARE', fairshare: { windowSize: 100, coefUser: 2 } } },
      { quotas: { period: 20 }, sorting: { fairshare: { windowSize: 50 } } },
      { quotas: { enabled: true, period: 20 }, sorting: { policy: 'FAIRSHARE', fairshare: { windowSize: 50, coefUser: 2 } } },
    ],
    [
      'arrays, records and sorting.custom are replaced whole',
      {
        hierarchyLabels: ['resource_id', 'network_address', 'cpu'],
        quotas: { rules: { quotas: { '*,*,*,*': [10, -1, -1] }, periodical: [['* * * *', 'quotas_1', 'default']] } },
        sorting: { fairshare: { projectTargets: { a: 1, b: 2 } }, custom: { name: 'mine', config: '{"w": 1}' } },
      },
      {
        hierarchyLabels: ['resource_id'],
        quotas: { rules: { quotas: { '*,*,*,*': [5, -1, -1] } } },
        sorting: { fairshare: { projectTargets: { c: 3 } }, custom: { name: 'theirs' } },
      },
      {
        hierarchyLabels: ['resource_id'],
        quotas: { rules: { quotas: { '*,*,*,*': [5, -1, -1] } } },
        sorting: { fairshare: { projectTargets: { c: 3 } }, custom: { name: 'theirs' } },
      },
    ],
    ['a non-object scenario config is left for validation to report', { jobSecurityTime: 5 }, 'oops', 'oops'],
  ];
  for (const [what, base, override, merged] of cases) {
    it(what, () => expect(mergeSchedulerConfig(base, override)).toEqual(merged));
  }

  it('does not modify its inputs', () => {
    const base = { sorting: { policy: 'FIFO' as const } };
    mergeSchedulerConfig(base, { sorting: { policy: 'CUSTOM', custom: { name: 'x' } } });
    expect(base).toEqual({ sorting: { policy: 'FIFO' } });
  });
});

describe('a scenario loaded with the config file as defaults', () => {
  const scenario = (config?: object) => ({
    now: 0,
    resources: [{ ids: '1-4' }],
    ...(config ? { config } : {}),
  });

  it('takes the fields the scenario leaves out from the config file, then the defaults', () => {
    const { snapshot } = scenarioFromJson(scenario({ jobSecurityTime: 0 }), 's.json', {
      schedulerDefaults: { jobSecurityTime: 30, resourceOrder: 'resource_id DESC' },
    });
    expect(snapshot.config.jobSecurityTime).toBe(0);
    expect(snapshot.config.resourceOrder).toBe('resource_id DESC');
    expect(snapshot.config.maxJobsPerQueuesGroup).toBe(1000);
  });

  it('lets the scenario choose CUSTOM sorting named by the config file', () => {
    const { snapshot } = scenarioFromJson(scenario({ sorting: { policy: 'CUSTOM' } }), 's.json', {
      schedulerDefaults: { sorting: { custom: { name: 'simple_priority' } } },
    });
    expect(snapshot.config.sorting.custom).toEqual({ name: 'simple_priority', config: '{}' });
  });

  it('reports an error of the scenario at its path in the scenario', () => {
    expect(() => scenarioFromJson(scenario({ jobSecurityTme: 1 }), 's.json', { schedulerDefaults: { jobSecurityTime: 30 } })).toThrow(
      '✖ Unrecognized key: "jobSecurityTme" → at config.jobSecurityTme',
    );
  });
});
