/**
 * OAR's own `oar.conf` (`KEY="value"` lines, as OAR's Perl and Python tools read it), mapped onto
 * this scheduler's configuration: the scheduler settings, the extra-metasched hook, the database
 * URL and the notification endpoints (metascheduler.md §2, docs/reference/config.md "OAR3 key
 * index"). The mapped values form the layer under the config file: `oar.config.*` still wins.
 *
 * Rules: comments (`#…`) and blank lines are skipped; values may be double- or single-quoted; an
 * unknown key is ignored (oar.conf serves every OAR module); a known key with a bad value is a
 * `CONFIG_INVALID` error naming the file, the line and the key. File paths in values
 * (`QUOTAS_CONF_FILE`, `PRIORITY_CONF_FILE`, `DB_BASE_FILE`) resolve against the oar.conf's folder.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve } from 'node:path';
import { OarSchedError, type SchedulerConfigInput } from '@oar-sched/core';

export interface OarConfEntry {
  readonly value: string;
  readonly line: number;
}

export interface NotifyEndpoints {
  serverHostname?: string;
  appendiceServerPort?: number;
  bipbipCommanderServer?: string;
  bipbipCommanderPort?: number;
}

/** What an oar.conf contributes, as config layers. */
export interface OarConfSettings {
  readonly file: string;
  readonly scheduler: SchedulerConfigInput;
  readonly extraMetasched?: { name: string; config: string } | undefined;
  /** The database URL built from the `DB_*` keys, when they name a database. */
  readonly dbUrl?: string | undefined;
  readonly notify: NotifyEndpoints;
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/;

export function parseOarConf(text: string, file: string): Map<string, OarConfEntry> {
  const entries = new Map<string, OarConfEntry>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = LINE.exec(raw);
    if (!m) throw new OarSchedError('CONFIG_INVALID', `${file}:${i + 1}: expected KEY="value", got ${JSON.stringify(trimmed.slice(0, 80))}`);
    entries.set(m[1]!, { value: unquote(m[2]!, file, i + 1), line: i + 1 });
  });
  return entries;
}

function unquote(text: string, file: string, line: number): string {
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    const end = text.indexOf(quote, 1);
    if (end < 0) throw new OarSchedError('CONFIG_INVALID', `${file}:${line}: unterminated ${quote === '"' ? 'double' : 'single'} quote`);
    const rest = text.slice(end + 1).trim();
    if (rest !== '' && !rest.startsWith('#')) throw new OarSchedError('CONFIG_INVALID', `${file}:${line}: unexpected text after the quoted value: ${rest.slice(0, 40)}`);
    return text.slice(1, end);
  }
  const hash = text.search(/\s#/);
  return (hash >= 0 ? text.slice(0, hash) : text).trim();
}

