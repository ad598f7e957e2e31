/**
 * timeHooks wraps a registry's taps once, however many rounds ask for timings: `oar-sched serve`
 * keeps one registry for all its rounds, and each `--metrics` round gets counters of its own.
 */
import { PluginRegistry, type FindContext } from '@oar-sched/core';
import { definePlugin } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { timeHooks } from './hook-timing.js';

const quiet = { info: () => {}, warn: () => {} };

function registry(): { registry: PluginRegistry; calls: () => number } {
  let calls = 0;
  const r = new PluginRegistry(quiet);
  r.use(
    definePlugin({
      name: 'counting',
      setup(api) {
        api.find('counted', () => {
          calls++;
          return undefined;
        });
      },
    }),
    { source: 'config' },
  );
  return { registry: r, calls: () => calls };
}

const callFind = (r: PluginRegistry) => r.hooks.find.get('counted')!.call({} as FindContext);

describe('timeHooks', () => {
  it('counts the calls made after it, into the counters of its latest call only', () => {
    const { registry: r, calls } = registry();
    const first = timeHooks(r);
    callFind(r);
    const second = timeHooks(r);
    callFind(r);
    callFind(r);
    const key = 'find:counted\u0000counting';
    expect(first.get(key)?.calls).toBe(1);
    expect(second.get(key)).toMatchObject({ hook: 'find:counted', plugin: 'counting', calls: 2 });
    expect(calls()).toBe(3);
  });

  it('wraps each tap once: many rounds with metrics add no layer of clocks', () => {
    const { registry: r } = registry();
    const interceptors = () => (r.hooks.find.get('counted') as unknown as { interceptors: unknown[] }).interceptors.length;
    const before = interceptors();
    for (let i = 0; i < 50; i++) timeHooks(r);
    expect(interceptors()).toBe(before + 1);
    const timings = timeHooks(r);
    callFind(r);
    expect([...timings.values()].map((t) => t.calls)).toEqual([1]);
  });
});
