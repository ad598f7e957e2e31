/**
 * The OAR quotas document (core §15.1, §16; `config.quotas.rules`), validated:
 * ```
 * { "quotas": { "<key>": [maxResources, maxJobs, maxResourceHours], ... },   // default rules
 *   "job_types": ["besteffort", ...],                                        // counted besides "*"
 *   "periodical": [...], "oneshot": [...],                                   // the calendar
 *   "<ruleSetName>": { "<key>": [...], ... } }                               // named rule sets
 * ```
 * Every problem is an `OarSchedError('QUOTAS_INVALID')` whose message starts with the path of the
 * offending entry (`quotas.rules.quotas["*,*,*,/"][2]: ...`).
 */
import { QuotaCalendar } from './calendar/index.js';
import { quotasInvalid, RULES_PATH } from './calendar/invalid.js';
import { parseLimitTriple, type LimitTriple } from './limit-value.js';
import { ALL_TOGETHER, parseRuleKey, type RuleKey } from './rule-key.js';

export interface QuotaRule {
  readonly key: RuleKey;
  /** The named rule set holding the rule; `undefined` = the default rules (`quotas` key). */
  readonly ruleSet: string | undefined;
  readonly limits: LimitTriple;
}

export interface QuotasDocument {
  /** The `quotas` key; empty when absent (then no default rule applies). */
  readonly defaultRules: readonly QuotaRule[];
  /** Every other object-valued key, by name, whether or not the calendar uses it. */
  readonly namedRuleSets: ReadonlyMap<string, readonly QuotaRule[]>;
  /**
   * Types whose counters are maintained besides `*` (OAR3: `["*"] + job_types`), without
   * duplicates and without `*` itself (listing it again would count every job twice).
   */
  readonly jobTypes: readonly string[];
  /** `undefined` when the document has no periodical and no oneshot entry. */
  readonly calendar: QuotaCalendar | undefined;
}

const DEFAULT_RULES_KEY = 'quotas';
const JOB_TYPES_KEY = 'job_types';
const CALENDAR_KEYS: ReadonlySet<string> = new Set(['periodical', 'oneshot']);

/** Parsed documents by the (immutable) config object they came from, then by time zone. */
const parsed = new WeakMap<object, Map<string, QuotasDocument>>();

/**
 * Validates and parses; `timezone` is the IANA zone of the calendar (config `timezone`). The
 * result is remembered for the same `raw` object, so an adapter that validates the document when
 * it reads it and the round that enforces it parse it once between them.
 */
export function parseQuotasDocument(raw: unknown, timezone: string): QuotasDocument {
  if (!isPlainObject(raw)) return parseDocument(raw, timezone);
  let byZone = parsed.get(raw);
  if (!byZone) parsed.set(raw, (byZone = new Map()));
  let doc = byZone.get(timezone);
  if (!doc) byZone.set(timezone, (doc = parseDocument(raw, timezone)));
  return doc;
}

function parseDocument(raw: unknown, timezone: string): QuotasDocument {
  if (!isPlainObject(raw)) throw quotasInvalid(RULES_PATH, `expected an object, got ${JSON.stringify(raw)}`);
  const namedRuleSets = new Map<string, readonly QuotaRule[]>();
  let defaultRules: readonly QuotaRule[] = [];
  let jobTypes: readonly string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (name === DEFAULT_RULES_KEY) defaultRules = parseRuleSet(value, undefined, `${RULES_PATH}.${name}`);
    else if (name === JOB_TYPES_KEY) jobTypes = parseJobTypes(value);
    else if (!CALENDAR_KEYS.has(name)) namedRuleSets.set(name, parseRuleSet(value, name, member(RULES_PATH, name)));
  }
  let calendar: QuotaCalendar | undefined;
  if ([...CALENDAR_KEYS].some((k) => Object.hasOwn(raw, k))) {
    calendar = QuotaCalendar.fromDocument(raw, new Set(namedRuleSets.keys()), timezone);
    if (calendar.isEmpty) calendar = undefined;
  }
  return { defaultRules, namedRuleSets, jobTypes, calendar };
}

function parseRuleSet(raw: unknown, ruleSet: string | undefined, where: string): QuotaRule[] {
  if (!isPlainObject(raw)) {
    const what = ruleSet === undefined ? 'the default rules' : `rule set ${JSON.stringify(ruleSet)}`;
    throw quotasInvalid(where, `${what} must be an object of "<queue>,<project>,<jobType>,<user>": [limits] rules, got ${JSON.stringify(raw)}`);
  }
  return Object.entries(raw).map(([text, limits]) => {
    const at = `${where}[${JSON.stringify(text)}]`;
    return { key: parseRuleKey(text, at), ruleSet, limits: parseLimitTriple(limits, at) };
  });
}

function parseJobTypes(raw: unknown): string[] {
  const where = `${RULES_PATH}.${JOB_TYPES_KEY}`;
  if (!Array.isArray(raw) || !raw.every((t): t is string => typeof t === 'string' && t !== '')) {
    throw quotasInvalid(where, `expected an array of job type names, got ${JSON.stringify(raw)}`);
  }
  return [...new Set(raw)].filter((t) => t !== ALL_TOGETHER);
}

/** `path.name` for an identifier, `path["name"]` otherwise. */
function member(path: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
