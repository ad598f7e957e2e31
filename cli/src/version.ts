import { readFileSync } from 'node:fs';

/**
 * The version of the `oar-sched` package (this package), for `--version` and the serve handshake.
 * One small file read: the binary's fast client path needs it before anything else loads.
 */
export function cliVersion(): string {
  const json = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return json.version;
}
