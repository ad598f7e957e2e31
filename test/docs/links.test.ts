/**
 * Every relative link of the docs (`docs/**\/*.md`, README.md) points at a file that exists and,
 * for `file.md#anchor`, at a heading of that file (GitHub's anchor rule: lower case, punctuation
 * dropped, spaces to `-`).
 */
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownFiles, prose, readDoc, ROOT } from './markdown.js';

function anchors(file: string): Set<string> {
  const out = new Set<string>();
  for (const m of prose(readDoc(file)).matchAll(/^#{1,6}\s+(.*)$/gm)) {
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

describe('links of the docs', () => {
  it('every relative link resolves to a file, and every anchor to a heading', () => {
    const broken: string[] = [];
    for (const file of markdownFiles()) {
      for (const line of prose(readDoc(file)).split('\n')) {
          for (const m of line.matchAll(/\]\(([^)\s]+)\)/g)) {
            const target = m[1]!;
            if (/^[a-z]+:/.test(target)) continue;
            const [path, anchor] = target.split('#') as [string, string | undefined];
            const resolved = path === '' ? file : normalize(join(dirname(file), path));
            if (!existsSync(join(ROOT, resolved))) broken.push(`${file}: ${target}: no file ${resolved}`);
            else if (anchor && resolved.endsWith('.md') && !anchors(resolved).has(anchor)) broken.push(`${file}: ${target}: no heading #${anchor} in ${resolved}`);
          }
      }
    }
    expect(broken).toEqual([]);
  });
});
