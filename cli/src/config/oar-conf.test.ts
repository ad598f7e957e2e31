import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schedulerConfigSchema } from '@oar-sched/core';
import { describe, expect, it } from 'vitest';
import { parseOarConf, readOarConf } from './oar-conf.js';

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oar-conf-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('parseOarConf', () => {
  it('reads KEY="value" lines, quotes, comments and blank lines', () => {
    const entries = parseOarConf(['# OAR config', '', 'A="x y"', "B='z'", 'C=3 # trailing', 'export D="d"'].join('\n'), 'oar.conf');
    expect(Object.fromEntries([...entries].map(([k, e]) => [k, e.value]))).toEqual({ A: 'x y', B: 'z', C: '3', D: 'd' });
    expect(entries.get('C')!.line).toBe(5);
  });

  it('names the file and line of a line that is not KEY=value', () => {
    expect(() => parseOarConf('A="1"\nthis is not a setting\n', '/etc/oar/oar.conf')).toThrow('/etc/oar/oar.conf:2: expected KEY="value"');
    expect(() => parseOarConf('A="1\n', 'oar.conf')).toThrow('oar.conf:1: unterminated double quote');
  });
});

describe('readOarConf maps OAR keys onto the configuration', () => {
  it('maps every scheduler key, reads the quotas and priority files relative to oar.conf', () => {
    const dir = site({
      'oar.conf': [
        'SCHEDULER_JOB_SECURITY_TIME="30"',
        'SCHEDULER_RESOURCE_ORDER="scheduler_priority ASC, resource_id ASC"',
        'HIERARCHY_LABELS="resource_id,network_address,cpu,core"',
        'SCHEDULER_AVAILABLE_SUSPENDED_RESOURCE_TYPE="default licence"',
        'MAX_JOB_PER_QUEUES_GROUP_SCHEDULING_ROUND="0"',
        'SCHEDULER_BESTEFFORT_KILL_DURATION_BEFORE_RESERVATION="120"',
        'RESERVATION_WAITING_RESOURCES_TIMEOUT="600"',
        'QUOTAS="yes"',
        'QUOTAS_CONF_FILE="quotas.json"',
        'QUOTAS_ALL_NB_RESOURCES_MODE="default"',
        'JOB_PRIORITY="MULTIFACTOR"',
        'PRIORITY_CONF_FILE="priority.yaml"',
        'SCHEDULER_FAIRSHARING_WINDOW_SIZE="86400"',
        'SCHEDULER_FAIRSHARING_PROJECT_TARGETS="{default => 21.0, physics => 40}"',
        'EXTRA_METASCHED="foo"',
        'EXTRA_METASCHED_CONFIG="a b"',
        'SERVER_HOSTNAME="oar-server"',
        'APPENDICE_SERVER_PORT="6670"',
        'SOME_OTHER_MODULE_KEY="ignored"',
      ].join('\n'),
      'quotas.json': JSON.stringify({ quotas: { '*,*,*,*': [4, -1, -1] } }),
      'priority.yaml': 'age_weight: 1.5\nkarma_weight: 2\n',
    });
    const conf = readOarConf(join(dir, 'oar.conf'));
    expect(conf.scheduler).toEqual({
      jobSecurityTime: 30,
      resourceOrder: 'scheduler_priority ASC, resource_id ASC',
      hierarchyLabels: ['resource_id', 'network_address', 'cpu', 'core'],
      suspendableResourceTypes: ['default', 'licence'],
      maxJobsPerQueuesGroup: null,
      besteffortKillDurationBeforeReservation: 120,
      reservationWaitingResourcesTimeout: 600,
      quotas: { enabled: true, allNbResourcesMode: 'default', rules: { quotas: { '*,*,*,*': [4, -1, -1] } } },
      sorting: { policy: 'MULTIFACTOR', fairshare: { windowSize: 86400, projectTargets: { default: 21, physics: 40 } }, multifactor: { ageWeight: 1.5, karmaWeight: 2 } },
    });
    // What it maps is valid scheduler configuration.
    expect(schedulerConfigSchema.safeParse(conf.scheduler).success).toBe(true);
    expect(conf.extraMetasched).toEqual({ name: 'foo', config: 'a b' });
    expect(conf.notify).toEqual({ serverHostname: 'oar-server', appendiceServerPort: 6670 });
    expect(conf.dbUrl).toBeUndefined();
  });

  it('builds the database URL from the DB_* keys', () => {
    const pg = site({ 'oar.conf': 'DB_TYPE="Pg"\nDB_HOSTNAME="db.example"\nDB_PORT="5433"\nDB_BASE_NAME="oar"\nDB_BASE_LOGIN="oar"\nDB_BASE_PASSWD="s3cr:t"\n' });
    expect(readOarConf(join(pg, 'oar.conf')).dbUrl).toBe('postgres://oar:s3cr%3At@db.example:5433/oar');
    const lite = site({ 'oar.conf': 'DB_TYPE="sqlite"\nDB_BASE_FILE="oar.sqlite"\n' });
    expect(readOarConf(join(lite, 'oar.conf')).dbUrl).toBe(`sqlite:${join(lite, 'oar.sqlite')}`);
    expect(readOarConf(join(site({ 'oar.conf': 'EXTRA_METASCHED="default"\n' }), 'oar.conf')).extraMetasched).toBeUndefined();
  });

  it.each([
    ['SCHEDULER_JOB_SECURITY_TIME="sixty"', 'oar.conf:1: SCHEDULER_JOB_SECURITY_TIME expected an integer, got "sixty"'],
    ['QUOTAS="maybe"', 'QUOTAS expected yes or no, got "maybe"'],
    ['QUOTAS_ALL_NB_RESOURCES_MODE="everything"', 'expected one of default_not_dead, default'],
    ['SCHEDULER_FAIRSHARING_USER_TARGETS="default: 3"', 'SCHEDULER_FAIRSHARING_USER_TARGETS expected {name => number, …}'],
    ['QUOTAS_CONF_FILE="missing.json"', 'QUOTAS_CONF_FILE names'],
    ['DB_TYPE="mysql"', 'DB_TYPE expected Pg or sqlite, got "mysql"'],
  ])('refuses %s with an error naming the key', (line, message) => {
    const dir = site({ 'oar.conf': `${line}\n` });
    let error: unknown;
    try {
      readOarConf(join(dir, 'oar.conf'));
    } catch (e) {
      error = e;
    }
    expect((error as { code?: string }).code).toBe('CONFIG_INVALID');
    expect((error as Error).message).toContain(message);
  });

  it('says which file cannot be read', () => {
    expect(() => readOarConf('/nonexistent/oar.conf')).toThrow('oar.conf /nonexistent/oar.conf cannot be read: ENOENT');
  });
});
