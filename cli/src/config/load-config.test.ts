import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isOarSchedError, type OarSchedError } from '@oar-sched/core';
import { loadOarConfig } from './load-config.js';
import { oarConfigSchema } from './oar-config-schema.js';

const CORE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A temporary project: package.json (ESM), `@oar-sched/core` resolvable, plus `files`. */
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oar-config-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'site', private: true, type: 'module' }));
  mkdirSync(join(dir, 'node_modules', '@oar-sched'), { recursive: true });
  symlinkSync(CORE_DIR, join(dir, 'node_modules', '@oar-sched', 'core'), 'dir');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function failure(promise: Promise<unknown>): Promise<OarSchedError> {
  try {
    await promise;
  } catch (e) {
    if (isOarSchedError(e)) return e;
    throw e;
  }
  throw new Error('expected an OarSchedError');
}

const OBJECT = `{ scheduler: { jobSecurityTime: 42 }, plugins: { disable: ['x'] }, extraMetasched: { name: 'logger' } }`;
const JSON_TEXT = JSON.stringify({ scheduler: { jobSecurityTime: 42 }, plugins: { disable: ['x'] }, extraMetasched: { name: 'logger' } });
const YAML_TEXT = 'scheduler:\n  jobSecurityTime: 42\nplugins:\n  disable: [x]\nextraMetasched:\n  name: logger\n';

describe('loadOarConfig loads every format', () => {
  const formats: [file: string, text: string][] = [
    ['oar.config.ts', `import { defineConfig } from '@oar-sched/core';\nconst n: number = 42;\nexport default defineConfig({ scheduler: { jobSecurityTime: n }, plugins: { disable: ['x'] }, extraMetasched: { name: 'logger' } });\n`],
    ['oar.config.mts', `import type { OarUserConfig } from '@oar-sched/core';\nconst config: OarUserConfig = ${OBJECT};\nexport default config;\n`],
    ['oar.config.cts', `const config: Record<string, unknown> = ${OBJECT};\nmodule.exports = config;\n`],
    ['oar.config.js', `export default ${OBJECT};\n`],
    ['oar.config.mjs', `import { defineConfig } from '@oar-sched/core';\nexport default defineConfig(${OBJECT});\n`],
    ['oar.config.cjs', `module.exports = ${OBJECT};\n`],
    ['oar.config.json', JSON_TEXT],
    ['.oarrc', YAML_TEXT],
    ['.oarrc.json', JSON_TEXT],
    ['.oarrc.yaml', YAML_TEXT],
    ['.oarrc.yml', YAML_TEXT],
  ];
  for (const [file, text] of formats) {
    it(file, async () => {
      const dir = project({ [file]: text });
      const loaded = await loadOarConfig({ searchFrom: dir });
      expect(loaded.file).toBe(join(dir, file));
      expect(loaded.config.scheduler.jobSecurityTime).toBe(42);
      expect(loaded.config.scheduler.resourceOrder).toBe('resource_id ASC');
      expect(loaded.config.plugins).toEqual({ discover: true, disable: ['x'], list: [], options: {} });
      expect(loaded.config.extraMetasched).toEqual({ name: 'logger', config: '' });
      expect(loaded.schedulerInput).toEqual({ jobSecurityTime: 42 });
    });
  }
});

describe('loadOarConfig reports a misspelt key with its path', () => {
  const cases: [what: string, file: string, text: string, line: string][] = [
    ['in scheduler', 'oar.config.ts', `export default { scheduler: { jobSecurityTme: 30 } };`, '✖ Unrecognized key: "jobSecurityTme" → at scheduler.jobSecurityTme'],
    ['nested in scheduler', 'oar.config.json', JSON.stringify({ scheduler: { quotas: { enabeld: true } } }), '✖ Unrecognized key: "enabeld" → at scheduler.quotas.enabeld'],
    ['in plugins', '.oarrc.yaml', 'plugins:\n  disabled: [x]\n', '✖ Unrecognized key: "disabled" → at plugins.disabled'],
    ['at the top level', '.oarrc', 'schduler: {}\n', '✖ Unrecognized key: "schduler" → at schduler'],
    ['in a plugins.list entry', 'oar.config.json', JSON.stringify({ plugins: { list: [{ path: './x.ts', optons: {} }] } }), '✖ Unrecognized key: "optons" → at plugins.list[0].optons'],
  ];
  for (const [what, file, text, line] of cases) {
    it(what, async () => {
      const dir = project({ [file]: text });
      const e = await failure(loadOarConfig({ searchFrom: dir }));
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.message.split('\n')).toEqual([`${join(dir, file)}: invalid config:`, line]);
    });
  }

  it('reports a wrong type with its path and what was expected', async () => {
    const dir = project({ 'oar.config.json': JSON.stringify({ scheduler: { jobSecurityTime: '60' }, plugins: { list: [{ package: './x' }] } }) });
    const e = await failure(loadOarConfig({ searchFrom: dir }));
    expect(e.message).toContain('✖ Invalid input: expected number, received string → at scheduler.jobSecurityTime');
    expect(e.message).toContain('"./x" is a path: write { path: "./x" } → at plugins.list[0].package');
  });
});

