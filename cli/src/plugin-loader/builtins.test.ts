import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PLUGIN_PACKAGES, findBuiltinPackage, loadBuiltinPlugins } from './builtins.js';
import { readManifest } from './load-package.js';

const require = createRequire(import.meta.url);

describe('the built-in plugins', () => {
  it('are imported by package name, which is the module their manifest names as entry', () => {
    // builtins.ts imports each built-in by name (so that the binary's bundler can follow it): that
    // must be the very file the manifest's "oar.entry" gives, or the bundle would run other code.
    expect(BUILTIN_PLUGIN_PACKAGES.length).toBe(5);
    for (const name of BUILTIN_PLUGIN_PACKAGES) {
      const pkg = findBuiltinPackage(name);
      expect(require.resolve(name), name).toBe(join(pkg.dir, readManifest(pkg).entry));
    }
  });

  it('load in list order, each with its package as origin', async () => {
    const loaded = await loadBuiltinPlugins();
    expect(loaded.map((l) => l.origin.packageName)).toEqual(BUILTIN_PLUGIN_PACKAGES);
    for (const { plugin, origin } of loaded) {
      expect(origin.source).toBe('built-in');
      expect(typeof plugin.setup).toBe('function');
    }
  });
});
