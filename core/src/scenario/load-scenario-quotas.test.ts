import { describe, expect, it } from 'vitest';
import { OarSchedError } from '../errors.js';
import { parseScenario } from './load-scenario.js';

const scenario = (config: object) => JSON.stringify({ now: 0, config, resources: [{ ids: '1-4' }], jobs: [] });

function errorOf(text: string): OarSchedError {
  try {
    parseScenario(text, 'cluster.json');
  } catch (e) {
    if (e instanceof OarSchedError) return e;
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('parseScenario refuses a bad quotas document, naming the file and the entry', () => {
  it.each<[string, object, string]>([
    ['a bad rule key', { quotas: { enabled: true, rules: { quotas: { '*,*,*': [1, 1, 1] } } } }, 'config.quotas.rules.quotas["*,*,*"]: rule key'],
    ['a negative limit', { quotas: { enabled: true, rules: { quotas: { '*,*,*,/': [1, -3, 1] } } } }, 'config.quotas.rules.quotas["*,*,*,/"][1]: negative limit -3'],
    ['an unknown rule set', { quotas: { enabled: true, rules: { periodical: [['* * * *', 'day', '']] } } }, 'config.quotas.rules.periodical[0]: unknown rule set "day"'],
    [
      'overlapping oneshots',
      {
        quotas: {
          enabled: true,
          rules: {
            oneshot: [['2024-01-01 00:00', '2024-01-03 00:00', 'a', ''], ['2024-01-02 00:00', '2024-01-04 00:00', 'a', '']],
            a: {},
          },
        },
      },
      'config.quotas.rules.oneshot[0]: period ["2024-01-01 00:00", "2024-01-03 00:00"] overlaps',
    ],
    ['a document given while quotas are off', { quotas: { rules: { quotas: { '*,*,/,*': [1, 1, 1] } } } }, 'config.quotas.rules.quotas["*,*,/,*"]'],
    [
      'an unknown time zone for the calendar',
      { timezone: 'Nowhere/City', quotas: { enabled: true, rules: { periodical: [['* * * *', 'a', '']], a: {} } } },
      'config.timezone: unknown time zone',
    ],
  ])('%s', (_what, config, message) => {
    const error = errorOf(scenario(config));
    expect(error.code).toBe('QUOTAS_INVALID');
    expect(error.message).toContain('cluster.json: invalid scenario: ');
    expect(error.message).toContain(message);
  });

  it('accepts a valid document, and no document at all', () => {
    expect(() => parseScenario(scenario({ quotas: { enabled: true, rules: { quotas: { '*,*,*,/': ['ALL', -1, '0.5*ALL'] } } } }))).not.toThrow();
    expect(() => parseScenario(scenario({ quotas: { enabled: true } }))).not.toThrow();
  });
});
