/**
 * Every way a plugin can be broken stops the scheduler at start with a coded error that names
 * the package and the fix — through the composition root and through the CLI (exit 2, one
 * message, no stack trace).
 */
import { isOarSchedError, type OarSchedErrorCode } from '@oar-sched/core';
import { createSchedulerSetup, runCli } from 'oar-sched';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, manifest, pluginModule, recordingIo, recordingLogger, removeProjects, type ProjectSpec } from './fixture.js';

afterAll(removeProjects);

const good = (name: string, find: string) => ({
  name,
  oar: manifest('./index.js', { find: [find] }),
  files: { 'index.js': pluginModule(name, `api.find(${JSON.stringify(find)}, () => undefined);`) },
});

interface Case {
  readonly what: string;
  readonly project: ProjectSpec;
  readonly code: OarSchedErrorCode;
  /** Fragments the message must contain (the package, the field, …). */
  readonly message: readonly string[];
  /** Fragment the hint must contain (the fix). */
  readonly hint: string;
}

const CASES: readonly Case[] = [
  {
    what: 'a manifest made for another plugin API',
    project: { packages: [{ ...good('oar-plugin-future', 'f'), oar: manifest('./index.js', {}, 2) }] },
    code: 'PLUGIN_API_MISMATCH',
    message: ['package oar-plugin-future declares plugin API 2, this scheduler provides API 1'],
    hint: 'install a version of oar-plugin-future made for plugin API 1',
  },
  {
    what: 'a plugin object built for another plugin API',
    project: {
      packages: [
        {
          name: 'oar-plugin-stale',
          oar: manifest('./index.js'),
          files: { 'index.js': pluginModule('oar-plugin-stale', 'api.find("s", () => undefined);').replace('setup(api)', 'apiVersion: 0, setup(api)') },
        },
      ],
    },
    code: 'PLUGIN_API_MISMATCH',
    message: ['plugin oar-plugin-stale was built for plugin API 0'],
    hint: 'upgrade oar-plugin-stale',
  },
  {
    what: 'a local plugin file that is not made with definePlugin (no api version)',
    project: {
      files: {
        'oar.config.json': JSON.stringify({ plugins: { list: ['./bare.js'] } }),
        'bare.js': 'export default { name: "bare", setup(api) { api.find("bare", () => undefined); } };',
      },
    },
    code: 'PLUGIN_API_MISMATCH',
    message: ['plugin bare does not say which plugin API it was built for'],
    hint: 'definePlugin()',
  },
  {
    what: 'a manifest that fails validation',
    project: { packages: [{ ...good('oar-plugin-sloppy', 's'), oar: { apiVersion: 1, entri: './index.js' } }] },
    code: 'PLUGIN_MANIFEST_INVALID',
    message: [
      'package oar-plugin-sloppy: invalid "oar" field',
      '✖ expected the path of the plugin module, e.g. "./dist/index.js" → at oar.entry',
      '✖ Unrecognized key: "entri" → at oar.entri',
    ],
    hint: 'plugins.disable',
  },
  {
    what: 'an entry that does not exist',
    project: { packages: [{ ...good('oar-plugin-unbuilt', 'u'), oar: manifest('./dist/index.js') }] },
    code: 'PLUGIN_ENTRY_MISSING',
    message: ['plugin oar-plugin-unbuilt: entry file', 'dist/index.js does not exist'],
    hint: 'build oar-plugin-unbuilt, or fix "oar.entry"',
  },
  {
    what: 'an entry that throws while loading',
    project: {
      packages: [{ name: 'oar-plugin-throws', oar: manifest('./index.ts'), files: { 'index.ts': 'const server: string = "license.example";\nthrow new Error(`cannot reach ${server}`);\n' } }],
    },
    code: 'PLUGIN_LOAD_FAILED',
    message: ['plugin oar-plugin-throws: loading', 'failed: cannot reach license.example'],
    hint: 'plugins.disable',
  },
  {
    what: 'an entry that exports no plugin',
    project: { packages: [{ name: 'oar-plugin-empty', oar: manifest('./index.js'), files: { 'index.js': 'export const x = 1;' } }] },
    code: 'PLUGIN_LOAD_FAILED',
    message: ['plugin oar-plugin-empty:', 'does not export a plugin'],
    hint: 'export default definePlugin',
  },
  {
    what: 'a setup that throws',
    project: { packages: [{ name: 'oar-plugin-setup', oar: manifest('./index.js'), files: { 'index.js': pluginModule('oar-plugin-setup', 'throw new Error("no licence file");') } }] },
    code: 'PLUGIN_LOAD_FAILED',
    message: ['plugin oar-plugin-setup failed during setup: no licence file'],
    hint: 'fix or disable oar-plugin-setup',
  },
  {
    what: 'a tap stage reserved for the built-ins',
    project: { packages: [{ name: 'oar-plugin-late', oar: manifest('./index.js'), files: { 'index.js': pluginModule('oar-plugin-late', 'api.find("default", () => undefined, { stage: 5000 });') } }] },
    code: 'PLUGIN_LOAD_FAILED',
    message: ['plugin oar-plugin-late asks for tap stage 5000'],
    hint: 'below 1000',
  },
  {
    what: 'two packages providing the same hook name',
    project: { packages: [good('oar-plugin-contig-a', 'contiguous'), good('oar-plugin-contig-b', 'contiguous')] },
    code: 'PLUGIN_DUPLICATE_NAME',
    message: ['find "contiguous" is provided by both "oar-plugin-contig-a" (dependency) and "oar-plugin-contig-b" (dependency)'],
    hint: 'plugins.disable',
  },
  {
    what: 'two packages whose plugins have the same name',
    project: {
      packages: [
        { name: 'oar-plugin-one', oar: manifest('./index.js'), files: { 'index.js': pluginModule('same', 'api.find("one", () => undefined);') } },
        { name: 'oar-plugin-two', oar: manifest('./index.js'), files: { 'index.js': pluginModule('same', 'api.find("two", () => undefined);') } },
      ],
    },
    code: 'PLUGIN_DUPLICATE_NAME',
    message: ['two plugins are named "same": "same" (oar-plugin-one@1.0.0, dependency) and "same" (oar-plugin-two@1.0.0, dependency)'],
    hint: 'keep one of them',
  },
  {
    what: 'options its schema refuses',
    project: {
      packages: [
        {
          name: 'oar-plugin-strict',
          oar: manifest('./index.js'),
          files: {
            'index.js': pluginModule('oar-plugin-strict', 'api.find("x", () => undefined);', "import { z } from 'zod';").replace(
              'setup(api)',
              'options: z.object({ limit: z.number().int() }).strict(), setup(api)',
            ),
          },
        },
      ],
      files: { 'oar.config.json': JSON.stringify({ plugins: { options: { 'oar-plugin-strict': { limit: 'ten', limt: 1 } } } }) },
    },
    code: 'PLUGIN_OPTIONS_INVALID',
    message: ['invalid options for plugin oar-plugin-strict', '✖ Invalid input: expected number, received string → at options.limit', '✖ Unrecognized key: "limt" → at options.limt'],
    hint: 'plugins.options',
  },
  {
    what: 'options for a plugin that takes none',
    project: { packages: [good('oar-plugin-plain', 'p')], files: { '.oarrc.json': JSON.stringify({ plugins: { list: [{ package: 'oar-plugin-plain', options: { x: 1 } }] } }) } },
    code: 'PLUGIN_OPTIONS_INVALID',
    message: ['plugin oar-plugin-plain takes no options'],
    hint: 'remove the options',
  },
  {
    what: 'options given twice',
    project: {
      packages: [good('oar-plugin-plain', 'p')],
      files: { '.oarrc.json': JSON.stringify({ plugins: { list: [{ package: 'oar-plugin-plain', options: {} }], options: { 'oar-plugin-plain': {} } } }) },
    },
    code: 'CONFIG_INVALID',
    message: ['options for plugin oar-plugin-plain are given twice: plugins.list[0].options and plugins.options["oar-plugin-plain"]'],
    hint: 'keep one',
  },
  {
    what: 'a listed package that is not installed',
    project: { files: { 'oar.config.json': JSON.stringify({ plugins: { list: ['oar-plugin-absent'] } }) } },
    code: 'PLUGIN_NOT_FOUND',
    message: ['plugins.list[0]: plugin package oar-plugin-absent is not installed'],
    hint: 'npm install oar-plugin-absent',
  },
  {
    what: 'a listed local file that does not exist',
    project: { files: { 'oar.config.json': JSON.stringify({ plugins: { list: [{ path: './nope.ts' }] } }) } },
    code: 'PLUGIN_NOT_FOUND',
    message: ['plugins.list[0]: local plugin ./nope.ts does not exist'],
    hint: 'relative to the config file',
  },
  {
    what: 'a listed package without an "oar" field',
    project: { packages: [{ name: 'left-pad', files: { 'index.js': '' } }], files: { 'oar.config.json': JSON.stringify({ plugins: { list: ['left-pad'] } }) } },
    code: 'PLUGIN_MANIFEST_INVALID',
    message: ['package left-pad has no "oar" field'],
    hint: 'remove left-pad from plugins.list',
  },
  {
    what: 'disabling a built-in',
    project: { files: { 'oar.config.json': JSON.stringify({ plugins: { disable: ['@oar-sched/plugin-find-default'] } }) } },
    code: 'CONFIG_INVALID',
    message: ['plugins.disable: "@oar-sched/plugin-find-default" is a built-in plugin'],
    hint: 'tap the same hook name',
  },
  {
    what: 'an extraMetasched hook no plugin provides',
    project: { files: { 'oar.config.json': JSON.stringify({ extraMetasched: { name: 'logger' } }) } },
    code: 'CONFIG_INVALID',
    message: ['extraMetasched.name: no plugin provides an extraMetasched hook named "logger"'],
    hint: 'install the plugin',
  },
  {
    what: 'a sorting settings section no plugin declares (a misspelt policy section)',
    project: { files: { 'oar.config.json': JSON.stringify({ scheduler: { sorting: { policy: 'FAIRSHARE', fairshar: { windowSize: 10 } } } }) } },
    code: 'CONFIG_INVALID',
    message: ['oar.config.json: scheduler.sorting.fairshar: no sorting plugin declares settings named "fairshar" (declared: fairshare, multifactor)'],
    hint: 'fix the key',
  },
  {
    what: 'a bad value in a section a built-in sorting plugin declares',
    project: { files: { 'oar.config.json': JSON.stringify({ scheduler: { sorting: { fairshare: { windowSize: -1 } } } }) } },
    code: 'CONFIG_INVALID',
    message: ['oar.config.json: invalid sorting settings (declared by @oar-sched/plugin-sort-fairshare)', 'scheduler.sorting.fairshare.windowSize'],
    hint: 'fix scheduler.sorting.fairshare',
  },
];