describe('loadOarConfig finds the file', () => {
  it('searches from a subfolder up to the project root', async () => {
    const dir = project({ 'oar.config.json': '{"scheduler": {"jobSecurityTime": 7}}', 'jobs/march/README': '' });
    const loaded = await loadOarConfig({ searchFrom: join(dir, 'jobs', 'march') });
    expect(loaded.file).toBe(join(dir, 'oar.config.json'));
  });

  it('stops at the project root: a config above the first package.json is not used', async () => {
    const dir = project({ 'oar.config.json': '{"scheduler": {"jobSecurityTime": 7}}', 'inner/package.json': '{"name": "inner"}' });
    const loaded = await loadOarConfig({ searchFrom: join(dir, 'inner') });
    expect(loaded.file).toBeUndefined();
    expect(loaded.config.scheduler.jobSecurityTime).toBe(60);
  });

  it("never reads package.json's \"oar\" key (the plugin manifest) as config", async () => {
    const dir = project({});
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', oar: { scheduler: { jobSecurityTime: 5 } } }));
    const loaded = await loadOarConfig({ searchFrom: dir });
    expect(loaded.file).toBeUndefined();
    expect(loaded.schedulerInput).toBeUndefined();
  });

  it('prefers oar.config.* over .oarrc* in one folder, in the documented order', async () => {
    const dir = project({ '.oarrc.json': '{"scheduler": {"jobSecurityTime": 1}}', 'oar.config.ts': 'export default { scheduler: { jobSecurityTime: 2 } };' });
    expect((await loadOarConfig({ searchFrom: dir })).config.scheduler.jobSecurityTime).toBe(2);
  });

  it('loads an explicit file wherever it is, and rejects a missing one', async () => {
    const dir = project({ 'etc/site.yaml': 'scheduler:\n  jobSecurityTime: 9\n' });
    expect((await loadOarConfig({ file: join(dir, 'etc', 'site.yaml') })).config.scheduler.jobSecurityTime).toBe(9);
    const e = await failure(loadOarConfig({ file: join(dir, 'nope.json') }));
    expect(e.code).toBe('CONFIG_UNREADABLE');
    expect(e.message).toContain('nope.json does not exist');
  });

  it('sees a changed TypeScript file on the next load (no stale module cache)', async () => {
    const dir = project({ 'oar.config.ts': 'export default { scheduler: { jobSecurityTime: 1 } };' });
    expect((await loadOarConfig({ searchFrom: dir })).config.scheduler.jobSecurityTime).toBe(1);
    writeFileSync(join(dir, 'oar.config.ts'), 'export default { scheduler: { jobSecurityTime: 2 } };');
    expect((await loadOarConfig({ searchFrom: dir })).config.scheduler.jobSecurityTime).toBe(2);
  });

  it('gives every default when there is no file', async () => {
    const loaded = await loadOarConfig({ searchFrom: project({}) });
    expect(loaded.config.plugins).toEqual({ discover: true, disable: [], list: [], options: {} });
    expect(loaded.config.extraMetasched).toBeUndefined();
    expect(loaded.config.scheduler.sorting.policy).toBe('FIFO');
    // Built without running the whole schema: the same as the schema's own defaults.
    expect(loaded.config).toEqual(oarConfigSchema.parse({}));
  });
});

describe('loadOarConfig refuses a file it cannot evaluate, naming it', () => {
  const cases: [file: string, text: string, fragment: string][] = [
    ['oar.config.json', '{"scheduler": ', 'oar.config.json: cannot load the config'],
    ['oar.config.ts', 'export default { scheduler: { jobSecurityTime: 1 } ', 'oar.config.ts: cannot load the config'],
    ['oar.config.mjs', "throw new Error('site config broken');", 'site config broken'],
    ['.oarrc.yaml', 'scheduler: [unclosed', '.oarrc.yaml: cannot load the config: YAML syntax error: unexpected end of the stream'],
  ];
  for (const [file, text, fragment] of cases) {
    it(file, async () => {
      const e = await failure(loadOarConfig({ searchFrom: project({ [file]: text }) }));
      expect(e.code).toBe('CONFIG_UNREADABLE');
      expect(e.message).toContain(fragment);
      expect(e.message).not.toMatch(/\n\s+at /);
    });
  }
});

describe('loadOarConfig wants the config as the default export of an ES module', () => {
  const cases: [file: string, text: string, exports: string][] = [
    ['oar.config.mjs', 'export const scheduler = { jobSecurityTime: 1 };\n', ' (it exports scheduler)'],
    ['oar.config.ts', 'export const config = { scheduler: { jobSecurityTime: 1 } };\n', ' (it exports config)'],
    ['oar.config.js', '\n// nothing yet\nexport {};\n', ''],
  ];
  for (const [file, text, exports] of cases) {
    it(`${file} without a default export is an error naming the file`, async () => {
      const dir = project({ [file]: text });
      const e = await failure(loadOarConfig({ searchFrom: dir }));
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.message).toBe(`${join(dir, file)}: the config module has no default export${exports}`);
      expect(e.hint).toContain('export default defineConfig');
    });
  }

  it('a CommonJS config is its module.exports', async () => {
    const dir = project({ 'oar.config.cjs': 'module.exports = { scheduler: { jobSecurityTime: 5 } };\n' });
    expect((await loadOarConfig({ searchFrom: dir })).config.scheduler.jobSecurityTime).toBe(5);
  });
});
