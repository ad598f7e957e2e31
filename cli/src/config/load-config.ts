/**
 * Finds and loads the config file. Search: from `searchFrom` up to the project root (the first
 * folder, going up, that holds a package.json; that folder included), trying `CONFIG_SEARCH_PLACES`
 * in order in each folder. `package.json` itself is never read as config: its `"oar"` key is the
 * plugin manifest. Code files (`.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs`) are evaluated through
 * jiti without its module cache, so TypeScript needs no build step and a changed file is seen
 * again by the next load; YAML and JSON go through cosmiconfig's own loaders.
 *
 * Start-up cost: the scheduler is started every cycle, usually without any config file, so the
 * folders are first scanned with `existsSync`; cosmiconfig (and jiti, for code files) are only
 * imported when one of the search places exists.
 *
 * Errors: `CONFIG_UNREADABLE` when a file is missing or cannot be parsed or evaluated,
 * `CONFIG_INVALID` when it loads but does not match the schema. Both name the file.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Loader } from 'cosmiconfig';
import { OarSchedError, isOarSchedError, formatZodIssues, schedulerConfigSchema, type SchedulerConfigInput } from '@oar-sched/core';
import { oarConfigSchema, type ResolvedOarConfig } from './oar-config-schema.js';

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
  const jiti = createJiti(import.meta.url, { moduleCache: false, interopDefault: true });
  return jiti.import<unknown>(filepath, { default: true });
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
 * Whether any search place exists from `from` up to the project root (same folders as the search,
 * a plain `existsSync` per place): without one, cosmiconfig is not even imported.
 */
export function anyConfigCandidate(from: string): boolean {
  for (let dir = from; ; dir = dirname(dir)) {
    if (CONFIG_SEARCH_PLACES.some((place) => existsSync(join(dir, place)))) return true;
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, 'package.yaml'))) return false;
    if (dirname(dir) === dir) return false;
  }
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
      'the fields are described in docs/reference/config.md',
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
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new OarSchedError(
      'CONFIG_UNREADABLE',
      `${file}: cannot load the config: ${message}`,
      `fix ${basename(file)} (in ${dirname(file)})`,
    );
  }
}
