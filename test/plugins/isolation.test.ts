/**
 * Isolation and order during a round, through `oar-sched schedule` in a site project: a plugin
 * that throws costs its own job (unscheduled, the error as reason) and nothing else; taps run in
 * the documented order, the built-in last.
 */
import { type ScenarioResult } from '@oar-sched/scenario';
import { runCli } from 'oar-sched';
import { afterAll, describe, expect, it } from 'vitest';
import { createProject, manifest, pluginModule, recordingIo, removeProjects, scenario, type PluginPackage } from './fixture.js';

afterAll(removeProjects);

function plugin(name: string, provides: Record<string, string[]>, setupBody: string): PluginPackage {
  return { name, oar: manifest('./index.js', provides), files: { 'index.js': pluginModule(name, setupBody) } };
}

async function run(spec: Parameters<typeof createProject>[0]): Promise<{ result: ScenarioResult; stderr: string }> {
  const dir = createProject(spec);
  const io = recordingIo(dir);
  const code = await runCli(['schedule', '--scenario', 'scenario.json'], io);
  expect(code, io.stderr()).toBe(0);
  return { result: JSON.parse(io.stdout()) as ScenarioResult, stderr: io.stderr() };
}

describe('a plugin that throws during a round', () => {
  it('a find: leaves that job unscheduled with the error and the plugin as reason, schedules the others as if it were absent', async () => {
    const flaky = plugin('oar-plugin-flaky', { find: ['flaky'] }, `
      api.find('flaky', (ctx) => { throw new Error('flaky find exploded on job ' + ctx.job.id); });`);
    const jobs = [
      { id: 1, request: 'resource_id=2' },
      { id: 2, request: 'resource_id=2', types: { find: 'flaky' } },
      { id: 3, request: 'resource_id=2' },
    ];
    const { result } = await run({ packages: [flaky], files: { 'scenario.json': scenario(jobs, { jobSecurityTime: 0 }) } });
    expect(result.jobs['2']).toEqual({
      scheduled: false,
      reasonCode: 'PLUGIN_ERROR',
      reason: 'find plugin "flaky" (oar-plugin-flaky) failed: flaky find exploded on job 2',
      reasonPlugin: { name: 'oar-plugin-flaky', packageName: 'oar-plugin-flaky', hook: 'find', key: 'flaky' },
    });
    expect(result.jobs['1']).toMatchObject({ scheduled: true, startTime: 1000, resources: '1-2' });
    expect(result.jobs['3']).toMatchObject({ scheduled: true, startTime: 1000, resources: '3-4' });
  });

  it('an assign that throws after searching: nothing it looked at is kept', async () => {
    const greedy = plugin('oar-plugin-greedy', { assign: ['greedy'] }, `
      api.assign('greedy', (ctx) => {
        const found = ctx.searchMoldable(0);
        if (found.found) ctx.place(found);
        throw new Error('greedy assign gave up');
      });`);
    const jobs = [
      { id: 1, request: 'resource_id=8', types: { assign: 'greedy' } },
      { id: 2, request: 'resource_id=8' },
    ];
    const { result } = await run({ packages: [greedy], files: { 'scenario.json': scenario(jobs, { jobSecurityTime: 0 }) } });
    expect(result.jobs['1']).toMatchObject({ scheduled: false, reasonCode: 'PLUGIN_ERROR', reason: 'assign plugin "greedy" (oar-plugin-greedy) failed: greedy assign gave up' });
    expect(result.jobs['2']).toMatchObject({ scheduled: true, startTime: 1000, resources: '1-8' });
  });

  it('a job sorting: the group stays unscheduled with the error as reason, the round still finishes', async () => {
    const sorter = plugin('oar-plugin-sorter', { jobsSorting: ['explode'] }, `
      api.jobsSorting('explode', () => { throw new Error('no accounting database'); });`);
    const { result } = await run({
      packages: [sorter],
      files: {
        'oar.config.json': JSON.stringify({ scheduler: { sorting: { policy: 'CUSTOM', custom: { name: 'explode' } } } }),
        'scenario.json': scenario([{ id: 1, request: 'resource_id=1' }]),
      },
    });
    expect(result.jobs['1']).toEqual({
      scheduled: false,
      reasonCode: 'PLUGIN_ERROR',
      reason: 'job sorting plugin "explode" (oar-plugin-sorter) failed: no accounting database',
      reasonPlugin: { name: 'oar-plugin-sorter', packageName: 'oar-plugin-sorter', hook: 'jobsSorting', key: 'explode' },
    });
  });

  it('an extraMetasched hook: a warning naming the plugin, and the group is scheduled', async () => {
    const hook = plugin('oar-plugin-hook', { extraMetasched: ['fragile'] }, `
      api.extraMetasched('fragile', () => { throw new Error('ldap timeout'); });`);
    const { result } = await run({
      packages: [hook],
      files: {
        'oar.config.json': JSON.stringify({ extraMetasched: { name: 'fragile' } }),
        'scenario.json': scenario([{ id: 1, request: 'resource_id=1' }]),
      },
    });
    expect(result.jobs['1']).toMatchObject({ scheduled: true });
    expect(result.warnings).toEqual(['extraMetasched plugin "fragile" (oar-plugin-hook) failed: ldap timeout']);
  });
});

describe('tap order', () => {
  it('by stage (lower first), then registration order; the built-in of the same name last', async () => {
    const ordered = plugin('oar-plugin-ordered', { find: ['default'] }, `
      const seen = new Set();
      const tap = (label) => (ctx) => {
        if (ctx.job.id === 1 && !seen.has(label)) { seen.add(label); api.log.info(label); }
        return undefined;
      };
      api.find('default', tap('late (stage 5)'), { stage: 5 });
      api.find('default', tap('plain (stage 0, first)'));
      api.find('default', tap('plain (stage 0, second)'));
      api.find('default', tap('early (stage -5)'), { stage: -5 });`);
    const { result, stderr } = await run({ packages: [ordered], files: { 'scenario.json': scenario([{ id: 1, request: 'resource_id=3' }]) } });
    expect(stderr.trim().split('\n')).toEqual([
      '[oar-plugin-ordered] early (stage -5)',
      '[oar-plugin-ordered] plain (stage 0, first)',
      '[oar-plugin-ordered] plain (stage 0, second)',
      '[oar-plugin-ordered] late (stage 5)',
    ]);
    // every tap declined: the built-in default find placed the job
    expect(result.jobs['1']).toMatchObject({ scheduled: true, resources: '1-3' });
  });
});
