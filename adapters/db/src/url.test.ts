import { describe, expect, it } from 'vitest';
import { isOarSchedError } from '@oar-sched/core';
import { parseDatabaseUrl, redactUrl } from './url.js';

describe('parseDatabaseUrl', () => {
  const base = '/srv/oar';
  it.each([
    ['sqlite::memory:', { dialect: 'sqlite', path: ':memory:', memory: true, display: 'sqlite::memory:' }],
    ['sqlite:/var/lib/oar/oar.db', { dialect: 'sqlite', path: '/var/lib/oar/oar.db', memory: false, display: 'sqlite:/var/lib/oar/oar.db' }],
    ['sqlite:db/oar.db', { dialect: 'sqlite', path: '/srv/oar/db/oar.db', memory: false }],
    ['sqlite:../other/oar.db', { dialect: 'sqlite', path: '/srv/other/oar.db' }],
    ['  sqlite:oar.db  ', { dialect: 'sqlite', path: '/srv/oar/oar.db' }],
    ['postgres://oar@db.example.org:5433/oar', { dialect: 'postgres', host: 'db.example.org', port: 5433, user: 'oar', password: undefined, database: 'oar', display: 'postgres://oar@db.example.org:5433/oar' }],
    ['postgresql://oar@localhost/oar', { dialect: 'postgres', host: 'localhost', port: 5432, user: 'oar', database: 'oar' }],
    ['postgres://oar:s%40cret@127.0.0.1/oar_db', { dialect: 'postgres', user: 'oar', password: 's@cret', database: 'oar_db', display: 'postgres://oar:***@127.0.0.1/oar_db' }],
    ['postgres://127.0.0.1/oar', { dialect: 'postgres', user: undefined, host: '127.0.0.1', database: 'oar' }],
    ['postgres://oar@[::1]:5432/oar?sslmode=disable', { dialect: 'postgres', host: '::1', port: 5432, connectionString: 'postgres://oar@[::1]:5432/oar?sslmode=disable' }],
  ])('%s', (url, expected) => {
    expect(parseDatabaseUrl(url, { baseDir: base })).toMatchObject(expected);
  });

  it('resolves a relative SQLite path against the working directory by default', () => {
    expect(parseDatabaseUrl('sqlite:x.db')).toMatchObject({ path: `${process.cwd()}/x.db` });
  });

  it.each([
    ['', /empty/],
    ['oar.db', /unknown scheme|no scheme/],
    ['mysql://oar@host/oar', /unknown scheme "mysql:"/],
    ['sqlite:', /no file path/],
    ['sqlite:///var/lib/oar.db', /ambiguous/],
    ['postgres://oar@host', /no database name/],
    ['postgres://oar@host/', /no database name/],
    ['postgres://oar@host/a/b', /one path segment/],
    ['postgres://oar@host:99999/oar', /well-formed|out of range/],
    ['postgres:///oar', /no host/],
  ])('refuses %j with DB_URL_INVALID saying why and what is expected', (url, why) => {
    let caught: unknown;
    try {
      parseDatabaseUrl(url);
    } catch (e) {
      caught = e;
    }
    expect(isOarSchedError(caught)).toBe(true);
    const err = caught as { code: string; message: string };
    expect(err.code).toBe('DB_URL_INVALID');
    expect(err.message).toMatch(why);
    expect(err.message).toContain('expected sqlite:PATH, sqlite::memory: or postgres://');
  });

  it('never puts the password of a bad URL in the message', () => {
    expect(() => parseDatabaseUrl('postgres://oar:hunter2@host:notaport/oar')).toThrow(/postgres:\/\/oar:\*\*\*@host:notaport\/oar/);
    expect(() => parseDatabaseUrl('postgres://oar:hunter2@host:notaport/oar')).not.toThrow(/hunter2/);
  });
});

describe('redactUrl', () => {
  it.each([
    ['postgres://oar:pw@host/db', 'postgres://oar:***@host/db'],
    ['postgres://oar:p@ss/word@host/db', 'postgres://oar:***@host/db'],
    ['postgres://oar@host/db', 'postgres://oar@host/db'],
    ['sqlite:/a:b@c', 'sqlite:/a:b@c'],
  ])('%s → %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
