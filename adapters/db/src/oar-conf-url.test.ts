import { describe, expect, it } from 'vitest';
import { databaseUrlFromOarConf } from './oar-conf-url.js';
import { parseDatabaseUrl } from './url.js';

describe('databaseUrlFromOarConf', () => {
  it.each([
    [{ DB_TYPE: 'Pg', DB_HOSTNAME: 'server', DB_PORT: '5432', DB_BASE_NAME: 'oar', DB_BASE_LOGIN: 'oar', DB_BASE_PASSWD: 'oar' }, 'postgres://oar:oar@server:5432/oar'],
    [{ DB_HOSTNAME: 'server', DB_BASE_NAME: 'oar', DB_BASE_LOGIN: 'oar' }, 'postgres://oar@server:5432/oar'],
    [{ DB_TYPE: 'pgsql', DB_HOSTNAME: '"db"', DB_PORT: 6543, DB_BASE_NAME: "'oar'", DB_BASE_LOGIN: 'oar', DB_BASE_PASSWD: '' }, 'postgres://oar@db:6543/oar'],
    [{ DB_TYPE: 'Pg', DB_HOSTNAME: '::1', DB_BASE_NAME: 'oar', DB_BASE_LOGIN: 'oar', DB_BASE_PASSWD: 'p@ss/:w' }, 'postgres://oar:p%40ss%2F%3Aw@[::1]:5432/oar'],
    [{ DB_TYPE: 'sqlite', DB_BASE_FILE: '/var/lib/oar/oar.db' }, 'sqlite:/var/lib/oar/oar.db'],
  ])('%j → %s', (conf, url) => {
    expect(databaseUrlFromOarConf(conf)).toBe(url);
  });

  it('gives URLs openDatabase accepts, password included', () => {
    const location = parseDatabaseUrl(databaseUrlFromOarConf({ DB_HOSTNAME: 'h', DB_BASE_NAME: 'oar', DB_BASE_LOGIN: 'oar', DB_BASE_PASSWD: 'p@ss/:w' }));
    expect(location).toMatchObject({ dialect: 'postgres', host: 'h', port: 5432, user: 'oar', password: 'p@ss/:w', database: 'oar' });
  });

  it.each([
    [{ DB_TYPE: 'Pg', DB_BASE_NAME: 'oar', DB_BASE_LOGIN: 'oar' }, /DB_HOSTNAME is missing or empty \(needed when DB_TYPE is Pg\)/],
    [{ DB_TYPE: 'sqlite' }, /DB_BASE_FILE is missing/],
    [{ DB_TYPE: 'mysql' }, /DB_TYPE mysql is not supported/],
  ])('refuses %j with DB_URL_INVALID', (conf, why) => {
    expect(() => databaseUrlFromOarConf(conf)).toThrow(why);
    try {
      databaseUrlFromOarConf(conf);
    } catch (e) {
      expect((e as { code: string }).code).toBe('DB_URL_INVALID');
    }
  });
});
