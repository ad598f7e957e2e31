/**
 * Zod issues → the readable list every config, scenario and plugin-options error uses:
 * `✖ expected number, received string → at jobs[2].moldables[0].walltime`.
 */
import type { z } from 'zod';

export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(top level)' : out;
}

export function formatZodIssues(issues: readonly z.core.$ZodIssue[], root = ''): string {
  return issues.map((issue) => `✖ ${issue.message} → at ${formatPath(issue.path, root)}`).join('\n');
}
