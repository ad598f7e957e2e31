import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const WORKSPACE_DIST = new RegExp(`^${ROOT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(plugin-api|core|adapters/[^/]+|cli|harness|plugins/[^/]+|examples/[^/]+|create-plugin)/dist/`);

export default defineConfig({
  test: {
    include: ['{plugin-api,core,adapters,cli,harness,plugins,examples,create-plugin,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summary-line-reporter.ts'],
    globalSetup: ['./test/support/bundle-cli.ts'],
    // Built packages (`<package>/dist/**`, what `@oar-sched/*` imports resolve to) load through
    // Node itself, as in production. Inlined by vite they would be a second copy of the core
    // next to the one a jiti-loaded TypeScript plugin imports natively, and core classes with
    // private fields (IntervalSet) do not work across copies.
    server: { deps: { external: [WORKSPACE_DIST] } },
    // Type tests: `*.test-d.ts` files are checked by tsc (tsconfig.typecheck.json), never run;
    // a failing `expectTypeOf` or an unused `@ts-expect-error` fails `vitest run`.
    typecheck: {
      enabled: true,
      include: ['{plugin-api,core,adapters,cli,harness,plugins,examples,create-plugin,test}/**/*.test-d.ts'],
      tsconfig: './tsconfig.typecheck.json',
    },
  },
});
