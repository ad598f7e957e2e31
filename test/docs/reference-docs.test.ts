/**
 * The reference pages and the code agree, both ways: a name in the code that the page does not
 * document fails, and so does a name the page documents that the code does not have. Each failure
 * names the item and the page.
 *
 * | Items | Code side | Docs side |
 * |---|---|---|
 * | config keys | the zod schema of the config file (`oarConfigSchema`) and the settings schemas the built-in sorting plugins declare | config.md: first column of the tables of each `## \`section\`` |
 * | oar.conf keys | every key `cli/src/config/oar-conf.ts` reads | config.md: the "OAR3 key index" table |
 * | hooks | `HOOK_KINDS`, `OBSERVATION_HOOK_KINDS` | hooks.md: code spans of `##` headings |
 * | plugin api | the keys of the `api` object a plugin's `setup` receives | hooks.md: every `api.NAME` |
 * | error codes | the `OarSchedErrorCode` union (and every `new OarSchedError('CODE'` of the sources) | error-codes.md: tables of `## Error codes` |
 * | reason codes | `REASON_KINDS` | error-codes.md: tables of `## Reason codes`; hooks.md's kind table |
 * | job types | `INTERPRETED_JOB_TYPES` | job-types.md: tables of `## Types the scheduler interprets` |
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INTERPRETED_JOB_TYPES, PluginRegistry } from '@oar-sched/core';
import { definePlugin, HOOK_KINDS, OBSERVATION_HOOK_KINDS, REASON_KINDS } from '@oar-sched/plugin-api';
import { oarConfigSchema, registerBuiltins } from 'oar-sched';
import { describe, expect, it } from 'vitest';
import { codeSpans, firstColumnSpans, readDoc, ROOT, sections } from './markdown.js';

/** Both directions at once: what the code has and the page lacks, what the page has and the code lacks. */
function compare(what: string, page: string, code: Iterable<string>, documented: Iterable<string>): string[] {
  const inCode = new Set(code);
  const inDocs = new Set(documented);
  return [
    ...[...inCode].filter((x) => !inDocs.has(x)).map((x) => `${what} ${x}: not documented in ${page}`),
    ...[...inDocs].filter((x) => !inCode.has(x)).map((x) => `${what} ${x}: documented in ${page} but not in the code`),
  ];
}

/** The body of the `##` section whose heading starts with `heading`. */
function section(page: string, heading: string): string {
  const found = sections(readDoc(page)).filter((s) => s.heading.startsWith(heading));
  if (found.length === 0) throw new Error(`${page}: no section "${heading}"`);
  return found.map((s) => s.body).join('\n');
}

// ---- config keys ---------------------------------------------------------------------------

interface ZodLike {
  readonly _zod: { readonly def: { readonly type: string; readonly [key: string]: unknown } };
}

/** The leaf keys of a zod object schema, dotted; wrappers (default, optional, …) are seen through. */
function schemaKeys(schema: ZodLike, prefix: string, out: string[] = []): string[] {
  const def = schema._zod.def;
  if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'nonoptional', 'catch'].includes(def.type)) {
    return schemaKeys(def['innerType'] as ZodLike, prefix, out);
  }
  if (def.type === 'pipe') return schemaKeys(def['in'] as ZodLike, prefix, out);
  if (def.type !== 'object') {
    out.push(prefix);
    return out;
  }
  for (const [key, child] of Object.entries(def['shape'] as Record<string, ZodLike>)) schemaKeys(child, prefix ? `${prefix}.${key}` : key, out);
  const catchall = def['catchall'] as ZodLike | undefined;
  if (catchall && catchall._zod.def.type !== 'never') out.push(`${prefix}.<section>`);
  return out;
}

async function configKeysInCode(): Promise<string[]> {
  const keys = schemaKeys(oarConfigSchema as unknown as ZodLike, '');
  const registry = new PluginRegistry();
  await registerBuiltins(registry);
  for (const [name, { schema }] of registry.sortingSections) schemaKeys(schema as unknown as ZodLike, `scheduler.sorting.${name}`, keys);
  return keys;
}

/** Config keys of config.md: each `## \`section\`` heading prefixes the first-column code spans of its tables. */
function configKeysInDocs(): string[] {
  const keys: string[] = [];
  for (const s of sections(readDoc('docs/reference/config.md'))) {
    const m = /^`([a-zA-Z]+)`/.exec(s.heading);
    if (!m) continue;
    for (const span of firstColumnSpans(s.body)) if (/^[a-zA-Z<][\w.<>]*$/.test(span)) keys.push(`${m[1]}.${span}`);
  }
  return keys;
}

