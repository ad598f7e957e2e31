import { describe, expect, it } from 'vitest';
import { OarSchedError } from '@oar-sched/core';
import { parseScenario } from './load-scenario.js';

const job = (extra: object = {}) => ({
  id: 1,
  moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }],
  ...extra,
});
const scenario = (extra: object = {}) => JSON.stringify({ now: 0, resources: [{ ids: '1-4' }], jobs: [job()], ...extra });

function errorOf(text: string): OarSchedError {
  try {
    parseScenario(text, 'cluster.json');
  } catch (e) {
    if (e instanceof OarSchedError) return e;
    throw e;
  }
  throw new Error('expected the scenario to be refused');
}

describe('parseScenario refuses bad input with one message naming file, path and expectation', () => {
  it.each([
    ['not JSON', '{"now": 0,\n  "resources": [}', 'SCENARIO_INVALID_JSON', ['cluster.json', "expected a JSON value but found \"}\" at line 2, column 17"]],
    ['truncated JSON', '{"now": 0', 'SCENARIO_INVALID_JSON', ["expected ',' or '}' but found end of input at line 1"]],
    ['a missing required field', JSON.stringify({ resources: [] }), 'SCENARIO_INVALID', ['→ at now']],
    ['an unknown field inside an object', scenario({ jobs: [job({ wallclock: 3 })] }), 'SCENARIO_INVALID', ['wallclock', '→ at jobs[0]']],
    ['a mistyped field', scenario({ jobs: [job({ user: 7 })] }), 'SCENARIO_INVALID', ['expected string', '→ at jobs[0].user']],
    ['a bad resource-set string', scenario({ resources: [{ ids: '1-x' }] }), 'SCENARIO_INVALID', ['resource-set string', '→ at resources[0].ids']],
    ['a reversed range', scenario({ resources: [{ ids: '9-2' }] }), 'SCENARIO_INVALID', ['end before its start', 'resources[0].ids']],
    ['duplicate resource ids', scenario({ resources: [{ ids: '1-4' }, { id: 3 }] }), 'SCENARIO_INVALID', ['resource id 3 is declared twice', 'resources[1]']],
    ['duplicate job ids', scenario({ jobs: [job(), job()] }), 'SCENARIO_INVALID', ['job id 1 is used twice', '→ at jobs[1].id']],
    ['a job without moldables', scenario({ jobs: [job({ moldables: [] })] }), 'SCENARIO_INVALID', ['at least one moldable', 'jobs[0].moldables']],
    ['a moldable without parts', scenario({ jobs: [job({ moldables: [{ walltime: 5, request: [] }] })] }), 'SCENARIO_INVALID', ['at least one request part', 'jobs[0].moldables[0].request']],
    ['an unparsable job constraint', scenario({ jobs: [job({ properties: "gpu = 'yes" })] }), 'SCENARIO_INVALID', ['unterminated string', '→ at jobs[0].properties']],
    [
      'an unparsable part constraint',
      scenario({ jobs: [job({ moldables: [{ walltime: 5, request: [{ levels: [{ level: 'node', count: 1 }], property: 'mem >' }] }] })] }),
      'SCENARIO_INVALID',
      ['expected a value', '→ at jobs[0].moldables[0].request[0].property'],
    ],
    ['a zero count', scenario({ jobs: [job({ moldables: [{ walltime: 5, request: [{ levels: [{ level: 'node', count: 0 }] }] }] })] }), 'SCENARIO_INVALID', ['count ≥ 1', 'levels[0].count']],
    ['a running job without resources', scenario({ jobs: [job({ state: 'Running', startTime: 0 })] }), 'SCENARIO_INVALID', ['needs "resources"', 'jobs[0].resources']],
    ['a running job on an undeclared resource', scenario({ jobs: [job({ state: 'Running', startTime: 0, resources: '3-9' })] }), 'SCENARIO_INVALID', ['resource 5 is not declared', 'jobs[0].resources']],
    ['a bad config value', scenario({ config: { jobSecurityTime: -1 } }), 'SCENARIO_INVALID', ['→ at config.jobSecurityTime']],
    ['a typo in a config key', scenario({ config: { hierarchyLabel: ['node'] } }), 'SCENARIO_INVALID', ['hierarchyLabel', '→ at config']],
    ['an unknown resource state', scenario({ resources: [{ ids: '1-4', state: 'Up' }] }), 'SCENARIO_INVALID', ['→ at resources[0].state']],
    ['more resources than the limit', scenario({ resources: [{ ids: '1-16' }, { ids: '100-10000000' }] }), 'SCENARIO_INVALID', ['at most 1000000 resources', 'range 100-10000000', '→ at resources[1].ids']],
    ['a job holding an undeclared huge range', scenario({ jobs: [job({ state: 'Running', startTime: 0, resources: '1-2000000000' })] }), 'SCENARIO_INVALID', ['resource 5 is not declared', 'jobs[0].resources']],
    ['overlapping ranges', scenario({ resources: [{ ids: '1-8' }, { ids: '20-30' }, { ids: '6-25' }] }), 'SCENARIO_INVALID', ['resource ids 6-8 are declared twice (resources[0] and resources[2])', 'resource ids 20-25 are declared twice (resources[1] and resources[2])']],
    ['resource id 0 in a range', scenario({ resources: [{ ids: '0-3' }] }), 'SCENARIO_INVALID', ['expected a resource id ≥ 1, but "0-3" includes 0', '→ at resources[0].ids']],
    ['resource id 0 held by a job', scenario({ jobs: [job({ state: 'Running', startTime: 0, resources: [0, 1] })] }), 'SCENARIO_INVALID', ['expected a resource id ≥ 1', '→ at jobs[0].resources']],
    ['a resource id past 2^31 - 1', scenario({ resources: [{ id: 2 ** 31 }] }), 'SCENARIO_INVALID', ['→ at resources[0].id']],
    ['an empty property name', scenario({ resources: [{ ids: '1-4', properties: { '': 1 } }] }), 'SCENARIO_INVALID', ['non-empty property names', '→ at resources[0].properties']],
    ['an unknown job state', scenario({ jobs: [job({ state: 'running' })] }), 'SCENARIO_INVALID', ['expected an OAR job state: Waiting, Hold,', '(got "running")', '→ at jobs[0].state']],
    ['a job id 0', scenario({ jobs: [job({ id: 0 })] }), 'SCENARIO_INVALID', ['expected a job id ≥ 1', '→ at jobs[0].id']],
    ['a malformed timesharing type', scenario({ jobs: [job({ types: { timesharing: '' } })] }), 'SCENARIO_INVALID', ['expected two comma-separated fields', 'got ""', '→ at jobs[0].types.timesharing']],
    ['a walltime of 0 without security time', scenario({ config: { jobSecurityTime: 0 }, jobs: [job({ moldables: [{ walltime: 0, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] })] }), 'SCENARIO_INVALID', ['expected a walltime ≥ 1 second', '→ at jobs[0].moldables[0].walltime']],
    ['duplicate queue names', scenario({ queues: [{ name: 'a' }, { name: 'a' }] }), 'SCENARIO_INVALID', ['queue "a" is declared twice (queues[0] and queues[1])', '→ at queues[1].name']],
    ['a self-dependency', scenario({ jobs: [job({ id: 4, dependencies: [2, 4] })] }), 'SCENARIO_INVALID', ['job 4 depends on itself', '→ at jobs[0].dependencies[1]']],
    ['nesting deeper than 64 levels', scenario({ note: JSON.parse(`${'['.repeat(70)}${']'.repeat(70)}`) }), 'SCENARIO_INVALID', ['expected at most 64 levels of nested arrays and objects', '→ at note[0][0][0][0][0][0][0][0][0][0][0]… (65 levels deep)']],
  ])('%s', (_what, text, code, fragments) => {
    const error = errorOf(text);
    expect(error.code).toBe(code);
    expect(error.message).toContain('cluster.json');
    for (const fragment of fragments) expect(error.message).toContain(fragment);
  });

  it('accepts a minimal scenario, applying every default', () => {
    const { snapshot } = parseScenario(scenario());
    expect(snapshot.config.jobSecurityTime).toBe(60);
    expect(snapshot.queues).toEqual([{ name: 'default', priority: 3, state: 'Active' }]);
    expect(snapshot.resources.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(snapshot.jobs[0]).toMatchObject({ state: 'Waiting', reservation: 'None', user: '', types: {}, dependencies: [] });
  });

  it('lists at most 20 problems, then how many more', () => {
    const lines = errorOf(scenario({ resources: [{ ids: '1-100' }, ...Array.from({ length: 25 }, (_, i) => ({ id: 2 * i + 1 }))] })).message.split('\n');
    expect(lines).toHaveLength(22);
    expect(lines[1]).toBe('✖ resource id 1 is declared twice (resources[0] and resources[1]) → at resources[1].id');
    expect(lines[21]).toBe('… and 5 more');
  });

  it('accepts the seven timesharing forms of core §11.1', () => {
    for (const timesharing of ['*,*', 'user,*', '*,user', 'name,*', '*,name', 'user,name', 'name,user']) {
      expect(() => parseScenario(scenario({ jobs: [job({ types: { timesharing } })] }))).not.toThrow();
    }
  });

  it('keeps resource ranges as intervals in the document and expands them in the snapshot', () => {
    const { document, snapshot } = parseScenario(scenario({ resources: [{ ids: '1-3 7' }], jobs: [job({ state: 'Running', startTime: 0, resources: '2-3' })] }));
    expect(String(document.resources[0]!.ids)).toBe('1-3 7');
    expect(snapshot.resources.map((r) => r.id)).toEqual([1, 2, 3, 7]);
    expect(snapshot.jobs[0]!.resources).toEqual([2, 3]);
  });

  it('ignores unknown top-level keys (vectors carry origin, note, oracle…)', () => {
    expect(() => parseScenario(scenario({ origin: { repo: 'x' }, note: 'n', features: [] }))).not.toThrow();
  });
});

const quotasScenario = (config: object) => JSON.stringify({ now: 0, config, resources: [{ ids: '1-4' }], jobs: [] });

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
    const error = errorOf(quotasScenario(config));
    expect(error.code).toBe('QUOTAS_INVALID');
    expect(error.message).toContain('cluster.json: invalid scenario: ');
    expect(error.message).toContain(message);
  });

  it('accepts a valid document, and no document at all', () => {
    expect(() => parseScenario(quotasScenario({ quotas: { enabled: true, rules: { quotas: { '*,*,*,/': ['ALL', -1, '0.5*ALL'] } } } }))).not.toThrow();
    expect(() => parseScenario(quotasScenario({ quotas: { enabled: true } }))).not.toThrow();
  });
});

