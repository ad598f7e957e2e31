#!/usr/bin/env node
// Thin launcher. `npm install` (the root `prepare` script) compiles the CLI to dist/ and bundles it
// into bundle/ (cli/scripts/bundle.mjs): the bundle starts faster, which OAR pays every cycle. A
// checkout compiled with `tsc -b` alone has no bundle and runs dist/ as it is.
//
// `oar-sched round` with an `oar-sched serve` running only relays the server's round: the small
// fast-client module tries that first, before the command tree loads (serve/fast-client.ts).
import { existsSync } from 'node:fs';

const bundled = existsSync(new URL('../bundle/main.js', import.meta.url));
const load = (entry) => import(new URL(bundled ? `../bundle/${entry}.js` : `../dist/${entry === 'fast-client' ? 'serve/fast-client' : entry}.js`, import.meta.url).href);
const argv = process.argv.slice(2);

let serverTried = false;
if (argv[0] === 'round') {
  const { servedRoundFromCommandLine } = await load('fast-client');
  const served = await servedRoundFromCommandLine(argv);
  if (served.code !== undefined) process.exitCode = served.code;
  serverTried = served.serverTried;
}
if (process.exitCode === undefined) {
  const { main } = await load('main');
  await main(argv, { serverTried });
}
