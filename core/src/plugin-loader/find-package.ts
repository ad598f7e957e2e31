/**
 * Locates an installed package by name the way Node would (each `node_modules` from `fromDir`
 * up to the root), reading its folder directly: a plugin need not export `./package.json`.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PackageInfo {
  readonly dir: string;
  readonly json: Record<string, unknown>;
}

export function findPackage(name: string, fromDir: string): PackageInfo | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) {
      const real = realpathSync(dirname(candidate));
      return { dir: real, json: JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')) as Record<string, unknown> };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export function readPackage(dir: string): PackageInfo {
  return { dir, json: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown> };
}
