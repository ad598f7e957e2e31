/**
 * `oar-sched schedule` for people: the table (default on a terminal, `--format table`), on the demo
 * cluster, in a time zone that is not UTC. JSON stays the default for scripts and `--check`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from 'oar-sched';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node_modules', '.bin', 'oar-sched');
const demo = join(root, 'docs', 'demo', 'demo-cluster.json');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A folder whose config file sets the scheduler's time zone to Paris (UTC+1 in November). */
function parisSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oar-table-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'oar.config.json'), JSON.stringify({ scheduler: { timezone: 'Europe/Paris' } }));
  return dir;
}

function terminalIo(cwd: string, isTTY: boolean): CliIo & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { cwd, isTTY, out: (t) => void (out += t), err: (t) => void (err += t), stdout: () => out, stderr: () => err };
}

/** The table line of job `id`. */
function jobLine(table: string, id: number): string {
  const line = table.split('\n').find((l) => new RegExp(`^\\s*${id}\\s`).test(l));
  expect(line, `no line for job ${id} in:\n${table}`).toBeDefined();
  return line!;
}

function expectDemoTable(table: string): void {
  const lines = table.split('\n');
  expect(lines[0]).toBe('now: 2023-11-14 23:13 (Europe/Paris)');
  const header = lines.find((l) => l.includes('JOB'))!;
  expect(header.split(/\s+/).filter(Boolean)).toEqual(['JOB', 'QUEUE', 'USER', 'STATE', 'START', 'END', 'WALLTIME', 'RESOURCES', 'REASON']);

  // Job 10 starts now (1700000000 = 22:13:20 UTC) for one hour plus the 60 s security time, on
  // two nodes of the first switch: dates in Paris time, cores grouped by node.
  const job10 = jobLine(table, 10);
  expect(job10).toMatch(/^\s*10\s+default\s+alice\s+Waiting\s+2023-11-14 23:13\s+2023-11-15 00:14\s+1:00:00\s+node-3\[17-24\] node-4\[25-32\]$/);
  // Columns are aligned: every cell starts under its header.
  for (const column of ['START', 'END', 'RESOURCES']) {
    const at = header.indexOf(column);
    expect(job10.slice(at - 1, at)).toBe(' ');
    expect(job10.slice(at, at + 1)).not.toBe(' ');
  }
  // A moldable job spread over a whole switch, later.
  expect(jobLine(table, 12)).toContain('2023-11-15 00:04  2023-11-15 04:05   4:00:00  node-5[33-40] node-6[41-48] node-7[49-56] node-8[57-64]');
  // A waiting job says why it waits.
  expect(jobLine(table, 14)).toMatch(/^\s*14\s+default\s+frank\s+Waiting\s+-\s+-\s+1:00:00\s+-\s+the property filter matched no usable resource$/);
  // Running jobs of the snapshot are listed too, with what they hold.
  expect(jobLine(table, 3)).toMatch(/besteffort\s+carol\s+Running\s+2023-11-14 23:08\s+2023-11-15 23:09\s+24:00:00\s+node-7\[49-56\]$/);
  // The reservation, on a whole switch at its requested start (02:00 Paris).
  expect(jobLine(table, 20)).toContain('2023-11-15 01:13');
}

describe('schedule --format table', () => {
  it('is the default on a terminal: dates in the configured time zone, resources by node, reasons', async () => {
    const io = terminalIo(parisSite(), true);
    expect(await runCli(['schedule', '--scenario', demo], io), io.stderr()).toBe(0);
    expectDemoTable(io.stdout());
  });

  it('is printed by the real binary with --format table', () => {
    const r = spawnSync(bin, ['schedule', '--scenario', demo, '--format', 'table'], { cwd: parisSite(), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expectDemoTable(r.stdout);
  });

  it('adds the free resources of each slot with --slots, the last one endless', async () => {
    const io = terminalIo(parisSite(), true);
    expect(await runCli(['schedule', '--scenario', demo, '--slots'], io)).toBe(0);
    const lines = io.stdout().trimEnd().split('\n');
    expect(lines).toContain('SLOT BEGIN        END               FREE RESOURCES');
    expect(lines.at(-1)).toMatch(/^2023-11-15 23:09 {2}∞ {17}node-1\[1-8\] node-2\[9-16\] .* node-8\[57-64\]$/);
  });

  it('shows plain id ranges when no hierarchy label groups the resources', async () => {
    const dir = parisSite();
    const scenario = join(dir, 'flat.json');
    writeFileSync(scenario, JSON.stringify({
      now: 1_800_000_000,
      config: { hierarchyLabels: ['resource_id'], timezone: 'UTC' },
      resources: [{ ids: '1-10' }],
      jobs: [
        { id: 1, user: 'ann', moldables: [{ walltime: 90_000, request: [{ levels: [{ level: 'resource_id', count: 3 }] }] }] },
        { id: 2, user: 'ann', moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 20 }] }] }] },
      ],
    }));
    const io = terminalIo(dir, true);
    expect(await runCli(['schedule', '--scenario', 'flat.json', '--format', 'table'], io)).toBe(0);
    expect(io.stdout()).toContain('now: 2027-01-15 08:00 (UTC)');
    expect(jobLine(io.stdout(), 1)).toMatch(/ann\s+Waiting\s+2027-01-15 08:00\s+2027-01-16 09:00\s+25:00:00\s+1-3$/);
    expect(jobLine(io.stdout(), 2)).toMatch(/-\s+0:01:00\s+-\s+\S/);
  });

  it('stays JSON when stdout is not a terminal, and under --check unless --format says otherwise', async () => {
    const dir = parisSite();
    const pipe = terminalIo(dir, false);
    expect(await runCli(['schedule', '--scenario', demo], pipe)).toBe(0);
    expect(JSON.parse(pipe.stdout()).jobs['14'].reasonCode).toBe('CONSTRAINT_EMPTY');

    const scenario = join(dir, 'expect.json');
    writeFileSync(scenario, JSON.stringify({
      now: 0,
      resources: [{ ids: '1-4' }],
      jobs: [{ id: 1, moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 2 }] }] }] }],
      expect: { jobs: { '1': { startTime: 0 } } },
    }));
    const check = terminalIo(dir, true);
    expect(await runCli(['schedule', '--scenario', scenario, '--check'], check)).toBe(0);
    expect(JSON.parse(check.stdout()).jobs['1'].startTime).toBe(0);
    const checkTable = terminalIo(dir, true);
    expect(await runCli(['schedule', '--scenario', scenario, '--check', '--format', 'table'], checkTable)).toBe(0);
    expect(checkTable.stdout()).toMatch(/^JOB /m);
    expect(checkTable.stderr()).toContain('check passed');
  });

  it('refuses an unknown format, and an unknown time zone in the scenario naming it', async () => {
    const dir = parisSite();
    const bad = terminalIo(dir, true);
    expect(await runCli(['schedule', '--scenario', demo, '--format', 'csv'], bad)).toBe(2);
    expect(bad.stderr()).toContain("argument 'csv' is invalid. Allowed choices are table, json");

    const scenario = join(dir, 'mars.json');
    writeFileSync(scenario, JSON.stringify({ now: 0, config: { timezone: 'Mars/Olympus' }, resources: [{ ids: '1' }], jobs: [] }));
    const io = terminalIo(dir, true);
    expect(await runCli(['schedule', '--scenario', 'mars.json'], io)).toBe(2);
    expect(io.stderr()).toContain('mars.json: config.timezone: unknown time zone "Mars/Olympus"');
  });
});
