/**
 * A page of the documentation, as the reader of a help text or a hint can open it on this
 * machine: the pages shipped in the oar-sched package (`docs/`, copied in when the package is
 * packed: scripts/copy-docs.mjs), or the repository's `docs/` in a checkout.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

let docsDir: string | undefined;

/** This module runs from dist/ or from the bundle's chunks in bundle/: the package is one level up. */
function findDocsDir(): string {
  const pkg = fileURLToPath(new URL('..', import.meta.url));
  const shipped = join(pkg, 'docs');
  return existsSync(shipped) ? shipped : join(pkg, '..', 'docs');
}

/**
 * `page` (e.g. `guides/plugins.md`) relative to `cwd` when it is below it (`docs/guides/plugins.md`
 * at a checkout's root, `node_modules/oar-sched/docs/guides/plugins.md` in a site's folder), else
 * absolute.
 */
export function docPath(page: string, cwd: string = process.cwd()): string {
  docsDir ??= findDocsDir();
  const path = join(docsDir, page);
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
