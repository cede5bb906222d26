import { writeFileSync, readFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from './run-cli.js';

const { dir, write } = scratch('subsidy-check-');

const graduateHire = `applicantType: employer
softwareSector: true
employerSize: small
graduateOfCurrentYear: true
contractYears: 2
socialInsuranceMonths: 7
`;

describe('subsidy check', () => {
  it('prints the eligible items with figures and legal basis', async () => {
    const run = await runCli(['check', '--profile', write('hire.yaml', graduateHire), '--as-of', '2024-06-30']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/m14-graduate-hiring-subsidy/);
    expect(run.stdout).toMatch(/¥2,000 per person/);
    expect(run.stdout).toMatch(/Total of computable estimates: ¥2,000/);
    expect(run.stdout).toContain('按规定给予2000元/人一次性吸纳就业补贴');
    expect(run.stdout).toContain('就业促进和失业保险处、市就业服务管理局');
  });

  it('--json prints exactly the data object in the documented shape', async () => {
    const run = await runCli(['check', '--profile', write('hire.yaml', graduateHire), '--as-of', '2024-06-30', '--json']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ schemaVersion: 1, asOf: '2024-06-30', policy: { document: '渝人社发〔2022〕60号' }, profile: { employerSize: 'small' } });
    const item = result.eligible.find((i: { id: string }) => i.id === 'm14-graduate-hiring-subsidy');
    expect(item).toMatchObject({
      measure: 14,
      recipient: 'employer',
      amount: { kind: 'fixed', cny: 2000, unit: 'person' },
      estimateCNY: 2000,
      basis: { document: '渝人社发〔2022〕60号', measure: 14, units: ['就业促进和失业保险处', '市就业服务管理局'] },
    });
    expect(item.title).toHaveProperty('zh');
    expect(result.totalEstimateCNY).toBe(result.eligible.reduce((sum: number, i: { estimateCNY: number | null; amount: { loan?: boolean } | null }) => sum + (i.amount?.loan ? 0 : (i.estimateCNY ?? 0)), 0));
    for (const open of result.undetermined) expect(Array.isArray(open.missing)).toBe(true);
  });

  it('--all explains the items that do not apply', async () => {
    const short = graduateHire.replace('socialInsuranceMonths: 7', 'socialInsuranceMonths: 5');
    const run = await runCli(['check', '--profile', write('short.yaml', short), '--as-of', '2024-06-30', '--all']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Social-insurance months is 5, must be at least 6/);
    const json = JSON.parse((await runCli(['check', '--profile', join(dir, 'short.yaml'), '--as-of', '2024-06-30', '--json'])).stdout);
    const item = json.ineligible.find((i: { id: string }) => i.id === 'm14-graduate-hiring-subsidy');
    expect(item.unmet).toEqual([{ fact: 'socialInsuranceMonths', expected: '>= 6', actual: 5, op: 'gte', arg: 6 }]);
  });

  it('--all gives each reason in the operator table’s words, values by their labels, in zh and en', async () => {
    const reasons = async (lang: string) => {
      const run = await runCli(['check', '--profile', 'fixtures/profiles/graduate-small-firm.yaml', '--as-of', '2024-06-30', '--all', '--lang', lang], { env: { COLUMNS: '200' } });
      expect(run.code).toBe(0);
      return run.stdout.split('\n').filter((line) => /^ +(why|原因)/.test(line)).map((line) => line.trim());
    };
    const en = await reasons('en');
    expect(en).toContain('why: Contract length is 2, must be at least 3');
    expect(en).toContain('why: Hongyan plan is no, must be yes');
    expect(en).toContain('why: Applicant type is Employer, must be one of: HR service agency (incl. social organisations, individual recruiters)');
    expect(en).toContain('why: Registered unemployed before being hired is no, must be yes; Hard to employ is no, must be yes');
    expect(en).toContain('why: Startup type is None, must be one of: Small or micro enterprise, Enterprise');
    const zh = await reasons('zh');
    expect(zh).toContain('原因：劳动合同年限为2，至少 3');
    expect(zh).toContain('原因：鸿雁计划为否，须为“是”');
    expect(zh).toContain('原因：申请人类型为用人单位，须为以下之一：人力资源服务机构（含社会组织、个人引才者）');
    expect(zh).toContain('原因：受雇前已登记失业为否，须为“是”；就业困难人员为否，须为“是”');
    expect(zh).toContain('原因：创业类型为无，须为以下之一：小微企业、企业');
    // No symbol form is left in any reason.
    for (const line of [...en, ...zh]) expect(line).not.toMatch(/[<>]=?|\bin \[|= true|要求/);
  });

  it('answers in Chinese with --lang zh, and from LANG', async () => {
    const explicit = await runCli(['check', '--profile', write('hire.yaml', graduateHire), '--as-of', '2024-06-30', '--lang', 'zh']);
    expect(explicit.stdout).toMatch(/可享受/);
    expect(explicit.stdout).toMatch(/2000元\/人/);
    const fromEnv = await runCli(['check', '--profile', join(dir, 'hire.yaml'), '--as-of', '2024-06-30'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(fromEnv.stdout).toMatch(/可享受/);
  });

  it('prints a one-line notice on stderr past the parent plan period, and still runs', async () => {
    const run = await runCli(['check', '--profile', write('hire.yaml', graduateHire), '--as-of', '2026-11-26', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/past the period of the parent plan 渝府办〔2022〕21号/)]);
    expect(JSON.parse(run.stdout).notices[0].code).toBe('plan-period-ended');
  });

  it('takes local figures with --param and rejects unknown ones', async () => {
    const doctor = write('doctor.yaml', 'applicantType: district\nsoftwareSector: true\ndistrictHousingCriteria: true\ndegree: doctorate\n');
    const run = await runCli(['check', '--profile', doctor, '--as-of', '2024-06-30', '--json', '--param', 'm03-district-housing-subsidy=120000']);
    expect(run.code).toBe(0);
    const items = JSON.parse(run.stdout).eligible.map((i: { id: string; estimateCNY: number | null }) => [i.id, i.estimateCNY]);
    expect(items).toContainEqual([expect.stringMatching(/^m03-/), 50000]);
    const bad = await runCli(['check', '--profile', doctor, '--param', 'm03-district-housing-subsidi=1']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--param: m03-district-housing-subsidi: unknown parameter; did you mean "m03-district-housing-subsidy"\?/);
  });
  it('takes local figures from a --params file, naming the file when one is wrong', async () => {
    const doctor = write('doctor.yaml', 'applicantType: district\nsoftwareSector: true\ndistrictHousingCriteria: true\ndegree: doctorate\n');
    const params = write('params.yaml', 'm03-district-housing-subsidy: 60000\n');
    const run = await runCli(['check', '--profile', doctor, '--as-of', '2024-06-30', '--json', '--params', params]);
    expect(run.code).toBe(0);
    const topUp = JSON.parse(run.stdout).eligible.find((i: { id: string }) => i.id === 'm03-city-top-up-doctorate-senior');
    expect(topUp.estimateCNY).toBe(30000);
    const bad = await runCli(['check', '--profile', doctor, '--params', write('bad-params.yaml', 'm03-district-housing-subsidy: lots\n')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad-params\.yaml:1: m03-district-housing-subsidy: "lots" is not allowed; expected a plain decimal number ≥ 0 \(like 12000, 12000.5 or 12,000\)/);
  });
});

describe('check --format and --out', () => {
  it('writes the slip as HTML to --out, Chinese by default, and nothing to stdout', async () => {
    const out = join(dir, 'slip.html');
    const run = await runCli(['check', '--profile', write('hire.yaml', graduateHire), '--as-of', '2024-06-30', '--format', 'html', '--out', out]);
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/);
    expect(html).toContain('吸纳毕业年度高校毕业生一次性吸纳就业补贴');
    const english = await runCli(['check', '--profile', join(dir, 'hire.yaml'), '--as-of', '2024-06-30', '--format', 'markdown', '--lang', 'en']);
    expect(english.stdout).toMatch(/^# Subsidy guidance slip\n/);
  });

  it('--json is --format json; the two cannot disagree; a missing folder is one line and no file', async () => {
    const profile = write('hire.yaml', graduateHire);
    const json = await runCli(['check', '--profile', profile, '--as-of', '2024-06-30', '--json']);
    const format = await runCli(['check', '--profile', profile, '--as-of', '2024-06-30', '--format', 'json']);
    expect(format.stdout).toBe(json.stdout);
    const both = await runCli(['check', '--profile', profile, '--json', '--format', 'html']);
    expect(both).toMatchObject({ code: 2, stdout: '', stderr: 'subsidy: --json and --format html ask for two formats; give one\n' });
    const missing = await runCli(['check', '--profile', profile, '--as-of', '2024-06-30', '--format', 'html', '--out', join(dir, 'no-such-folder', 'slip.html')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^subsidy: .*no-such-folder.*\n$/);
  });

  it('fits COLUMNS when not a terminal, 80 columns when nothing says', async () => {
    const widest = (text: string) => Math.max(...text.split('\n').map((line) => [...line].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 2 : 1), 0)));
    const profile = ['--profile', 'fixtures/profiles/master.yaml', '--as-of', '2024-06-30', '--lang', 'zh'];
    expect(widest((await runCli(['check', ...profile], { env: { COLUMNS: '60' } })).stdout)).toBeLessThanOrEqual(60);
    const plain = (await runCli(['check', ...profile])).stdout;
    expect(widest(plain)).toBeLessThanOrEqual(80);
    expect(widest(plain)).toBeGreaterThan(70);
  });
});

describe('bad input', () => {
  it.each([
    ['unknown fact', 'degree: master\nsocialInsuranceMonth: 6\n', /p\.yaml:2: socialInsuranceMonth: unknown fact; did you mean "socialInsuranceMonths"\?/],
    ['value outside the set', 'degree: phd\n', /p\.yaml:1: degree: "phd" is not allowed; expected one of none, secondary, associate, bachelor, master, doctorate/],
    ['negative months', 'socialInsuranceMonths: -3\n', /p\.yaml:1: socialInsuranceMonths: -3 is not allowed; expected a whole number ≥ 0/],
    ['words for a number', 'contractYears: three\n', /p\.yaml:1: contractYears: "three" is not allowed; expected a number ≥ 0/],
    ['broken YAML', 'degree: [master\n', /p\.yaml:\d+: not valid YAML/],
  ])('%s: exit 2, one line naming file, line, fact and what is allowed', async (_name, text, message) => {
    const run = await runCli(['check', '--profile', write('p.yaml', text), '--as-of', '2024-06-30']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports every problem of a profile, one line each', async () => {
    const run = await runCli(['check', '--profile', write('p.yaml', 'degree: phd\ntitle: professor\n')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(2);
  });

  it('a missing profile file', async () => {
    const run = await runCli(['check', '--profile', join(dir, 'nope.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nope\.yaml: cannot read profile: no such file/);
  });

  it('a bad date and a bad flag', async () => {
    const date = await runCli(['check', '--profile', write('hire.yaml', graduateHire), '--as-of', '2024-02-30']);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/--as-of: "2024-02-30" is not a date; expected YYYY-MM-DD/);
    const flag = await runCli(['check', '--profil', 'x.yaml']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/unknown option '--profil'/);
    const lang = await runCli(['check', '--profile', join(dir, 'hire.yaml'), '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toMatch(/Allowed choices are zh, en/);
  });

  it('a broken policy file: exit 2 with file:line: path: message', async () => {
    const policies = join(dir, 'policies');
    const { cpSync, readFileSync } = await import('node:fs');
    cpSync('policies', policies, { recursive: true });
    const file = join(policies, 'measures', '14-hiring-subsidies.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('{ fact: socialInsuranceMonths, gte: 6 }', '{ fact: socialInsuranceMonth, gte: 6 }'));
    const run = await runCli(['check', '--profile', write('hire.yaml', graduateHire), '--policies', policies]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/14-hiring-subsidies\.yaml:\d+: items\.1\.when\.all\.3\.any\.0\.all\.2: fact "socialInsuranceMonth" is not declared; did you mean "socialInsuranceMonths"\?/);
    const lint = await runCli(['lint', '--policies', policies]);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/14-hiring-subsidies\.yaml:\d+: items\.1\.when\.all\.3\.any\.0\.all\.2: fact "socialInsuranceMonth"/);
  });
});

describe('the program', () => {
  it('--help lists the commands and exit codes; --version, -v and -V print the version and the policy document', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/check \[options\]/);
    expect(help.stdout).toMatch(/Exit codes: 0/);
    const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
    for (const flag of ['--version', '-v', '-V']) {
      const run = await runCli([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`subsidy ${version}\npolicy 渝人社发〔2022〕60号, issued 2022-12-12\n`);
    }
  });

  it.each(['check', 'list', 'lint', 'facts'])('%s --help shows an example', async (command) => {
    const run = await runCli([command, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Example:\n\s+\$ subsidy /);
  });

  it('an unknown command is a usage error', async () => {
    const run = await runCli(['chek']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown command 'chek'/);
    expect(run.stderr).toMatch(/Did you mean check\?/);
  });
});

describe('subsidy list and lint', () => {
  it('list --json has all 25 measures, each item with figures and basis', async () => {
    const run = await runCli(['list', '--json']);
    expect(run.code).toBe(0);
    const data = JSON.parse(run.stdout);
    expect(data.measures.map((m: { measure: number }) => m.measure)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    for (const measure of data.measures) {
      expect(measure.items.length > 0 || measure.note !== null).toBe(true);
      for (const item of measure.items) expect(item.basis.quote.length).toBeGreaterThan(0);
    }
  });

  it('list prints every measure in words', async () => {
    const run = await runCli(['list', '--lang', 'zh']);
    expect(run.code).toBe(0);
    for (let n = 1; n <= 25; n++) expect(run.stdout).toMatch(new RegExp(`^${n}\\. `, 'm'));
  });

  it('lint passes the shipped policies', async () => {
    const run = await runCli(['lint']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/25 measures, \d+ items, no problems/);
  });
});
