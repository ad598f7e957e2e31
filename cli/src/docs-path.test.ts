import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { docPath } from './docs-path.js';

const checkout = fileURLToPath(new URL('../../', import.meta.url));

describe('docPath (in a checkout: the repository docs)', () => {
  it('names a page relative to the current folder when the page is below it', () => {
    expect(docPath('guides/plugins.md', checkout)).toBe(join('docs', 'guides', 'plugins.md'));
    expect(docPath('reference/cli.md', join(checkout, 'docs'))).toBe(join('reference', 'cli.md'));
  });

  it('names it by its absolute path from a folder it is not below, and the page is there', () => {
    // Not tmpdir(): a checkout may itself be in it (CI clones into /tmp).
    const path = docPath('reference/scenario-format.md', join(checkout, 'cli', 'src'));
    expect(isAbsolute(path)).toBe(true);
    expect(path).toBe(join(checkout, 'docs', 'reference', 'scenario-format.md'));
    expect(existsSync(path)).toBe(true);
  });
});
