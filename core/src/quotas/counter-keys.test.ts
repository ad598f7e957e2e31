import { describe, expect, it } from 'vitest';
import { CounterKeys, type CountedJob } from './counter-keys.js';
import { parseRuleKey } from './rule-key.js';

const keysOf = (rules: string[], jobTypes: string[] = []) => new CounterKeys(rules.map((k) => parseRuleKey(k, k)), jobTypes);
const job = (over: Partial<CountedJob> = {}): CountedJob => ({ queue: 'default', project: 'p', user: 'toto', types: {}, ...over });

describe('CounterKeys (core §15.3)', () => {
  it('a rule read by a job is a counter the job adds to', () => {
    const keys = keysOf(['*,*,*,/', '/,projA,*,*', '*,*,yop,*'], ['yop']);
    const reader = job({ project: 'projA', types: { yop: '' } });
    const counted = keys.countedKeys(reader);
    for (const rule of ['*,*,*,/', '/,projA,*,*', '*,*,yop,*']) {
      expect(counted).toContain(keys.readKey(parseRuleKey(rule, rule), reader));
    }
    expect(counted).toHaveLength(3);
  });

  it.each<[string, string[], CountedJob, CountedJob, boolean]>([
    ['"*": every job shares one counter', ['*,*,*,*'], job(), job({ user: 'john', queue: 'q2' }), true],
    ['"/": same user, same counter', ['*,*,*,/'], job(), job({ project: 'other' }), true],
    ['"/": other user, other counter', ['*,*,*,/'], job(), job({ user: 'john' }), false],
    ['literal: only jobs with that value count', ['*,projA,*,*'], job({ project: 'projA' }), job({ project: 'projB' }), false],
    ['type listed in job_types: jobs with the type count', ['*,*,yop,*'], job({ types: { yop: '' } }), job({ types: { a: '', yop: '' } }), true],
    ['type listed in job_types: jobs without it do not', ['*,*,yop,*'], job({ types: { yop: '' } }), job({ types: { besteffort: '' } }), false],
  ])('%s', (_what, rules, reader, other, shares) => {
    const keys = keysOf(rules, ['yop']);
    const key = keys.readKey(parseRuleKey(rules[0]!, ''), reader);
    expect(keys.countedKeys(reader)).toEqual([key]);
    expect(keys.countedKeys(other).includes(key)).toBe(shares);
  });

  it('a rule on a type missing from job_types is not counted (silently ineffective, §15.2)', () => {
    const keys = keysOf(['*,*,yop,*']);
    expect(keys.isCounted(parseRuleKey('*,*,yop,*', ''))).toBe(false);
    expect(keys.isCounted(parseRuleKey('*,*,*,/', ''))).toBe(true);
    expect(keys.countedKeys(job({ types: { yop: '' } }))).toEqual([]);
  });

  it('two rules naming the same counter count a job once', () => {
    const keys = keysOf(['*,*,*,/', '*,*,*,toto']);
    const counted = keys.countedKeys(job());
    expect(counted).toHaveLength(1);
    expect(keys.readKey(parseRuleKey('*,*,*,toto', ''), job())).toBe(counted[0]);
    expect(keys.size).toBe(1);
  });

  it('returns ascending keys', () => {
    const keys = keysOf(['*,*,*,/', '/,*,*,*', '*,/,*,*', '*,*,*,*']);
    keys.countedKeys(job({ user: 'a' }));
    const counted = keys.countedKeys(job({ user: 'b', queue: 'q', project: 'x' }));
    expect(counted).toEqual([...counted].sort((a, b) => a - b));
    expect(counted).toHaveLength(4);
  });
});
