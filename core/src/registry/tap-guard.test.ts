import { definePlugin, type FindContext } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { PluginRegistry } from './plugin-registry.js';
import { TapFailures } from './tap-guard.js';

const quiet = { info: () => {}, warn: () => {} };

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('did not throw');
}

describe('TapFailures', () => {
  const who = { hook: 'assign' as const, key: 'x', tapName: 'p' };

  it('rethrows the same error object and remembers where it came from', () => {
    const failures = new TapFailures();
    const error = new TypeError('boom');
    expect(failures.tag(error, who)).toBe(error);
    expect(failures.originOf(error)).toEqual(who);
    expect(failures.originOf(new Error('other'))).toBeUndefined();
  });

  it('turns a thrown string into an Error with that text', () => {
    const failures = new TapFailures();
    const tagged = failures.tag('plain text', who);
    expect(tagged).toBeInstanceOf(Error);
    expect((tagged as Error).message).toBe('plain text');
    expect(failures.originOf(tagged)).toEqual(who);
  });

  it('keeps the first (innermost) tap that saw an error', () => {
    const failures = new TapFailures();
    const error = new Error('inner');
    failures.tag(error, { hook: 'find', key: 'f', tapName: 'inner' });
    failures.tag(error, who);
    expect(failures.originOf(error)).toMatchObject({ tapName: 'inner' });
  });
});

describe('PluginRegistry.pluginFailure', () => {
  function registry(): PluginRegistry {
    const r = new PluginRegistry(quiet);
    r.use(
      definePlugin({
        name: 'acme-finds',
        setup(api) {
          api.find('explode', () => {
            throw new Error('no such rack');
          });
          api.extraMetasched('late', async () => {
            throw new Error('ldap timeout');
          });
          api.hooks.find.for('raw').tap('raw-tap', () => {
            throw 'a string';
          });
        },
      }),
      { source: 'dependency', packageName: '@acme/finds', version: '1.0.0' },
    );
    return r;
  }

  it('names the hook, the key, the plugin and its package', () => {
    const r = registry();
    const error = caught(() => r.hooks.find.get('explode')!.call({} as FindContext));
    expect((error as Error).message).toBe('no such rack');
    expect(r.pluginFailure(error)).toEqual({
      plugin: { name: 'acme-finds', packageName: '@acme/finds', hook: 'find', key: 'explode' },
      message: 'find plugin "explode" (@acme/finds) failed: no such rack',
    });
  });

  it('covers taps made on the raw hooks (named by their tap name) and promise taps', async () => {
    const r = registry();
    const raw = caught(() => r.hooks.find.get('raw')!.call({} as FindContext));
    expect(r.pluginFailure(raw)).toEqual({
      plugin: { name: 'raw-tap', hook: 'find', key: 'raw' },
      message: 'find plugin "raw" (raw-tap) failed: a string',
    });
    const rejected = await r.hooks.extraMetasched.get('late')!.promise({} as never).catch((e: unknown) => e);
    expect(r.pluginFailure(rejected)?.message).toBe('extraMetasched plugin "late" (@acme/finds) failed: ldap timeout');
  });

  it('knows nothing of errors no tap threw', () => {
    expect(registry().pluginFailure(new Error('engine'))).toBeUndefined();
  });
});
