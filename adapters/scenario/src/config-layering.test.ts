/** The scenario adapter layers its `config` over the config file's `scheduler` section (core's one layering rule). */
import { describe, expect, it } from 'vitest';
import { scenarioFromJson } from './load-scenario.js';

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