describe('parseScenario warns about input OAR accepts but that is probably a mistake', () => {
  const warningsOf = (extra: object) => parseScenario(scenario(extra), 'cluster.json').warnings;
  const moldable = (walltime: number) => ({ walltime, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] });

  it('a walltime of 0, which still occupies the job security time', () => {
    expect(warningsOf({ config: { jobSecurityTime: 20 }, jobs: [job({ moldables: [moldable(60), moldable(0)] })] })).toEqual([
      'cluster.json: job 1 has walltime 0 (expected at least 1 second), so it occupies only the job security time (20 s) → at jobs[0].moldables[1].walltime',
    ]);
  });

  it('a started job whose start is after now, but not an accepted reservation planned later', () => {
    expect(
      warningsOf({
        now: 10,
        jobs: [
          job({ id: 1, state: 'Suspended', startTime: 11, resources: '1' }),
          job({ id: 2, state: 'Running', startTime: 10, resources: '2' }),
          job({ id: 3, reservation: 'Scheduled', startTime: 500, resources: '3' }),
        ],
      }),
    ).toEqual([
      'cluster.json: job 1 is Suspended but its startTime 11 is after now (10); it is kept as given, so its resources count as free until then → at jobs[0].startTime',
    ]);
  });

  it('waiting jobs depending on each other, once per cycle', () => {
    expect(
      warningsOf({
        jobs: [job({ id: 9, dependencies: [4] }), job({ id: 4, dependencies: [9, 1] }), job({ id: 1, dependencies: [9] }), job({ id: 5, dependencies: [1] })],
      }),
    ).toEqual(['cluster.json: jobs 1 → 9 → 4 → 1 depend on each other, so none of them can be scheduled → at jobs[2].dependencies']);
  });

  it('nothing for a plain scenario', () => {
    expect(warningsOf({})).toEqual([]);
  });
});
