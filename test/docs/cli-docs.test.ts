/**
 * docs/reference/cli.md and the command tree agree, both ways, and every `oar-sched …` command
 * written in a shell sample of the docs exists with the flags it uses.
 *
 * The code side is commander's program as `buildProgram()` builds it (nothing runs). The docs side
 * of the reference is its sections: `## Global options`, and one `## \`oar-sched CMD\`` section per
 * command, whose option tables (first column) name its flags.
 */
import { buildProgram } from 'oar-sched';
import { describe, expect, it } from 'vitest';
import { codeBlocks, codeSpans, firstColumnSpans, markdownFiles, readDoc, sections } from './markdown.js';

const CLI_DOC = 'docs/reference/cli.md';

type Command = ReturnType<typeof buildProgram>;

/** Every command path with its flags (long and short spellings), `''` for the program itself. */
function commandTree(): Map<string, Set<string>> {
  const tree = new Map<string, Set<string>>();
  const walk = (command: Command, path: string) => {
    const flags = new Set<string>();
    for (const option of command.options) {
      if (option.long) flags.add(option.long);
      if (option.short) flags.add(option.short);
    }
    if (path === '' || command.commands.length === 0) tree.set(path, flags);
    for (const sub of command.commands) walk(sub, `${path} ${sub.name()}`.trim());
  };
  walk(buildProgram(), '');
  tree.get('')!.add('--help').add('-h');
  return tree;
}

/** Flags documented in an option table: every code span of the first column starting with `-`, its first word. */
function tableFlags(body: string): Set<string> {
  return new Set(
    firstColumnSpans(body)
      .filter((s) => s.startsWith('-'))
      .map((s) => s.split(/[\s=]/)[0]!),
  );
}

/** The reference: `''` (global options) and each `oar-sched CMD` section with the flags of its tables. */
function documentedTree(): Map<string, Set<string>> {
  const tree = new Map<string, Set<string>>();
  for (const section of sections(readDoc(CLI_DOC))) {
    if (section.heading === 'Global options') tree.set('', tableFlags(section.body));
    const m = /^`oar-sched ([a-z][a-z -]*)`$/.exec(section.heading);
    if (m) tree.set(m[1]!.trim(), tableFlags(section.body));
  }
  return tree;
}

describe(`${CLI_DOC} documents the command tree`, () => {
  const code = commandTree();
  const docs = documentedTree();

  it('every command has a section, and every section is a command', () => {
    const missing = [...code.keys()].filter((c) => c !== '' && !docs.has(c)).map((c) => `oar-sched ${c}: not documented in ${CLI_DOC}`);
    const stale = [...docs.keys()].filter((c) => !code.has(c)).map((c) => `oar-sched ${c}: documented in ${CLI_DOC} but no such command`);
    expect([...missing, ...stale]).toEqual([]);
  });

  it('every flag of every command is in its section, and every documented flag exists', () => {
    const problems: string[] = [];
    for (const [command, flags] of code) {
      const documented = docs.get(command) ?? new Set();
      const name = `oar-sched ${command}`.trim();
      for (const flag of flags) if (!documented.has(flag)) problems.push(`${name} ${flag}: not documented in ${CLI_DOC}`);
      for (const flag of documented) if (!flags.has(flag)) problems.push(`${name} ${flag}: documented in ${CLI_DOC} but the command has no such flag`);
    }
    expect(problems).toEqual([]);
  });
});

/**
 * The `oar-sched …` lines of a shell-like block (`sh`, `bash`, `shell`, `console`, or no language):
 * a `$ ` prompt and `npx ` are dropped.
 */
function commandLines(code: string): { offset: number; words: string[] }[] {
  const out: { offset: number; words: string[] }[] = [];
  code.split('\n').forEach((raw, offset) => {
    const line = raw.replace(/^\s*\$\s+/, '').replace(/^\s*npx\s+/, '').trim();
    if (!line.startsWith('oar-sched ') && line !== 'oar-sched') return;
    // Stop at a pipe or a redirection: what follows is another program.
    const words = line.split(/\s+(?:\||>|2>|&&)\s*/)[0]!.split(/\s+/).slice(1);
    out.push({ offset, words });
  });
  return out;
}

/**
 * Checks one written command against the tree: its command path (alternatives `a|b` each), then
 * every `--flag` / `-f` it uses, bracketed or not (`[--format table|json]`). Upper-case words are
 * placeholders (`FILE`, `[COMMAND]`, `…`).
 */
function checkCommand(words: readonly string[], tree: Map<string, Set<string>>): string[] {
  const problems: string[] = [];
  let paths = [''];
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i]!.replace(/^\[|\]$/g, '');
    if (word.startsWith('-') || !/^[a-z]/.test(word)) break;
    const next = paths.flatMap((p) => word.split('|').map((w) => `${p} ${w}`.trim()));
    if (!next.some((p) => [...tree.keys()].some((k) => k === p || k.startsWith(`${p} `)))) break; // an argument, not a command
    for (const p of next) if (![...tree.keys()].some((k) => k === p || k.startsWith(`${p} `))) problems.push(`oar-sched ${p}: no such command`);
    paths = next;
  }
  const flags = words
    .slice(i)
    .flatMap((w) => w.replace(/[[\]]/g, ' ').split(/\s+/))
    .filter((w) => /^--?[A-Za-z]/.test(w))
    .map((w) => w.split('=')[0]!);
  for (const path of paths) {
    const own = [...tree.keys()].filter((k) => k === path || k.startsWith(`${path} `));
    for (const flag of flags) {
      const global = tree.get('')!.has(flag);
      if (!global && !own.some((k) => tree.get(k)!.has(flag))) problems.push(`oar-sched ${path} ${flag}: no such flag`);
    }
  }
  return problems;
}

describe('shell samples of the docs use real commands and flags', () => {
  const tree = commandTree();
  const SHELL = new Set(['', 'sh', 'bash', 'shell', 'console', 'text']);
  const blocks = markdownFiles()
    .flatMap((file) => codeBlocks(file))
    .filter((b) => SHELL.has(b.lang));

  it('every `oar-sched …` line of a shell sample names a command and flags that exist', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const block of blocks) {
      for (const { offset, words } of commandLines(block.code)) {
        checked++;
        for (const p of checkCommand(words, tree)) problems.push(`${block.file}:${block.line + 1 + offset}: ${p}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });

  it('every `oar-sched …` in inline code of the docs names a command and flags that exist', () => {
    const problems: string[] = [];
    for (const file of markdownFiles()) {
      const text = readDoc(file);
      text.split('\n').forEach((line, index) => {
        for (const span of codeSpans(line)) {
          const m = /^(?:npx\s+)?oar-sched(?:\s+(.*))?$/.exec(span.trim());
          if (!m || !m[1]) continue;
          for (const p of checkCommand(m[1].split(/\s+/), tree)) problems.push(`${file}:${index + 1}: ${p}`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('rejects an unknown command or flag (the check itself works)', () => {
    expect(checkCommand(['schedule', '--scenario', 'x.json', '--nope'], tree)).toEqual(['oar-sched schedule --nope: no such flag']);
    expect(checkCommand(['db', 'init|frob'], tree)).toEqual(['oar-sched db frob: no such command']);
    expect(checkCommand(['round', '[--db', 'URL]', '[--no-notify]'], tree)).toEqual([]);
  });
});
