/**
 * The package graph of docs/architecture.md, enforced: who may import whom, and the engine's
 * purity. Read from the sources themselves (static and dynamic string imports), so a new arrow
 * that runs back up the layers fails here before anyone builds on it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Workspace {
  readonly name: string;
  readonly dir: string;
  readonly json: { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
}

function workspaces(): Workspace[] {
  const rootJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  const dirs = rootJson.workspaces.flatMap((pattern) =>
    pattern.endsWith('/*') ? readdirSync(join(root, pattern.slice(0, -2))).map((d) => join(pattern.slice(0, -2), d)) : [pattern],
  );
  return dirs
    .filter((d) => statSync(join(root, d)).isDirectory() && safeExists(join(root, d, 'package.json')))
    .map((d) => ({ dir: d, json: JSON.parse(readFileSync(join(root, d, 'package.json'), 'utf8')) }))
    .map(({ dir, json }) => ({ name: (json as { name: string }).name, dir, json }));
}

function safeExists(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Source files that ship (tests and type tests excluded). */
function sources(dir: string): string[] {
  const src = join(root, dir, 'src');
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(ts|mts|js|mjs)$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name)) out.push(p);
    }
  };
  if (safeExists(join(src, 'index.ts')) || statSync(src, { throwIfNoEntry: false })?.isDirectory()) walk(src);
  return out;
}

const IMPORT = /(?:^|[^.\w])(?:import|export)\s*(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?\(?\s*['"]([^'"]+)['"]/g;

/**
 * The package specifiers a source file imports. Comments and template literals are text, not
 * imports: create-oar-plugin's templates hold the import lines of the packages they generate.
 */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/\\`/g, '')
    .replace(/`[^`]*`/g, '``')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  return [...text.matchAll(IMPORT)].map((m) => m[1]!).filter((s) => !s.startsWith('.'));
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const ALL = workspaces();
const HARNESS = '@oar-sched/harness';
const OURS = new Set(ALL.map((w) => w.name));

/**
 * Which of our packages each layer may import (docs/architecture.md, "Package graph"). The plugin
 * API is the leaf; the engine sits on it; adapters on the engine; the app on everything below it.
 * Built-in plugins see only the plugin API (and a sibling plugin they build on); the examples keep
 * importing `@oar-sched/core/plugin`, the v1 name of the plugin API, and may build on the exported
 * helpers of other plugins (find-local uses the default find's part selection).
 */
function allowedFor(w: Workspace): ReadonlySet<string> {
  if (w.name === '@oar-sched/plugin-api') return new Set();
  if (w.name === '@oar-sched/core') return new Set(['@oar-sched/plugin-api']);
  // The notifier is a leaf adapter: the database round sends through it after its commit.
  if (w.name === '@oar-sched/notify') return new Set(['@oar-sched/plugin-api', '@oar-sched/core']);
  if (w.dir.startsWith('adapters/')) return new Set(['@oar-sched/plugin-api', '@oar-sched/core', '@oar-sched/notify']);
  if (w.dir.startsWith('plugins/')) return new Set(['@oar-sched/plugin-api', ...ALL.filter((o) => o.dir.startsWith('plugins/')).map((o) => o.name)]);
  if (w.dir.startsWith('examples/')) {
    const plugins = ALL.filter((o) => o.dir.startsWith('plugins/') || o.dir.startsWith('examples/')).map((o) => o.name);
    return new Set(['@oar-sched/core', '@oar-sched/plugin-api', ...plugins]);
  }
  if (w.name === 'oar-sched') return new Set([...OURS].filter((n) => n !== 'oar-sched' && n !== HARNESS && n !== '@oar-sched/test' && !n.startsWith('@oar-sched/example-')));
  // The harness sits above the app: it loads plugins through the app's loader and runs the
  // database adapter's round. Plugins only reach it from their tests (a devDependency).
  if (w.name === HARNESS) return new Set([...OURS].filter((n) => n !== HARNESS && n !== '@oar-sched/test' && !n.startsWith('@oar-sched/example-')));
  return OURS;
}

describe('package graph', () => {
  const shipped = ALL.filter((w) => w.name !== '@oar-sched/test');

  it('finds the layers it checks', () => {
    expect(shipped.map((w) => w.name)).toEqual(
      expect.arrayContaining(['@oar-sched/plugin-api', '@oar-sched/core', '@oar-sched/scenario', 'oar-sched', HARNESS, '@oar-sched/plugin-find-default']),
    );
  });

  it('only tests and plugin packages (as a devDependency) depend on the harness', () => {
    const wrong = shipped.filter((w) => w.name !== HARNESS && (HARNESS in (w.json.dependencies ?? {}) || HARNESS in (w.json.peerDependencies ?? {}))).map((w) => w.name);
    expect(wrong).toEqual([]);
  });

  for (const w of shipped) {
    it(`${w.name} imports only packages below it`, () => {
      const allowed = allowedFor(w);
      const wrong = sources(w.dir).flatMap((file) =>
        importsOf(file)
          .map(packageOf)
          .filter((p) => OURS.has(p) && p !== w.name && !allowed.has(p))
          .map((p) => `${relative(root, file)} imports ${p}`),
      );
      expect(wrong).toEqual([]);
    });

    it(`${w.name} declares every package it imports`, () => {
      const declared = new Set([...Object.keys(w.json.dependencies ?? {}), ...Object.keys(w.json.peerDependencies ?? {})]);
      const missing = new Set(
        sources(w.dir).flatMap((file) =>
          importsOf(file)
            .filter((s) => !s.startsWith('node:'))
            .map(packageOf)
            .filter((p) => p !== w.name && !declared.has(p))
            .map((p) => `${relative(root, file)}: ${p}`),
        ),
      );
      // `import type` from a package the consumer always has (zod types in the plugin API) is fine
      // only when declared as an (optional) peer; everything else must be a dependency.
      expect([...missing]).toEqual([]);
    });
  }
});

describe('the engine is pure', () => {
  const FORBIDDEN = [/^node:/, /^(fs|path|os|child_process|url|module)$/, /^cosmiconfig$/, /^jiti$/, /^pg$/, /^better-sqlite3$/];
  for (const dir of ['plugin-api', 'core']) {
    it(`${dir} imports no Node built-in, cosmiconfig, jiti or database driver`, () => {
      const wrong = sources(dir).flatMap((file) =>
        importsOf(file)
          .filter((s) => FORBIDDEN.some((re) => re.test(s)))
          .map((s) => `${relative(root, file)} imports ${s}`),
      );
      expect(wrong).toEqual([]);
    });

    it(`${dir} never reads the process (env, argv, cwd, stdio, exit)`, () => {
      const wrong = sources(dir).flatMap((file) => {
        const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
        return /\bprocess\s*[.[]/.test(text) ? [relative(root, file)] : [];
      });
      expect(wrong).toEqual([]);
    });
  }
});
