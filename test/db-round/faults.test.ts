/**
 * Fault injection on a database round (database.md §6 rules 1 and 5: one transaction, a failure
 * writes nothing), on SQLite (a file) and PostgreSQL:
 *
 * (a) a plugin error that escapes the round AFTER writes: the extra-metasched hook runs before each
 *     queue group and its property changes are written to `resources` in the round's transaction
 *     as soon as it returns (run-db-round.ts, writePropertyChanges). The hook below sets
 *     `deploy='YES'` on resource 1 before the first group (an UPDATE really executed; on PostgreSQL
 *     a second connection sees the row locked by it), then before the second group asks to set a
 *     column `resources` does not have: writePropertyChanges throws CONFIG_INVALID, runDbRound
 *     rejects, and the database must be byte-for-byte what it was (dumpData).
 * (b) the real `oar-sched round` process, with the same kind of hook loaded from a project's
 *     `oar.config.json` (plugins.list → a local file), killed with SIGKILL while the hook
 *     busy-waits before the second group, i.e. after the first group's write: database unchanged,
 *     and the next round runs normally (the lock died with the process).
 * (c) two rounds at once (two processes): the first holds the round lock while its hook busy-waits;
 *     the second waits for it and then finds nothing new to launch, or, with `--lock-timeout 1`,
 *     gives up with DB_LOCKED and exit 10 having written nothing. Either way: one plan, each
 *     waiting job launched once, one `toLaunch` state log each.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginRegistry, schedulerConfigSchema } from '@oar-sched/core';
import { initSchema, insertJob, insertQueue, insertResources, runDbRound, type Db } from '@oar-sched/db';
import { dumpData, testDatabases, type TestDatabase } from '@oar-sched/db/testing';
import { definePlugin } from '@oar-sched/plugin-api';
import assignDefault from '@oar-sched/plugin-assign-default';
import findDefault from '@oar-sched/plugin-find-default';
import sortFifo from '@oar-sched/plugin-sort-fifo';
import { runRoundProcess, startRound, tempProject } from './cli-process.js';

const N = 1_000_000;
const SCHEDULER = { jobSecurityTime: 60, resourceOrder: 'resource_id ASC', hierarchyLabels: ['resource_id', 'network_address'] };

/** Queues `default` (3) and `besteffort` (0): two queue groups, so the hook runs twice. 8 resources, 3 jobs. */
async function populate(db: Db): Promise<number[]> {
  await initSchema(db);
  await insertQueue(db, { name: 'default', priority: 3 });
  await insertQueue(db, { name: 'besteffort', priority: 0 });
  await insertResources(db, Array.from({ length: 8 }, (_, i) => ({ network_address: `node${Math.floor(i / 2) + 1}` })));
  const one = (k: number) => [{ walltime: 600, groups: [{ levels: [{ label: 'resource_id', value: k }] }] }];
  const ids: number[] = [];
  ids.push((await insertJob(db, { user: 'a', queue: 'default', moldables: one(2), submissionTime: N - 30 })).jobId);
  ids.push((await insertJob(db, { user: 'b', queue: 'default', moldables: one(3), submissionTime: N - 20 })).jobId);
  ids.push((await insertJob(db, { user: 'c', queue: 'besteffort', types: ['besteffort'], moldables: one(1), submissionTime: N - 10 })).jobId);
  return ids;
}

/**
 * A local plugin for the binary: before the first group it marks resource 1 deployable (a real
 * write in the round's transaction); before the next one it prints SLOW-HOOK-BUSY and holds the
 * round (and its lock): for `ctx.config` milliseconds, or, when the config is `release=FILE`,
 * until FILE exists (at most a minute), so that a test decides when it ends whatever the load.
 */
const SLOW_PLUGIN = `import { existsSync } from 'node:fs';
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
export default {
  apiVersion: 1,
  name: 'slow-hook',
  setup(api) {
    api.extraMetasched('slow', (ctx) => {
      if (ctx.prevQueues === null) { ctx.setResourceProperty(1, 'deploy', 'YES'); return; }
      process.stderr.write('SLOW-HOOK-BUSY\\n');
      const release = ctx.config.startsWith('release=') ? ctx.config.slice('release='.length) : undefined;
      const until = Date.now() + (release === undefined ? Number(ctx.config) : 60_000);
      while (Date.now() < until && !(release !== undefined && existsSync(release))) pause(10);
    });
  },
};
`;

