#!/usr/bin/env node
// Thin launcher. `npm install` (the root `prepare` script) compiles the CLI to dist/ and bundles it
// into bundle/ (cli/scripts/bundle.mjs): the bundle starts faster, which OAR pays every cycle. A
// checkout compiled with `tsc -b` alone has no bundle and runs dist/ as it is.
import { existsSync } from 'node:fs';

const bundle = new URL('../bundle/main.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/main.js');

await main();
