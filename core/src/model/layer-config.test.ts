import { describe, expect, it } from 'vitest';
import { mergeSchedulerConfig } from './layer-config.js';

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
