import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, ROOT } from './run-cli.js';

/** Runs the CLI with stdout on /dev/full, where every write fails with ENOSPC, as on a full disk. */
function runIntoFullDisk(args: string[]): Promise<{ stderr: string; code: number | null }> {
  const full = openSync('/dev/full', 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cliEnv(), stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stderr, code }));
  });
}

describe.runIf(existsSync('/dev/full'))('standard output that cannot be written', () => {
  it('gives one line and exit 2, not a stack trace, whatever the command', async () => {
    for (const args of [
      ['check', '--profile', 'fixtures/profiles/graduate-small-firm.yaml', '--as-of', '2024-06-30'],
      ['batch', 'fixtures/batch/applicants-en.csv', '--as-of', '2024-06-30'],
      ['batch', 'fixtures/batch/applicants-en.csv', '--as-of', '2024-06-30', '--single-thread'],
    ]) {
      const run = await runIntoFullDisk(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toBe('subsidy: cannot write to standard output: ENOSPC: no space left on device, write\n');
    }
  });
});
