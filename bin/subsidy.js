#!/usr/bin/env node
// The shim: starts the CLI (src/cli/start.ts: from the start-up bundle; src/cli/entry.ts: the process).
import { start } from '../dist/cli/start.js';

await start();
