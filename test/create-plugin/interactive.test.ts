/**
 * `create-oar-plugin` on a terminal: the questions no flag answered are asked (@clack/prompts),
 * and the answers shape the package. A real pseudo-terminal comes from util-linux's `script`;
 * keys are typed when each question appears on the screen, never after a fixed delay.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../docs/markdown.js';

const CREATE = join(ROOT, 'create-plugin', 'bin', 'create-oar-plugin.js');
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasScript) console.warn('create-oar-plugin interactive test skipped: util-linux `script` (a pseudo-terminal) is not installed');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs `command` on a pseudo-terminal; when the screen shows `answers[i][0]`, types `answers[i][1]`. */
function onTerminal(command: string, cwd: string, answers: readonly (readonly [string, string])[]): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    // A pseudo-terminal without a size has 0 columns (every character on its own line): give it one.
    const child = spawn('script', ['-q', '-e', '-c', `stty cols 120 rows 40 && ${command}`, '/dev/null'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    let next = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    let answeredUpTo = 0; // screen length when the last answer was typed: a question is looked for after it
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      const fresh = screen.slice(answeredUpTo).replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '');
      if (next < answers.length && fresh.includes(answers[next]![0])) {
        child.stdin.write(answers[next]![1]);
        answeredUpTo = screen.length;
        next++;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, screen: screen.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '') });
    });
  });
}

describe.skipIf(!hasScript)('create-oar-plugin on a terminal', () => {
  it('asks the folder, the package name and the hooks, and writes what was answered', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'oar-create-tty-'));
    dirs.push(cwd);
    const { code, screen } = await onTerminal(`${process.execPath} ${CREATE}`, cwd, [
      ['Folder of the new plugin package', 'oar-plugin-tty\r'],
      ['npm package name', '\r'], // the default: the folder's name
      ['Which policies', '\x1b[B \r'], // find is preselected; down to assign, select it, submit
    ]);
    expect(screen).toContain('Created oar-plugin-tty in oar-plugin-tty (find, assign');
    expect(code).toBe(0);
    const pkg = JSON.parse(readFileSync(join(cwd, 'oar-plugin-tty', 'package.json'), 'utf8')) as { name: string; oar: { provides: Record<string, string[]> } };
    expect(pkg.name).toBe('oar-plugin-tty');
    expect(pkg.oar.provides).toEqual({ find: ['tty'], assign: ['tty'] });
  });

  it('a flag answers its question: only the others are asked', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'oar-create-tty-'));
    dirs.push(cwd);
    const { code, screen } = await onTerminal(`${process.execPath} ${CREATE} oar-plugin-flags --hooks sorting`, cwd, [['npm package name', '@site/oar-plugin-flags\r']]);
    expect(code).toBe(0);
    expect(screen).not.toContain('Folder of the new plugin package');
    expect(screen).not.toContain('Which policies');
    const pkg = JSON.parse(readFileSync(join(cwd, 'oar-plugin-flags', 'package.json'), 'utf8')) as { name: string; oar: { provides: Record<string, string[]> } };
    expect(pkg).toMatchObject({ name: '@site/oar-plugin-flags', oar: { provides: { jobsSorting: ['flags'] } } });
  });
});
