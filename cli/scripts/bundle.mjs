// Builds the `oar-sched` binary's bundle (cli/bundle/) from the compiled packages (`tsc -b` first).
//
// Why: OAR starts the scheduler as a new process every cycle, and Node's module loader pays per
// file. Unbundled, one `oar-sched schedule` loads about 230 modules (94 of them zod's, 50 of those
// its error-message locales); bundled, a dozen. bin/oar-sched.js runs the bundle when it exists and
// falls back to dist/main.js otherwise, so a checkout built with `tsc -b` alone still works.
//
// What is inside: the CLI, the engine, the scenario, database and notification adapters, the
// built-in plugins (imported by package name in builtins.ts), zod, tapable, commander and kysely
// (pure JavaScript, about 260 modules unbundled: loaded one by one they cost a database command more
// than its round on a small cluster; in the bundle they sit in the database chunk). Left
// outside, resolved by Node at run time as dependencies of oar-sched:
//   - @oar-sched/plugin-api: site plugins import it too, and the engine and every plugin must share
//     one copy (IntervalSet has private fields, which do not work across two copies);
//   - native or optional drivers and what only some commands need: better-sqlite3, pg (each
//     loaded only for its engine), zeromq, cosmiconfig, jiti, js-yaml.
// zod's locales are reduced to English, the only one the scheduler configures (zod does
// `config(en())` itself); `z.locales` inside the bundle has `en` only.
//
//   node cli/scripts/bundle.mjs
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(cliDir, 'bundle');

/** zod's `core/index.js` imports every locale; inside the bundle it gets English only. */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(args.path), 'en.js'))};\n`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  // simulate-worker: the worker thread of `simulate --vs`, beside the chunks (run-in-workers.ts finds it there);
  // serve-worker: the round thread of `serve`, likewise (serve/round-worker.ts).
  entryPoints: {
    main: join(cliDir, 'dist', 'main.js'),
    'simulate-worker': join(cliDir, 'dist', 'simulate', 'simulate-worker.js'),
    'serve-worker': join(cliDir, 'dist', 'serve', 'serve-worker.js'),
  },
  outdir,
  bundle: true,
  splitting: true, // each command's module stays a separate chunk, loaded when the command runs
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@oar-sched/plugin-api', 'better-sqlite3', 'pg', 'zeromq', 'cosmiconfig', 'jiti', 'js-yaml'],
  // CommonJS dependencies (commander) call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __oarCreateRequire } from 'node:module'; const require = __oarCreateRequire(import.meta.url);" },
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
});

// The fast path of `oar-sched round` with a server running (serve/fast-client.ts): one CommonJS
// file that bin/oar-sched.js (CommonJS too) requires before anything else. A served round's process
// then never starts Node's ES module loader, which costs about 20 ms of this machine's 100 ms start.
await build({
  entryPoints: [join(cliDir, 'dist', 'serve', 'fast-client.js')],
  outfile: join(outdir, 'fast-client.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // version.ts reads ../package.json relative to its own module.
  define: { 'import.meta.url': '__oarModuleUrl' },
  banner: { js: "const __oarModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
