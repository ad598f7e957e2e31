/**
 * The real `oar-sched` binary on bad input and for the small conveniences: every refusal is one
 * message on stderr and exit 2, never a stack trace.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node_modules', '.bin', 'oar-sched');
const demo = join(root, 'docs', 'demo', 'demo-cluster.json');
const STACK_FRAME = /^\s+at /m;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'oar-cli-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function run(args: readonly string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(bin, args, { cwd: root, encoding: 'utf8', ...options });
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

const TINY = JSON.stringify({
  now: 0,
  resources: [{ ids: '1-4' }],
  jobs: [{ id: 1, moldables: [{ walltime: 10, request: [{ levels: [{ level: 'resource_id', count: 2 }] }] }] }],
});

describe('oar-sched conveniences (real binary)', () => {
  it('--version prints the version of the oar-sched package', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'cli', 'package.json'), 'utf8')) as { version: string };
    const r = run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
  });

  it('--scenario - reads the scenario from standard input', () => {
    const r = run(['schedule', '--scenario', '-'], { input: TINY });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).jobs['1']).toMatchObject({ scheduled: true, startTime: 0, resources: '1-2' });
  });

  it('names standard input in the message when what it reads is not a scenario', () => {
    const r = run(['schedule', '--scenario', '-'], { input: '{"now": ' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^oar-sched: <stdin>: not valid JSON/);
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('exits quietly when the reader closes the pipe early (… | head -1)', () => {
    // ~500 kB of JSON: far more than a pipe holds, so writes go on after head has exited.
    const jobs = Array.from({ length: 3000 }, (_, i) => ({
      id: i + 1,
      moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }],
    }));
    const dir = tempDir({ 'big.json': JSON.stringify({ now: 0, resources: [{ ids: '1-4' }], jobs }) });
    const r = spawnSync('bash', ['-c', `"$BIN" schedule --scenario big.json | head -1; echo "oar-sched exit status: \${PIPESTATUS[0]}" >&2`], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, BIN: bin },
    });
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).toBe('oar-sched exit status: 0\n');
  });

  it('documents every exit code, 3 (internal error) included, in --help and the README', () => {
    for (const args of [['--help'], ['schedule', '--help']]) {
      const r = run(args);
      expect(r.code).toBe(0);
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('Exit codes: 0 done, 1 --check found mismatches, 2 invalid input, usage or configuration');
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('3 internal error');
    }
    // A command without --check does not list its exit code 1; round and serve list their own.
    for (const args of [['plugins', '--help'], ['explain', '--help'], ['db', 'init', '--help'], ['demo', '--help'], ['gantt', '--help'], ['simulate', '--help']]) {
      const text = run(args).stdout.replace(/\s+/g, ' ');
      expect(text, args.join(' ')).toContain('Exit codes: 0 done, 2 invalid input, usage or configuration (one message naming the file), 3 internal error');
      expect(text, args.join(' ')).not.toContain('--check found');
    }
    expect(run(['round', '--help']).stdout.replace(/\s+/g, ' ')).toContain("Exit codes (OAR's): 0 done, 1 an acknowledged reservation starts now");
    expect(run(['serve', '--help']).stdout.replace(/\s+/g, ' ')).toContain('Exit codes: 0 stopped by SIGTERM or SIGINT, 2 invalid configuration, or another server answers on the socket');
    const readme = readFileSync(join(root, 'README.md'), 'utf8').replace(/\s+/g, ' ');
    const exitCodes = /Exit codes: 0 done, 1 [^.]*, 2 [^.]*, 3 internal error/.exec(readme);
    expect(exitCodes, 'the exit codes paragraph of the README').not.toBeNull();
  });
});

describe('oar-sched usage errors (real binary)', () => {
  it('--check on a scenario without an "expect" block is a usage error', () => {
    const dir = tempDir({ 'plain.json': TINY });
    const r = run(['schedule', '--scenario', 'plain.json', '--check'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'oar-sched: --check: the scenario plain.json has no "expect" block to compare the result with\n' +
        // The page as this checkout has it, absolute: the folder is outside the checkout.
        `hint: add an "expect" block (${join(root, 'docs', 'reference', 'scenario-format.md')}), or run without --check\n`,
    );
    expect(r.stdout).toBe('');
  });

  it('an unknown --format is refused with the choices', () => {
    const r = run(['schedule', '--scenario', demo, '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--format <format>' argument 'yaml' is invalid. Allowed choices are table, json.");
  });
});

describe('oar-sched config errors name the file and the key path (real binary)', () => {
  const schedule = (dir: string, ...extra: string[]) => run(['schedule', '--scenario', demo, ...extra], { cwd: dir });

  it('a wrong type: scheduler.resourceOrder is a string', () => {
    const dir = tempDir({ 'oar.config.json': JSON.stringify({ scheduler: { resourceOrder: 5 } }) });
    const r = schedule(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`oar-sched: ${join(dir, 'oar.config.json')}: invalid config:\n`);
    expect(r.stderr).toContain('✖ Invalid input: expected string, received number → at scheduler.resourceOrder');
    expect(r.stderr).not.toMatch(STACK_FRAME);
  });

  it('a wrong value: scheduler.resourceOrder is refused against the config file, not the scenario', () => {
    const dir = tempDir({ 'site.json': JSON.stringify({ scheduler: { resourceOrder: 'switch ASC, node SIDEWAYS' } }) });
    const r = schedule(dir, '--config', 'site.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`oar-sched: ${join(dir, 'site.json')}: scheduler.resourceOrder: item 2 "node SIDEWAYS" is not "<property> [ASC|DESC]"\n`);
  });

  it('the same wrong value in the scenario names the scenario and its config.resourceOrder', () => {
    const dir = tempDir({ 's.json': JSON.stringify({ ...JSON.parse(TINY), config: { resourceOrder: 'node SIDEWAYS' } }) });
    const r = run(['schedule', '--scenario', 's.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('oar-sched: s.json: config.resourceOrder: item 1 "node SIDEWAYS" is not "<property> [ASC|DESC]"\n');
  });

  it('a wrong time zone and a wrong quotas document in the config file', () => {
    const tz = tempDir({ 'oar.config.json': JSON.stringify({ scheduler: { timezone: 'Europe/Pariss' } }) });
    const r1 = schedule(tz);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain(`${join(tz, 'oar.config.json')}: scheduler.timezone: unknown time zone "Europe/Pariss"`);
    const quotas = tempDir({ 'oar.config.json': JSON.stringify({ scheduler: { quotas: { enabled: true, rules: { quotas: { 'a,b': [1, -1, -1] } } } } }) });
    const r2 = schedule(quotas);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`${join(quotas, 'oar.config.json')}: scheduler.quotas.rules.quotas["a,b"]`);
  });

  it("a broken YAML config shows the YAML parser's error with the file name", () => {
    const dir = tempDir({ '.oarrc.yaml': 'scheduler:\n  jobSecurityTime: [60\n' });
    const r = schedule(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`oar-sched: ${join(dir, '.oarrc.yaml')}: cannot load the config: YAML syntax error: unexpected end of the stream within a flow collection (3:1)`);
    expect(r.stderr).toContain(' 2 |   jobSecurityTime: [60');
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stdout).toBe('');
  });

  it('an .mjs config without a default export is an error naming the file', () => {
    const dir = tempDir({ 'oar.config.mjs': 'export const scheduler = { jobSecurityTime: 30 };\n' });
    const r = schedule(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `oar-sched: ${join(dir, 'oar.config.mjs')}: the config module has no default export (it exports scheduler)\n` +
        'hint: write `export default defineConfig({ … })` (defineConfig from oar-sched)\n',
    );
  });
});
