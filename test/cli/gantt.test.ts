/**
 * `oar-sched gantt` through the real binary: one self-contained page from a scenario and from a
 * database (which it must not change), and one message for a wrong command line.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { GanttData } from '@oar-sched/gantt';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node_modules', '.bin', 'oar-sched');
const demo = join(root, 'docs', 'demo', 'demo-cluster.json');
const dir = mkdtempSync(join(tmpdir(), 'oar-gantt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(bin, args, { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The data embedded in a page. */
export function embeddedData(html: string): GanttData {
  const m = /<script type="application\/json" id="gantt-data">([^<]*)<\/script>/.exec(html);
  if (!m) throw new Error('no gantt-data element');
  return JSON.parse(m[1]!) as GanttData;
}

/** Jobs the round placed plus the jobs already holding resources: what must be drawn. */
function plannedJobs(scenarioFile: string): number[] {
  const r = run('schedule', '--scenario', scenarioFile, '--format', 'json');
  expect(r.code).toBe(0);
  const result = JSON.parse(r.stdout) as { jobs: Record<string, { scheduled: boolean }> };
  const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8')) as { jobs: { id: number; state?: string; resources?: string }[] };
  const placed = Object.entries(result.jobs).filter(([, o]) => o.scheduled).map(([id]) => Number(id));
  const holding = scenario.jobs.filter((j) => j.state === 'Running' && j.resources).map((j) => j.id);
  return [...placed, ...holding].sort((a, b) => a - b);
}

describe('oar-sched gantt (real binary)', () => {
  it('writes one page with no external reference: every planned or running job is a bar', () => {
    const r = run('gantt', '--scenario', demo, '--out', 'demo.html');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^oar-sched: wrote demo\.html: \d+ job bars \(3 running\), \d+ not planned, 64 resources; round \d+ ms, \d+ KiB\n$/);
    const html = readFileSync(join(dir, 'demo.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain("default-src 'none'");
    const data = embeddedData(html);
    expect(data.bars.map((b) => b.id).sort((a, b) => a - b)).toEqual(plannedJobs(demo));
    expect(data.switches.map((s) => s.name)).toEqual(['sw1', 'sw2']);
    expect(data.nodes).toHaveLength(8);
  });

  it('--now moves the round', () => {
    expect(run('gantt', '--scenario', demo, '--now', '1700003600', '--out', 'later.html').code).toBe(0);
    expect(embeddedData(readFileSync(join(dir, 'later.html'), 'utf8')).now).toBe(1_700_003_600);
  });

  it('draws a database without changing it: the same bars as from its export', () => {
    const file = join(dir, 'demo.sqlite');
    expect(run('db', 'import', '--scenario', demo, '--db', `sqlite:${file}`).code).toBe(0);
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');
    const r = run('gantt', '--db', `sqlite:${file}`, '--now', '1700000000', '--out', 'db.html');
    expect(r.stderr).toMatch(/wrote db\.html/);
    expect(r.code).toBe(0);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
    const fromDb = embeddedData(readFileSync(join(dir, 'db.html'), 'utf8'));
    expect(fromDb.source).toBe(`database sqlite:${file}`);
    expect(run('db', 'export', '--db', `sqlite:${file}`, '--now', '1700000000', '--out', 'export.json').code).toBe(0);
    expect(fromDb.bars.map((b) => b.id).sort((a, b) => a - b)).toEqual(plannedJobs(join(dir, 'export.json')));
  });

  it.each([
    [['gantt', '--out', 'x.html'], /--scenario FILE or --db URL/],
    [['gantt', '--scenario', demo, '--db', 'sqlite:x.sqlite', '--out', 'x.html'], /exclusive/],
    [['gantt', '--scenario', demo], /--out FILE is required/],
    [['gantt', '--scenario', 'missing.json', '--out', 'x.html'], /missing\.json: cannot read the scenario/],
    [['gantt', '--scenario', demo, '--now', 'soon', '--out', 'x.html'], /--now: expected a whole number of seconds/],
  ])('%j: one message, exit 2', (args, message) => {
    const r = run(...args);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.code).toBe(2);
  });
});
