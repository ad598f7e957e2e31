/**
 * `oar-sched round` through the real binary: where it finds the database and its settings
 * (oar.conf, OAR_DB_URL), what it prints, and its exit codes (a failure is 10, never OAR's 1 or 2).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { initSchema, insertJob, insertQueue, insertResources, openDatabase } from '@oar-sched/db';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node_modules', '.bin', 'oar-sched');
const N = 1_000_000;

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', env: { ...process.env, OARCONFFILE: '', OAR_DB_URL: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A site folder with an SQLite OAR database: queue default, 4 resources, two 2-resource jobs. */
async function site(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'oar-round-'));
  const db = await openDatabase(`sqlite:${join(dir, 'oar.sqlite')}`);
  await initSchema(db);
  await insertQueue(db, { name: 'default', priority: 3 });
  await insertResources(db, [1, 2, 3, 4].map(() => ({ network_address: 'node1' })));
  for (const user of ['alice', 'bob']) await insertJob(db, { user, moldables: [{ walltime: 600, groups: [{ levels: [{ label: 'resource_id', value: 2 }] }] }] });
  await db.close();
  return dir;
}

describe('oar-sched round (real binary)', () => {
  it('takes the database and the security time from an oar.conf, prints one line per queue group, exits 0', async () => {
    const dir = await site();
    writeFileSync(join(dir, 'oar.conf'), 'DB_TYPE="sqlite"\nDB_BASE_FILE="oar.sqlite"\nSCHEDULER_JOB_SECURITY_TIME="30"\n');
    const r = run(dir, ['round', '--oar-conf', 'oar.conf', '--now', String(N), '--no-notify', '--json']);
    expect(r.stderr).toContain('default: 2 waiting, 2 planned, 2 launched');
    expect(r.stderr).toContain('exit 0');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { launched: number[]; operations: { op: string; message?: string }[] };
    expect(out.launched).toHaveLength(2);
    expect(out.operations.filter((o) => o.op === 'message').map((o) => o.message)).toEqual(['R=2,W=630,J=P,Q=default', 'R=2,W=630,J=P,Q=default']);
  });

  it('finds the database in OAR_DB_URL; a second round at the same now changes nothing new', async () => {
    const dir = await site();
    const env = { OAR_DB_URL: `sqlite:${join(dir, 'oar.sqlite')}` };
    expect(run(dir, ['round', '--now', String(N), '--no-notify'], env).code).toBe(0);
    const again = run(dir, ['round', '--now', String(N), '--no-notify'], env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('default: 0 waiting, 0 planned, 0 launched');
  });

  it.each([
    [['round', '--no-notify'], 'no database given'],
    [['round', '--db', 'sqlite:missing.sqlite', '--no-notify'], 'missing.sqlite'],
    [['round', '--db', 'mysql://x', '--no-notify'], 'mysql://x'],
    [['round', '--db', 'sqlite:oar.sqlite', '--now', 'soon', '--no-notify'], '--now: expected a whole number of seconds'],
  ])('fails with exit 10, one message and nothing written: %j', async (args, message) => {
    const dir = await site();
    const r = run(dir, args);
    expect(r.code).toBe(10);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('the round wrote nothing');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('db init creates the schema once, says how much in two lines (--verbose lists it), then has nothing to do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-init-'));
    const first = run(dir, ['db', 'init', '--db', 'sqlite:new.sqlite']);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^sqlite:.*new\.sqlite: OAR schema 3\.0\.0: added \d+ tables, \d+ indexes\n {2}\(--verbose lists them\)\n$/);
    const second = run(dir, ['db', 'init', '--db', 'sqlite:new.sqlite']);
    expect(second.stdout).toMatch(/^sqlite:.*new\.sqlite: OAR schema 3\.0\.0 already in place, nothing to do\n$/);
    const verbose = run(dir, ['db', 'init', '--db', 'sqlite:listed.sqlite', '--verbose']);
    expect(verbose.stdout).toContain('\n  table jobs\n');
    expect(verbose.stdout).toContain('\n  index jobs.state\n');
  });

  it('db init --migrate lists the few things an older schema lacked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-migrate-'));
    const db = await openDatabase(`sqlite:${join(dir, 'old.sqlite')}`);
    await initSchema(db);
    await sql`DROP TABLE walltime_change`.execute(db.kysely);
    await sql`DROP INDEX state`.execute(db.kysely);
    await db.close();
    const r = run(dir, ['db', 'init', '--db', 'sqlite:old.sqlite', '--migrate']);
    expect(r.code).toBe(0);
    const [summary, ...listed] = r.stdout.trimEnd().split('\n');
    expect(summary).toMatch(/^sqlite:.*old\.sqlite: OAR schema 3\.0\.0: added 1 table, 2 indexes$/);
    expect(listed.sort()).toEqual(['  index jobs.state', '  index walltime_change.walltime_change_job_id', '  table walltime_change']);
  });
});
