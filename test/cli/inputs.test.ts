import { rmSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { DECLARED } from '../support/facts.js';
import { resolveParams } from '../../src/cli/context.js';
import { parseProfileText } from '../../src/facts/profile.js';
import { formatProblem, InputError } from '../../src/util/problems.js';
import { smallPolicy } from '../unit/small-policy.js';
import { runCli, scratch } from './run-cli.js';
import { memoryIo } from '../support/memory-io.js';

const { dir, write } = scratch('subsidy-inputs-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const check = (profile: string, ...args: string[]) => runCli(['check', '--profile', profile, '--as-of', '2024-06-30', ...args]);

describe('hostile and odd input files', () => {
  it('an alias bomb in a profile: one located line, exit 2, never "unexpected error"', async () => {
    const bomb = write('bomb.yaml', 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n');
    const run = await check(bomb);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`subsidy: ${bomb}:2: the file expands aliases (*name) too often (more than 100 times); write the values out\n`);
  });

  it('a GBK profile (as Notepad saves "ANSI" on Chinese Windows) is read with a notice, not reported as garbage', async () => {
    const gbk = write('gbk.yaml', '');
    writeFileSync(gbk, iconv.encode('applicantType: 个人\ndegree: 硕士\n', 'gbk'));
    const run = await check(gbk, '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`subsidy: ${gbk}: the file is not UTF-8; read it as GBK\n`);
    expect(JSON.parse(run.stdout).profile).toEqual({ applicantType: 'person', degree: 'master' });
  });

  it('a UTF-16 profile with a BOM (Notepad\'s "Unicode") is read as it is', async () => {
    const utf16 = write('utf16.yaml', '');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('degree: 硕士\n', 'utf16le')]));
    const run = await check(utf16, '--json');
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).profile).toEqual({ degree: 'master' });
  });

  it('control characters from a profile key reach the terminal as escapes, never raw', async () => {
    const run = await check(write('ctl.yaml', '"\\e[2Jdegree": master\n'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('\\u{1b}[2Jdegree: unknown fact');
    expect(run.stderr).not.toContain('\u001b');
  });

  it('a profile over the size limit is refused before it is parsed', async () => {
    const big = write('big.yaml', `# ${'x'.repeat(1024 * 1024)}\n`);
    const run = await check(big);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`subsidy: ${big}: the file is larger than 1 MiB, the limit for a profile\n`);
  });
});

describe('a profile with many unknown keys', () => {
  const profile = (keys: number) => Array.from({ length: keys }, (_, i) => `k${i}: ${i}`).join('\n');

  it('summarises them: the count, then the first 5 on their lines', async () => {
    const result = await parseProfileText(`degree: master\n${profile(50_000)}`, 'p.yaml', DECLARED);
    expect(!result.ok && result.problems.map((p) => formatProblem(p, 'en'))).toEqual([
      'p.yaml: 50,000 unknown facts, first 5:',
      'p.yaml:2: k0: unknown fact (see "subsidy facts" for the list)',
      'p.yaml:3: k1: unknown fact (see "subsidy facts" for the list)',
      'p.yaml:4: k2: unknown fact (see "subsidy facts" for the list)',
      'p.yaml:5: k3: unknown fact (see "subsidy facts" for the list)',
      'p.yaml:6: k4: unknown fact (see "subsidy facts" for the list)',
    ]);
  });

  it('in time linear in their number (50,000 took 220 s)', async () => {
    // The best of three runs, so that a busy machine does not decide; four times the keys, about four times the time.
    const timeFor = async (keys: number) => {
      const text = profile(keys);
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        expect((await parseProfileText(text, 'p.yaml', DECLARED)).ok).toBe(false);
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    await timeFor(1000);
    expect(await timeFor(40_000)).toBeLessThan(10 * (await timeFor(10_000)) + 200);
  });
});

describe('--param and --params take plain decimals only', () => {
  const set = smallPolicy();
  const problemsOf = async (options: { param: string[]; params?: string }) => {
    try {
      // No environment: no user config file; the repository has no subsidy.config.yaml.
      return await resolveParams(set, options, memoryIo({ cwd: process.cwd() }));
    } catch (error) {
      if (error instanceof InputError) return error.problems.map((p) => formatProblem(p, 'en'));
      throw error;
    }
  };
  const allowed = 'is not allowed; expected a plain decimal number ≥ 0 (like 12000, 12000.5 or 12,000)';

  it.each(['0x10', '1,0,0', '1e3', 'Infinity', '', ' ', '-1', '12,00', '1.2.3', '0b1', 'NaN', '１２'])('refuses %j, saying what is allowed', async (value) => {
    expect(await problemsOf({ param: [`m01-local-rate=${value}`] })).toEqual([`--param: m01-local-rate: ${JSON.stringify(value)} ${allowed}`]);
  });

  it.each([
    ['12000', 12000],
    ['12000.5', 12000.5],
    ['12,000', 12000],
    ['1,234,567.25', 1234567.25],
    ['0', 0],
    ['.5', 0.5],
  ])('takes %j as %d', async (value, number) => {
    expect(await problemsOf({ param: [`m01-local-rate=${value}`] })).toEqual({ 'm01-local-rate': number });
  });

  it('refuses the same in a --params file, on its line; .inf is no longer "null is not allowed"', async () => {
    const file = write('params.yaml', 'm01-local-rate: .inf\n');
    expect(await problemsOf({ param: [], params: file })).toEqual([`${file}:1: m01-local-rate: .inf ${allowed.replace(' ≥ 0', '')}`]);
    const hex = write('hex.yaml', '# local figures\nm01-local-rate: "0x10"\n');
    expect(await problemsOf({ param: [], params: hex })).toEqual([`${hex}:2: m01-local-rate: "0x10" ${allowed}`]);
  });
});
