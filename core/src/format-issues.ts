/**
 * Zod issues → the readable list every config, scenario and plugin-options error uses:
 * `✖ expected number, received string → at jobs[2].moldables[0].walltime`.
 * An unknown key is reported at its own path, one line per key
 * (`✖ Unrecognized key: "jobSecurityTme" → at scheduler.jobSecurityTme`), so a typo is found by
 * reading the path, not by diffing the object against the documentation.
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
  const lines: string[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) lines.push(`✖ Unrecognized key: "${key}" → at ${formatPath([...issue.path, key], root)}`);
    } else {
      lines.push(`✖ ${issue.message} → at ${formatPath(issue.path, root)}`);
    }
  }
  return lines.join('\n');
}
