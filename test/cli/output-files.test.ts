import { spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  closeSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, ROOT, runCli, tempDir } from './run-cli.js';

const AS_OF = '2024-06-30';
const APPLICANTS = readFileSync(join(ROOT, 'fixtures', 'batch', 'applicants-en.csv'));
/** A policy folder that does not exist: a command that got as far as reading its policies would say so. */
const NO_POLICIES = ['--policies', '/nonexistent/policies'];

const dir = tempDir('subsidy-outputs-');

/** A fresh folder inside the scratch folder, with the applicants file in it. */
function folder(name: string): { path: (file: string) => string; input: string; list: () => string[] } {
  const path = (file: string) => join(dir, name, file);
  mkdirSync(join(dir, name));
  writeFileSync(path('in.csv'), APPLICANTS);
  return { path, input: path('in.csv'), list: () => readdirSync(join(dir, name)).sort() };
}

describe('an output that would destroy an input, or cannot be a file, is refused before anything is read', () => {
  it('batch: the input through its name, a hard link and a symlink; the other output; a folder; an empty name', async () => {
    const f = folder('refuse');
    linkSync(f.input, f.path('hard.csv'));
    symlinkSync('in.csv', f.path('link.csv'));
    mkdirSync(f.path('results'));
    const refusals: [string[], string][] = [
      [['--out', f.input], `${f.input}: --out: is the applicants file "${f.input}" (the same file, or a link to it); writing it would destroy it`],
      [['--errors', f.path('hard.csv')], `${f.path('hard.csv')}: --errors: is the applicants file "${f.input}" (the same file, or a link to it); writing it would destroy it`],
      [['--out', f.path('link.csv')], `${f.path('link.csv')}: --out: is the applicants file "${f.input}" (the same file, or a link to it); writing it would destroy it`],
      [['--out', f.path('r.csv'), '--errors', join(dir, 'refuse', '.', 'r.csv')], `${join(dir, 'refuse', '.', 'r.csv')}: --errors: is also given to --out ("${f.path('r.csv')}"); give each its own file`],
      [['--out', f.path('results')], `${f.path('results')}: --out: is a folder; give a file name`],
      [['--out', ''], '--out: an empty file name is not allowed; give a file name'],
      [['--errors', ''], '--errors: an empty file name is not allowed; give a file name'],
      [['--out', f.path('no/such/r.csv')], `${f.path('no/such/r.csv')}: --out: cannot write: no such folder "${f.path('no/such')}"`],
    ];
    for (const [flags, message] of refusals) {
      const run = await runCli(['batch', f.input, ...flags, ...NO_POLICIES]);
      expect([run.code, run.stderr, run.stdout], flags.join(' ')).toEqual([2, `subsidy: ${message}\n`, '']);
    }
    expect(readFileSync(f.input)).toEqual(APPLICANTS);
    expect(f.list()).toEqual(['hard.csv', 'in.csv', 'link.csv', 'results']);
    expect(readdirSync(f.path('results'))).toEqual([]);
  });

  it('batch: stdin when it is the file given to --out', async () => {
    const f = folder('stdin');
    const input = openSync(f.input, 'r');
    try {
      const child = spawn(process.execPath, [BIN, 'batch', '-', '--out', f.input, ...NO_POLICIES], { cwd: ROOT, env: cliEnv(), stdio: [input, 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const [code] = (await once(child, 'close')) as [number];
      expect([code, stderr]).toEqual([2, `subsidy: ${f.input}: --out: is the file on standard input, the applicants file; writing it would destroy it\n`]);
    } finally {
      closeSync(input);
    }
    expect(readFileSync(f.input)).toEqual(APPLICANTS);
  });

  it('test --out, diff --out and ask --save: the case file, the population file, the profile', async () => {
    const cases = join(ROOT, 'fixtures', 'cases', 'm14.yaml');
    const profile = join(ROOT, 'fixtures', 'profiles', 'graduate-small-firm.yaml');
    const before = [readFileSync(cases), readFileSync(profile)];
    const f = folder('others');
    const runs: [string[], string][] = [
      [['test', cases, '--out', cases], `${cases}: --out: is a case file or folder "${cases}" (the same file, or a link to it); writing it would destroy it`],
      [['test', join(ROOT, 'fixtures', 'cases'), '--out', cases], `${cases}: --out: is inside a case file or folder "${join(ROOT, 'fixtures', 'cases')}"; write it elsewhere`],
      [['test', cases, '--out', ''], '--out: an empty file name is not allowed; give a file name'],
      [['diff', '--base', 'policies', '--population', f.input, '--out', f.input], `${f.input}: --out: is the population file "${f.input}" (the same file, or a link to it); writing it would destroy it`],
      [['diff', '--base', 'policies', '--out', dir], `${dir}: --out: is a folder; give a file name`],
      [['ask', '--profile', profile, '--save', profile], `${profile}: --save: is the profile "${profile}" (the same file, or a link to it); writing it would destroy it`],
    ];
    for (const [args, message] of runs) {
      const run = await runCli([...args, ...NO_POLICIES]);
      expect([run.code, run.stderr, run.stdout], args.join(' ')).toEqual([2, `subsidy: ${message}\n`, '']);
    }
    expect([readFileSync(cases), readFileSync(profile)]).toEqual(before);
    expect(readFileSync(f.input)).toEqual(APPLICANTS);
  });
});

describe('outputs that are not regular files are written to, never replaced', () => {
  it('a character device stays a character device', async () => {
    const f = folder('device');
    const run = await runCli(['batch', f.input, '--out', '/dev/null', '--errors', f.path('errors.csv'), '--as-of', AS_OF]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(f.list()).toEqual(['errors.csv', 'in.csv']);
  });

  it('a FIFO gets the whole output, read by another process, and stays a FIFO', async () => {
    const f = folder('fifo');
    const plain = await runCli(['batch', f.input, '--as-of', AS_OF]);
    const fifo = f.path('results.fifo');
    const made = spawn('mkfifo', [fifo]);
    expect((await once(made, 'close'))[0]).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (read += chunk));
    const readerDone = once(reader, 'close');
    const run = await runCli(['batch', f.input, '--out', fifo, '--as-of', AS_OF]);
    await readerDone;
    expect(run.code).toBe(0);
    // Like stdout, the FIFO is a stream, not a file for Excel: no BOM.
    expect(read).toBe(plain.stdout);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(f.list()).toEqual(['in.csv', 'results.fifo']);
  });

  it('/dev/stdout is standard output', async () => {
    const f = folder('stdout');
    const plain = await runCli(['batch', f.input, '--as-of', AS_OF]);
    const run = await runCli(['batch', f.input, '--out', '/dev/stdout', '--as-of', AS_OF]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(plain.stdout);
    expect(run.stdout.length).toBeGreaterThan(100);
  });

  it('a symlink keeps pointing at its target, which is replaced whole with its mode kept', async () => {
    const f = folder('symlink');
    mkdirSync(f.path('real'));
    writeFileSync(f.path('real/results.csv'), 'old results\n');
    chmodSync(f.path('real/results.csv'), 0o640);
    symlinkSync('real/results.csv', f.path('results.csv'));
    const run = await runCli(['batch', f.input, '--out', f.path('results.csv'), '--as-of', AS_OF]);
    expect(run.code).toBe(0);
    expect(readlinkSync(f.path('results.csv'))).toBe('real/results.csv');
    expect(readFileSync(f.path('real/results.csv'), 'utf8')).toMatch(/^\uFEFFid,row,status,/);
    expect(statSync(f.path('real/results.csv')).mode & 0o777).toBe(0o640);
    expect(readdirSync(f.path('real'))).toEqual(['results.csv']);
  });
});

describe('a closed stderr drops diagnostics only', () => {
  it('the batch completes, writes its files and exits 1 for its bad rows', async () => {
    const f = folder('epipe');
    // An unknown column (a warning), then more bad rows than are shown, so stderr is written again and again.
    const rows = Array.from({ length: 30 }, (_, i) => `A${i},person,${i % 2 ? 'PhD' : 'master'},-`);
    writeFileSync(f.input, ['id,applicantType,degree,remarks', ...rows].join('\n'));
    const child = spawn(process.execPath, [BIN, 'batch', f.input, '--out', f.path('r.csv'), '--errors', f.path('e.csv'), '--as-of', AS_OF], {
      cwd: ROOT,
      env: cliEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    // The reader of stderr goes away before the first line, as `2>&1 | head -0` would.
    child.stderr.destroy();
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(1);
    expect(readFileSync(f.path('r.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(31);
    expect(readFileSync(f.path('e.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(16);
    expect(f.list()).toEqual(['e.csv', 'in.csv', 'r.csv']);
  });
});

describe('a stopped batch leaves no temporary file', () => {
  for (const [signal, code, line] of [
    ['SIGTERM', 143, 'Stopped (SIGTERM).'],
    ['SIGHUP', 129, 'Stopped (SIGHUP).'],
  ] as const) {
    it(`${signal}: exit ${code}, one line, and the folder as it was`, async () => {
      const out = join(dir, signal);
      mkdirSync(out);
      const child = spawn(process.execPath, [BIN, 'batch', '-', '--out', join(out, 'r.csv'), '--errors', join(out, 'e.csv'), '--as-of', AS_OF], {
        cwd: ROOT,
        env: cliEnv(),
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const closed = once(child, 'close');
      // A large batch whose input stays open: it is working, or waiting for more rows, when the signal comes.
      child.stdin.on('error', () => undefined);
      child.stdin.write('id,applicantType,degree,socialInsuranceMonths\n');
      for (let k = 0; k < 100_000; k++) child.stdin.write(`A${k},person,${k % 1000 ? 'master' : 'PhD'},12\n`);
      // Stopped once both temporary files exist.
      while (readdirSync(out).length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
      child.kill(signal);
      const [exitCode] = (await closed) as [number];
      expect([exitCode, stderr.slice(stderr.lastIndexOf('\n', stderr.length - 2) + 1)]).toEqual([code, `${line}\n`]);
      expect(stderr.match(/Stopped|Interrupted/g)).toHaveLength(1);
      expect(readdirSync(out)).toEqual([]);
    });
  }
});
