import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { directDependencies, discoverPluginPackages } from './discover.js';
import { findProjectRoot } from './find-package.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'oar-discover-'));
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('directDependencies', () => {
  it('reads the three dependency fields, each name once, sorted', () => {
    const dir = folder({
      'package.json': {
        dependencies: { zeta: '1', alpha: '1' },
        devDependencies: { alpha: '1', beta: '1' },
        optionalDependencies: { gamma: '1' },
        peerDependencies: { never: '1' },
        bundleDependencies: ['never-either'],
      },
    });
    expect(directDependencies(dir)).toEqual(['alpha', 'beta', 'gamma', 'zeta']);
  });

  it('refuses a package.json that is not JSON, naming it', () => {
    const dir = folder({ 'package.json': '{ "dependencies": ' });
    expect(() => directDependencies(dir)).toThrow(`project ${dir}: ${join(dir, 'package.json')} cannot be read as JSON`);
  });
});

describe('discoverPluginPackages', () => {
  it('keeps installed dependencies with an "oar" field; warns only for a missing runtime dependency', () => {
    const dir = folder({
      'package.json': { dependencies: { plugin: '1', plain: '1', missing: '1' }, devDependencies: { 'missing-dev': '1' } },
      'node_modules/plugin/package.json': { name: 'plugin', oar: { apiVersion: 1, entry: './x.js' } },
      'node_modules/plain/package.json': { name: 'plain' },
      'node_modules/undeclared/package.json': { name: 'undeclared', oar: { apiVersion: 1, entry: './x.js' } },
    });
    const warnings: string[] = [];
    const found = discoverPluginPackages(dir, new Set(), { info: () => {}, warn: (m) => void warnings.push(m) });
    expect(found.map((p) => p.json.name)).toEqual(['plugin']);
    expect(warnings).toEqual([`dependency missing of ${dir} is not installed (run npm install); if it is a plugin, it is not registered`]);
  });

  it('skips the names it is told to (built-ins, packages the config lists)', () => {
    const dir = folder({
      'package.json': { dependencies: { plugin: '1' } },
      'node_modules/plugin/package.json': { name: 'plugin', oar: { apiVersion: 1, entry: './x.js' } },
    });
    expect(discoverPluginPackages(dir, new Set(['plugin']), { info: () => {}, warn: () => {} })).toEqual([]);
  });
});

describe('findProjectRoot', () => {
  it('is the nearest folder holding a package.json', () => {
    const dir = folder({ 'package.json': {}, 'a/b/c/file': '' });
    expect(findProjectRoot(join(dir, 'a', 'b', 'c'))).toBe(dir);
    expect(findProjectRoot(dir)).toBe(dir);
  });
});
