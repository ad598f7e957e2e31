/**
 * Which modules a child process loads: `env()` gives the environment that makes a Node child
 * record the URL of every module it loads (an `--import` preload, through NODE_OPTIONS, that
 * registers a loader hook for ES modules and wraps CommonJS's `Module.prototype.load`), `read()` the
 * URLs recorded so far. For tests about what a process pays to start, not what it computes.
 *
 * The `oar-sched` binary runs from a bundle (cli/scripts/bundle.mjs), whose files hold many source
 * modules each; esbuild heads each one with a `// <path>` comment. `read()` lists, after the URL of
 * a loaded bundle file, one `<url>#/<path>` entry per source module inside it, so that a test can
 * ask whether zod or the engine was loaded whatever the form of the binary.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ModuleRecorder {
  /** `base` (default: this process's environment) plus what makes a Node child record its modules. */
  env(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** Every module loaded so far, in load order, bundle files expanded. */
  read(): string[];
  dispose(): void;
}

export function recordLoadedModules(): ModuleRecorder {
  const dir = mkdtempSync(join(tmpdir(), 'oar-modules-'));
  const log = join(dir, 'loaded.txt');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }\n`,
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import Module, { register } from 'node:module';\nimport { appendFileSync } from 'node:fs';\nimport { pathToFileURL } from 'node:url';\n` +
      `register(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n` +
      // CommonJS modules (the binary's launcher and fast client) do not go through the ES loader's hooks.
      `const load = Module.prototype.load;\n` +
      `Module.prototype.load = function (filename) { appendFileSync(${JSON.stringify(log)}, pathToFileURL(filename).href + '\\n'); return load.call(this, filename); };\n`,
  );
  return {
    env: (base = process.env) => ({ ...base, NODE_OPTIONS: `--import ${pathToFileURL(join(dir, 'register.mjs')).href}` }),
    read: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).flatMap(withBundledSources) : []),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const BUNDLE_FILE = /\/bundle\/[^/]+\.c?js$/;
const SOURCE_COMMENT = /^\/\/ ((?:[\w@.-]+\/)+[\w.-]+\.(?:js|mjs|cjs|json))$/gm;

function withBundledSources(url: string): string[] {
  if (!url.startsWith('file:') || !BUNDLE_FILE.test(url)) return [url];
  const text = readFileSync(fileURLToPath(url), 'utf8');
  return [url, ...[...text.matchAll(SOURCE_COMMENT)].map((m) => `${url}#/${m[1]}`)];
}
