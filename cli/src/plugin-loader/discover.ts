/**
 * Discovery reads the direct dependencies of the project being run — `dependencies`,
 * `devDependencies` and `optionalDependencies` of its package.json — and keeps those whose own
 * package.json has an `"oar"` field. It never scans `node_modules`: a package the project does not
 * name itself is never loaded, whatever is installed around it.
 */
import { join } from 'node:path';
import { OarSchedError, isOarSchedError } from '@oar-sched/core';
import type { PluginLogger } from '@oar-sched/plugin-api';
import { findPackage, readPackage, type PackageInfo } from './find-package.js';

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'] as const;

/** Names of the direct dependencies of the package.json in `projectDir`, sorted, each once. */
export function directDependencies(projectDir: string): string[] {
  let pkg: PackageInfo;
  try {
    pkg = readPackage(projectDir);
  } catch (e) {
    if (!isOarSchedError(e)) throw e;
    throw new OarSchedError('CONFIG_UNREADABLE', `project ${projectDir}: ${e.message}`, `fix ${join(projectDir, 'package.json')}`);
  }
  const names = new Set<string>();
  for (const field of DEPENDENCY_FIELDS) {
    const deps = pkg.json[field];
    if (typeof deps === 'object' && deps !== null) for (const name of Object.keys(deps)) names.add(name);
  }
  return [...names].sort();
}

/**
 * The installed direct dependencies of `projectDir` that are plugins (have an `"oar"` field),
 * sorted by package name, minus `skip`. A dependency listed under `dependencies` but not
 * installed is reported through `logger.warn` (it may be a plugin the sysadmin expects);
 * dev and optional dependencies are often legitimately absent and are skipped silently.
 */
export function discoverPluginPackages(
  projectDir: string,
  skip: ReadonlySet<string>,
  logger: PluginLogger,
): PackageInfo[] {
  const declared = readPackage(projectDir).json.dependencies;
  const required = new Set(typeof declared === 'object' && declared !== null ? Object.keys(declared) : []);
  const out: PackageInfo[] = [];
  for (const name of directDependencies(projectDir)) {
    if (skip.has(name)) continue;
    const pkg = findPackage(name, projectDir);
    if (!pkg) {
      if (required.has(name)) {
        logger.warn(`dependency ${name} of ${projectDir} is not installed (run npm install); if it is a plugin, it is not registered`);
      }
      continue;
    }
    if (pkg.json.oar !== undefined) out.push(pkg);
  }
  return out;
}
