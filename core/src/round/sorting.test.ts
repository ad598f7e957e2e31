import { describe, expect, it } from 'vitest';
import { OarSchedError } from '../errors.js';
import { schedulerConfigSchema } from '../config/scheduler-config-schema.js';
import type { Snapshot } from '../model/snapshot.js';
import { definePlugin } from '../plugin-api/define-plugin.js';
import { PluginRegistry } from '../registry/plugin-registry.js';
import { runRound } from './run-round.js';
import { assertSortingAvailable, sortingPolicyName } from './sorting.js';

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
    expect((error as OarSchedError).message).toBe('config.sorting: no jobsSorting plugin is registered under "by-age" (known: FIFO, by-name)');
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
    [{ policy: 'KARMA' }, 'policy'],
    [{ fairshare: { windowSize: -5 } }, 'windowSize'],
    [{ multifactor: { workWeight: 1 } }, 'workWeight must be 0'],
    [{ multifactor: { sizeWeight: 2 } }, 'sizeWeight must be 0'],
    [{ custom: { name: '' } }, 'custom'],
  ])('refuses %j', (sorting, fragment) => {
    const parsed = schedulerConfigSchema.safeParse({ sorting });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n')).toContain(fragment);
  });
});
