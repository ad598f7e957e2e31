/**
 * vitest global setup: rebuilds the `oar-sched` binary's bundle from the compiled packages, so
 * that tests spawning the binary never run a bundle older than `dist/` (`npm test` builds both;
 * `npx vitest` after `tsc -b` alone would otherwise run a stale bundle).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL('../../cli/scripts/bundle.mjs', import.meta.url))], { stdio: 'inherit' });
}