/** The oar.conf keys the mapping reads: `read.text('KEY')`, `read.integer('KEY', …)`, … */
function oarConfKeysInCode(): string[] {
  const source = readFileSync(join(ROOT, 'cli/src/config/oar-conf.ts'), 'utf8');
  return [...source.matchAll(/read\.\w+\('([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]!);
}

function oarConfKeysInDocs(): string[] {
  return firstColumnSpans(section('docs/reference/config.md', 'OAR3 key index')).filter((s) => /^[A-Z][A-Z0-9_]+$/.test(s));
}

describe('docs/reference/config.md', () => {
  it('documents every config key, and only those', async () => {
    expect(compare('config key', 'docs/reference/config.md', await configKeysInCode(), configKeysInDocs())).toEqual([]);
  });

  it('maps every oar.conf key the scheduler reads, and only those', () => {
    expect(compare('oar.conf key', 'docs/reference/config.md (OAR3 key index)', oarConfKeysInCode(), oarConfKeysInDocs())).toEqual([]);
  });
});

// ---- hooks and the plugin api -------------------------------------------------------------------

describe('docs/reference/hooks.md', () => {
  const page = 'docs/reference/hooks.md';

  it('has a section for every hook, and no section for a hook that does not exist', () => {
    const documented = sections(readDoc(page))
      .filter((s) => s.depth === 2)
      .flatMap((s) => codeSpans(s.heading));
    expect(compare('hook', page, [...HOOK_KINDS, ...OBSERVATION_HOOK_KINDS], documented)).toEqual([]);
  });

  it('names every method of the setup api, and only those', () => {
    let keys: string[] = [];
    new PluginRegistry().use(definePlugin({ name: 'probe', setup: (api) => void (keys = Object.keys(api)) }), { source: 'config' });
    const documented = [...readDoc(page).matchAll(/\bapi\.(\w+)/g)].map((m) => m[1]!);
    expect(compare('setup api method',  page, keys, documented)).toEqual([]);
  });

  it('gives the kind of every reason code', () => {
    const documented = firstColumnSpans(section(page, 'Reasons')).filter((s) => /^[A-Z_]+$/.test(s));
    expect(compare('reason code', page, Object.keys(REASON_KINDS), documented)).toEqual([]);
  });
});

// ---- error and reason codes ---------------------------------------------------------------------

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !['node_modules', 'dist', 'bundle'].includes(entry.name)) sourceFiles(path, out);
    else if (entry.isFile() && /\.ts$/.test(entry.name) && !/\.test(-d)?\.ts$/.test(entry.name)) out.push(path);
  }
  return out;
}

function errorCodesInCode(): { declared: string[]; thrown: Map<string, string> } {
  const errors = readFileSync(join(ROOT, 'core/src/errors.ts'), 'utf8');
  const union = /type OarSchedErrorCode =([^;]+);/.exec(errors)![1]!;
  const declared = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]!);
  const thrown = new Map<string, string>();
  const roots = ['plugin-api/src', 'core/src', 'adapters', 'cli/src', 'plugins'];
  for (const file of roots.flatMap((r) => sourceFiles(r))) {
    for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/new OarSchedError\(\s*'([A-Z_]+)'/g)) thrown.set(m[1]!, file);
  }
  return { declared, thrown };
}

describe('docs/reference/error-codes.md', () => {
  const page = 'docs/reference/error-codes.md';

  it('explains every OarSchedError code, and only those', () => {
    const { declared, thrown } = errorCodesInCode();
    const documented = firstColumnSpans(section(page, 'Error codes')).filter((s) => /^[A-Z_]+$/.test(s));
    const undeclared = [...thrown].filter(([code]) => !declared.includes(code)).map(([code, file]) => `error code ${code}: thrown in ${file} but not in OarSchedErrorCode`);
    expect([...undeclared, ...compare('error code', page, declared, documented)]).toEqual([]);
  });

  it('explains every reason code, and only those', () => {
    const documented = firstColumnSpans(section(page, 'Reason codes')).filter((s) => /^[A-Z_]+$/.test(s));
    expect(compare('reason code', page, Object.keys(REASON_KINDS), documented)).toEqual([]);
  });
});

// ---- job types ----------------------------------------------------------------------------------

describe('docs/reference/job-types.md', () => {
  const page = 'docs/reference/job-types.md';

  it('documents every job type the scheduler interprets, and only those', () => {
    // `container[=NAME]`, `inner=NAME`, `find=NAME[:ARG…]` → the type's name.
    const documented = firstColumnSpans(section(page, 'Types the scheduler interprets')).map((s) => s.split(/[=[]/)[0]!);
    expect(compare('job type', page, INTERPRETED_JOB_TYPES, documented)).toEqual([]);
  });

  it('the core reads job types only through jobType/hasJobType (so INTERPRETED_JOB_TYPES is complete)', () => {
    const direct: string[] = [];
    for (const file of [...sourceFiles('core/src'), ...sourceFiles('adapters/db/src/round')]) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/(?<![-/\w])types\.(?!get\b|set\b|has\b|js\b|md\b)([a-z_]+)\b|'([a-z_]+)' in [\w.]*types\b|\btypes\['([a-z_]+)'\]/g)) {
        direct.push(`${file}: reads job type "${m[1] ?? m[2] ?? m[3]}" directly`);
      }
    }
    expect(direct).toEqual([]);
  });
});
