/**
 * Writes a plugin package: the files of `planFiles` into `dir`, refusing a folder that is not
 * empty unless `force` (then files of the same name are replaced, others left alone).
 */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from './options.js';
import { GITIGNORE, TSCONFIG, VITEST_CONFIG, indexTs, packageJson, readme, type PackagePlan } from './templates/package-files.js';
import { POLICIES } from './templates/policies.js';
import { TESTS } from './templates/tests.js';

/** Relative path → content. */
export function planFiles(plan: PackagePlan): Map<string, string> {
  const files = new Map<string, string>([
    ['package.json', packageJson(plan)],
    ['tsconfig.json', TSCONFIG],
    ['vitest.config.ts', VITEST_CONFIG],
    ['README.md', readme(plan)],
    ['.gitignore', GITIGNORE],
    ['src/index.ts', indexTs(plan)],
  ]);
  for (const hook of plan.hooks) {
    files.set(`src/${POLICIES[hook].file}.ts`, POLICIES[hook].source(plan.slug));
    files.set(`test/${POLICIES[hook].file}.test.ts`, TESTS[hook](plan));
  }
  return files;
}

export function scaffold(dir: string, plan: PackagePlan, force: boolean): string[] {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new UsageError(`${dir} exists and is not a folder`);
    const present = readdirSync(dir);
    if (present.length > 0 && !force) {
      throw new UsageError(`${dir} is not empty (${present.slice(0, 3).join(', ')}${present.length > 3 ? ', …' : ''}): choose another folder, or pass --force to write into it`);
    }
  }
  const written: string[] = [];
  for (const [file, content] of planFiles(plan)) {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.push(file);
  }
  return written;
}
