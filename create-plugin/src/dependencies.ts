/**
 * Where the generated package's oar-sched dependencies come from. Run from a checkout of the
 * oar-sched repository (this package sits next to plugin-api/ and harness/), they are `file:` links
 * to the local packages, so that the package installs and tests offline against the code beside
 * it; installed from the registry, they are the published versions this scaffolder was released
 * with.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Tooling of the generated package: the majors this repository pins (they support Node 20). */
export const TOOLING = {
  typescript: '~6.0.3',
  vitest: '^4.1.12',
  '@types/node': '^20.19.0',
} as const;

/**
 * npm's `allowScripts` for a project that installs oar-sched's packages: npm 11 ends an install
 * with a notice listing the install scripts it was not told about, and refuses them under
 * `strict-allow-scripts`. better-sqlite3's script provides the SQLite driver's binary (a prebuilt
 * download, or a compile); zeromq's only compiles when the prebuilt binary it ships does not load
 * (Linux, macOS and Windows have one), so it is denied as in this repository's own package.json.
 * The sites' install line in docs/guides gives the same list.
 */
export const ALLOW_SCRIPTS = { 'better-sqlite3': true, zeromq: false } as const;

export interface DependencySpecs {
  /** `npm install` spec of `@oar-sched/plugin-api` (peer and dev dependency). */
  readonly pluginApi: string;
  /** `npm install` spec of `@oar-sched/harness` (dev dependency). */
  readonly harness: string;
  /** Peer range of the plugin API a published plugin accepts. */
  readonly pluginApiPeer: string;
  /** `'local'`: file links into the checkout at `root`; `'published'`: registry versions. */
  readonly source: 'local' | 'published';
  readonly root?: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The checkout this scaffolder runs from, when it does (the folder holding plugin-api/ and harness/). */
export function localCheckout(scaffolderDir: string = resolve(here, '..')): string | undefined {
  const root = resolve(scaffolderDir, '..');
  const isPackage = (dir: string, name: string) => {
    const file = join(root, dir, 'package.json');
    return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === name;
  };
  return isPackage('plugin-api', '@oar-sched/plugin-api') && isPackage('harness', '@oar-sched/harness') ? root : undefined;
}

/** `root`: the checkout to link from (`localCheckout()`), or `undefined` for the published versions. */
export function dependencySpecs(root: string | undefined): DependencySpecs {
  const version = ownVersion();
  const peer = `^${version}`;
  if (root !== undefined) {
    return { source: 'local', root, pluginApi: `file:${join(root, 'plugin-api')}`, harness: `file:${join(root, 'harness')}`, pluginApiPeer: peer };
  }
  return { source: 'published', pluginApi: peer, harness: peer, pluginApiPeer: peer };
}

/** This scaffolder is released in step with the oar-sched packages: its version is theirs. */
function ownVersion(): string {
  return (JSON.parse(readFileSync(resolve(here, '..', 'package.json'), 'utf8')) as { version: string }).version;
}
