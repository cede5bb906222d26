import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './run-cli.js';

const dir = tempDir('subsidy-diff-');
let head: string;
const MEASURE_14 = 'measures/14-hiring-subsidies.yaml';

/** The bundled policies with the graduate hiring subsidy needing 3 months instead of 6 and paying 3,000 instead of 2,000. */
function loosen(policies: string): void {
  const file = join(policies, MEASURE_14);
  const text = readFileSync(file, 'utf8');
  const changed = text
    .replace('{ fact: socialInsuranceMonths, gte: 6 }', '{ fact: socialInsuranceMonths, gte: 3 }')
    .replace('amount: { kind: fixed, cny: 2000, unit: person }', 'amount: { kind: fixed, cny: 3000, unit: person }');
  if (changed === text) throw new Error('measure 14 no longer has the lines this test edits');
  writeFileSync(file, changed);
}

const RULE_LINE = 'm14-graduate-hiring-subsidy: Social-insurance months: must be at least 6 → must be at least 3; amount ¥2,000 per person → ¥3,000 per person';

beforeAll(() => {
  head = join(dir, 'head');
  cpSync(join(ROOT, 'policies'), head, { recursive: true });
  loosen(head);
});

// Small software employers hiring this year's graduate with 2-year contracts: 4 months gains the subsidy under head,
// 12 months keeps it at 3,000 instead of 2,000, a large employer gets it under neither. Row 4 has a bad cell.
const POPULATION = `id,applicantType,softwareSector,employerSize,graduateOfCurrentYear,contractYears,socialInsuranceMonths
A,employer,yes,small,yes,2,4
B,employer,yes,small,yes,2,12
C,employer,yes,large,yes,2,12
D,employer,yes,huge,yes,2,12
`;