describe('the scheduler refuses to start', () => {
  for (const c of CASES) {
    it(`${c.what}: ${c.code}`, async () => {
      const dir = createProject(c.project);
      let error: unknown;
      await createSchedulerSetup({ cwd: dir, logger: recordingLogger() }).catch((e: unknown) => (error = e));
      if (!isOarSchedError(error)) throw error ?? new Error('the setup did not fail');
      expect(error.code).toBe(c.code);
      for (const fragment of c.message) expect(error.message).toContain(fragment);
      expect(error.hint ?? '').toContain(c.hint);

      const io = recordingIo(dir);
      expect(await runCli(['plugins'], io)).toBe(2);
      expect(io.stdout()).toBe('');
      expect(io.stderr()).toBe(`oar-sched: ${error.message}\nhint: ${error.hint}\n`);
      expect(io.stderr()).not.toMatch(/^\s+at /m);
    });
  }

  it('`schedule` refuses too, before reading any job', async () => {
    const dir = createProject(CASES.find((c) => c.code === 'PLUGIN_ENTRY_MISSING')!.project);
    const io = recordingIo(dir);
    expect(await runCli(['schedule', '--scenario', 'missing.json'], io)).toBe(2);
    expect(io.stderr()).toContain('plugin oar-plugin-unbuilt: entry file');
    expect(io.stdout()).toBe('');
  });
});
