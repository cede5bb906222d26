#!/usr/bin/env node
// The shim: starts the CLI (src/cli/launch.cts: from the start-up bundle; src/cli/entry.ts: the process).
// CommonJS (bin/package.json), as the launcher and the bundle are: a start that loads no ES module skips Node's
// ES module loader, about 15 ms of `subsidy --version` (npm run bench).
require('../dist/cli/launch.cjs').start();
