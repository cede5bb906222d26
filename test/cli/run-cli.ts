import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
// The built CLI, as bin/subsidy.js runs it (npm test builds first): its worker thread and bundled policy set are there.
import { run } from '../../dist/cli/main.js';
import { memoryIo } from '../support/memory-io.js';
import { tempDir } from '../support/temp-dir.js';

export { tempDir };

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/subsidy.js', import.meta.url));

/** util-linux `script` gives a process a pseudo-terminal; the terminal tests skip, saying so, where it is missing. */
export const HAS_SCRIPT = process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;
export const NEEDS_SCRIPT = HAS_SCRIPT ? '' : ' (skipped: needs util-linux "script" for a pseudo-terminal)';

export interface CliRun {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface CliOptions {
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Compiled policy sets of this test file's runs: its own, so that no run reads or writes the user's cache. */
export const CACHE_DIR = tempDir('subsidy-cache-');

/** A config folder with no subsidy/config.yaml: no run reads the user's own config file (see subsidy config). */
const NO_USER_CONFIG = join(CACHE_DIR, 'no-user-config');

/** The environment of a run as a user would start it: no colours, English unless asked, no user config file. */
export const cliEnv = (env: NodeJS.ProcessEnv = {}) => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  NO_COLOR: '1',
  LANG: 'en_US.UTF-8',
  SUBSIDY_CACHE_DIR: CACHE_DIR,
  XDG_CONFIG_HOME: NO_USER_CONFIG,
  ...env,
});

/** Runs the CLI in this process through run(argv, io): no terminal, from the repo root unless `cwd` is given. */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const io = memoryIo({ input: options.input, env: cliEnv(options.env), cwd: options.cwd ?? ROOT });
  const code = await run(args, io);
  return { stdout: io.stdout.text(), stderr: io.stderr.text(), code };
}

/** Runs bin/subsidy.js in a new process, for what only a process shows: exit codes, signals, pipes, the disk. */
export function runBin(args: string[], options: CliOptions = {}): Promise<CliRun & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: cliEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ stdout, stderr, code, signal }));
    child.stdin.end(options.input ?? '');
  });
}

/** A scratch folder for one test file: `write` puts a file in it and returns its path. Removed after the file. */
export function scratch(prefix: string): { dir: string; write: (name: string, text: string) => string } {
  const dir = tempDir(prefix);
  return {
    dir,
    write: (name, text) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    },
  };
}
