/**
 * `oar-sched demo` through the real binary, in an empty folder: the README's first command.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@oar-sched/db';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node_modules', '.bin', 'oar-sched');
const dir = mkdtempSync(join(tmpdir(), 'oar-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const started = Date.now();
  const r = spawnSync(bin, args, { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
}

describe('oar-sched demo (real binary)', () => {
  it('creates the demo database, runs a round and prints the plan and what to run next', async () => {
    const r = run('demo');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(10_000);
    const lines = r.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('JOB'));
    expect(lines[header]).toMatch(/^JOB\s+QUEUE\s+USER\s+STATE\s+START\s+END\s+RESOURCES\s+WHAT\s+MESSAGE$/);
    const rows = new Map<number, string>();
    for (const line of lines.slice(header + 1)) {
      const m = /^\s*(\d+)\s/.exec(line);
      if (!m) break;
      rows.set(Number(m[1]), line);
    }
    expect([...rows.keys()]).toEqual([1, 2, 3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 20]);
    expect(rows.get(1)).toMatch(/default\s+alice\s+Running\s+2023-11-14 21:43\s+2023-11-14 23:44\s+node-1\[1-8\] node-2\[9-16\]/);
    expect(rows.get(10)).toMatch(/toLaunch\s+2023-11-14 22:13/);
    expect(rows.get(13)).toMatch(/Waiting\s+-\s+-\s+-.*property filter matched no usable resource/);
    expect(rows.get(20)).toMatch(/admin\s+admin\s+Waiting \(AR\)\s+2023-11-15 00:13/);
    expect(r.stdout).toContain('The database: oar-demo.sqlite (the demo\'s default file, in the current folder');
    expect(r.stdout).toContain('sqlite3 oar-demo.sqlite "SELECT');
    expect(r.stdout).toContain('oar-sched round --db sqlite:oar-demo.sqlite --config oar-demo.config.json --now 1700000600 --no-notify');
    expect(r.stdout).toContain('oar-sched db export --db sqlite:oar-demo.sqlite');

    const file = join(dir, 'oar-demo.sqlite');
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'oar-demo.config.json'), 'utf8')).scheduler.hierarchyLabels).toContain('switch');
    const db = await openDatabase(`sqlite:${file}`, { create: false });
    try {
      const gantt = await db.kysely.selectFrom('gantt_jobs_predictions').select('moldable_job_id').execute();
      expect(gantt.length).toBeGreaterThanOrEqual(12);
      const launched = await db.kysely.selectFrom('jobs').select('job_id').where('state', '=', 'toLaunch').execute();
      expect(launched.map((j) => Number(j.job_id)).sort((a, b) => a - b)).toEqual([4, 5, 10, 14, 15]);
    } finally {
      await db.close();
    }
  });

  it('recreates its default file on the next run, and the next commands it prints work', () => {
    const again = run('demo', '--format', 'json');
    expect(again.code, again.stderr).toBe(0);
    const json = JSON.parse(again.stdout) as { database: string; jobs: { id: number; state: string }[]; next: string[] };
    expect(json.jobs.filter((j) => j.state === 'toLaunch').map((j) => j.id)).toEqual([4, 5, 10, 14, 15]);
    // explain and gantt read the demo's round as it was (its --now), so they run first.
    const explained = run(...json.next[3]!.split(' ').slice(1));
    expect(explained.code, explained.stderr).toBe(0);
    expect(explained.stdout).toMatch(/^Job 11 \(user \w+, queue default\)/);
    expect(explained.stdout).toMatch(/windows before its start:\n.*nodes fit \(4 needed\): \d+ busy until/);
    const charted = run(...json.next[4]!.split(' ').slice(1));
    expect(charted.code, charted.stderr).toBe(0);
    expect(readFileSync(join(dir, 'demo-gantt.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    const round = run(...json.next[0]!.split(' ').slice(1));
    expect(round.code, round.stderr).toBe(0);
    const exported = run(...json.next[1]!.split(' ').slice(1));
    expect(exported.code, exported.stderr).toBe(0);
    const scheduled = run('schedule', '--scenario', 'replay.json', '--format', 'json');
    expect(scheduled.code, scheduled.stderr).toBe(0);
    expect(Object.keys(JSON.parse(scheduled.stdout).jobs).length).toBeGreaterThan(0);
  });

  it('refuses to overwrite a file that is not its own default', () => {
    const r = run('demo', '--db', 'sqlite:replay.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/replay\.json already exists/);
  });
});
