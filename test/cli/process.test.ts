import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, ROOT, runBin, runCli, tempDir } from './run-cli.js';

// What only a real process shows: bin/subsidy.js's exit codes, signals, pipes and the reader thread. Everything
// else runs in-process through run(argv, io) (run-cli.ts), much faster.

const AS_OF = '2024-06-30';
const PROFILE = 'fixtures/profiles/graduate-small-firm.yaml';
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('bin/subsidy.js exit codes', () => {
  it('--version prints the version and the policy document, exit 0', async () => {
    expect(await runBin(['--version'])).toEqual({ stdout: `subsidy ${version}\npolicy 渝人社发〔2022〕60号, issued 2022-12-12\n`, stderr: '', code: 0, signal: null });
  });

  it('--help lists every command, exit 0', async () => {
    const run = await runBin(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['check', 'batch', 'explain', 'list', 'lint', 'facts', 'ask', 'test', 'diff', 'schema']) expect(run.stdout).toMatch(new RegExp(`\\n  ${command} `));
  });

  it('a check prints the same report as in-process, exit 0', async () => {
    const args = ['check', '--profile', PROFILE, '--as-of', AS_OF];
    const [child, inProcess] = await Promise.all([runBin(args), runCli(args)]);
    expect(child.code).toBe(0);
    expect(child.stdout).toContain('Eligible (9)');
    expect({ stdout: child.stdout, stderr: child.stderr, code: child.code }).toEqual(inProcess);
  });

  it('failing regression cases exit 1', async () => {
    const cases = join(tempDir('subsidy-process-'), 'cases.yaml');
    const failing = `- name: too few months\n  asOf: ${AS_OF}\n  profile: {applicantType: employer, softwareSector: true, employerSize: small, graduateOfCurrentYear: true, contractYears: 2, socialInsuranceMonths: 3}\n  expect: {eligible: [m14-graduate-hiring-subsidy]}\n`;
    writeFileSync(cases, failing);
    const run = await runBin(['test', cases]);
    expect(run.code).toBe(1);
  });

  it('a bad flag: one line, exit 2', async () => {
    const run = await runBin(['check', '--profil', PROFILE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: unknown option '--profil'\n(Did you mean --profile?)\n");
  });

  it('a missing profile: one line naming it, exit 2, no stack trace', async () => {
    const run = await runBin(['check', '--profile', 'no-such.yaml']);
    expect(run).toEqual({ stdout: '', stderr: 'subsidy: no-such.yaml: cannot read profile: no such file\n', code: 2, signal: null });
  });

  it('without a terminal, check and ask without --profile exit 2 at once instead of waiting for input', async () => {
    for (const command of ['check', 'ask']) {
      const run = await runBin([command, '--as-of', AS_OF]);
      expect(run.code, command).toBe(2);
      expect(run.stderr, command).toMatch(/--profile FILE/);
    }
  });
});

describe('bin/subsidy.js with the reader thread', () => {
  it('gives in a batch, bad rows and all, what the in-process single-thread run gives, exit 1', async () => {
    const args = ['batch', 'fixtures/batch/bad-rows.csv', '--as-of', AS_OF];
    const [threaded, single] = await Promise.all([runBin(args), runCli([...args, '--single-thread'])]);
    expect(threaded.code).toBe(1);
    expect({ stdout: threaded.stdout, stderr: threaded.stderr, code: threaded.code }).toEqual(single);
  });

  it('reads stdin on the thread', async () => {
    const input = readFileSync(join(ROOT, 'fixtures/batch/applicants-en.csv'));
    const [threaded, single] = await Promise.all([runBin(['batch', '-', '--as-of', AS_OF], { input }), runCli(['batch', '-', '--as-of', AS_OF, '--single-thread'], { input })]);
    expect(threaded.code).toBe(0);
    expect(threaded.stdout).toBe(single.stdout);
  });
});

/** A batch of `rows` rows on stdin; `onStart` gets the process to act on; resolves when the process has ended. */
function bigBatch(args: string[], rows: number, onStart: (child: ReturnType<typeof spawn>) => void) {
  const child = spawn(process.execPath, [BIN, 'batch', '-', '--as-of', AS_OF, ...args], {
    cwd: ROOT,
    env: cliEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const line = 'applicantType,degree,socialInsuranceMonths\n';
  child.stdin.on('error', () => undefined);
  child.stdin.write(line);
  for (let k = 0; k < rows; k++) child.stdin.write('person,master,12\n');
  onStart(child);
  return once(child, 'close').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null, stderr }));
}

describe('bin/subsidy.js on a closed pipe and on Ctrl-C', () => {
  it('stops quietly, exit 0, when the reader closes the pipe (subsidy list | head -1)', async () => {
    const child = spawn(process.execPath, [BIN, 'list'], { cwd: ROOT, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = (await once(child, 'close')) as [number];
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('stops a batch quietly when the reader closes the pipe midway', async () => {
    const run = await bigBatch([], 50_000, (child) => {
      child.stdout!.once('data', () => child.stdout!.destroy());
      child.stdin!.end();
    });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/error|\n\s+at /i);
  });

  it('Ctrl-C in a batch writing --out: one line, exit 130, no result file and no temporary file left', async () => {
    const dir = tempDir('subsidy-sigint-');
    const out = join(dir, 'results.csv');
    // The input stays open, so the batch waits for more rows; the interrupt comes once its temporary file exists.
    const run = await bigBatch(['--out', out], 2_000, (child) => {
      const poll = setInterval(() => {
        if (readdirSync(dir).length === 0) return;
        clearInterval(poll);
        child.kill('SIGINT');
      }, 20);
    });
    expect(run.code).toBe(130);
    expect(run.stderr.endsWith('Interrupted.\n')).toBe(true);
    expect(run.stderr.match(/Interrupted\./g)).toHaveLength(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});
