/** The config file's type: `defineConfig` catches a misspelt key at compile time. */
import { describe, test } from 'vitest';
import { defineConfig } from './define-config.js';

describe('defineConfig', () => {
  test('types the config file: every field optional, a misspelt key does not compile', () => {
    defineConfig({});
    defineConfig({
      scheduler: { jobSecurityTime: 30, sorting: { policy: 'FAIRSHARE' } },
      plugins: { disable: ['oar-plugin-x'], list: ['oar-plugin-y', './local.ts', { path: './z.ts', options: { n: 1 } }] },
      extraMetasched: { name: 'logger' },
    });
    // @ts-expect-error a misspelt key does not compile
    defineConfig({ scheduler: { jobSecurityTme: 30 } });
    // @ts-expect-error a misspelt key of a nested section does not compile either
    defineConfig({ scheduler: { quotas: { enabeld: true } } });
    // The policy is any registered jobsSorting name: the registry checks it when plugins are loaded.
    defineConfig({ scheduler: { sorting: { policy: 'shortest-first' } } });
  });
});
