#!/usr/bin/env node
// `npm create oar-plugin [DIR] [-- --hooks find,sorting --yes]` runs this (compiled to dist/ by `npm install`).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
