/**
 * Every relative link of the docs (`docs/**\/*.md`, README.md, the packages' READMEs) points at a
 * file that exists and, for `file.md#anchor`, at a heading of that file (GitHub's anchor rule:
 * lower case, punctuation dropped, spaces to `-`). The oar-sched package's README links to the
 * docs as they are shipped inside it (test/packaging/pack-install.test.ts checks those).
 */
import { describe, expect, it } from 'vitest';
import { brokenLinks, markdownFiles } from './markdown.js';

describe('links of the docs', () => {
  it('every relative link resolves to a file, and every anchor to a heading', () => {
    const shippedWithDocs = 'cli/README.md';
    expect(markdownFiles().filter((f) => f !== shippedWithDocs).flatMap((file) => brokenLinks(file))).toEqual([]);
  });
});
