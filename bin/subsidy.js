#!/usr/bin/env node
// The only place that touches the process: it runs the CLI on the real streams and exits with its code.
import { run } from '../dist/cli/main.js';

const CANNOT_RUN = 2;
const INTERRUPTED = 130;

function interrupted() {
  process.stderr.write('Interrupted.\n');
  process.exit(INTERRUPTED);
}

process.on('SIGINT', interrupted);
// A reader that stops early (`subsidy list | head`) is not an error: stop writing, quietly. Any other failure to
// write (a full disk) leaves the output incomplete: one line on stderr, if stderr still takes it, and exit 2.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) process.stderr.write(`subsidy: cannot write to standard output: ${error.message}\n`);
    process.exit(CANNOT_RUN);
  });
}

const code = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  columns: process.stdout.columns,
  isTTY: { stdin: Boolean(process.stdin.isTTY), stdout: Boolean(process.stdout.isTTY), stderr: Boolean(process.stderr.isTTY) },
});
// A cancelled prompt may leave the terminal's input open: end now. Otherwise let pending output drain first.
if (code === INTERRUPTED) process.exit(code);
process.exitCode = code;
