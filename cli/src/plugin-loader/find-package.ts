/**
 * Locates an installed package by name the way Node would (each `node_modules` from `fromDir`
 * up to the root), reading its folder directly: a plugin need not export `./package.json`.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OarSchedError } from '@oar-sched/core';

export interface PackageInfo {
  readonly dir: string;
  readonly json: Record<string, unknown>;
}

export function findPackage(name: string, fromDir: string): PackageInfo | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return readPackage(realpathSync(dirname(candidate)));
    if (dirname(dir) === dir) return undefined;
  }
}

/** The package.json of `dir`; a file that is not a JSON object is a `PLUGIN_MANIFEST_INVALID`. */
export function readPackage(dir: string): PackageInfo {
  const file = join(dir, 'package.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new OarSchedError('PLUGIN_MANIFEST_INVALID', `${file} cannot be read as JSON: ${e instanceof Error ? e.message : String(e)}`, 'reinstall the package');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new OarSchedError('PLUGIN_MANIFEST_INVALID', `${file} is not a JSON object`, 'reinstall the package');
  }
  return { dir, json: json as Record<string, unknown> };
}

/** The nearest folder, from `startDir` up, that holds a package.json (the project root). */
export function findProjectRoot(startDir: string): string | undefined {
  for (let dir = startDir; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
