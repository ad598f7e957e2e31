import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALLOW_SCRIPTS, dependencySpecs, localCheckout } from './dependencies.js';
import { main } from './main.js';
import { planFiles } from './scaffold.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'oar-create-'));
  dirs.push(d);
  return d;
}

async function run(argv: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t), interactive: false, cwd });
  return { code, out, err };
}

describe('create-oar-plugin', () => {
  it('writes, for the hooks asked, the manifest, the entry, one policy and one test file each', () => {
    const deps = dependencySpecs(undefined);
    const files = planFiles({ name: '@site/oar-plugin-pack', slug: 'pack', hooks: ['find', 'sorting'], deps });
    expect([...files.keys()].sort()).toEqual(
      ['.gitignore', 'README.md', 'package.json', 'src/find.ts', 'src/index.ts', 'src/sorting.ts', 'test/find.test.ts', 'test/sorting.test.ts', 'tsconfig.json', 'vitest.config.ts'].sort(),
    );
    const pkg = JSON.parse(files.get('package.json')!);
    expect(pkg.oar).toEqual({ apiVersion: 1, entry: './dist/index.js', provides: { find: ['pack'], jobsSorting: ['pack'] } });
    expect(pkg.exports['./package.json']).toBe('./package.json');
    expect(pkg.scripts.prepublishOnly).toBe('npm run build');
    // Published: registry versions, the plugin API a peer.
    expect(pkg.peerDependencies).toEqual({ '@oar-sched/plugin-api': deps.pluginApiPeer });
    expect(pkg.devDependencies['@oar-sched/harness']).toMatch(/^\^\d/);
    // The harness brings better-sqlite3 and zeromq: their install scripts are decided, so npm 11 installs it quietly, even strict.
    expect(pkg.allowScripts).toEqual(ALLOW_SCRIPTS);
    expect(files.get('src/index.ts')).toContain("api.find('pack', findFromTheEnd);");
    expect(files.get('src/index.ts')).toContain("api.jobsSorting('pack', shortestFirst);");
  });

  it('inside this repository, links the oar-sched packages from the checkout', () => {
    const root = localCheckout();
    expect(root).toBeDefined();
    const deps = dependencySpecs(root);
    expect(deps.source).toBe('local');
    expect(deps.harness).toBe(`file:${join(root!, 'harness')}`);
    expect(deps.pluginApi).toBe(`file:${join(root!, 'plugin-api')}`);
  });

  it('without a terminal and flags, takes the defaults: a find plugin named after the folder', async () => {
    const cwd = tmp();
    const r = await run(['oar-plugin-spread'], cwd);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Created oar-plugin-spread in oar-plugin-spread (find');
    const pkg = JSON.parse(readFileSync(join(cwd, 'oar-plugin-spread', 'package.json'), 'utf8'));
    expect(pkg.name).toBe('oar-plugin-spread');
    expect(pkg.oar.provides).toEqual({ find: ['spread'] });
  });

  it('refuses a folder that is not empty, unless --force', async () => {
    const cwd = tmp();
    writeFileSync(join(cwd, 'notes.txt'), 'mine');
    const refused = await run(['.', '--name', 'oar-plugin-x', '--yes'], cwd);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/is not empty \(notes.txt\): choose another folder, or pass --force/);
    expect(existsSync(join(cwd, 'package.json'))).toBe(false);
    const forced = await run(['.', '--name', 'oar-plugin-x', '--yes', '--force'], cwd);
    expect(forced.code).toBe(0);
    expect(readFileSync(join(cwd, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(cwd, 'src', 'index.ts'))).toBe(true);
  });

  it('says what is wrong with an argument, with exit code 2', async () => {
    const r = await run(['--hooks', 'placement'], tmp());
    expect(r.code).toBe(2);
    expect(r.err).toContain('--hooks: unknown hook kind "placement"');
    expect(r.err).toContain('--help');
  });

  it('--help explains the options', async () => {
    const r = await run(['--help'], tmp());
    expect(r.code).toBe(0);
    for (const flag of ['--name', '--hooks', '--yes', '--force']) expect(r.out).toContain(flag);
  });
});
