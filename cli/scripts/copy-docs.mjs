// The documentation shipped in the oar-sched package: `npm pack` / `npm publish` (prepack) copies
// the repository's docs/ into cli/docs, which package.json's "files" includes, and postpack
// removes the copy, so that a checkout's help texts and hints always point at the repository's
// pages (src/docs-path.ts).
//
//   node cli/scripts/copy-docs.mjs          copy
//   node cli/scripts/copy-docs.mjs --remove remove the copy
import { cpSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cliDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const copy = join(cliDir, 'docs');
rmSync(copy, { recursive: true, force: true });
if (!process.argv.includes('--remove')) cpSync(join(cliDir, '..', 'docs'), copy, { recursive: true });
