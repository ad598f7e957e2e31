import { describe, expect, it } from 'vitest';
import { parseRuleKey, type RuleKey } from './rule-key.js';
import { RuleTree, type RuleTarget } from './rule-tree.js';

const tree = (...keys: string[]) => new RuleTree(keys.map((k): { key: RuleKey } => ({ key: parseRuleKey(k, k) })));
const job = (over: Partial<RuleTarget> = {}): RuleTarget => ({ queue: 'default', project: 'p', type: '*', user: 'toto', ...over });

describe('RuleTree.select (core §15.2): one rule, queue → project → type → user, own value > "/" > "*"', () => {
  it.each<[string, string[], RuleTarget, string | undefined]>([
    ['no rules', [], job(), undefined],
    ['the catch-all', ['*,*,*,*'], job(), '*,*,*,*'],
    ['own user before "/" before "*"', ['*,*,*,*', '*,*,*,/', '*,*,*,toto'], job(), '*,*,*,toto'],
    ['"/" before "*"', ['*,*,*,*', '*,*,*,/'], job({ user: 'john' }), '*,*,*,/'],
    // Spec example (vector oar3-test_db_all_in_one_quotas_1): "/" at the queue level wins.
    ['"/" at a coarser level wins over a finer "/"', ['*,*,*,/', '/,*,*,*'], job(), '/,*,*,*'],
    ['own queue first', ['/,*,*,*', 'default,*,*,*'], job(), 'default,*,*,*'],
    ['another queue does not match', ['admin,*,*,*'], job(), undefined],
    ['project level', ['*,*,*,*', '*,projA,*,*'], job({ project: 'projA' }), '*,projA,*,*'],
    ['project level, other project', ['*,*,*,*', '*,projA,*,*'], job({ project: 'projB' }), '*,*,*,*'],
    ['the committed branch may have no user rule: no backtracking', ['*,*,*,*', '*,projA,*,john'], job({ project: 'projA' }), undefined],
    ['the job type', ['*,*,*,*', '*,*,yop,*'], job({ type: 'yop' }), '*,*,yop,*'],
    ['a job without the type falls back to "*"', ['*,*,*,*', '*,*,yop,*'], job({ type: 'besteffort' }), '*,*,*,*'],
    ['a job without types looks up "*"', ['*,*,yop,*'], job(), undefined],
    ['a deep path', ['*,*,*,*', 'default,/,yop,toto'], job({ type: 'yop', project: 'x' }), 'default,/,yop,toto'],
  ])('%s', (_what, keys, target, expected) => {
    expect(tree(...keys).select(target)?.key.text).toBe(expected);
  });

  it('keeps the rules in document order', () => {
    expect(tree('b,*,*,*', 'a,*,*,*').rules().map((r) => r.key.text)).toEqual(['b,*,*,*', 'a,*,*,*']);
    expect(tree().isEmpty).toBe(true);
  });
});
