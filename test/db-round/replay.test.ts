/**
 * Replay: `db export` gives the scenario of exactly what a round sees, and `db import` writes a
 * scenario as OAR rows; both through the command line (`runCli`, in process), on SQLite and
 * PostgreSQL.
 *
 * - For the single-round set-ups of the database-round scenarios (test/db-round/scenarios, those
 *   without a plugin of their own): `schedule --scenario` on the export plans every job exactly
 *   as `round` on the database (start and resources of each waiting job and new reservation, and
 *   the same jobs left unplanned).
 * - `db import` of docs/demo/demo-cluster.json, then `round`: the plan of `schedule --scenario` on
 *   the file.
 * - An invalid scenario: exit 2 with the scenario's error, and nothing written.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { schedulerConfigSchema } from '@oar-sched/core';
import { initSchema } from '@oar-sched/db';
import { testDatabases, type TestDatabase } from '@oar-sched/db/testing';
import { runCli, type CliIo } from 'oar-sched';
import { HARNESS_CONFIG, N, ScenarioContext, type DbScenario } from './harness.js';
import { basics } from './scenarios/basics.js';
import { besteffort } from './scenarios/besteffort.js';
import { dependencies } from './scenarios/dependencies.js';
import { properties } from './scenarios/properties.js';
import { queues } from './scenarios/queues.js';
import { reservations } from './scenarios/reservations.js';
import { resources } from './scenarios/resources.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEMO = join(ROOT, 'docs', 'demo', 'demo-cluster.json');
const dir = mkdtempSync(join(tmpdir(), 'oar-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Set-ups replayed: every scenario of one round without its own plugin. */
const SETUPS: readonly DbScenario[] = [...basics, ...reservations, ...besteffort, ...properties, ...resources, ...dependencies, ...queues].filter(
  (s) => s.extraMetasched === undefined && s.rounds.length >= 1,
);

function capture(cwd: string): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { out: (t) => void (out += t), err: (t) => void (err += t), cwd, isTTY: false, stdout: () => out, stderr: () => err };
}

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = capture(dir);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

interface Plan {
  /** Job id → `start resources`, or `-` when not planned. */
  [job: string]: string;
}

/** The plan of `schedule --scenario` (JSON result): every job it decided on. */
function schedulePlan(stdout: string): Plan {
  const result = JSON.parse(stdout) as { jobs: Record<string, { scheduled: boolean; startTime?: number; resources?: string }> };
  const plan: Plan = {};
  for (const [id, o] of Object.entries(result.jobs)) plan[id] = o.scheduled ? `${o.startTime} ${expand(o.resources ?? '')}` : '-';
  return plan;
}

/** The plan of `round --json` for the same jobs: their gantt rows. */
function roundPlan(stdout: string, jobs: readonly string[]): Plan {
  const result = JSON.parse(stdout) as { gantt: { jobId: number; start: number; resourceIds: number[] }[] };
  const plan: Plan = {};
  for (const id of jobs) {
    const row = result.gantt.find((g) => String(g.jobId) === id);
    plan[id] = row ? `${row.start} ${[...row.resourceIds].sort((a, b) => a - b).join(',')}` : '-';
  }
  return plan;
}

function expand(text: string): string {
  const ids: number[] = [];
  for (const item of text.split(/\s+/).filter(Boolean)) {
    const [a, b] = item.split('-').map(Number) as [number, number | undefined];
    for (let i = a; i <= (b ?? a); i++) ids.push(i);
  }
  return ids.join(',');
}

let files = 0;
function tempFile(name: string, text?: string): string {
  const file = join(dir, `${++files}-${name}`);
  if (text !== undefined) writeFileSync(file, text);
  return file;
}

