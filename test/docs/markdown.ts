/**
 * Reading the docs as data for the docs tests: the Markdown files, their fenced code blocks (with
 * the line each starts on), their sections, and the code spans of a table's first column.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `docs/**\/*.md`, `README.md` and the packages' READMEs, as paths relative to the repository root. */
export function markdownFiles(): string[] {
  const out = ['README.md', ...packageReadmes()];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md')) out.push(path);
    }
  };
  walk('docs');
  return out.sort();
}

/** The README of every workspace package (their folders from the root package.json's workspaces). */
export function packageReadmes(): string[] {
  const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
  const dirs = workspaces.flatMap((w) =>
    w.endsWith('/*') ? readdirSync(join(ROOT, w.slice(0, -2)), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => `${w.slice(0, -2)}/${e.name}`) : [w],
  );
  return dirs.map((d) => `${d}/README.md`).filter((f) => existsSync(join(ROOT, f)));
}

export function readDoc(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

export interface CodeBlock {
  readonly file: string;
  /** 1-based line of the opening fence; the block's first line of code is `line + 1`. */
  readonly line: number;
  /** The fence's language (`ts`, `sh`, `` for none). */
  readonly lang: string;
  /** The words after the language, e.g. `fragment`. */
  readonly flags: readonly string[];
  readonly code: string;
}

/** Every fenced block (``` or ~~~) of a Markdown file. */
export function codeBlocks(file: string, text = readDoc(file)): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !lines[j]!.trimStart().startsWith(fence); j++) body.push(lines[j]!.slice(open[1]!.length));
    blocks.push({ file, line: i + 1, lang: open[3]!.toLowerCase(), flags: open[4]!.split(/\s+/).filter(Boolean), code: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** The text of a file outside its fenced blocks (so a heading-like line in a code sample is not a heading). */
export function prose(text: string): string {
  return text.replace(/^(\s*)(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\s*\2\s*$/gm, '');
}

export interface Section {
  readonly heading: string;
  readonly depth: number;
  readonly body: string;
}

/** The sections of a file, split at headings of `depth` or shallower (`##` for 2). */
export function sections(text: string, depth = 2): Section[] {
  const out: Section[] = [];
  let current: { heading: string; depth: number; lines: string[] } | undefined;
  for (const line of prose(text).split('\n')) {
    const m = /^(#{1,6})\s+(.*)$/.exec(line);
    if (m && m[1]!.length <= depth) {
      if (current) out.push({ heading: current.heading, depth: current.depth, body: current.lines.join('\n') });
      current = { heading: m[2]!.trim(), depth: m[1]!.length, lines: [] };
    } else current?.lines.push(line);
  }
  if (current) out.push({ heading: current.heading, depth: current.depth, body: current.lines.join('\n') });
  return out;
}

/** The code spans of a text, in order. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
}

/** The code spans of the first cell of every table row of a text (header and separator rows excluded). */
export function firstColumnSpans(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('|') || /^\|[\s:|-]+\|?\s*$/.test(line)) continue;
    const cell = line.slice(1).split(/(?<!\\)\|/)[0] ?? '';
    out.push(...codeSpans(cell));
  }
  return out;
}

/** The headings of a markdown file as GitHub's anchors (lower case, punctuation dropped, spaces to `-`). */
function anchors(path: string): Set<string> {
  const out = new Set<string>();
  for (const m of prose(readFileSync(path, 'utf8')).matchAll(/^#{1,6}\s+(.*)$/gm)) {
    out.add(
      m[1]!
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-'),
    );
  }
  return out;
}

/**
 * The relative links of `file` (a markdown file under `root`, named relative to it) that point at
 * no file, or, for `page.md#anchor`, at no heading of that page; outside code blocks.
 */
export function brokenLinks(file: string, root: string = ROOT): string[] {
  const broken: string[] = [];
  for (const line of prose(readFileSync(join(root, file), 'utf8')).split('\n')) {
    for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1]!;
      if (/^[a-z]+:/.test(target)) continue;
      const [path, anchor] = target.split('#') as [string, string | undefined];
      const resolved = path === '' ? file : normalize(join(dirname(file), path));
      if (!existsSync(join(root, resolved))) broken.push(`${file}: ${target}: no file ${resolved}`);
      else if (anchor && resolved.endsWith('.md') && !anchors(join(root, resolved)).has(anchor)) broken.push(`${file}: ${target}: no heading #${anchor} in ${resolved}`);
    }
  }
  return broken;
}
