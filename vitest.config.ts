import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,plugins,examples,create-plugin,test}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './test/support/summary-line-reporter.ts'],
  },
});
