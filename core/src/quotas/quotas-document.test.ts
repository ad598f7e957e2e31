import { describe, expect, it } from 'vitest';
import { OarSchedError } from '../errors.js';
import { parseQuotasDocument } from './quotas-document.js';

function errorOf(doc: unknown, timezone = 'UTC'): OarSchedError {
  try {
    parseQuotasDocument(doc, timezone);
  } catch (e) {
    if (e instanceof OarSchedError) return e;
    throw e;
  }
  throw new Error('expected the document to be refused');
}

describe('parseQuotasDocument', () => {
  it('reads the default rules, the named rule sets, job_types and the calendar', () => {
    const doc = parseQuotasDocument(
      {
        quotas: { '*,*,*,/': [16, -1, -1], '*,projA,*,*': ['ALL', '2', 1.5] },
        job_types: ['besteffort', 'yop', 'besteffort', '*'],
        periodical: [['* mon-wed * *', 'weekdays', '']],
        weekdays: { '*,*,*,*': [1, 1, 1] },
        unused: {},
      },
      'UTC',
    );
    expect(doc.defaultRules.map((r) => [r.key.text, r.ruleSet])).toEqual([
      ['*,*,*,/', undefined],
      ['*,projA,*,*', undefined],
    ]);
    expect(doc.defaultRules[1]!.limits).toEqual({
      resources: { kind: 'all', factor: 1 },
      jobs: { kind: 'constant', value: 2 },
      resourceHours: { kind: 'constant', value: 1.5 },
    });
    expect([...doc.namedRuleSets.keys()]).toEqual(['weekdays', 'unused']);
    expect(doc.namedRuleSets.get('weekdays')!.map((r) => [r.key.text, r.ruleSet])).toEqual([['*,*,*,*', 'weekdays']]);
    expect(doc.jobTypes).toEqual(['besteffort', 'yop']);
    expect(doc.calendar?.ruleSetNames).toEqual(['weekdays']);
  });

  it('has no default rules without a "quotas" key, and no calendar without periodical or oneshot entries', () => {
    const doc = parseQuotasDocument({ night: { '*,*,*,*': [1, -1, -1] } }, 'UTC');
    expect(doc.defaultRules).toEqual([]);
    expect(doc.jobTypes).toEqual([]);
    expect(doc.calendar).toBeUndefined();
    expect(parseQuotasDocument({ periodical: [], oneshot: [] }, 'UTC').calendar).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    ['a document that is not an object', [1], 'quotas.rules: expected an object'],
    ['a rule key with 3 fields', { quotas: { '*,*,/': [1, -1, -1] } }, 'quotas.rules.quotas["*,*,/"]: rule key "*,*,/" has 3 field(s)'],
    ['"/" in the type field', { quotas: { '*,*,/,*': [1, -1, -1] } }, 'quotas.rules.quotas["*,*,/,*"]: rule key "*,*,/,*": "/" is not allowed'],
    ['a negative limit', { quotas: { '*,*,*,/': [-5, -1, -1] } }, 'quotas.rules.quotas["*,*,*,/"][0]: negative limit -5'],
    ['a non-numeric limit', { quotas: { '*,*,*,/': [1, 'ten', -1] } }, 'quotas.rules.quotas["*,*,*,/"][1]: "ten" is not a limit'],
    ['a rule that is not a triple', { quotas: { '*,*,*,/': 3 } }, 'quotas.rules.quotas["*,*,*,/"]: expected [maxResources, maxJobs, maxResourceHours]'],
    ['bad limits in a named rule set', { night: { '*,*,*,*': [1, -1, 'x'] } }, 'quotas.rules.night["*,*,*,*"][2]: "x" is not a limit'],
    ['a named rule set that is not an object', { night: [1, 2, 3] }, 'quotas.rules.night: rule set "night" must be an object'],
    ['a rule set name that is not an identifier', { 'my set': 3 }, 'quotas.rules["my set"]: rule set "my set" must be an object'],
    ['default rules that are not an object', { quotas: 'none' }, 'quotas.rules.quotas: the default rules must be an object'],
    ['job_types that is not a list of names', { job_types: 'besteffort' }, 'quotas.rules.job_types: expected an array of job type names'],
    ['an empty job type name', { job_types: [''] }, 'quotas.rules.job_types: expected an array of job type names'],
    ['an unknown rule-set name in a periodical', { periodical: [['* * * *', 'nope', '']], night: {} }, 'quotas.rules.periodical[0]: unknown rule set "nope"'],
    ['the default rules named by a oneshot', { oneshot: [['2024-01-01 00:00', '2024-01-02 00:00', 'quotas', '']], quotas: {} }, 'quotas.rules.oneshot[0]: unknown rule set "quotas"'],
    ['an unparsable period', { periodical: [['25:00-26:00 mon * *', 'night', '']], night: {} }, 'quotas.rules.periodical[0]'],
  ])('refuses %s, naming the entry', (_what, doc, message) => {
    const error = errorOf(doc);
    expect(error.code).toBe('QUOTAS_INVALID');
    expect(error.message).toContain(message);
  });

  it('refuses an unknown time zone when there is a calendar', () => {
    const error = errorOf({ periodical: [['* * * *', 'night', '']], night: {} }, 'Mars/Olympus');
    expect(error.message).toContain('config.timezone: unknown time zone "Mars/Olympus"');
  });
});

describe('parseQuotasDocument remembers what it parsed', () => {
  it('parses one rules object once per time zone (the adapter validates, the round enforces)', () => {
    const rules = { quotas: { '*,*,*,*': [4, -1, -1] } };
    const first = parseQuotasDocument(rules, 'UTC');
    expect(parseQuotasDocument(rules, 'UTC')).toBe(first);
    expect(parseQuotasDocument(rules, 'Europe/Paris')).not.toBe(first);
    expect(parseQuotasDocument({ quotas: { '*,*,*,*': [4, -1, -1] } }, 'UTC')).not.toBe(first);
  });

  it('still throws every time for a bad document', () => {
    const bad = { quotas: { '*,*,*': [1, -1, -1] } };
    expect(() => parseQuotasDocument(bad, 'UTC')).toThrow(OarSchedError);
    expect(() => parseQuotasDocument(bad, 'UTC')).toThrow(OarSchedError);
  });
});
