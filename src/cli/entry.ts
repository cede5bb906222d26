// The process: runs the CLI on the real streams and exits with its code. The only module that calls process.exit;
// bin/subsidy.js starts it (from the start-up bundle, src/cli/launch.cts).
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { run, stoppedText } from './main.js';
import { langOf } from './config.js';
import { STOPS, Stopping, type StopCause } from './interrupt.js';
import type { Io } from './io.js';
import { langInArgv, t, type Lang } from '../util/messages/index.js';

const CANNOT_RUN = 2;

/**
 * Runs the CLI with `argv`, its output thrown away. The build's code-cache run (scripts/bundle-start.mjs) rehearses
 * `--help` before its `check`, so that the cache holds the help's functions too.
 */
export async function rehearse(argv: string[]): Promise<void> {
  const nowhere = new Writable({ write: (_chunk, _encoding, done) => done() });
  const io: Io = { stdin: process.stdin, stdout: nowhere, stderr: nowhere, env: process.env, cwd: process.cwd(), columns: undefined, isTTY: { stdin: false, stdout: false, stderr: false } };
  await run(argv, io);
}

export async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  /** The run's language for these lines: --lang, else the default chain (English until it is known). */
  let lang: Lang = langInArgv(argv) ?? 'en';
  /** Whether stderr still takes writes: not once its reader has gone. */
  let stderrOpen = true;
  /** How the run stops short: the command's tasks (ask --save keeps the answers so far), run before exiting. */
  const stopping = new Stopping();
  /** The stop a signal began, which ends the process; null until then. */
  let stopped: Promise<void> | null = null;

  /**
   * A catchable signal that stops the run (SIGINT, SIGTERM, SIGHUP): the run's tasks first (bounded), then one line
   * and the shell's 128 + signal number. process.exit runs the 'exit' listeners that remove temporary files, so no
   * output is left half-written or beside its target. A stop under way (Ctrl-C at a prompt, an earlier signal) is let
   * finish: it ends the run.
   */
  const stop = (signal: StopCause): void => {
    if (stopping.cause !== undefined) return;
    stopped = stopping.stop(signal).then((result) => {
      try {
        if (stderrOpen) process.stderr.write(stoppedText(result, lang, process.env));
      } catch {
        // A terminal that has gone (SIGHUP) takes no more.
      }
      process.exit(STOPS[signal].code);
    });
  };

  for (const signal of Object.keys(STOPS) as StopCause[]) process.on(signal, () => stop(signal));
  // A reader that stops early (`subsidy list | head`) is not an error: stop writing, quietly. Any other failure to
  // write (a full disk) leaves the output incomplete: one line on stderr, if stderr still takes it, and exit 2.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stderrOpen) {
      const detail = lang === 'en' ? error.message : error.code === 'ENOSPC' ? t('os.ENOSPC', lang) : (error.code ?? error.message);
      process.stderr.write(`${t('cli.prefix', lang)}${t('cli.stdoutFailed', lang, { detail })}\n`);
    }
    process.exit(CANNOT_RUN);
  });
  // stderr carries only messages: when it cannot be written (`2>&1 | head -1`) they are dropped and the run goes on,
  // so that its files are written and its exit code says what it found.
  process.stderr.on('error', () => {
    stderrOpen = false;
  });

  const io: Io = {
    // Made on first use: a run that reads no standard input (most) does not open it.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    columns: process.stdout.columns,
    stderrColumns: process.stderr.columns,
    isTTY: {
      // Asked only by a command that would prompt: node:tty (and node:net, which it loads) are not loaded otherwise.
      get stdin() {
        return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(0);
      },
      stdout: Boolean(process.stdout.isTTY),
      stderr: Boolean(process.stderr.isTTY),
    },
    stopping,
  };
  if (langInArgv(argv) === undefined) lang = await langOf(undefined, io).catch((): Lang => 'en');
  const code = await run(argv, io);
  // A run that a signal stopped: the handler says its line and exits.
  if (stopped) await stopped;
  // A cancelled prompt may leave the terminal's input open: end now. Otherwise let pending output drain first.
  if (code === STOPS.SIGINT.code) process.exit(code);
  process.exitCode = code;
}
