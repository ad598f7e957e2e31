/**
 * The database an `oar.conf` names, as a URL for `openDatabase` (metascheduler.md §2, DB_* keys).
 * OAR 3 builds its own connection URL from the same keys:
 *
 * | `DB_TYPE` (any case) | keys read | URL |
 * |---|---|---|
 * | `Pg` (default), `psql`, `pgsql` | `DB_BASE_LOGIN`, `DB_BASE_PASSWD` (optional), `DB_HOSTNAME`, `DB_PORT` (default 5432), `DB_BASE_NAME` | `postgres://LOGIN[:PASSWD]@HOST:PORT/NAME` |
 * | `sqlite` | `DB_BASE_FILE` | `sqlite:FILE` |
 *
 * Values may arrive as numbers or still quoted; a missing key or another type (`mysql`) is
 * `DB_URL_INVALID` naming the key.
 */
import { OarSchedError } from '@oar-sched/core';

export type OarConf = Readonly<Record<string, string | number | boolean | null | undefined>>;

export function databaseUrlFromOarConf(conf: OarConf): string {
  const get = (key: string): string | undefined => {
    const raw = conf[key];
    if (raw === undefined || raw === null) return undefined;
    const value = String(raw).trim().replace(/^(["'])(.*)\1$/, '$2');
    return value === '' ? undefined : value;
  };
  const need = (key: string, why: string): string => {
    const value = get(key);
    if (value === undefined) throw new OarSchedError('DB_URL_INVALID', `oar.conf: ${key} is missing or empty (needed ${why}).`);
    return value;
  };
  const type = (get('DB_TYPE') ?? 'Pg').toLowerCase();
  if (type === 'sqlite') return `sqlite:${need('DB_BASE_FILE', 'when DB_TYPE is sqlite')}`;
  if (type === 'pg' || type === 'psql' || type === 'pgsql') {
    const why = 'when DB_TYPE is Pg';
    const login = encodeURIComponent(need('DB_BASE_LOGIN', why));
    const password = get('DB_BASE_PASSWD');
    const host = need('DB_HOSTNAME', why);
    const port = get('DB_PORT') ?? '5432';
    const name = encodeURIComponent(need('DB_BASE_NAME', why));
    const auth = password === undefined ? login : `${login}:${encodeURIComponent(password)}`;
    return `postgres://${auth}@${host.includes(':') ? `[${host}]` : host}:${port}/${name}`;
  }
  throw new OarSchedError('DB_URL_INVALID', `oar.conf: DB_TYPE ${get('DB_TYPE')} is not supported; expected Pg or sqlite.`);
}
