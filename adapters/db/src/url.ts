/**
 * Database URLs: the one string a user gives to name an OAR database.
 *
 * | form | meaning |
 * |---|---|
 * | `sqlite:PATH` | a SQLite file; a relative `PATH` resolves against `baseDir` (default: the working directory) |
 * | `sqlite::memory:` | a private in-memory SQLite database (gone when closed) |
 * | `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?PARAMS]` | a PostgreSQL database (`postgresql://` too; port 5432 by default; `PARAMS` are handed to the `pg` driver, e.g. `sslmode=require`) |
 *
 * `sqlite://…` (SQLAlchemy's spelling, where the number of slashes decides relative or absolute)
 * is refused rather than guessed: write `sqlite:/abs/path.db` or `sqlite:rel/path.db`.
 *
 * Every refusal is an `OarSchedError` `DB_URL_INVALID` naming the URL (its password replaced by
 * `***`) and the forms expected.
 */
import { isAbsolute, resolve } from 'node:path';
import { OarSchedError } from '@oar-sched/core';

export type Dialect = 'sqlite' | 'postgres';

/** Where a URL points, validated and normalised. `display` is safe to print (no password). */
export type DatabaseLocation = SqliteLocation | PostgresLocation;

export interface SqliteLocation {
  readonly dialect: 'sqlite';
  /** An absolute file path, or `':memory:'`. */
  readonly path: string;
  readonly memory: boolean;
  readonly display: string;
}

export interface PostgresLocation {
  readonly dialect: 'postgres';
  readonly host: string;
  readonly port: number;
  /** Absent when the URL names none (the driver then uses `PGUSER` or the OS user). */
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly database: string;
  /** The URL as given (with its password), for the driver. Never print it: use `display`. */
  readonly connectionString: string;
  readonly display: string;
}

export interface ParseUrlOptions {
  /** Base directory for a relative `sqlite:PATH`. Default: the process's working directory. */
  readonly baseDir?: string | undefined;
}

export const EXPECTED_URL_FORMS = 'sqlite:PATH, sqlite::memory: or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE';

/** Parses and validates a database URL; throws `DB_URL_INVALID` with the reason. */
export function parseDatabaseUrl(url: string, options: ParseUrlOptions = {}): DatabaseLocation {
  const trimmed = url.trim();
  const fail = (why: string): never => {
    throw new OarSchedError('DB_URL_INVALID', `Invalid database URL "${redactUrl(trimmed)}": ${why}; expected ${EXPECTED_URL_FORMS}.`);
  };
  if (trimmed === '') fail('the URL is empty');

  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'sqlite') {
    const rest = trimmed.slice('sqlite:'.length);
    if (rest === ':memory:') return { dialect: 'sqlite', path: ':memory:', memory: true, display: 'sqlite::memory:' };
    if (rest.startsWith('//')) fail('"sqlite://" is ambiguous (SQLAlchemy counts slashes); write sqlite:/absolute/path.db or sqlite:relative/path.db');
    if (rest === '') fail('no file path after "sqlite:"');
    const path = isAbsolute(rest) ? resolve(rest) : resolve(options.baseDir ?? process.cwd(), rest);
    return { dialect: 'sqlite', path, memory: false, display: `sqlite:${path}` };
  }
  if (scheme === 'postgres' || scheme === 'postgresql') {
    let parsed: URL;
    try {
      parsed = new URL(trimmed);
    } catch {
      return fail('not a well-formed URL (check the port and any special characters, which must be %-encoded)');
    }
    if (parsed.hostname === '') fail('no host name');
    const port = parsed.port === '' ? 5432 : Number(parsed.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`port ${parsed.port} out of range`);
    const path = parsed.pathname.replace(/^\//, '');
    if (path === '') fail('no database name (the path after the host)');
    if (path.includes('/')) fail(`"${path}" is not a database name (one path segment expected)`);
    const decode = (s: string, what: string): string => {
      try {
        return decodeURIComponent(s);
      } catch {
        return fail(`bad %-encoding in the ${what}`);
      }
    };
    const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
    const user = parsed.username === '' ? undefined : decode(parsed.username, 'user name');
    const password = parsed.password === '' ? undefined : decode(parsed.password, 'password');
    const database = decode(path, 'database name');
    return { dialect: 'postgres', host, port, user, password, database, connectionString: trimmed, display: redactUrl(trimmed) };
  }
  return fail(scheme === undefined ? 'no scheme' : `unknown scheme "${scheme}:"`);
}

/**
 * The URL with any password replaced by `***`. Works on malformed URLs too: everything between the
 * user name's `:` and the last `@` goes, so an unencoded `@` or `/` in a password never leaks.
 */
export function redactUrl(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/@:]*):.*@/, '$1:***@');
}
