/**
 * The real `oar-sched` binary, as a sysadmin runs it (built by `tsc -b`, which `npm test` runs first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node_modules', '.bin', 'oar-sched');
const vectors = join(root, 'test', 'conformance', 'vectors');

function run(...args: string[]) {
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('oar-sched schedule --scenario (real binary)', () => {
  it.each([
    'oar3-test_scheduling-test_schedule_container_prev_sched.json',
    'edge-moldable_later_start_earlier_finish.json',
    'oar3-test_db_metasched-test_db_metasched_ar_2.json',
    'redox-placeholder_test-allow_job_outside_placeholder.json',
    'oar3-test_hierarchy-test_find_resource_hierarchies_scattere6_fail-a.json',
  ])('--check passes on %s', (file) => {
    const r = run('schedule', '--scenario', join(vectors, file), '--check');
    expect(r.stderr).toContain('check passed');
    expect(r.code).toBe(0);
    expect(Object.keys(JSON.parse(r.stdout).jobs).length).toBeGreaterThan(0);
  });

  it('prints the result object, with the slot chain under --slots', () => {
    const r = run('schedule', '--scenario', join(vectors, 'oar3-test_slot-test_split_slots_abc.json'), '--slots');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { slots: { begin: number; end: number; resources: string }[] };
    expect(result.slots.length).toBeGreaterThan(1);
    expect(result.slots[0]).toHaveProperty('resources');
  });

  it('exits 1 and lists mismatches when the expectation is not met', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-cli-'));
    const file = join(dir, 'wrong.json');
    writeFileSync(file, JSON.stringify({
      now: 0,
      resources: [{ ids: '1-4' }],
      jobs: [{ id: 1, moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 2 }] }] }] }],
      expect: { jobs: { '1': { startTime: 5 } } },
    }));
    const r = run('schedule', '--scenario', file, '--check');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('job 1: startTime expected 5, got 0');
  });

  it('gives unscheduled jobs a reason a sysadmin can act on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-cli-'));
    const file = join(dir, 'reasons.json');
    writeFileSync(file, JSON.stringify({
      now: 0,
      resources: [{ ids: '1-4', properties: { gpu: 'no' } }],
      jobs: [
        { id: 1, properties: "gpu = 'yes'", moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] },
        { id: 2, types: { find: 'nope' }, moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] },
        { id: 3, dependencies: [4], moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] },
        { id: 4, state: 'Terminated', exitCode: 2, moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] },
        { id: 5, moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 9 }] }] }] },
        { id: 6, types: { assign: 'nope:x' }, moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] },
        { id: 7, moldables: [{ walltime: 10, request: [{ levels: [{ level: 'rack', count: 1 }] }] }] },
      ],
    }));
    const { jobs } = JSON.parse(run('schedule', '--scenario', file).stdout) as { jobs: Record<string, { reason: string; reasonCode: string }> };
    expect(jobs['1']).toMatchObject({ scheduled: false, reasonCode: 'CONSTRAINT_EMPTY' });
    expect(jobs['1']!.reason).toContain('property filter matched no');
    expect(jobs['2']).toMatchObject({ scheduled: false, reasonCode: 'UNKNOWN_FIND_PLUGIN' });
    expect(jobs['2']!.reason).toContain('"nope"');
    expect(jobs['3']).toMatchObject({ scheduled: false, reasonCode: 'DEPENDENCY' });
    expect(jobs['3']!.reason).toContain('job 4, terminated with exit code 2');
    expect(jobs['5']).toMatchObject({ scheduled: false, reasonCode: 'REQUEST_UNSATISFIABLE' });
    expect(jobs['6']).toMatchObject({ scheduled: false, reasonCode: 'UNKNOWN_ASSIGN_PLUGIN' });
    expect(jobs['6']!.reason).toContain('"nope"');
    expect(jobs['7']).toMatchObject({ scheduled: false, reasonCode: 'UNKNOWN_LEVEL' });
    expect(jobs['7']!.reason).toContain('"rack"');
  });

  it('exits 2 with one message and no stack trace on bad input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-cli-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ now: 0, resources: [{ ids: '1-4' }], jobs: [{ id: 1, moldables: [] }] }));
    const r = run('schedule', '--scenario', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toContain('jobs[0].moldables');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('exits 2 for a missing file, and explains itself in --help', () => {
    const missing = run('schedule', '--scenario', '/nonexistent/s.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the scenario (ENOENT)');
    const help = run('schedule', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--scenario <file>');
    expect(help.stdout).toContain('Exit codes');
  });
});
