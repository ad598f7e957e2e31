#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the root `prepare` script).
import { runCli } from '../dist/main.js';

process.exitCode = await runCli(process.argv.slice(2));
