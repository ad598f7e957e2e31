/**
 * `oar-sched round --metrics FILE` through the real binary on an SQLite OAR database: the file is
 * parsed with a real Prometheus text-format parser (parse-prometheus-text-format) and its values
 * are checked against the round's own decisions (`--json`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'cli', 'bin', 'oar-sched.js');
const NOW = 1_700_000_000;

function run(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, OARCONFFILE: '', OAR_DB_URL: '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const nodes = (count: number) => [{ walltime: 3600, request: [{ levels: [{ level: 'network_address', count }] }] }];

function site(jobs: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'oar-metrics-'));
  const scenario = {
    now: NOW,
    queues: [
      { name: 'default', priority: 3 },
      { name: 'besteffort', priority: 0 },
    ],
    resources: [1, 2, 3, 4].map((n) => ({ id: n, properties: { network_address: `node-${n}` } })),
    jobs,
  };
  writeFileSync(join(dir, 's.json'), JSON.stringify(scenario));
  const imported = run(dir, ['db', 'import', '--scenario', 's.json', '--db', 'sqlite:oar.sqlite']);
  expect(imported.code, imported.stderr).toBe(0);
  return dir;
}

type Families = ReturnType<typeof parsePrometheusTextFormat>;
const value = (families: Families, name: string, labels: Record<string, string> = {}) =>
  Number(families.find((f) => f.name === name)?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value);

describe('oar-sched round --metrics (real binary)', () => {
  it('writes OpenMetrics whose counts are the round\'s decisions: planned and launched per queue', () => {
    const dir = site([{ id: 1, moldables: nodes(2) }, { id: 2, moldables: nodes(1) }, { id: 3, moldables: nodes(4) }]);
    const r = run(dir, ['round', '--db', 'sqlite:oar.sqlite', '--now', String(NOW), '--no-notify', '--json', '--metrics', 'round.prom']);
    expect(r.code, r.stderr).toBe(0);
    const round = JSON.parse(r.stdout) as { exitCode: number; groups: { queues: string[]; waiting: number; planned: number; launched: number }[]; launched: number[]; killed: number[]; phases: Record<string, number> };
    const text = readFileSync(join(dir, 'round.prom'), 'utf8');
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const families = parsePrometheusTextFormat(text);
    for (const f of families) {
      expect(f.name).toMatch(/^oar_sched_[a-z_]+$/);
      expect(f.help).not.toBe('');
    }
    expect(value(families, 'oar_sched_round_exit_code')).toBe(round.exitCode);
    for (const g of round.groups) {
      const queue = g.queues.join(',');
      expect(value(families, 'oar_sched_jobs_waiting', { queue })).toBe(g.waiting);
      expect(value(families, 'oar_sched_jobs_planned', { queue })).toBe(g.planned);
      expect(value(families, 'oar_sched_jobs_launched', { queue })).toBe(g.launched);
    }
    expect(value(families, 'oar_sched_jobs_planned', { queue: 'default' })).toBe(3);
    expect(value(families, 'oar_sched_jobs_launched', { queue: 'default' })).toBe(round.launched.length);
    expect(families.find((f) => f.name === 'oar_sched_round_phase_seconds')!.metrics.map((m) => m.labels?.phase).sort()).toEqual(Object.keys(round.phases).sort());
    // The process's own share, which OAR pays every cycle, beside the round's phases.
    expect(Object.keys(round.phases)).toEqual(['start', 'load', 'read', 'engine', 'write', 'commit', 'notify']);
    for (const ms of Object.values(round.phases)) expect(ms).toBeGreaterThanOrEqual(0);
    expect(round.phases.start).toBeGreaterThan(0);
    expect(value(families, 'oar_sched_process_peak_memory_bytes')).toBeGreaterThan(20 * 1024 * 1024);
    expect(value(families, 'oar_sched_process_peak_memory_bytes')).toBeLessThan(2 * 1024 * 1024 * 1024);
    const hooks = families.find((f) => f.name === 'oar_sched_hook_calls')!.metrics;
    expect(hooks.find((m) => m.labels?.hook === 'assign:default')?.value).toBe('3');
    expect(hooks.some((m) => m.labels?.hook === 'jobsSorting:FIFO')).toBe(true);
  });

  it('counts the besteffort jobs killed, with exit code 2', () => {
    const dir = site([
      { id: 1, queue: 'besteffort', types: { besteffort: '' }, state: 'Running', startTime: NOW - 60, resources: '1-4', moldables: nodes(4) },
      { id: 2, moldables: nodes(4) },
    ]);
    const r = run(dir, ['round', '--db', 'sqlite:oar.sqlite', '--now', String(NOW), '--no-notify', '--json', '--metrics', 'round.prom']);
    const round = JSON.parse(r.stdout) as { exitCode: number; killed: number[] };
    expect(round.exitCode).toBe(2);
    expect(r.code).toBe(2);
    const families = parsePrometheusTextFormat(readFileSync(join(dir, 'round.prom'), 'utf8'));
    expect(value(families, 'oar_sched_round_exit_code')).toBe(2);
    expect(value(families, 'oar_sched_jobs_killed', { queue: 'besteffort' })).toBe(round.killed.length);
    expect(round.killed).toEqual([1]);
  });

  it('writes no file without --metrics', () => {
    const dir = site([{ id: 1, moldables: nodes(1) }]);
    expect(run(dir, ['round', '--db', 'sqlite:oar.sqlite', '--now', String(NOW), '--no-notify']).code).toBe(0);
    expect(existsSync(join(dir, 'round.prom'))).toBe(false);
  });
});
