import { describe, expect, it } from 'vitest';
import { OarSchedError } from '../../errors.js';
import { QuotaCalendar, type CalendarDocument } from './index.js';

const NAMES = new Set(['a', 'b', 'c']);

function errorOf(doc: CalendarDocument, timezone = 'UTC'): OarSchedError {
  try {
    QuotaCalendar.fromDocument(doc, NAMES, timezone);
  } catch (e) {
    if (e instanceof OarSchedError) return e;
    throw e;
  }
  throw new Error('expected QuotaCalendar.fromDocument to throw');
}

const OK_PERIODICAL = ['* mon-fri * *', 'a', 'week'];

describe('validation errors: code QUOTAS_INVALID, message naming the entry', () => {
  it('reproduces the reference message for an unknown weekday exactly', () => {
    const e = errorOf({ periodical: [['* sat * *', 'a', ''], ['* sun * *', 'b', ''], ['08:00-19:00 mno-fri * *', 'c', '']] });
    expect(e.code).toBe('QUOTAS_INVALID');
    expect(e.message).toBe('quotas.rules.periodical[2]: unknown weekday "mno" in "08:00-19:00 mno-fri * *" (expected mon..sun)');
  });

  it.each<{ name: string; doc: CalendarDocument; fragments: string[]; timezone?: string }>([
    // periodical: shape
    { name: 'periodical not an array', doc: { periodical: { a: 1 } }, fragments: ['quotas.rules.periodical: expected an array'] },
    { name: 'periodical null', doc: { periodical: null }, fragments: ['quotas.rules.periodical: expected an array', 'got null'] },
    { name: 'entry not an array', doc: { periodical: ['* * * *'] }, fragments: ['quotas.rules.periodical[0]: expected ["<time> <weekdays> <mday> <month>"'] },
    { name: 'entry too short', doc: { periodical: [OK_PERIODICAL, ['* sat * *']] }, fragments: ['quotas.rules.periodical[1]: expected', 'got ["* sat * *"]'] },
    { name: 'entry too long', doc: { periodical: [['* sat * *', 'a', 'd', 'x']] }, fragments: ['quotas.rules.periodical[0]: expected'] },
    { name: 'rule set not a string', doc: { periodical: [['* sat * *', 3]] }, fragments: ['quotas.rules.periodical[0]: expected'] },
    // periodical: spec
    { name: 'three fields', doc: { periodical: [['08:00-19:00 mon-fri *', 'a']] }, fragments: ['quotas.rules.periodical[0]: "08:00-19:00 mon-fri *" must have 4 fields'] },
    { name: 'empty spec', doc: { periodical: [['', 'a']] }, fragments: ['quotas.rules.periodical[0]: "" must have 4 fields'] },
    { name: 'day of month', doc: { periodical: [['* mon 1 *', 'a']] }, fragments: ['quotas.rules.periodical[0]: day of month "1" in "* mon 1 *" is not supported'] },
    { name: 'month', doc: { periodical: [['* mon * 5', 'a']] }, fragments: ['quotas.rules.periodical[0]: month "5" in "* mon * 5" is not supported'] },
    { name: 'bad hour', doc: { periodical: [OK_PERIODICAL, ['25:00-19:00 sat * *', 'b']] }, fragments: ['quotas.rules.periodical[1]: bad time "25:00" in "25:00-19:00 sat * *" (expected * or HH:MM-HH:MM)'] },
    { name: 'bad minutes', doc: { periodical: [['08:00-19:75 sat * *', 'b']] }, fragments: ['periodical[0]: bad time "19:75"'] },
    { name: 'time without range', doc: { periodical: [['08:00 sat * *', 'b']] }, fragments: ['periodical[0]: bad time range "08:00" in "08:00 sat * *"'] },
    { name: 'empty time range', doc: { periodical: [['08:00-08:00 sat * *', 'b']] }, fragments: ['periodical[0]: empty time range "08:00-08:00"'] },
    { name: 'bad weekday range', doc: { periodical: [['* mon-tue-wed * *', 'b']] }, fragments: ['periodical[0]: bad weekday range "mon-tue-wed"'] },
    { name: 'weekday twice', doc: { periodical: [['* mon,tue,mon * *', 'b']] }, fragments: ['periodical[0]: weekday "mon" given twice in "* mon,tue,mon * *"'] },
    { name: 'default with weekdays', doc: { periodical: [['default mon * *', 'b']] }, fragments: ['periodical[0]: the default periodical covers the whole week'] },
    // periodical: references and overlaps
    { name: 'unknown rule set', doc: { periodical: [OK_PERIODICAL, ['* sat * *', 'nope']] }, fragments: ['quotas.rules.periodical[1]: unknown rule set "nope"'] },
    { name: 'the default rules cannot be named', doc: { periodical: [['* sat * *', 'quotas']] }, fragments: ['quotas.rules.periodical[0]: unknown rule set "quotas"'] },
    {
      name: 'overlapping periodicals',
      doc: { periodical: [OK_PERIODICAL, ['* * * *', 'c'], ['18:00-20:00 fri-sat * *', 'b']] },
      fragments: ['quotas.rules.periodical[2]: "18:00-20:00 fri-sat * *" overlaps quotas.rules.periodical[0] ("* mon-fri * *") on fri 18:00-20:00'],
    },
    {
      name: 'two default periodicals',
      doc: { periodical: [['* * * *', 'a'], ['default', 'b']] },
      fragments: ['quotas.rules.periodical[1]: second default periodical', 'quotas.rules.periodical[0] ("* * * *")'],
    },
    // oneshot: shape
    { name: 'oneshot not an array', doc: { oneshot: 'soon' }, fragments: ['quotas.rules.oneshot: expected an array', 'got "soon"'] },
    { name: 'oneshot entry not an array', doc: { oneshot: [{ begin: '2024-01-01 00:00' }] }, fragments: ['quotas.rules.oneshot[0]: expected ["YYYY-MM-DD hh:mm", "YYYY-MM-DD hh:mm", "<ruleSet>"'] },
    { name: 'oneshot too short', doc: { oneshot: [['2024-01-01 00:00', '2024-01-02 00:00']] }, fragments: ['quotas.rules.oneshot[0]: expected'] },
    { name: 'oneshot date not a string', doc: { oneshot: [[1704067200, '2024-01-02 00:00', 'a', '']] }, fragments: ['quotas.rules.oneshot[0]: expected'] },
    // oneshot: dates
    { name: 'unparsable begin', doc: { oneshot: [['2024-01-01 00:00', '2024-01-02 00:00', 'a', ''], ['tomorrow', '2024-01-05 00:00', 'a', '']] }, fragments: ['quotas.rules.oneshot[1]: unparsable begin date "tomorrow" (expected "YYYY-MM-DD hh:mm")'] },
    { name: 'unparsable end', doc: { oneshot: [['2024-01-01 00:00', '2024-01-02', 'a', '']] }, fragments: ['quotas.rules.oneshot[0]: unparsable end date "2024-01-02"'] },
    { name: 'impossible date', doc: { oneshot: [['2024-02-30 00:00', '2024-03-02 00:00', 'a', '']] }, fragments: ['quotas.rules.oneshot[0]: impossible begin date "2024-02-30 00:00"'] },
    { name: 'begin after end', doc: { oneshot: [['2024-01-05 00:00', '2024-01-04 00:00', 'a', '']] }, fragments: ['quotas.rules.oneshot[0]: begin "2024-01-05 00:00" is not before end "2024-01-04 00:00"'] },
    { name: 'empty period', doc: { oneshot: [['2024-01-05 00:00', '2024-01-05 00:00', 'a', '']] }, fragments: ['quotas.rules.oneshot[0]: begin "2024-01-05 00:00" is not before end'] },
    { name: 'oneshot unknown rule set', doc: { oneshot: [['2024-01-01 00:00', '2024-01-02 00:00', 'holiday', '']] }, fragments: ['quotas.rules.oneshot[0]: unknown rule set "holiday"'] },
    // oneshot: overlaps (product decision: refused, not "earliest begin wins")
    {
      name: 'overlapping oneshots, named in document order',
      doc: {
        oneshot: [
          ['2024-01-03 00:00', '2024-01-06 00:00', 'a', 'x'],
          ['2024-01-10 00:00', '2024-01-11 00:00', 'b', 'y'],
          ['2024-01-01 00:00', '2024-01-03 00:01', 'c', 'z'],
        ],
      },
      fragments: [
        'quotas.rules.oneshot[0]: period ["2024-01-03 00:00", "2024-01-06 00:00"] overlaps quotas.rules.oneshot[2] ["2024-01-01 00:00", "2024-01-03 00:01"]',
        'overlapping oneshot periods are not allowed',
      ],
    },
    {
      name: 'a oneshot inside another',
      doc: { oneshot: [['2024-01-01 00:00', '2024-01-31 00:00', 'a', ''], ['2024-01-10 00:00', '2024-01-11 00:00', 'b', '']] },
      fragments: ['quotas.rules.oneshot[0]: period', 'overlaps quotas.rules.oneshot[1]'],
    },
    // time zone
    { name: 'unknown time zone', doc: {}, timezone: 'Europe/Pariss', fragments: ['config.timezone: unknown time zone "Europe/Pariss"'] },
  ])('$name', ({ doc, fragments, timezone }) => {
    const e = errorOf(doc, timezone);
    expect(e.code).toBe('QUOTAS_INVALID');
    for (const fragment of fragments) expect(e.message).toContain(fragment);
  });

  it('gives a hint listing the defined rule sets for an unknown name', () => {
    expect(errorOf({ periodical: [['* sat * *', 'nope']] }).hint).toBe('named rule sets defined in the quotas document: "a", "b", "c"');
  });

  it.each<[string, CalendarDocument]>([
    ['touching oneshots', { oneshot: [['2024-01-01 00:00', '2024-01-02 00:00', 'a', ''], ['2024-01-02 00:00', '2024-01-03 00:00', 'b', '']] }],
    ['touching periodicals', { periodical: [['08:00-12:00 mon * *', 'a', ''], ['12:00-00:00 mon * *', 'b', ''], ['* tue * *', 'c', '']] }],
    ['entries without description', { periodical: [['* mon * *', 'a']], oneshot: [['2024-01-01 00:00', '2024-01-02 00:00', 'b']] }],
    ['a oneshot over a periodical', { periodical: [['* * * *', 'a', '']], oneshot: [['2024-01-01 00:00', '2024-01-02 00:00', 'b', '']] }],
  ])('accepts %s', (_name, doc) => {
    expect(() => QuotaCalendar.fromDocument(doc, NAMES, 'UTC')).not.toThrow();
  });
});
