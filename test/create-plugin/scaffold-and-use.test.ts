/**
 * `create-oar-plugin` as a plugin author and a site use it, through the real binaries, in
 * temporary folders outside the repository:
 * - for each hook kind, the scaffolded package installs (its oar-sched dependencies linked from
 *   this checkout, the tooling from npm's cache) and its own `npm test` passes;
 * - the commands of docs/guides/write-a-plugin.md ("Start from the scaffold") are run as written —
 *   scaffold, install, test, then install the package into a site — and the scaffolded find,
 *   now a dependency of the site, is discovered by `oar-sched` and changes a plan.
 * `npm create oar-plugin` runs `create-plugin/bin/create-oar-plugin.js` here (the package is not
 * published from a checkout); `oar-sched` is this checkout's binary.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeBlocks, readDoc, ROOT } from '../docs/markdown.js';

const CREATE = join(ROOT, 'create-plugin', 'bin', 'create-oar-plugin.js');
const OAR_SCHED = join(ROOT, 'cli', 'bin', 'oar-sched.js');
const GUIDE = 'docs/guides/write-a-plugin.md';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'oar-create-e2e-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  readonly code: number | null;
  readonly out: string;
}

function run(command: string, args: readonly string[], cwd: string): Run {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, OAR_HARNESS_DB: '' } });
  return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
}

/** One line of a guide's shell block, as a user would run it here; returns the new working folder for `cd`. */
function runGuideLine(line: string, cwd: string): { cwd: string; result?: Run } {
  const words = line.trim().split(/\s+/);
  if (words[0] === 'cd') return { cwd: resolve(cwd, words[1]!) };
  if (words[0] === 'npm' && words[1] === 'create' && words[2] === 'oar-plugin') {
    return { cwd, result: run(process.execPath, [CREATE, ...words.slice(3).filter((w) => w !== '--')], cwd) };
  }
  if (words[0] === 'npm' && words[1] === 'install') return { cwd, result: run('npm', [...words.slice(1), '--prefer-offline', '--no-audit', '--no-fund'], cwd) };
  if (words[0] === 'npm') return { cwd, result: run('npm', words.slice(1), cwd) };
  if (words[0] === 'oar-sched') return { cwd, result: run(process.execPath, [OAR_SCHED, ...words.slice(1)], cwd) };
  throw new Error(`${GUIDE}: the test does not know how to run "${line}"`);
}

function guideBlocks(): string[][] {
  const text = readDoc(GUIDE);
  const start = text.indexOf('\n## Start from the scaffold\n');
  if (start < 0) throw new Error(`${GUIDE}: no section "Start from the scaffold"`);
  const end = text.indexOf('\n## ', start + 1);
  return codeBlocks(GUIDE, text.slice(start, end < 0 ? undefined : end))
    .filter((b) => b.lang === 'sh')
    .map((b) => b.code.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#')));
}

describe('create-oar-plugin', () => {
  it.each(['assign', 'sorting', 'extra-metasched'])('scaffolds a %s plugin whose own tests pass', (hook) => {
    const dir = join(work, `oar-plugin-${hook}-demo`);
    const created = run(process.execPath, [CREATE, dir, '--hooks', hook, '--yes'], work);
    expect(created.out).toContain(`Created oar-plugin-${hook}-demo`);
    expect(created.code).toBe(0);
    const installed = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], dir);
    expect(installed.code, installed.out).toBe(0);
    const tested = run('npm', ['test'], dir);
    expect(tested.code, tested.out).toBe(0);
    expect(tested.out).toMatch(/Tests\s+.*\d+ passed/);
  });

  it('follows the guide: scaffold a find, test it, and a site that depends on it gets it', () => {
    const [scaffold, site] = guideBlocks();
    expect(scaffold, `${GUIDE}: the scaffold commands`).toBeDefined();
    expect(site, `${GUIDE}: the site commands`).toBeDefined();

    let cwd = work;
    for (const line of scaffold!) {
      const step = runGuideLine(line, cwd);
      cwd = step.cwd;
      if (step.result) expect(step.result.code, `${line}\n${step.result.out}`).toBe(0);
    }
    const plugin = cwd;
    const pkg = JSON.parse(readFileSync(join(plugin, 'package.json'), 'utf8')) as { name: string; oar: { provides: { find: string[] } } };
    const find = pkg.oar.provides.find[0]!;

    // A site: the folder of its config, a package.json whose dependencies oar-sched searches.
    const siteDir = join(work, 'site', 'oar');
    mkdirSync(siteDir, { recursive: true });
    writeFileSync(join(siteDir, 'package.json'), JSON.stringify({ name: 'a-site', private: true }));
    cwd = siteDir;
    const plugins = site!.map((line) => {
      const step = runGuideLine(line.replace('../oar-plugin-pack-end', plugin), cwd);
      if (step.result) expect(step.result.code, `${line}\n${step.result.out}`).toBe(0);
      return step.result;
    });
    expect(plugins.at(-1)?.out).toContain(pkg.name);

    // The same two-job scenario with and without find=<the scaffolded find>.
    const scenario = (types: Record<string, string>) => ({
      now: 0,
      config: { jobSecurityTime: 0, hierarchyLabels: ['resource_id'] },
      resources: [{ ids: '1-8' }],
      jobs: [{ id: 1, types, moldables: [{ walltime: 60, request: [{ levels: [{ level: 'resource_id', count: 2 }] }] }] }],
    });
    const placed = (types: Record<string, string>) => {
      writeFileSync(join(siteDir, 'scenario.json'), JSON.stringify(scenario(types)));
      const r = run(process.execPath, [OAR_SCHED, 'schedule', '--scenario', 'scenario.json', '--format', 'json'], siteDir);
      expect(r.code, r.out).toBe(0);
      return (JSON.parse(r.out.split('\n\n')[0]!) as { jobs: Record<string, { resources?: string }> }).jobs['1']?.resources;
    };
    expect(placed({})).toBe('1-2');
    expect(placed({ find })).toBe('7-8');
  });
});
