/**
 * Finds and loads the config file. Search: from `searchFrom` up to the project root (the first
 * folder, going up, that holds a package.json; that folder included), trying `CONFIG_SEARCH_PLACES`
 * in order in each folder. `package.json` itself is never read as config: its `"oar"` key is the
 * plugin manifest. Code files (`.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs`) are evaluated through
 * jiti without its module cache, so TypeScript needs no build step and a changed file is seen
 * again by the next load; YAML and JSON go through cosmiconfig's own loaders. An ES module must
 * have a default export (the config); a CommonJS one gives its `module.exports`.
 *
 * Start-up cost: the scheduler is started every cycle, usually without any config file, so the
 * folders are first scanned with `existsSync`; cosmiconfig (and jiti, for code files) are only
 * imported when one of the search places exists.
 *
 * Errors: `CONFIG_UNREADABLE` when a file is missing or cannot be parsed or evaluated (the
 * parser's own message, with its excerpt for YAML), `CONFIG_INVALID` when it loads but does not
 * match the schema. Both name the file.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Loader } from 'cosmiconfig';
import { OarSchedError, isOarSchedError, formatZodIssues, schedulerConfigSchema, type SchedulerConfigInput } from '@oar-sched/core';
import { oarConfigSchema, type ResolvedOarConfig } from './oar-config-schema.js';
import { docPath } from '../docs-path.js';

/** Tried in this order in each folder; the first that exists wins. */
export const CONFIG_SEARCH_PLACES: readonly string[] = [
  'oar.config.ts',
  'oar.config.mts',
  'oar.config.cts',
  'oar.config.js',
  'oar.config.mjs',
  'oar.config.cjs',
  'oar.config.json',
  '.oarrc',
  '.oarrc.json',
  '.oarrc.yaml',
  '.oarrc.yml',
];

export interface LoadedConfig {
  /** Absolute path of the config file, `undefined` when none was found (every default applies). */
  readonly file: string | undefined;
  /** Validated, defaults applied. */
  readonly config: ResolvedOarConfig;
  /**
   * The `scheduler` section exactly as written (validated, no defaults), for merging under a
   * scenario's own `config` (see merge-scheduler-config.ts). `undefined` when the file has none.
   */
  readonly schedulerInput: SchedulerConfigInput | undefined;
}

export interface LoadConfigOptions {
  /** An explicit config file (`--config`): it must exist. No search happens then. */
  readonly file?: string | undefined;
  /** Folder the search starts from (default: the current folder). */
  readonly searchFrom?: string | undefined;
}

const loadCode: Loader = async (filepath) => {
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, { moduleCache: false, interopDefault: false });
  const mod = await jiti.import<Record<string, unknown>>(filepath);
  // An ES module (native, or TypeScript/ESM syntax compiled by jiti) gives its namespace; only
  // its default export is the config. CommonJS gives `module.exports`, which is the config.
  const esm = Object.prototype.toString.call(mod) === '[object Module]' || mod.__esModule === true;
  if (!esm) return mod;
  if (!('default' in mod)) {
    throw new OarSchedError(
      'CONFIG_INVALID',
      `${filepath}: the config module has no default export${Object.keys(mod).length > 0 ? ` (it exports ${Object.keys(mod).filter((k) => k !== '__esModule').join(', ')})` : ''}`,
      'write `export default defineConfig({ … })` (defineConfig from oar-sched)',
    );
  }
  return mod.default;
};

async function explorer() {
  const { cosmiconfig } = await import('cosmiconfig');
  return cosmiconfig('oar', {
    searchPlaces: [...CONFIG_SEARCH_PLACES],
    searchStrategy: 'project',
    cache: false,
    loaders: { '.ts': loadCode, '.mts': loadCode, '.cts': loadCode, '.js': loadCode, '.mjs': loadCode, '.cjs': loadCode },
  });
}

/**
 * The folders the search visits, in order: `from`, then each parent up to the project root (the
 * first folder holding a package.json or package.yaml, included), or to the file system's root.
 */
export function configSearchFolders(from: string): string[] {
  const folders: string[] = [];
  for (let dir = from; ; dir = dirname(dir)) {
    folders.push(dir);
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'package.yaml'))) return folders;
    if (dirname(dir) === dir) return folders;
  }
}

/**
 * Whether any search place exists in the search's folders (a plain `existsSync` per place):
 * without one, cosmiconfig is not even imported.
 */
export function anyConfigCandidate(from: string): boolean {
  return configSearchFolders(from).some((dir) => CONFIG_SEARCH_PLACES.some((place) => existsSync(join(dir, place))));
}

export async function loadOarConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  let found: { config: unknown; filepath: string } | null;
  if (options.file !== undefined) {
    const file = resolve(options.file);
    if (!existsSync(file)) {
      throw new OarSchedError('CONFIG_UNREADABLE', `config file ${options.file} does not exist`, 'fix the --config path');
    }
    found = await readWith(file, async () => (await explorer()).load(file));
  } else {
    const from = resolve(options.searchFrom ?? process.cwd());
    found = anyConfigCandidate(from) ? await readWith(from, async () => (await explorer()).search(from)) : null;
  }
  if (!found) return { file: undefined, config: defaultConfig(), schedulerInput: undefined };
  return validateConfig(found.config ?? {}, found.filepath);
}

/** Every default, without a file (what `oarConfigSchema.parse({})` gives, without running the whole schema). */
function defaultConfig(): ResolvedOarConfig {
  return {
    scheduler: schedulerConfigSchema.parse({}),
    plugins: { discover: true, disable: [], list: [], options: {} },
    extraMetasched: undefined,
  };
}

/** Validates an already loaded config object; `file` names it in errors. */
export function validateConfig(raw: unknown, file: string): LoadedConfig {
  const parsed = oarConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new OarSchedError(
      'CONFIG_INVALID',
      `${file}: invalid config:\n${formatZodIssues(parsed.error.issues)}`,
      `the fields are described in ${docPath('reference/config.md')}`,
    );
  }
  const scheduler = (raw as { scheduler?: SchedulerConfigInput }).scheduler;
  return { file, config: parsed.data, schedulerInput: scheduler };
}

async function readWith<T>(where: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (isOarSchedError(e)) throw e;
    const file = (e as { filepath?: string }).filepath ?? where;
    throw new OarSchedError(
      'CONFIG_UNREADABLE',
      `${file}: cannot load the config: ${parserMessage(e, file)}`,
      `fix ${basename(file)} (in ${dirname(file)})`,
    );
  }
}

/**
 * The loader's own message, whole (a YAML error carries the line, the column and an excerpt of the
 * file), minus cosmiconfig's "YAML Error in <file>:" line (the file is named already) and any
 * stack frame.
 */
function parserMessage(e: unknown, file: string): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.split('\n').filter((line) => !/^\s+at /.test(line));
  const prefix = /^(YAML|JSON) Error in (.*):$/.exec(lines[0] ?? '');
  if (prefix && prefix[2] === file && lines.length > 1) {
    lines.shift();
    lines[0] = `${prefix[1]} syntax error: ${lines[0]}`;
  }
  return lines.join('\n').trimEnd();
}
