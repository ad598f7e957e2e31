/**
 * The command line of `create-oar-plugin`: `[DIR] [--name PKG] [--hooks find,assign,sorting,extra-metasched]
 * [--yes] [--force]`. Parsing is pure: a bad argument is a `UsageError` whose message names it and
 * what was expected; questions left unanswered are `undefined`, for the prompts or the defaults.
 */
import { parseArgs } from 'node:util';

export const HOOK_KINDS = ['find', 'assign', 'sorting', 'extra-metasched'] as const;
export type HookKind = (typeof HOOK_KINDS)[number];

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliAnswers {
  readonly dir: string | undefined;
  readonly name: string | undefined;
  readonly hooks: readonly HookKind[] | undefined;
  /** Accept the defaults of every question not answered by a flag. */
  readonly yes: boolean;
  /** Write into a folder that is not empty (files of the same name are replaced). */
  readonly force: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: create-oar-plugin [DIR] [options]

Scaffolds an oar-sched plugin package in DIR (default: the package name): package.json with the
"oar" manifest, src/index.ts with a small working policy per hook, tests on the SQLite harness,
tsconfig, vitest config and README.

Options:
  --name <pkg>       npm package name (default: the folder name, e.g. oar-plugin-pack-end)
  --hooks <list>     comma-separated hook kinds: ${HOOK_KINDS.join(', ')} (default: find)
  -y, --yes          do not ask: take the default of every question not given by a flag
  --force            write into a folder that is not empty
  -h, --help         show this help

Without --yes, a question not answered by a flag is asked when standard input is a terminal;
otherwise its default is taken.

Examples:
  npm create oar-plugin oar-plugin-gpu-first -- --hooks find --yes
  npx create-oar-plugin my-sorter --hooks sorting,extra-metasched`;

/** npm's rules for a package name (lowercase, url-safe, optional @scope/), at most 214 characters. */
const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export function parseCliArgs(argv: readonly string[]): CliAnswers {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: 'string' },
        hooks: { type: 'string' },
        yes: { type: 'boolean', short: 'y', default: false },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`expected at most one folder, got ${positionals.length}: ${positionals.join(' ')}`);
  if (values.name !== undefined) checkPackageName(values.name, '--name');
  return {
    dir: positionals[0],
    name: values.name,
    hooks: values.hooks === undefined ? undefined : parseHooks(values.hooks),
    yes: values.yes,
    force: values.force,
    help: values.help,
  };
}

export function parseHooks(text: string): HookKind[] {
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`--hooks: expected one or more of ${HOOK_KINDS.join(', ')}`);
  const unknown = items.filter((h) => !(HOOK_KINDS as readonly string[]).includes(h));
  if (unknown.length > 0) {
    throw new UsageError(`--hooks: unknown hook kind ${unknown.map((u) => `"${u}"`).join(', ')} (expected ${HOOK_KINDS.join(', ')})`);
  }
  return HOOK_KINDS.filter((h) => items.includes(h));
}

export function checkPackageName(name: string, where: string): string {
  if (name.length > 214 || !PACKAGE_NAME.test(name)) {
    throw new UsageError(`${where}: "${name}" is not a valid npm package name (lowercase letters, digits, - . _ ~, optionally @scope/name)`);
  }
  return name;
}

/** The default package name for a folder: its base name, made a valid npm name. */
export function defaultPackageName(dir: string): string {
  const base = dir.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  const name = base.toLowerCase().replace(/[^a-z0-9._~-]+/g, '-').replace(/^[._~-]+/, '');
  return name === '' ? 'oar-plugin-example' : name;
}

/**
 * The name the policies are registered under (`find=<slug>`, `sorting.policy: '<slug>'`): the
 * package name without scope and without an `oar-plugin-`/`oar-sched-plugin-` prefix, in snake case.
 */
export function policySlug(packageName: string): string {
  const bare = packageName.replace(/^@[^/]+\//, '').replace(/^(oar-sched-plugin-|oar-plugin-)/, '');
  const slug = bare.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return slug === '' ? 'example' : /^[0-9]/.test(slug) ? `p_${slug}` : slug;
}
