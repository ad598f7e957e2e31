/**
 * The reason given to a job held back by a quota (core §15.4): it names the rule (key, and rule
 * set when not the default rules), the kind of limit and the counts, e.g.
 * `quota rule "*,*,*,/" (max 10 running jobs per user) would be exceeded: 11 > 10`.
 */
import { reason, type Reason } from '@oar-sched/plugin-api';
import type { Limits } from './limit-value.js';
import { ALL_TOGETHER, PER_VALUE, type RuleKey } from './rule-key.js';

export type LimitKind = keyof Limits;

export interface RuleRef {
  readonly key: RuleKey;
  /** `undefined` = the default rules. */
  readonly ruleSet: string | undefined;
}

export function quotaExceeded(rule: RuleRef, kind: LimitKind, count: number, limit: number): Reason {
  const ruleSet = rule.ruleSet === undefined ? '' : ` of rule set ${JSON.stringify(rule.ruleSet)}`;
  const scope = describeScope(rule.key);
  const unit = kind === 'resourceSeconds' ? ' resource-seconds' : '';
  return reason(
    'QUOTA_EXCEEDED',
    `quota rule ${JSON.stringify(rule.key.text)}${ruleSet} (max ${describeLimit(kind, limit)}${scope}) would be exceeded: ${count} > ${limit}${unit}`,
    { details: { rule: { key: rule.key.text, ruleSet: rule.ruleSet ?? null, limit: kind, max: limit, count } } },
  );
}

function describeLimit(kind: LimitKind, limit: number): string {
  switch (kind) {
    case 'resources':
      return plural(limit, 'resource');
    case 'jobs':
      return plural(limit, 'running job');
    case 'resourceSeconds':
      return plural(limit / 3600, 'resource-hour');
  }
}

/** ` per user`, ` in queue default of project p1`, … (nothing for `*,*,*,*`). */
function describeScope(key: RuleKey): string {
  const parts: string[] = [];
  const field = (value: string, name: string, literal: string) => {
    if (value === PER_VALUE) parts.push(`per ${name}`);
    else if (value !== ALL_TOGETHER) parts.push(`${literal} ${value}`);
  };
  field(key.queue, 'queue', 'in queue');
  field(key.project, 'project', 'of project');
  field(key.type, 'type', 'of type');
  field(key.user, 'user', 'of user');
  return parts.map((p) => ` ${p}`).join('');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
