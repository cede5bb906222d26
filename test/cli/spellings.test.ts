import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from './run-cli.js';

// What people type, through the commands: a profile written in Chinese (also saved as GBK), CSV cells and --set all
// read the spellings facts.yaml declares; see test/unit/spellings.test.ts for every spelling in every form.

const { write } = scratch('subsidy-spellings-');
const AS_OF = '2024-06-30';
const json = (text: string) => JSON.parse(text) as { profile: Record<string, unknown>; scenario?: unknown };

/** The same applicant, as people write it and as the canonical values. */
const WRITTEN = {
  申请人类型: '用人单位',
  学历: '硕士研究生',
  软件和信息服务业: '√',
  企业规模: '小型',
  毕业年度高校毕业生: '对',
  劳动合同年限: '2年',
  社保月数: '６个月',
  见习留用率: '60%',
  年薪倍数: '1.5倍',
  残疾人员: '错',
  登记失业: '不知道',
};
const CANONICAL = {
  applicantType: 'employer',
  degree: 'master',
  salaryMultiple: 1.5,
  contractYears: 2,
  socialInsuranceMonths: 6,
  softwareSector: true,
  graduateOfCurrentYear: true,
  disabled: false,
  employerSize: 'small',
  internRetentionRate: 0.6,
};
const yaml = (profile: Record<string, unknown>) => Object.entries(profile).map(([key, value]) => `${key}: ${value}`).join('\n') + '\n';

describe('spellings through the commands', () => {
  it('a profile in Chinese (keys and values as people write them) is the canonical profile, with the same results', async () => {
    const written = await runCli(['check', '--profile', write('written.yaml', yaml(WRITTEN)), '--as-of', AS_OF, '--json']);
    const canonical = await runCli(['check', '--profile', write('canonical.yaml', yaml(CANONICAL)), '--as-of', AS_OF, '--json']);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(canonical.code);
    expect(json(written.stdout).profile).toEqual(CANONICAL);
    expect(written.stdout).toBe(canonical.stdout);
  });

  it('a Chinese-keyed profile saved as GBK or UTF-16 is decoded with a notice, never garbled', async () => {
    const gbk = write('gbk.yaml', '');
    writeFileSync(gbk, iconv.encode(yaml(WRITTEN), 'gbk'));
    const run = await runCli(['check', '--profile', gbk, '--as-of', AS_OF, '--json']);
    expect(run.stderr).toBe(`subsidy: ${gbk}: the file is not UTF-8; read it as GBK\n`);
    expect(json(run.stdout).profile).toEqual(CANONICAL);
    const utf16 = write('utf16.yaml', '');
    writeFileSync(utf16, Buffer.from(yaml(WRITTEN), 'utf16le'));
    const without = await runCli(['check', '--profile', utf16, '--as-of', AS_OF, '--json']);
    expect(without.stderr).toBe(`subsidy: ${utf16}: the file is not UTF-8; read it as UTF-16LE\n`);
    expect(json(without.stdout).profile).toEqual(CANONICAL);
  });

  it('a fact given twice (学历 and degree) and an ambiguous value are refused on their lines, exit 2', async () => {
    const file = write('twice.yaml', '学历: 硕士\nsoftwareSector: 是\ndegree: master\n企业规模: 小微\n');
    const run = await runCli(['check', '--profile', file, '--as-of', AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        `subsidy: ${file}:1: 学历: "degree" and "学历" both give degree; keep one`,
        `subsidy: ${file}:4: 企业规模: "小微" is ambiguous: it may mean micro (微型) or small (小型); write one of them`,
        '',
      ].join('\n'),
    );
  });

  it('CSV cells as people write them give the rows the canonical cells give', async () => {
    const header = Object.keys(WRITTEN).join(',');
    const rows = [Object.values(WRITTEN).join(','), '个人,博士研究生,Y,中型,有,6个月,1年,57％,２倍,×,空', '个人,学士,是,微型,N,1,12,0.5,2x,无,不清楚'];
    const canonicalRows = ['employer,master,true,small,true,2,6,0.6,1.5,false,', 'person,doctorate,true,medium,true,0.5,12,0.57,2,false,', 'person,bachelor,true,micro,false,1,12,0.5,2,false,'];
    const written = await runCli(['batch', write('written.csv', [header, ...rows].join('\r\n')), '--as-of', AS_OF]);
    const canonical = await runCli(['batch', write('canonical.csv', ['applicantType,degree,softwareSector,employerSize,graduateOfCurrentYear,contractYears,socialInsuranceMonths,internRetentionRate,salaryMultiple,disabled,registeredUnemployed', ...canonicalRows].join('\r\n')), '--as-of', AS_OF]);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(canonical.stdout);
    expect(written.stdout.split('\r\n').filter(Boolean)).toHaveLength(4);

    // The same cells typed into a workbook, as text cells, go through the same table.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('申请人');
    for (const line of [header, ...rows]) sheet.addRow(line.split(','));
    const xlsx = write('written.xlsx', '');
    await workbook.xlsx.writeFile(xlsx);
    const fromWorkbook = await runCli(['batch', xlsx, '--as-of', AS_OF]);
    expect(fromWorkbook.stderr).toBe(canonical.stderr);
    expect(fromWorkbook.code).toBe(0);
    expect(fromWorkbook.stdout).toBe(canonical.stdout);
  });

  it('--set takes labels and spellings, and refuses an ambiguous one with the choices', async () => {
    const profile = write('base.yaml', yaml(CANONICAL));
    const spelled = await runCli(['check', '--profile', profile, '--as-of', AS_OF, '--json', '--set', '社保月数=1年', '--set', '学历=博士研究生', '--set', 'disabled=不知道']);
    const plain = await runCli(['check', '--profile', profile, '--as-of', AS_OF, '--json', '--set', 'socialInsuranceMonths=12', '--set', 'degree=doctorate', '--set', 'disabled=']);
    expect(spelled.code).toBe(plain.code);
    expect(spelled.stdout).toBe(plain.stdout);
    const ambiguous = await runCli(['check', '--profile', profile, '--as-of', AS_OF, '--set', '学历=研究生']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toBe('subsidy: --set: degree: "研究生" is ambiguous: it may mean master (硕士) or doctorate (博士); write one of them\n');
  });
});
