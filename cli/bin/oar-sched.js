#!/usr/bin/env node
// Thin launcher, CommonJS (see package.json here). `npm install` (the root `prepare` script)
// compiles the CLI to dist/ and bundles it into bundle/ (cli/scripts/bundle.mjs): the bundle
// starts faster, which OAR pays every cycle. A checkout compiled with `tsc -b` alone has no bundle
// and runs dist/ as it is.
//
// `oar-sched round` with an `oar-sched serve` running only relays the server's round: the fast
// client (serve/fast-client.ts, bundled as one CommonJS file) tries that first, before the command
// tree loads, and before Node's ES module loader starts at all.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const cli = join(__dirname, '..');
const bundled = existsSync(join(cli, 'bundle', 'main.js'));

async function run(argv) {
  let serverTried = false;
  if (argv[0] === 'round') {
    const { servedRoundFromCommandLine } = bundled ? require(join(cli, 'bundle', 'fast-client.cjs')) : await import(pathToFileURL(join(cli, 'dist', 'serve', 'fast-client.js')).href);
    const served = await servedRoundFromCommandLine(argv);
    if (served.code !== undefined) return (process.exitCode = served.code);
    serverTried = served.serverTried;
  }
  const { main } = await import(pathToFileURL(join(cli, bundled ? 'bundle' : 'dist', 'main.js')).href);
  await main(argv, { serverTried });
}

run(process.argv.slice(2)).catch((e) => {
  // main() turns every failure into a message and an exit code: this is a broken installation.
  process.stderr.write(`oar-sched: cannot start: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 3;
});
