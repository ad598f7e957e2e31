/**
 * Discovery end to end, in temporary site projects: a plugin package written in TypeScript and
 * installed as a `file:` dependency is found through the project's package.json, loaded through
 * jiti, given its options from the config file, and changes the schedule.
 */
import { loadScenarioFile, scheduleScenario, type ScenarioResult } from '@oar-sched/scenario';
import { createSchedulerSetup, runCli } from 'oar-sched';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, manifest, pluginModule, recordingIo, recordingLogger, removeProjects, scenario, type PluginPackage } from './fixture.js';

afterAll(removeProjects);

/** Taps find `default`: a single-level `resource_id=N` request gets the N highest free positions (minus `skip`); anything else falls through to the built-in. */
const HIGHEST: PluginPackage = {
  name: 'oar-plugin-highest',
  version: '2.1.0',
  oar: manifest('./src/index.ts', { find: ['default'] }),
  files: {
    'src/index.ts': `
import { definePlugin, IntervalSet, type FindContext, type FindResult } from '@oar-sched/core/plugin';
import { z } from 'zod';

const options = z.object({ skip: z.number().int().min(0).default(0) }).strict();

function highest(ctx: FindContext, skip: number): FindResult {
  const part = ctx.parts[0];
  const level = part?.levels[0];
  if (ctx.parts.length !== 1 || part === undefined || part.levels.length !== 1 || level?.level !== 'resource_id') return undefined;
  if (typeof level.count !== 'number') return undefined;
  const free: number[] = [...part.constraint.intersect(ctx.available).values()];
  const end = free.length - skip;
  return end - level.count < 0 ? null : IntervalSet.fromValues(free.slice(end - level.count, end));
}

export default definePlugin({
  name: 'oar-plugin-highest',
  options,
  setup(api) {
    const skip: number = api.options.skip;
    api.find('default', (ctx) => highest(ctx, skip));
  },
});
`,
  },
};

const JOBS = [
  { id: 1, request: 'resource_id=2' },
  { id: 2, request: 'network_address=1' },
];

async function schedule(dir: string, scenarioText = scenario(JOBS, { jobSecurityTime: 0 })) {
  const file = join(dir, 'scenario.json');
  writeFileSync(file, scenarioText);
  const logger = recordingLogger();
  const setup = await createSchedulerSetup({ cwd: dir, logger });
  const loaded = loadScenarioFile(file, { schedulerDefaults: setup.config.schedulerInput });
  return { setup, logger, result: (await scheduleScenario(loaded, setup.registry, setup.roundOptions)).result };
}

const placed = (result: ScenarioResult, id: number) => {
  const job = result.jobs[String(id)];
  return job?.scheduled ? job.resources : `unscheduled: ${job?.reason}`;
};

describe('a TypeScript plugin installed as a file: dependency', () => {
  it('is discovered and changes the schedule (the built-in stays the fallback)', async () => {
    const without = await schedule(createProject({}));
    expect(placed(without.result, 1)).toBe('1-2');
    expect(placed(without.result, 2)).toBe('5-8');

    const { setup, result } = await schedule(createProject({ packages: [HIGHEST] }));
    const plugin = setup.registry.plugins.find((p) => p.name === 'oar-plugin-highest');
    expect(plugin).toMatchObject({ source: 'dependency', packageName: 'oar-plugin-highest', version: '2.1.0', apiVersion: 1 });
    expect(plugin?.entry).toMatch(/packages\/oar-plugin-highest\/src\/index\.ts$/);
    // job 1 (resource_id=2) is the plugin's: the two highest resources
    expect(placed(result, 1)).toBe('7-8');
    // job 2 (a node) is declined by the plugin and placed by the built-in find
    expect(placed(result, 2)).toBe('1-4');
  });

  it('gets its options from the config file, validated by its own schema', async () => {
    const dir = createProject({
      packages: [HIGHEST],
      files: { 'oar.config.ts': "export default { plugins: { options: { 'oar-plugin-highest': { skip: 1 } } } };" },
    });
    expect(placed((await schedule(dir)).result, 1)).toBe('6-7');
  });

  it('is found from a subfolder of the project and through `oar-sched schedule`', async () => {
    const dir = createProject({
      packages: [HIGHEST],
      files: {
        'oar.config.json': JSON.stringify({ scheduler: { jobSecurityTime: 0 } }),
        'scenarios/today.json': scenario(JOBS),
      },
    });
    const io = recordingIo(join(dir, 'scenarios'));
    expect(await runCli(['schedule', '--scenario', 'today.json'], io)).toBe(0);
    const result = JSON.parse(io.stdout()) as ScenarioResult;
    expect(result.jobs['1']).toEqual({ scheduled: true, startTime: 1000, endTime: 1059, moldableIndex: 0, resources: '7-8' });
  });

  it('shares the scheduler\'s copy of the core (classes with private fields work across the boundary)', async () => {
    const dir = createProject({
      packages: [
        {
          name: 'oar-plugin-probe',
          oar: manifest('./src/index.ts', { find: ['probe'] }),
          files: {
            'src/index.ts': pluginModule(
              'oar-plugin-probe',
              "api.find('probe', (ctx) => { api.log.info(`same IntervalSet: ${ctx.available instanceof IntervalSet}`); return ctx.delegate('default'); });",
            ).replace('{ definePlugin }', '{ definePlugin, IntervalSet }'),
          },
        },
      ],
    });
    const { logger, result } = await schedule(dir, scenario([{ id: 1, request: 'resource_id=2', types: { find: 'probe' } }]));
    expect(placed(result, 1)).toBe('1-2');
    expect(new Set(logger.lines)).toEqual(new Set(['info: [oar-plugin-probe] same IntervalSet: true']));
  });
});

