/**
 * Every TypeScript sample of the docs (`docs/**\/*.md`, README.md, the packages' READMEs) compiles against the workspace
 * packages, with the repository's compiler settings; every JSON sample parses.
 *
 * Each ```ts / ```typescript block becomes a module of its own in `test/docs/.samples/` (inside
 * the repository, so `@oar-sched/*`, `oar-sched` and `zod` resolve as they do for a plugin), and
 * one `tsc --noEmit` run checks them all. A failure names the Markdown file and line.
 *
 * Skipped, by a word after the language on the fence: `ts fragment`, a piece of code that is not
 * a module on its own (keep these rare).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { codeBlocks, markdownFiles, ROOT, type CodeBlock } from './markdown.js';

const SAMPLES = join(ROOT, 'test/docs/.samples');

const TS_LANGS = new Set(['ts', 'typescript', 'mts']);

const blocks = markdownFiles().flatMap((file) => codeBlocks(file));

function isSkipped(block: CodeBlock): boolean {
  return block.flags.includes('fragment');
}

describe('docs code samples', () => {
  const tsBlocks = blocks.filter((b) => TS_LANGS.has(b.lang));

  it('finds TypeScript samples to check', () => {
    expect(tsBlocks.filter((b) => !isSkipped(b)).length).toBeGreaterThanOrEqual(5);
  });

  it('every TypeScript sample type-checks (tsc --noEmit, the repository settings)', async () => {
    rmSync(SAMPLES, { recursive: true, force: true });
    mkdirSync(SAMPLES, { recursive: true });
    const origin = new Map<string, CodeBlock>();
    for (const block of tsBlocks.filter((b) => !isSkipped(b))) {
      const name = `${block.file.replace(/[^A-Za-z0-9]+/g, '_')}_L${block.line}.ts`;
      origin.set(name, block);
      // `export {}` makes a sample without imports a module too, so samples never share names.
      writeFileSync(join(SAMPLES, name), `${block.code}\nexport {};\n`);
    }
    writeFileSync(
      join(SAMPLES, 'tsconfig.json'),
      JSON.stringify({
        extends: '../../../tsconfig.base.json',
        compilerOptions: { noEmit: true, composite: false, incremental: false, declaration: false, declarationMap: false, sourceMap: false },
        include: ['*.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    const output = await promisify(execFile)(process.execPath, [tsc, '-p', join(SAMPLES, 'tsconfig.json'), '--pretty', 'false'], { cwd: ROOT }).then(
      (r) => r.stdout,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ''}${e.stderr ?? ''}`,
    );
    // `file.ts(line,col): error TSxxxx: message` → `docs/x.md:line: TSxxxx: message`
    const failures = output
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((line) => {
        const m = /([^/\\]+\.ts)\((\d+),(\d+)\): (error TS\d+: .*)$/.exec(line);
        const block = m ? origin.get(m[1]!) : undefined;
        return block ? `${block.file}:${block.line + Number(m![2])}: ${m![4]}` : line;
      });
    expect(failures, 'TypeScript samples that do not compile (file:line of the Markdown)').toEqual([]);
  });

  it('every JSON sample parses', () => {
    const failures: string[] = [];
    for (const block of blocks.filter((b) => b.lang === 'json' && !isSkipped(b))) {
      try {
        JSON.parse(block.code);
      } catch (e) {
        failures.push(`${block.file}:${block.line}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