describe('subsidy diff', () => {
  it('says what changed in the rules, in words, between two folders', async () => {
    const run = await runCli(['diff', '--base', 'policies', '--head', head]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Policy diff policies → ${head}\n\nItems changed (1)\n  ${RULE_LINE}\n`);
  });

  it('words a moved threshold with the operator table in zh, and gives it as data in --json', async () => {
    const zh = await runCli(['diff', '--base', 'policies', '--head', head, '--lang', 'zh']);
    expect(zh.stdout).toBe(`政策差异 policies → ${head}\n\n修改项目（1）\n  m14-graduate-hiring-subsidy: 社保月数：至少 6 → 至少 3; 金额 2000元/人 → 3000元/人\n`);
    const json = JSON.parse((await runCli(['diff', '--base', 'policies', '--head', head, '--json'])).stdout);
    expect(json.rules.items.changed[0].changes[0].details).toEqual([{ change: 'moved', fact: 'socialInsuranceMonths', before: { op: 'gte', arg: 6 }, after: { op: 'gte', arg: 3 } }]);
  });

  it('exits 1 with --fail-on-change only when something changed', async () => {
    expect((await runCli(['diff', '--base', 'policies', '--head', head, '--fail-on-change'])).code).toBe(1);
    const same = await runCli(['diff', '--base', 'policies', '--head', 'policies', '--fail-on-change']);
    expect([same.code, same.stdout]).toEqual([0, 'Policy diff policies → policies\n\nNo rule changes.\n']);
  });

  it('counts who gains and who loses on a population, and lists the changed applicants', async () => {
    const csv = join(dir, 'population.csv');
    writeFileSync(csv, POPULATION);
    const run = await runCli(['diff', '--base', 'policies', '--head', head, '--population', csv, '--as-of', '2024-06-30']);
    expect(run.code).toBe(0);
    const population = run.stdout.slice(run.stdout.indexOf('Population'));
    expect(population).toContain(`Population ${csv} as of 2024-06-30: 3 applicants, 2 with changed results; 1 row with errors skipped\n`);
    // A gains 3,000; B's 2,000 becomes 3,000: +4,000 in all.
    expect(population).toMatch(/\n {2}m14-graduate-hiring-subsidy +1 +0 +0 {2}\+¥4,000\n/);
    expect(population).toContain('  row 1 (A): +m14-graduate-hiring-subsidy; total ¥0 → ¥3,000\n');
    expect(population).toContain('  row 2 (B): m14-graduate-hiring-subsidy ¥2,000 → ¥3,000; total ¥2,000 → ¥3,000\n');
    expect(population).toMatch(/row 4 \(D\) skipped: column employerSize: "huge" is not allowed/);
    expect(population).not.toContain('(C)');
  });

  it('judges --fail-on-change by outcomes when given a population: a change nobody meets passes', async () => {
    const csv = join(dir, 'nobody.csv');
    writeFileSync(csv, 'id,applicantType,softwareSector\nX,district,yes\n');
    const run = await runCli(['diff', '--base', 'policies', '--head', head, '--population', csv, '--as-of', '2024-06-30', '--fail-on-change']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(RULE_LINE);
    expect(run.stdout).toContain('1 applicant, 0 with changed results');
  });

  it('lists the first --limit changed applicants on screen and all of them in --out, the same bytes every run', async () => {
    const args = ['diff', '--base', 'policies', '--head', head, '--population', 'fixtures/population/sample.csv', '--as-of', '2024-06-30'];
    const out = join(dir, 'diff.txt');
    const first = await runCli([...args, '--limit', '2', '--out', out]);
    const firstFile = readFileSync(out, 'utf8');
    const second = await runCli([...args, '--limit', '2', '--out', out]);
    expect([second.stdout, readFileSync(out, 'utf8')]).toEqual([first.stdout, firstFile]);
    const noOut = await runCli([...args, '--limit', '2']);
    const json = JSON.parse((await runCli([...args, '--json'])).stdout);
    expect(json.population.applicants).toBe(200);
    const changed = json.population.changed.length;
    expect(changed).toBeGreaterThan(2);
    expect(first.stdout).toContain(`Changed applicants (first 2 of ${changed}; all in ${out})`);
    expect(noOut.stdout).toContain(`Changed applicants (first 2 of ${changed}; --out FILE lists all)`);
    expect(first.stdout.match(/^ {2}row \d+ /gm)).toHaveLength(2);
    expect(firstFile.match(/^ {2}row \d+ \(S\d{4}\): /gm)).toHaveLength(changed);
    // The total moves by the sum of the applicants' changes.
    const sum = json.population.changed.reduce((total: number, row: { totalBefore: number; totalAfter: number }) => total + row.totalAfter - row.totalBefore, 0);
    expect(json.population.totalEstimate.change).toBeCloseTo(sum, 2);
  });

  it('reads a git revision with git, leaving the working tree and index as they were', async () => {
    const repo = join(dir, 'repo');
    cpSync(join(ROOT, 'policies'), join(repo, 'policies'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'policies');
    loosen(join(repo, 'policies'));
    const before = git('status', '--porcelain');
    const fromGit = await runCli(['diff', '--base', 'HEAD', '--policies', 'policies'], { cwd: repo });
    expect(fromGit.stderr).toBe('');
    expect(fromGit.stdout).toBe(`Policy diff HEAD → policies\n\nItems changed (1)\n  ${RULE_LINE}\n`);
    expect(git('status', '--porcelain')).toBe(before);
    expect(readFileSync(join(repo, 'policies', MEASURE_14), 'utf8')).toContain('gte: 3 }');
    const missing = await runCli(['diff', '--base', 'no-such-branch', '--policies', 'policies'], { cwd: repo });
    expect([missing.code, missing.stderr]).toEqual([2, 'subsidy: --base: "no-such-branch" is neither a folder nor a git revision\n']);
  });

  it('needs --base, and names the side whose policies are broken', async () => {
    const none = await runCli(['diff']);
    expect([none.code, none.stderr]).toEqual([2, 'subsidy: diff needs --base DIR|GITREF: the policies to compare against (e.g. --base main), or --reading ID=OPTION: the same policies under another reading\n']);
    const broken = join(dir, 'broken');
    cpSync(join(ROOT, 'policies'), broken, { recursive: true });
    writeFileSync(join(broken, MEASURE_14), readFileSync(join(broken, MEASURE_14), 'utf8').replace('recipient: employer', 'recipient: boss'));
    const run = await runCli(['diff', '--base', broken, '--head', 'policies']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^subsidy: .*14-hiring-subsidies\.yaml:\d+: items\.0\.recipient: /);
  });
});
