import { describe, expect, it } from 'vitest';
import { OarSchedError } from '../errors.js';
import { schedulerConfigSchema } from '../model/scheduler-config-schema.js';
import type { Snapshot } from '../model/snapshot.js';
import { definePlugin } from '@oar-sched/plugin-api';
import { PluginRegistry } from '../registry/plugin-registry.js';
import { runRound } from './run-round.js';
import { z } from 'zod';
import { assertSortingAvailable, resolveSortingSettings, sortingPolicyName } from './sorting.js';

const quiet = { info: () => {}, warn: () => {} };

/** Default assign/find that never place anything, and one custom sort named `by-name`. */
function registry(): PluginRegistry {
  const r = new PluginRegistry(quiet);
  r.use(
    definePlugin({
      name: 'test-plugins',
      setup(api) {
        api.assign('default', () => undefined);
        api.find('default', () => null);
        api.jobsSorting('FIFO', (ctx) => ctx.jobs);
        api.jobsSorting('by-name', (ctx) => ctx.jobs);
      },
    }),
    { source: 'config' },
  );
  return r;
}

const config = (sorting: object) => schedulerConfigSchema.parse({ sorting });

describe('CUSTOM sorting (core §17.4)', () => {
  it('names the tap given by sorting.custom.name', () => {
    expect(sortingPolicyName(config({ policy: 'CUSTOM', custom: { name: 'by-name' } }))).toBe('by-name');
    expect(sortingPolicyName(config({ policy: 'FAIRSHARE' }))).toBe('FAIRSHARE');
    expect(() => assertSortingAvailable(config({ policy: 'CUSTOM', custom: { name: 'by-name' } }), registry())).not.toThrow();
  });

  it('an unknown name is a SORTING_INVALID error listing the known policies', () => {
    let error: unknown;
    try {
      assertSortingAvailable(config({ policy: 'CUSTOM', custom: { name: 'by-age' } }), registry());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OarSchedError);
    expect((error as OarSchedError).code).toBe('SORTING_INVALID');
    expect((error as OarSchedError).message).toBe('config.sorting.custom.name: no jobsSorting plugin is registered under "by-age" (known: FIFO, by-name)');
    expect((error as OarSchedError).hint).toContain('sorting.custom.name');
  });

  it('a built-in policy without its plugin is refused the same way', () => {
    expect(() => assertSortingAvailable(config({ policy: 'MULTIFACTOR' }), registry())).toThrow('no jobsSorting plugin is registered under "MULTIFACTOR"');
  });

  it('runRound fails before the round starts', async () => {
    const snapshot: Snapshot = {
      now: 0,
      config: config({ policy: 'CUSTOM', custom: { name: 'by-age' } }),
      queues: [{ name: 'default', priority: 3, state: 'Active' }],
      resources: [],
      jobs: [],
      accounting: [],
    };
    await expect(runRound(snapshot, registry())).rejects.toMatchObject({ code: 'SORTING_INVALID' });
  });
});

describe('sorting config validation', () => {
  it.each([
    [{ policy: 'CUSTOM' }, 'policy "CUSTOM" needs custom'],
    [{ policy: '' }, 'policy'],
    [{ custom: { name: '' } }, 'custom'],
  ])('the schema refuses %j', (sorting, fragment) => {
    const parsed = schedulerConfigSchema.safeParse({ sorting });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toContain(fragment);
  });

  it('accepts any policy name: the registry decides whether it exists', () => {
    expect(sortingPolicyName(config({ policy: 'shortest-first' }))).toBe('shortest-first');
    expect(() => assertSortingAvailable(config({ policy: 'by-name' }), registry())).not.toThrow();
  });
});

describe('sorting settings sections (declared by the sorting plugins)', () => {
  const ranks = z.object({ weight: z.number().min(0).default(1) }).strict();
  function withSection(): PluginRegistry {
    const r = registry();
    r.use(definePlugin({ name: 'ranked', setup: (api) => api.sortingSettings('ranked', ranks) }), { source: 'config' });
    return r;
  }

  it('validates a declared section with its schema and applies its defaults', () => {
    expect(resolveSortingSettings(config({ policy: 'FIFO' }), withSection())).toEqual({ policy: 'FIFO', ranked: { weight: 1 } });
    expect(resolveSortingSettings(config({ policy: 'FIFO', ranked: { weight: 3 } }), withSection())).toMatchObject({ ranked: { weight: 3 } });
  });

  it('names the key path of a bad value and the plugin that declared the section', () => {
    expect(() => resolveSortingSettings(config({ ranked: { weight: -1 } }), withSection())).toThrow(/declared by ranked[\s\S]*config\.sorting\.ranked\.weight/);
  });

  it('refuses a section no plugin declares (a typo, or a policy that is not installed)', () => {
    expect(() => resolveSortingSettings(config({ rankd: {} }), withSection())).toThrow(
      'config.sorting.rankd: no sorting plugin declares settings named "rankd" (declared: ranked)',
    );
  });

  it('refuses two plugins declaring one section with different schemas', () => {
    const r = withSection();
    expect(() => r.use(definePlugin({ name: 'other', setup: (api) => api.sortingSettings('ranked', z.object({})) }), { source: 'config' })).toThrow(
      'already declared by plugin ranked',
    );
  });
});