async function database(create: () => Promise<TestDatabase>, opened: TestDatabase[]): Promise<TestDatabase> {
  const t = await create();
  opened.push(t);
  return t;
}

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`replay on ${target.label}`, () => {
    const opened: TestDatabase[] = [];
    afterAll(async () => {
      await Promise.allSettled(opened.map((t) => t.dispose()));
    });

    it.each(SETUPS.map((s) => [s.id, s] as const))('%s: schedule --scenario on the export plans as round on the database', async (id, scenario) => {
      const t = await database(() => target.create({ file: true }), opened);
      await initSchema(t.db);
      const ctx = new ScenarioContext(t.db);
      await scenario.setup(ctx);
      await scenario.rounds[0]!.before?.(ctx);
      const now = String(scenario.rounds[0]!.now ?? N);
      const config = schedulerConfigSchema.parse({ ...HARNESS_CONFIG, ...scenario.config });
      const configFile = tempFile(`${id}.config.json`, JSON.stringify({ scheduler: config }));
      // The test's own connection stays open on SQLite (a file): the commands open their own.
      const exported = await cli(['db', 'export', '--db', t.url, '--config', configFile, '--now', now]);
      expect(exported.stderr).toBe('');
      expect(exported.code).toBe(0);
      const scenarioFile = tempFile(`${id}.json`, exported.stdout);

      const scheduled = await cli(['schedule', '--scenario', scenarioFile, '--format', 'json', '--config', configFile]);
      expect(scheduled.code, scheduled.stderr).toBe(0);
      const expected = schedulePlan(scheduled.stdout);

      const round = await cli(['round', '--db', t.url, '--config', configFile, '--now', now, '--no-notify', '--json']);
      expect([0, 1, 2], round.stderr).toContain(round.code);
      expect(roundPlan(round.stdout, Object.keys(expected))).toEqual(expected);
    });

    it('exports a scenario that loads back with the same resources, queues and jobs', async () => {
      const t = await database(() => target.create({ file: true }), opened);
      const imported = await cli(['db', 'import', '--scenario', DEMO, '--db', t.url]);
      expect(imported.code, imported.stderr).toBe(0);
      const configFile = tempFile('demo.config.json');
      writeFileSync(configFile, JSON.stringify({ scheduler: JSON.parse(readFileSync(DEMO, 'utf8')).config }));
      const exported = await cli(['db', 'export', '--db', t.url, '--config', configFile, '--now', '1700000000']);
      expect(exported.code, exported.stderr).toBe(0);
      const doc = JSON.parse(exported.stdout) as { resources: { id?: number; ids?: string }[]; queues: { name: string }[]; jobs: { id: number; properties?: string; moldables: { request: { property?: string }[] }[] }[] };
      expect(doc.queues.map((q) => q.name)).toEqual(['admin', 'default', 'besteffort']);
      expect(doc.resources.map((r) => r.ids ?? String(r.id)).join(' ')).toBe('1-4 5-8 9-12 13-16 17-20 21-24 25-28 29-32 33-36 37-40 41-44 45-48 49-52 53-56 57-60 61-64');
      expect(doc.jobs.map((j) => j.id)).toEqual([1, 2, 3, 10, 11, 12, 13, 14, 15, 16, 17, 20]);
      expect(doc.jobs.find((j) => j.id === 11)!.moldables[0]!.request[0]!.property).toBe("(gpu = 'yes')");
    });

    it('db import of the demo cluster, then round: the plan of schedule --scenario on the file', async () => {
      const t = await database(() => target.create({ file: true }), opened);
      const configFile = tempFile('demo-import.config.json');
      const imported = await cli(['db', 'import', '--scenario', DEMO, '--db', t.url, '--write-config', configFile]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('12 jobs');

      const scheduled = await cli(['schedule', '--scenario', DEMO, '--format', 'json']);
      expect(scheduled.code, scheduled.stderr).toBe(0);
      const expected = schedulePlan(scheduled.stdout);
      expect(Object.values(expected).filter((p) => p !== '-').length).toBeGreaterThan(5);

      const round = await cli(['round', '--db', t.url, '--config', configFile, '--now', '1700000000', '--no-notify', '--json']);
      expect([0, 2], round.stderr).toContain(round.code);
      expect(roundPlan(round.stdout, Object.keys(expected))).toEqual(expected);
      // Running jobs keep their resources and start: their gantt rows are what was imported.
      const gantt = (JSON.parse(round.stdout) as { gantt: { jobId: number; start: number; resourceIds: number[] }[] }).gantt;
      expect(gantt.find((g) => g.jobId === 1)).toMatchObject({ start: 1699998200, resourceIds: Array.from({ length: 16 }, (_, i) => i + 1) });
    });

    it('db import refuses a database that already holds jobs or resources, and writes nothing', async () => {
      const t = await database(() => target.create({ file: true }), opened);
      expect((await cli(['db', 'import', '--scenario', DEMO, '--db', t.url])).code).toBe(0);
      const again = await cli(['db', 'import', '--scenario', DEMO, '--db', t.url]);
      expect(again.code).toBe(2);
      expect(again.stderr).toMatch(/already holds 64 resource\(s\) and 12 job\(s\)/);
      const { rows } = await t.db.kysely.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).execute().then((r) => ({ rows: r }));
      expect(Number(rows[0]!.n)).toBe(12);
    });
  });
}

describe('db import of a bad scenario', () => {
  it('exits 2 with the scenario error and writes nothing', async () => {
    const bad = tempFile('bad.json', JSON.stringify({ now: 0, resources: [{ id: 1 }], jobs: [{ id: 1, moldables: [] }] }));
    const file = join(dir, 'never.sqlite');
    const r = await cli(['db', 'import', '--scenario', bad, '--db', `sqlite:${file}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(bad);
    expect(r.stderr).toMatch(/jobs\[0\]\.moldables/);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(existsSync(file)).toBe(false);
  });
});
