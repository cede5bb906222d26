import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, runCli } from './run-cli.js';

let dir: string;
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
/** Files are named in reports as the user would type them from the working directory (the repository root here). */
const shown = (path: string) => relative(ROOT, path);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'subsidy-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// m14-graduate-hiring-subsidy needs 6 months of social insurance: with 7 the small software employer gets 2,000.
const passing = `- name: small firm hires this year's graduate
  asOf: 2024-06-30
  profile: {applicantType: employer, softwareSector: true, employerSize: small, graduateOfCurrentYear: true, contractYears: 2, socialInsuranceMonths: 7}
  expect:
    eligible: [m14-graduate-hiring-subsidy]
    estimates: {m14-graduate-hiring-subsidy: 2000}
`;

// With 3 months the item is ineligible, so both expectations fail.
const failing = `# a case written before the 6-month rule was noticed
- name: three months of insurance
  asOf: 2024-06-30
  profile: {applicantType: employer, softwareSector: true, employerSize: small, graduateOfCurrentYear: true, contractYears: 2, socialInsuranceMonths: 3}
  expect:
    eligible: [m14-graduate-hiring-subsidy]  # the rule needs 6 months
    estimates: {m14-graduate-hiring-subsidy: 2000}
`;

describe('subsidy test', () => {
  it('runs the shipped cases by default and they all pass', async () => {
    const run = await runCli(['test']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^fixtures\/cases\/m01\.yaml\n  ✓ /);
    expect(run.stdout).toMatch(/\n\d+ cases in \d+ files: (\d+) passed, 0 failed\n$/);
  });

  it('shows a failing case with expected against actual and the reason, and exits 1', async () => {
    const file = write('cases.yaml', passing + failing.replace(/^#.*\n/, ''));
    const run = await runCli(['test', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  ✓ small firm hires this year\'s graduate\n');
    expect(run.stdout).toContain(`  ✗ three months of insurance (${shown(file)}:7, as of 2024-06-30)\n`);
    expect(run.stdout).toContain(
      '      m14-graduate-hiring-subsidy: expected eligible, got ineligible — Social-insurance months is 3, must be at least 6\n',
    );
    expect(run.stdout).toContain('      m14-graduate-hiring-subsidy: expected estimate ¥2,000, got no estimate (the item is ineligible');
    expect(run.stdout).toMatch(/2 cases in 1 file: 1 passed, 1 failed\n$/);
  });

  it('writes JUnit XML to --out (creating its folder) through a temporary file, and prints the pretty report', async () => {
    const cases = write('cases.yaml', passing + failing.replace(/^#.*\n/, ''));
    const out = join(dir, 'results', 'junit.xml');
    const run = await runCli(['test', cases, '--reporter', 'junit', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ three months of insurance');
    const xml = readFileSync(out, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="subsidy test" tests="2" failures="1" errors="0">\n/);
    expect(xml).toContain(`<testcase classname="${shown(cases)}" name="small firm hires this year&apos;s graduate" file="${shown(cases)}" line="1"/>`);
    expect(xml).toContain('<failure type="expectation" message="2 expectations not met">m14-graduate-hiring-subsidy: expected eligible, got ineligible');
    expect(readdirSync(join(dir, 'results'))).toEqual(['junit.xml']);
  });

  it('prints the same bytes twice: no time or duration in any report', async () => {
    const cases = write('cases.yaml', passing + failing.replace(/^#.*\n/, ''));
    for (const reporter of ['pretty', 'junit', 'json']) {
      const [first, second] = await Promise.all([runCli(['test', cases, '--reporter', reporter]), runCli(['test', cases, '--reporter', reporter])]);
      expect(first.stdout).toBe(second.stdout);
    }
  });

  it('prints exactly the data with --reporter json', async () => {
    const run = await runCli(['test', write('cases.yaml', failing), '--reporter', 'json']);
    expect(run.code).toBe(1);
    const data = JSON.parse(run.stdout);
    expect([data.passed, data.failed]).toEqual([0, 1]);
    expect(data.cases[0].checks[0]).toMatchObject({ kind: 'status', expected: 'eligible', actual: 'ineligible', why: { unmet: [{ fact: 'socialInsuranceMonths', actual: 3 }] } });
  });

  it('--update lists the changes, rewrites the expectations keeping comments, and the cases then pass', async () => {
    const file = write('cases.yaml', failing);
    const run = await runCli(['test', file, '--update']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `${shown(file)}: three months of insurance\n` +
        '  m14-graduate-hiring-subsidy: eligible → ineligible\n' +
        '  m14-graduate-hiring-subsidy estimate: ¥2,000 → no estimate\n' +
        'Updated 2 expectations in 1 file.\n',
    );
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# a case written before the 6-month rule was noticed\n- name: three months of insurance\n/);
    expect(text).toContain('    estimates: {m14-graduate-hiring-subsidy: null}\n    ineligible: [m14-graduate-hiring-subsidy]\n');
    expect((await runCli(['test', file])).code).toBe(0);
  });

  it('--update edits the file in place: CRLF line endings, a symlink to the file and its mode are kept', async () => {
    mkdirSync(join(dir, 'shared'));
    const target = join(dir, 'shared', 'cases.yaml');
    writeFileSync(target, failing.replace(/\n/g, '\r\n'));
    chmodSync(target, 0o640);
    const link = join(dir, 'cases.yaml');
    symlinkSync(join('shared', 'cases.yaml'), link);
    const run = await runCli(['test', link, '--update']);
    expect(run.code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(join('shared', 'cases.yaml'));
    const text = readFileSync(target, 'utf8');
    expect(text).toContain('    estimates: {m14-graduate-hiring-subsidy: null}\r\n    ineligible: [m14-graduate-hiring-subsidy]\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(dir, 'shared'))).toEqual(['cases.yaml']);
    expect((await runCli(['test', link])).code).toBe(0);
  });

  it('--coverage counts and lists the items and branches the cases leave out', async () => {
    const run = await runCli(['test', write('cases.yaml', passing), '--coverage']);
    expect(run.code).toBe(0);
    const list = (title: string) => {
      const match = new RegExp(`\\n${title} \\((\\d+)\\):\\n((?:  .*\\n)*)`).exec(run.stdout);
      return match ? match[2]!.trim().split(/\n\s*/) : [];
    };
    // One case: the graduate subsidy is granted but never refused, and no comparison is seen both ways.
    expect(list('No case makes these items eligible')).not.toContain('m14-graduate-hiring-subsidy');
    expect(list('No case rules these items out')).toContain('m14-graduate-hiring-subsidy');
    expect(run.stdout).toMatch(/\n  branches seen both ways: +0 of (\d+)\n/);
    expect(list('Branches not seen both holding and failing')).toContain('m14-graduate-hiring-subsidy when.all.3.any.0.all.2: socialInsuranceMonths >= 6 (never fails)');
  });

  it('--coverage on the shipped cases finds every item eligible and ruled out somewhere', async () => {
    const run = await runCli(['test', '--coverage']);
    const [, eligible, items] = /items made eligible by some case: (\d+) of (\d+)/.exec(run.stdout)!;
    const [, ruledOut] = /items ruled out by some case: +(\d+) of/.exec(run.stdout)!;
    expect([eligible, ruledOut]).toEqual([items, items]);
  });

  it('rejects a typo, an unknown item and a bad profile with file:line, exit 2', async () => {
    const file = write(
      'bad.yaml',
      `- name: typo
  asOf: 2024-06-30
  profile: {applicantType: employer, employerSize: huge}
  expect:
    eligible: [m14-graduate-hiring]
    ineligibel: []
`,
    );
    const run = await runCli(['test', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `subsidy: ${shown(file)}:6: 0.expect.ineligibel: unknown key; did you mean "ineligible"? (allowed: eligible, ineligible, undetermined, estimates, total)\n` +
        `subsidy: ${shown(file)}:3: 0.profile.employerSize: "huge" is not allowed; expected one of micro, small, medium, large\n`,
    );
    const ids = await runCli(['test', write('ids.yaml', passing.replace('eligible: [m14-graduate-hiring-subsidy]', 'eligible: [m14-graduate-hiring]'))]);
    expect(ids.code).toBe(2);
    expect(ids.stderr).toMatch(/^subsidy: .*ids\.yaml:5: 0\.expect\.eligible\.0: no item has the id "m14-graduate-hiring"; did you mean "m14-graduate-hiring-subsidy"\?/);
  });

  it('says what to do when there is no case file to run', async () => {
    const run = await runCli(['test'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('subsidy: no case files given, and there is no fixtures/cases folder here\n');
    const missing = await runCli(['test', join(dir, 'nope.yaml')]);
    expect(missing.stderr).toBe(`subsidy: ${join(dir, 'nope.yaml')}: no such file or folder\n`);
  });
});