/** `hold`: milliseconds, or `release=FILE` (see SLOW_PLUGIN). */
function slowProject(hold: number | string) {
  return tempProject({
    'slow.mjs': SLOW_PLUGIN,
    'oar.config.json': JSON.stringify({ scheduler: SCHEDULER, plugins: { list: ['./slow.mjs'] }, extraMetasched: { name: 'slow', config: String(hold) } }),
  });
}

async function launchLogs(db: Db, jobIds: readonly number[]): Promise<Record<number, number>> {
  const rows = await db.kysely.selectFrom('job_state_logs').select(['job_id']).where('job_state', '=', 'toLaunch').where('job_id', 'in', [...jobIds]).execute();
  const out: Record<number, number> = Object.fromEntries(jobIds.map((id) => [id, 0]));
  for (const r of rows) out[Number(r.job_id)]! += 1;
  return out;
}

async function states(db: Db, jobIds: readonly number[]): Promise<string[]> {
  const rows = await db.kysely.selectFrom('jobs').select(['job_id', 'state']).where('job_id', 'in', [...jobIds]).orderBy('job_id').execute();
  return rows.map((r) => String(r.state));
}

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`round fault injection (${target.label})`, () => {
    let t: TestDatabase | undefined;
    const projects: { remove(): void }[] = [];
    afterEach(async () => {
      await t?.dispose();
      t = undefined;
      for (const p of projects.splice(0)) p.remove();
    });

    it('(a) a plugin error escaping the round after its first writes leaves every table byte-for-byte unchanged', async () => {
      t = await target.create({ file: true });
      await populate(t.db);
      const before = await dumpData(t.db);
      const probe = target.dialect === 'postgres' ? await t.connect() : undefined;
      let lockedByRound: boolean | undefined;
      const calls: (string[] | null)[] = [];
      const registry = new PluginRegistry({ info: () => {}, warn: () => {} });
      for (const builtIn of [findDefault, assignDefault, sortFifo]) registry.use(builtIn, { source: 'built-in' });
      registry.use(
        definePlugin({
          name: 'faulty-hook',
          setup(api) {
            api.extraMetasched('faulty', async (ctx) => {
              calls.push(ctx.prevQueues === null ? null : [...ctx.prevQueues]);
              if (ctx.prevQueues === null) {
                ctx.setResourceProperty(1, 'deploy', 'YES');
                return;
              }
              if (probe) {
                // The first group's UPDATE holds resource 1's row lock inside the round's transaction.
                try {
                  await probe.transaction(async (tx) => {
                    await sql`SELECT resource_id FROM resources WHERE resource_id = 1 FOR UPDATE NOWAIT`.execute(tx.kysely);
                  });
                  lockedByRound = false;
                } catch (e) {
                  lockedByRound = (e as { code?: string }).code === '55P03';
                }
              }
              ctx.setResourceProperty(2, 'no_such_column', 'x');
            });
          },
        }),
        { source: 'config' },
      );
      const config = schedulerConfigSchema.parse(SCHEDULER);
      await expect(runDbRound(t.db, { config, registry, now: N, extraMetasched: { name: 'faulty', config: '' } })).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining('no_such_column') as unknown,
      });
      expect(calls).toEqual([null, ['default']]);
      if (probe) expect(lockedByRound).toBe(true);
      expect(await dumpData(t.db)).toEqual(before);

      // Control: the same hook with a real column commits both groups' writes.
      const okRegistry = new PluginRegistry({ info: () => {}, warn: () => {} });
      for (const builtIn of [findDefault, assignDefault, sortFifo]) okRegistry.use(builtIn, { source: 'built-in' });
      okRegistry.use(
        definePlugin({
          name: 'fine-hook',
          setup(api) {
            api.extraMetasched('fine', (ctx) => ctx.setResourceProperty(ctx.prevQueues === null ? 1 : 2, 'deploy', 'YES'));
          },
        }),
        { source: 'config' },
      );
      await runDbRound(t.db, { config, registry: okRegistry, now: N, extraMetasched: { name: 'fine', config: '' } });
      const deploy = await t.db.kysely.selectFrom('resources').select(['resource_id', 'deploy']).where('deploy', '=', 'YES').orderBy('resource_id').execute();
      expect(deploy.map((r) => Number(r.resource_id))).toEqual([1, 2]);
    });

    it('(b) SIGKILL of `oar-sched round` mid-round (after the first group wrote) leaves the database unchanged', { timeout: 60_000 }, async () => {
      t = await target.create({ file: true });
      const jobs = await populate(t.db);
      const before = await dumpData(t.db);
      const project = slowProject(60_000);
      projects.push(project);
      const round = startRound(['--db', t.url, '--now', String(N), '--no-notify'], project.dir);
      await round.waitFor('SLOW-HOOK-BUSY');
      round.child.kill('SIGKILL');
      const killed = await round.done;
      expect(killed.signal).toBe('SIGKILL');
      // A fresh connection: nothing of the killed round is visible, on disk or on the server.
      const fresh = await t.connect();
      expect(await dumpData(fresh)).toEqual(before);
      expect(await dumpData(t.db)).toEqual(before);
      // The lock went with the process: the next round (no hook) plans and launches at once.
      const plain = tempProject({ 'oar.config.json': JSON.stringify({ scheduler: SCHEDULER }) });
      projects.push(plain);
      const next = await runRoundProcess(['--db', t.url, '--now', String(N), '--no-notify', '--lock-timeout', '5'], plain.dir);
      expect(next.code, next.stderr).toBe(0);
      expect(await states(fresh, jobs)).toEqual(['toLaunch', 'toLaunch', 'toLaunch']);
    });

    it('(c) two rounds at once: the second waits for the lock, then finds nothing new; one plan, each job launched once', { timeout: 60_000 }, async () => {
      t = await target.create({ file: true });
      const jobs = await populate(t.db);
      const slow = slowProject(3_000);
      const plain = tempProject({ 'oar.config.json': JSON.stringify({ scheduler: SCHEDULER }) });
      projects.push(slow, plain);
      const first = startRound(['--db', t.url, '--now', String(N), '--no-notify', '--json'], slow.dir);
      await first.waitFor('SLOW-HOOK-BUSY');
      const second = startRound(['--db', t.url, '--now', String(N), '--no-notify', '--json', '--lock-timeout', '30'], plain.dir);
      const [a, b] = await Promise.all([first.done, second.done]);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(0);
      expect((JSON.parse(a.stdout) as { launched: number[] }).launched.sort()).toEqual([...jobs].sort());
      // Whenever it got the lock, the second found the first's plan: it launched nothing again.
      expect((JSON.parse(b.stdout) as { launched: number[] }).launched).toEqual([]);
      expect(await states(t.db, jobs)).toEqual(['toLaunch', 'toLaunch', 'toLaunch']);
      expect(await launchLogs(t.db, jobs)).toEqual(Object.fromEntries(jobs.map((id) => [id, 1])));
      const assigned = await t.db.kysely.selectFrom('assigned_resources').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
      expect(Number(assigned.n)).toBe(6);
    });

    it('(c) two rounds at once: with a short --lock-timeout the second refuses with DB_LOCKED, exit 10, writing nothing', { timeout: 60_000 }, async () => {
      t = await target.create({ file: true });
      const jobs = await populate(t.db);
      const plain = tempProject({ 'oar.config.json': JSON.stringify({ scheduler: SCHEDULER }) });
      // The first round holds the lock until the second has given up.
      const release = join(plain.dir, 'release-the-first-round');
      const slow = slowProject(`release=${release}`);
      projects.push(slow, plain);
      const first = startRound(['--db', t.url, '--now', String(N), '--no-notify'], slow.dir);
      await first.waitFor('SLOW-HOOK-BUSY');
      const b = await runRoundProcess(['--db', t.url, '--now', String(N), '--no-notify', '--lock-timeout', '1'], plain.dir);
      writeFileSync(release, '');
      expect(b.code, b.stderr).toBe(10);
      expect(b.stderr).toMatch(/round lock|locked/i);
      const a = await first.done;
      expect(a.code, a.stderr).toBe(0);
      expect(await launchLogs(t.db, jobs)).toEqual(Object.fromEntries(jobs.map((id) => [id, 1])));
      // The refused round wrote nothing: running it again now changes only what a normal re-run changes (nothing to launch).
      const after = await dumpData(t.db);
      expect(after.job_state_logs).toHaveLength(3);
      expect(after.resources!.filter((r) => (r as { deploy: string }).deploy === 'YES')).toHaveLength(1);
    });
  });
}
