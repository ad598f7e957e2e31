import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isOarSchedError } from '../errors.js';
import { definePlugin, type FindContext, type OarPlugin } from '@oar-sched/plugin-api';
import { BUILTIN_STAGE, PluginRegistry, type PluginOrigin } from './plugin-registry.js';

const quiet = { info: () => {}, warn: () => {} };
const dep = (packageName: string): PluginOrigin => ({ source: 'dependency', packageName, version: '1.0.0' });
const builtin: PluginOrigin = { source: 'built-in', packageName: '@oar-sched/plugin-find-default' };

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (isOarSchedError(e)) return e.code;
    throw e;
  }
  return undefined;
}

/** Calls the find hook `name` with a context nothing reads, returns which taps answered in order. */
function callOrder(registry: PluginRegistry, name: string, calls: string[]): string[] {
  registry.hooks.find.get(name)!.call({} as FindContext);
  return calls;
}

describe('PluginRegistry.use', () => {
  it('runs built-in taps last, whatever the registration order', () => {
    const calls: string[] = [];
    const registry = new PluginRegistry(quiet);
    registry.use(definePlugin({ name: 'builtin', setup: (api) => api.find('default', () => void calls.push('builtin')) }), builtin);
    registry.use(definePlugin({ name: 'site', setup: (api) => api.find('default', () => void calls.push('site')) }), dep('site'));
    expect(callOrder(registry, 'default', calls)).toEqual(['site', 'builtin']);
    expect(registry.hooks.find.get('default')!.taps.map((t) => t.stage)).toEqual([0, BUILTIN_STAGE]);
  });

  it('orders one plugin\'s taps by stage, then registration', () => {
    const calls: string[] = [];
    const registry = new PluginRegistry(quiet);
    registry.use(
      definePlugin({
        name: 'site',
        setup(api) {
          api.find('x', () => void calls.push('b'), { stage: 1 });
          api.find('x', () => void calls.push('c'), { stage: 1 });
          api.find('x', () => void calls.push('a'), { stage: -1 });
        },
      }),
      dep('site'),
    );
    expect(callOrder(registry, 'x', calls)).toEqual(['a', 'b', 'c']);
  });

  it('stops at the first tap that answers (a SyncBailHook)', () => {
    const registry = new PluginRegistry(quiet);
    registry.use(definePlugin({ name: 'builtin', setup: (api) => api.find('default', () => { throw new Error('not reached'); }) }), builtin);
    registry.use(definePlugin({ name: 'site', setup: (api) => api.find('default', () => null) }), dep('site'));
    expect(registry.hooks.find.get('default')!.call({} as FindContext)).toBeNull();
  });

  const refusals: [what: string, first: OarPlugin<unknown> | undefined, plugin: OarPlugin<unknown>, options: unknown, code: string][] = [
    ['another API version', undefined, definePlugin({ name: 'p', apiVersion: 2, setup() {} }), undefined, 'PLUGIN_API_MISMATCH'],
    ['no API version', undefined, { name: 'p', setup() {} } as unknown as OarPlugin<unknown>, undefined, 'PLUGIN_API_MISMATCH'],
    ['a plugin name already registered', definePlugin({ name: 'p', setup() {} }), definePlugin({ name: 'p', setup() {} }), undefined, 'PLUGIN_DUPLICATE_NAME'],
    [
      'a hook name another plugin provides',
      definePlugin({ name: 'p', setup: (api) => api.assign('x', () => undefined) }),
      definePlugin({ name: 'q', setup: (api) => api.assign('x', () => undefined) }),
      undefined,
      'PLUGIN_DUPLICATE_NAME',
    ],
    ['a stage reserved for built-ins', undefined, definePlugin({ name: 'p', setup: (api) => api.find('x', () => undefined, { stage: BUILTIN_STAGE }) }), undefined, 'PLUGIN_LOAD_FAILED'],
    ['options for a plugin without a schema', undefined, definePlugin({ name: 'p', setup() {} }), { a: 1 }, 'PLUGIN_OPTIONS_INVALID'],
    ['options its schema refuses', undefined, definePlugin({ name: 'p', options: z.object({ n: z.number() }), setup() {} }) as OarPlugin<unknown>, { n: 'x' }, 'PLUGIN_OPTIONS_INVALID'],
  ];
  for (const [what, first, plugin, options, code] of refusals) {
    it(`refuses ${what}: ${code}`, () => {
      const registry = new PluginRegistry(quiet);
      if (first) registry.use(first, dep('first-package'));
      expect(codeOf(() => registry.use(plugin, dep('second-package'), options))).toBe(code);
    });
  }

  it('lets a plugin provide a name a built-in provides (it runs first, the built-in is the fallback)', () => {
    const registry = new PluginRegistry(quiet);
    registry.use(definePlugin({ name: 'builtin', setup: (api) => api.find('default', () => undefined) }), builtin);
    expect(codeOf(() => registry.use(definePlugin({ name: 'site', setup: (api) => api.find('default', () => undefined) }), dep('site')))).toBeUndefined();
    expect(registry.providers('find', 'default').map((p) => p.name)).toEqual(['builtin', 'site']);
  });

  it('hands the plugin its validated options, defaults applied', () => {
    let seen: unknown;
    const registry = new PluginRegistry(quiet);
    registry.use(
      definePlugin({ name: 'p', options: z.object({ n: z.number().default(3), s: z.string() }), setup: (api) => void (seen = api.options) }),
      dep('p'),
      { s: 'x' },
    );
    expect(seen).toEqual({ n: 3, s: 'x' });
  });
});
