/**
 * Counter keys (core §15.3): a counter is keyed by `(queue, project, type, user)`, each field a
 * concrete value or `*`. OAR3 maintains, for every counted job, the `8 × |types|` combinations of
 * `{queue,*} × {project,*} × {type} × {user,*}`; only the counters some rule can read matter, so
 * this keeps exactly those: for each rule pattern, the job's instance of it (`/` → the job's
 * value). A reader of rule `R` reads `R` instantiated with its own values, and a job adds to that
 * counter iff its own instance of `R` is the same key — the same jobs OAR3 would have counted.
 *
 * Keys are interned to small integers so that slot counters can be arrays indexed by key.
 */
import { ALL_TOGETHER, PER_VALUE, type RuleKey } from './rule-key.js';

/** What counting and reading need to know about a job. */
export interface CountedJob {
  readonly queue: string;
  readonly project: string;
  readonly user: string;
  /** Visible types (core §18.3), in declaration order. */
  readonly types: Readonly<Record<string, string>>;
}

const SEPARATOR = '\u0000';

export class CounterKeys {
  readonly #ids = new Map<string, number>();
  /** Distinct rule keys whose counter is maintained. */
  readonly #patterns: RuleKey[] = [];
  readonly #jobTypes: ReadonlySet<string>;

  /**
   * @param rules the keys of every rule of every rule set.
   * @param jobTypes the types counted besides `*` (the document's `job_types`).
   */
  constructor(rules: Iterable<RuleKey>, jobTypes: Iterable<string>) {
    this.#jobTypes = new Set(jobTypes);
    const seen = new Set<string>();
    for (const key of rules) {
      const text = [key.queue, key.project, key.type, key.user].join(SEPARATOR);
      if (this.isCounted(key) && !seen.has(text)) {
        seen.add(text);
        this.#patterns.push(key);
      }
    }
  }

  /** Number of keys interned so far (ids are `0 .. size - 1`). */
  get size(): number {
    return this.#ids.size;
  }

  /**
   * Whether the counter a rule reads is maintained at all: its type is `*` or listed in
   * `job_types`. A rule on an unlisted type is silently ineffective (core §15.2).
   */
  isCounted(rule: RuleKey): boolean {
    return rule.type === ALL_TOGETHER || this.#jobTypes.has(rule.type);
  }

  /**
   * The counter a job is checked against under `rule` (which `RuleTree.select` chose for it, so its
   * literal fields are the job's own values): `/` replaced by the job's value, `*` kept.
   */
  readKey(rule: RuleKey, job: CountedJob): number {
    return this.#intern(
      rule.queue === PER_VALUE ? job.queue : rule.queue,
      rule.project === PER_VALUE ? job.project : rule.project,
      rule.type,
      rule.user === PER_VALUE ? job.user : rule.user,
    );
  }

  /** The counters a counted job adds to, ascending and without duplicates. */
  countedKeys(job: CountedJob): number[] {
    const out: number[] = [];
    for (const p of this.#patterns) {
      const queue = instance(p.queue, job.queue);
      const project = instance(p.project, job.project);
      const user = instance(p.user, job.user);
      const typed = p.type === ALL_TOGETHER || Object.hasOwn(job.types, p.type);
      if (queue === undefined || project === undefined || user === undefined || !typed) continue;
      out.push(this.#intern(queue, project, p.type, user));
    }
    out.sort((a, b) => a - b);
    return out.filter((k, i) => i === 0 || k !== out[i - 1]);
  }

  #intern(queue: string, project: string, type: string, user: string): number {
    const text = queue + SEPARATOR + project + SEPARATOR + type + SEPARATOR + user;
    let id = this.#ids.get(text);
    if (id === undefined) this.#ids.set(text, (id = this.#ids.size));
    return id;
  }
}

/** The job's value of one field of a pattern: `*` stays, `/` and a matching literal give the value. */
function instance(pattern: string, value: string): string | undefined {
  if (pattern === ALL_TOGETHER) return ALL_TOGETHER;
  if (pattern === PER_VALUE || pattern === value) return value;
  return undefined;
}