describe('what discovery reads', () => {
  const plugin = (name: string, field: PluginPackage['field'], find: string): PluginPackage => ({
    name,
    field,
    oar: manifest('./index.js', { find: [find] }),
    files: { 'index.js': pluginModule(name, `api.find(${JSON.stringify(find)}, () => undefined);`) },
  });

  it('every direct dependency field, nothing else installed, no package without an "oar" field', async () => {
    const dir = createProject({
      packages: [
        plugin('oar-plugin-dep', 'dependencies', 'dep'),
        plugin('@site/oar-plugin-dev', 'devDependencies', 'dev'),
        plugin('oar-plugin-opt', 'optionalDependencies', 'opt'),
        plugin('oar-plugin-transitive', false, 'transitive'),
        { name: 'left-pad', files: { 'index.js': 'throw new Error("never loaded");' } },
      ],
    });
    const setup = await createSchedulerSetup({ cwd: dir, logger: recordingLogger() });
    const found = setup.registry.plugins.filter((p) => p.source === 'dependency').map((p) => p.name);
    expect(found).toEqual(['@site/oar-plugin-dev', 'oar-plugin-dep', 'oar-plugin-opt']);
    expect(setup.projectDir).toBe(dir);
  });

  it('nothing when plugins.discover is false, but the listed ones', async () => {
    const dir = createProject({
      packages: [plugin('oar-plugin-a', 'dependencies', 'a'), plugin('oar-plugin-b', 'dependencies', 'b')],
      files: { '.oarrc.json': JSON.stringify({ plugins: { discover: false, list: ['oar-plugin-b'] } }) },
    });
    const setup = await createSchedulerSetup({ cwd: dir, logger: recordingLogger() });
    expect(setup.registry.plugins.filter((p) => p.source !== 'built-in').map((p) => [p.name, p.source])).toEqual([['oar-plugin-b', 'config']]);
  });

  it('a local plugin file, relative to the config file, with options from its list entry', async () => {
    const dir = createProject({
      files: {
        'etc/oar.config.mjs': "export default { plugins: { list: [{ path: './local/tagger.ts', options: { tag: 'x' } }] } };",
        'etc/local/tagger.ts': pluginModule(
          'site-tagger',
          "api.find('tagged', () => undefined); api.log.info(`tag ${api.options.tag}`);",
          "import { z } from 'zod';",
        ).replace('setup(api)', 'options: z.object({ tag: z.string() }), setup(api)'),
      },
    });
    const logger = recordingLogger();
    const setup = await createSchedulerSetup({ cwd: dir, configFile: join(dir, 'etc', 'oar.config.mjs'), logger });
    expect(setup.registry.plugins.at(-1)).toMatchObject({ name: 'site-tagger', source: 'config', entry: join(dir, 'etc', 'local', 'tagger.ts') });
    expect(logger.lines).toContain('info: [site-tagger] tag x');
  });

  it('plugins.disable by package or plugin name, before any code of the package runs', async () => {
    const dir = createProject({
      packages: [
        { name: 'oar-plugin-broken', oar: manifest('./index.js'), files: { 'index.js': 'throw new Error("broken");' } },
        plugin('oar-plugin-named', 'dependencies', 'named'),
      ],
      files: { 'oar.config.json': JSON.stringify({ plugins: { disable: ['oar-plugin-broken', 'oar-plugin-named', 'gone'] } }) },
    });
    const logger = recordingLogger();
    const setup = await createSchedulerSetup({ cwd: dir, logger });
    expect(setup.registry.plugins.every((p) => p.source === 'built-in')).toBe(true);
    expect(setup.disabled).toEqual(['oar-plugin-broken', 'oar-plugin-named']);
    expect(logger.lines).toEqual([`warn: ${join(dir, 'oar.config.json')}: plugins.disable: "gone" matches no discovered or listed plugin`]);
  });

  it('roundOptions.extraMetasched from the config, called with its config string', async () => {
    const dir = createProject({
      packages: [
        {
          name: 'oar-plugin-recorder',
          oar: manifest('./index.js', { extraMetasched: ['recorder'] }),
          files: { 'index.js': pluginModule('oar-plugin-recorder', 'api.extraMetasched("recorder", (ctx) => api.log.info(`${ctx.config} before ${ctx.queues.join(",")}`));') },
        },
      ],
      files: { 'oar.config.json': JSON.stringify({ extraMetasched: { name: 'recorder', config: 'hello' } }) },
    });
    const { setup, logger } = await schedule(dir);
    expect(setup.roundOptions.extraMetasched).toEqual({ name: 'recorder', config: 'hello' });
    expect(logger.lines).toEqual(['info: [oar-plugin-recorder] hello before default']);
  });
});
