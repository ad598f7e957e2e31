// Benchmark workloads: ../shared/perf next to the repository (CI and developers have it), gzipped
// scenarios. OAR_PERF_DIR overrides the folder.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function perfDir() {
  const dir = process.env.OAR_PERF_DIR ?? resolve(repoRoot, '..', 'shared', 'perf');
  if (!existsSync(dir)) throw new Error(`benchmark workloads not found in ${dir} (set OAR_PERF_DIR)`);
  return dir;
}

export function listWorkloads(dir = perfDir()) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json.gz'))
    .map((f) => f.replace(/\.json\.gz$/, ''))
    .sort(compareWorkloads);
}

// tiny first, then by family, then by size
function compareWorkloads(a, b) {
  const key = (n) => [n === 'tiny' ? 0 : 1, n.replace(/-j\d+.*/, ''), Number(/-j(\d+)/.exec(n)?.[1] ?? 0), n];
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  return 0;
}

export function readWorkload(name, dir = perfDir()) {
  return JSON.parse(gunzipSync(readFileSync(join(dir, `${name}.json.gz`))).toString('utf8'));
}

export function baseline(dir = perfDir()) {
  const file = join(dir, 'python-baseline.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).workloads ?? {} : {};
}
