import { describe, expect, it } from 'vitest';
import { parseRuleKey } from './rule-key.js';

describe('parseRuleKey', () => {
  it.each([
    ['*,*,*,/', { queue: '*', project: '*', type: '*', user: '/' }],
    ['/,projA,besteffort,toto', { queue: '/', project: 'projA', type: 'besteffort', user: 'toto' }],
    ['default,/,*,*', { queue: 'default', project: '/', type: '*', user: '*' }],
  ])('%s', (text, fields) => {
    expect(parseRuleKey(text, 'at')).toEqual({ text, ...fields });
  });

  it.each([
    ['*,*,*', 'has 3 field(s), not 4'],
    ['*,*,*,*,*', 'has 5 field(s), not 4'],
    ['', 'has 1 field(s), not 4'],
    ['*,,*,*', 'has an empty field'],
    ['*, *,*,*', 'field " *" has surrounding blanks'],
    ['*,*,/,*', '"/" is not allowed in the job type field'],
  ])('refuses %j (%s), naming the entry', (text, message) => {
    expect(() => parseRuleKey(text, 'quotas.rules.quotas["k"]')).toThrow(`quotas.rules.quotas["k"]: rule key ${JSON.stringify(text)}`);
    expect(() => parseRuleKey(text, 'at')).toThrow(message);
  });
});
