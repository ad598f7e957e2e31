/**
 * Which rule of a rule set applies to a job (core §15.2): exactly one, the most specific path of
 * the rule tree, chosen level by level queue → project → type → user. At each level, among the
 * keys present under the branch chosen so far: the job's own value, else `/`, else `*`; nothing
 * there → no rule applies (no backtracking to a less specific branch).
 */
import { ALL_TOGETHER, PER_VALUE, type RuleKey } from './rule-key.js';

type Level<V> = Map<string, V>;

/** What the selection looks at; `type` is the job's first visible type, or `*` when it has none. */
export interface RuleTarget {
  readonly queue: string;
  readonly project: string;
  readonly type: string;
  readonly user: string;
}

export class RuleTree<R extends { readonly key: RuleKey }> {
  readonly #root: Level<Level<Level<Level<R>>>> = new Map();
  readonly #rules: readonly R[];

  /** Keys are unique within a rule set (they are the keys of one JSON object). */
  constructor(rules: Iterable<R>) {
    this.#rules = [...rules];
    for (const rule of this.#rules) {
      const { queue, project, type, user } = rule.key;
      const projects = getOrCreate(this.#root, queue);
      const types = getOrCreate(projects, project);
      const users = getOrCreate(types, type);
      users.set(user, rule);
    }
  }

  get isEmpty(): boolean {
    return this.#rules.length === 0;
  }

  /** Every rule of the set, in document order. */
  rules(): readonly R[] {
    return this.#rules;
  }

  /** The applicable rule, or `undefined` when none applies (the job is unconstrained). */
  select(target: RuleTarget): R | undefined {
    const projects = pick(this.#root, target.queue);
    const types = projects && pick(projects, target.project);
    // `/` is refused in the type field, so this is value → `*`.
    const users = types && pick(types, target.type);
    return users && pick(users, target.user);
  }
}

function pick<V>(level: Level<V>, value: string): V | undefined {
  return level.get(value) ?? level.get(PER_VALUE) ?? level.get(ALL_TOGETHER);
}

function getOrCreate<V>(level: Level<Level<V>>, key: string): Level<V> {
  let next = level.get(key);
  if (!next) level.set(key, (next = new Map()));
  return next;
}