export function readOarConf(file: string): OarConfSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new OarSchedError('CONFIG_UNREADABLE', `oar.conf ${file} cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 'fix the --oar-conf path');
  }
  return mapOarConf(parseOarConf(text, file), file);
}

/** The mapping itself; `file` names the source in messages and anchors relative paths. */
export function mapOarConf(entries: ReadonlyMap<string, OarConfEntry>, file: string): OarConfSettings {
  const read = new KeyReader(entries, file);
  const scheduler: Record<string, unknown> = {};
  const quotas: Record<string, unknown> = {};
  const sorting: Record<string, unknown> = {};
  const fairshare: Record<string, unknown> = {};
  const set = (target: Record<string, unknown>, key: string, value: unknown) => {
    if (value !== undefined) target[key] = value;
  };

  set(scheduler, 'jobSecurityTime', read.integer('SCHEDULER_JOB_SECURITY_TIME', 0));
  set(scheduler, 'resourceOrder', read.text('SCHEDULER_RESOURCE_ORDER'));
  set(scheduler, 'hierarchyLabels', read.list('HIERARCHY_LABELS', ','));
  set(scheduler, 'suspendableResourceTypes', read.list('SCHEDULER_AVAILABLE_SUSPENDED_RESOURCE_TYPE', ' '));
  const maxJobs = read.integer('MAX_JOB_PER_QUEUES_GROUP_SCHEDULING_ROUND');
  if (maxJobs !== undefined) scheduler.maxJobsPerQueuesGroup = maxJobs > 0 ? maxJobs : null; // ≤ 0: unlimited (§2)
  set(scheduler, 'besteffortKillDurationBeforeReservation', read.integer('SCHEDULER_BESTEFFORT_KILL_DURATION_BEFORE_RESERVATION', 0));
  set(scheduler, 'reservationWaitingResourcesTimeout', read.integer('RESERVATION_WAITING_RESOURCES_TIMEOUT', 0));

  set(quotas, 'enabled', read.yesNo('QUOTAS'));
  set(quotas, 'period', read.integer('QUOTAS_PERIOD', 0));
  set(quotas, 'windowTimeLimit', read.integer('QUOTAS_WINDOW_TIME_LIMIT', 0));
  set(quotas, 'allNbResourcesMode', read.oneOf('QUOTAS_ALL_NB_RESOURCES_MODE', ['default_not_dead', 'default']));
  set(quotas, 'rules', read.jsonFile('QUOTAS_CONF_FILE'));

  set(sorting, 'policy', read.text('JOB_PRIORITY'));
  const customName = read.text('CUSTOM_JOB_SORTING');
  if (customName) sorting.custom = { name: customName, config: read.text('CUSTOM_JOB_SORTING_CONFIG') ?? '{}' };
  set(fairshare, 'windowSize', read.integer('SCHEDULER_FAIRSHARING_WINDOW_SIZE', 1));
  set(fairshare, 'projectTargets', read.perlHash('SCHEDULER_FAIRSHARING_PROJECT_TARGETS'));
  set(fairshare, 'userTargets', read.perlHash('SCHEDULER_FAIRSHARING_USER_TARGETS'));
  set(fairshare, 'coefProject', read.number('SCHEDULER_FAIRSHARING_COEF_PROJECT'));
  set(fairshare, 'coefUser', read.number('SCHEDULER_FAIRSHARING_COEF_USER'));
  set(fairshare, 'coefUserAsk', read.number('SCHEDULER_FAIRSHARING_COEF_USER_ASK'));
  if (Object.keys(fairshare).length > 0) sorting.fairshare = fairshare;
  const multifactor = read.yamlFile('PRIORITY_CONF_FILE');
  if (multifactor !== undefined) sorting.multifactor = camelKeys(multifactor, read.where('PRIORITY_CONF_FILE'));
  if (Object.keys(quotas).length > 0) scheduler.quotas = quotas;
  if (Object.keys(sorting).length > 0) scheduler.sorting = sorting;

  const hook = read.text('EXTRA_METASCHED');
  const extraMetasched = hook !== undefined && hook !== '' && hook !== 'default' ? { name: hook, config: read.text('EXTRA_METASCHED_CONFIG') ?? '' } : undefined;

  const notify: NotifyEndpoints = {};
  set(notify as Record<string, unknown>, 'serverHostname', read.text('SERVER_HOSTNAME'));
  set(notify as Record<string, unknown>, 'appendiceServerPort', read.integer('APPENDICE_SERVER_PORT', 1));
  set(notify as Record<string, unknown>, 'bipbipCommanderServer', read.text('BIPBIP_COMMANDER_SERVER'));
  set(notify as Record<string, unknown>, 'bipbipCommanderPort', read.integer('BIPBIP_COMMANDER_PORT', 1));

  return { file, scheduler: scheduler as SchedulerConfigInput, extraMetasched, dbUrl: databaseUrl(read), notify };
}

/** `DB_TYPE` + `DB_*` → `sqlite:FILE` or `postgres://login:password@host:port/base`. */
function databaseUrl(read: KeyReader): string | undefined {
  const type = read.text('DB_TYPE');
  if (type === undefined || type === '') return undefined;
  if (/^sqlite3?$/i.test(type)) {
    const dbFile = read.path('DB_BASE_FILE');
    if (dbFile === undefined) throw read.error('DB_BASE_FILE', 'is required when DB_TYPE is sqlite');
    return `sqlite:${dbFile}`;
  }
  if (/^(pg|postgres(ql)?)$/i.test(type)) {
    const host = read.text('DB_HOSTNAME') || 'localhost';
    const port = read.integer('DB_PORT', 1) ?? 5432;
    const base = read.text('DB_BASE_NAME') || 'oar';
    const login = read.text('DB_BASE_LOGIN');
    const password = read.text('DB_BASE_PASSWD');
    const auth = login ? `${encodeURIComponent(login)}${password ? `:${encodeURIComponent(password)}` : ''}@` : '';
    return `postgres://${auth}${host}:${port}/${encodeURIComponent(base)}`;
  }
  throw read.error('DB_TYPE', `expected Pg or sqlite, got "${type}"`);
}

function camelKeys(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OarSchedError('CONFIG_INVALID', `${where}: expected a YAML mapping of weights (age_weight: …)`);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
}

/** Typed reads of oar.conf keys; every error names the file, the line and the key. */
class KeyReader {
  constructor(
    private readonly entries: ReadonlyMap<string, OarConfEntry>,
    private readonly file: string,
  ) {}

  where(key: string): string {
    const e = this.entries.get(key);
    return `${this.file}${e ? `:${e.line}` : ''}: ${key}`;
  }

  error(key: string, problem: string): OarSchedError {
    return new OarSchedError('CONFIG_INVALID', `${this.where(key)} ${problem}`, 'fix the value in oar.conf, or override it in the config file');
  }

  text(key: string): string | undefined {
    return this.entries.get(key)?.value;
  }

  integer(key: string, min = Number.MIN_SAFE_INTEGER): number | undefined {
    const v = this.text(key);
    if (v === undefined || v === '') return undefined;
    if (!/^-?\d+$/.test(v)) throw this.error(key, `expected an integer, got "${v}"`);
    const n = Number(v);
    if (n < min) throw this.error(key, `expected an integer ≥ ${min}, got ${n}`);
    return n;
  }

  number(key: string): number | undefined {
    const v = this.text(key);
    if (v === undefined || v === '') return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw this.error(key, `expected a number, got "${v}"`);
    return n;
  }

  yesNo(key: string): boolean | undefined {
    const v = this.text(key);
    if (v === undefined || v === '') return undefined;
    if (/^yes$/i.test(v)) return true;
    if (/^no$/i.test(v)) return false;
    throw this.error(key, `expected yes or no, got "${v}"`);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
    const v = this.text(key);
    if (v === undefined || v === '') return undefined;
    if (!(allowed as readonly string[]).includes(v)) throw this.error(key, `expected one of ${allowed.join(', ')}, got "${v}"`);
    return v as T;
  }

  list(key: string, separator: ',' | ' '): string[] | undefined {
    const v = this.text(key);
    if (v === undefined) return undefined;
    const items = v.split(separator === ',' ? ',' : /\s+/).map((s) => s.trim()).filter((s) => s !== '');
    if (items.length === 0) throw this.error(key, 'is empty');
    return items;
  }

  path(key: string): string | undefined {
    const v = this.text(key);
    if (v === undefined || v === '') return undefined;
    return isAbsolute(v) ? v : resolve(dirname(this.file), v);
  }

  /** `{default => 21.0, alice => 30}` (Perl hash syntax of OAR's fair-share keys). */
  perlHash(key: string): Record<string, number> | undefined {
    const v = this.text(key);
    if (v === undefined || v === '') return undefined;
    const body = /^\s*\{(.*)\}\s*$/s.exec(v);
    if (!body) throw this.error(key, `expected {name => number, …}, got "${v}"`);
    const out: Record<string, number> = {};
    for (const item of body[1]!.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const m = /^['"]?([^'"=\s]+)['"]?\s*=>\s*(-?[\d.]+(?:e-?\d+)?)$/i.exec(item);
      if (!m) throw this.error(key, `expected name => number, got "${item}"`);
      out[m[1]!] = Number(m[2]);
    }
    return out;
  }

  jsonFile(key: string): unknown {
    return this.#parseFile(key, 'JSON', (text) => JSON.parse(text) as unknown);
  }

  yamlFile(key: string): unknown {
    return this.#parseFile(key, 'YAML', parseYaml);
  }

  /** The file a key names (relative to the oar.conf), parsed; errors name the key and the file. */
  #parseFile(key: string, format: string, parse: (text: string) => unknown): unknown {
    const file = this.path(key);
    if (file === undefined) return undefined;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw this.error(key, `names ${file}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    try {
      return parse(text);
    } catch (e) {
      throw this.error(key, `names ${file}, which is not valid ${format}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}

/** js-yaml (cosmiconfig's YAML parser too), loaded only when `PRIORITY_CONF_FILE` is set. */
function parseYaml(text: string): unknown {
  const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
  return yaml.load(text);
}
