import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { chineseNumeral, standard, usual } from '../support/chinese-numerals.js';
import { runCli, scratch } from './run-cli.js';

// Numbers in Chinese numerals, through the commands: a profile, --set, batch CSV cells and workbook cells read them
// as the digits they stand for (see test/unit/chinese-numeral.test.ts for the numerals themselves).

const { dir, write } = scratch('subsidy-numerals-');
const AS_OF = '2024-06-30';
const yaml = (profile: Record<string, unknown>) => Object.entries(profile).map(([key, value]) => `${key}: ${value}`).join('\n') + '\n';

/** An employer hiring a graduate, as a caseworker writes it, and in digits. */
const WRITTEN = { 申请人类型: '用人单位', 软件和信息服务业: '是', 企业规模: '小型', 毕业年度高校毕业生: '是', 劳动合同年限: '两年', 社保月数: '十二个月', 年薪: '十二万' };
const DIGITS = { ...WRITTEN, 劳动合同年限: '2', 社保月数: '12', 年薪: '120000' };

describe('Chinese numerals through the commands', () => {
  it('check --profile reads 社保月数: 十二个月 (and 两年, 十二万) as the digits, with the same report', async () => {
    const written = await runCli(['check', '--profile', write('written.yaml', yaml(WRITTEN)), '--as-of', AS_OF, '--json']);
    const digits = await runCli(['check', '--profile', write('digits.yaml', yaml(DIGITS)), '--as-of', AS_OF, '--json']);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect((JSON.parse(written.stdout) as { profile: Record<string, unknown> }).profile).toMatchObject({ contractYears: 2, socialInsuranceMonths: 12, annualSalary: 120_000 });
    expect(written.stdout).toBe(digits.stdout);
    const text = await runCli(['check', '--profile', write('written.yaml', yaml(WRITTEN)), '--as-of', AS_OF, '--lang', 'zh']);
    expect(text.stdout).toBe((await runCli(['check', '--profile', write('digits.yaml', yaml(DIGITS)), '--as-of', AS_OF, '--lang', 'zh'])).stdout);
  });

  it('a numeral that is not the standard form is refused on its line, saying Chinese numerals are read, exit 2', async () => {
    const file = write('vague.yaml', '申请人类型: 个人\n社保月数: 十几个月\n年薪: 一万二\n');
    const run = await runCli(['check', '--profile', file, '--as-of', AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      [
        `subsidy: ${file}:2: 社保月数: "十几个月" is not allowed; expected a whole number ≥ 0, in digits or Chinese numerals`,
        `subsidy: ${file}:3: 年薪: "一万二" is not allowed; expected a number ≥ 0, in digits or Chinese numerals`,
        '',
      ].join('\n'),
    );
    const zh = await runCli(['check', '--profile', file, '--as-of', AS_OF, '--lang', 'zh']);
    expect(zh.stderr).toBe(
      [
        `subsidy：${file}:2：社保月数：“十几个月”不是允许的值；应为不小于 0 的整数，阿拉伯数字或中文数字均可`,
        `subsidy：${file}:3：年薪：“一万二”不是允许的值；应为不小于 0 的数，阿拉伯数字或中文数字均可`,
        '',
      ].join('\n'),
    );
  });

  it('--set socialInsuranceMonths=十二 is --set socialInsuranceMonths=12; 十几 is refused', async () => {
    const profile = write('base.yaml', yaml({ ...DIGITS, 社保月数: '3' }));
    const written = await runCli(['check', '--profile', profile, '--as-of', AS_OF, '--json', '--set', 'socialInsuranceMonths=十二', '--set', '年薪=一万二千']);
    const digits = await runCli(['check', '--profile', profile, '--as-of', AS_OF, '--json', '--set', 'socialInsuranceMonths=12', '--set', '年薪=12000']);
    expect(written.code).toBe(digits.code);
    expect(written.stdout).toBe(digits.stdout);
    expect(written.stdout).toContain('"socialInsuranceMonths": 12');
    const vague = await runCli(['check', '--profile', profile, '--as-of', AS_OF, '--set', 'socialInsuranceMonths=十几']);
    expect(vague.code).toBe(2);
    expect(vague.stderr).toBe('subsidy: --set: socialInsuranceMonths: "十几" is not allowed; expected a whole number ≥ 0, in digits or Chinese numerals\n');
  });

  it('a batch CSV with Chinese-numeral cells gives, byte for byte, the results of the same file in digits; a workbook of them too', async () => {
    const header = '编号,申请人类型,软件和信息服务业,企业规模,毕业年度高校毕业生,劳动合同年限,社保月数,年薪,离校年限,见习人·月数（见习人数×月数）';
    // id, the other cells, then the numbers: contract years, insurance months, salary, years since graduation, intern person-months.
    const people: [string, string, number, number, number, number, number][] = [
      ['A1', '用人单位,是,小型,是', 2, 12, 120_000, 0, 0],
      ['A2', '个人,是,微型,否', 3, 36, 96_000, 1, 0],
      ['A3', '用人单位,是,中型,是', 1, 6, 1_002, 0, 105],
      ['A4', '个人,否,大型,否', 10, 120, 12_000, 5, 0],
      ['A5', '用人单位,是,小型,否', 5, 24, 200_300, 2, 30],
    ];
    const line = (cells: (string | number)[]) => cells.join(',');
    const digits = [header, ...people.map(([id, others, ...numbers]) => line([id, others, ...numbers]))].join('\r\n') + '\r\n';
    // The same numbers in Chinese: with the unit or without, in the standard form and as people usually write it.
    const units = ['年', '个月', '元', '', ''];
    const chinese = [
      header,
      ...people.map(([id, others, ...numbers], row) =>
        line([id, others, ...numbers.map((n, k) => `${chineseNumeral(n, row % 2 === 0 ? usual : standard)}${row % 3 === 0 ? units[k] : ''}`)]),
      ),
    ].join('\r\n') + '\r\n';
    expect(chinese).toContain('A1,用人单位,是,小型,是,两年,十二个月,十二万元,零,零');
    expect(chinese).toContain('A3,用人单位,是,中型,是,一,六,一千零二,零,一百零五');
    // Each file under the same name in its own folder, so that stderr can be compared too.
    const [inDigits, inChinese] = ['digits', 'chinese'].map((name) => {
      mkdirSync(join(dir, name), { recursive: true });
      return join(dir, name, 'applicants.csv');
    });
    writeFileSync(inDigits!, digits);
    writeFileSync(inChinese!, chinese);
    for (const format of ['csv', 'ndjson']) {
      const fromDigits = await runCli(['batch', inDigits!, '--as-of', AS_OF, '--format', format]);
      const fromChinese = await runCli(['batch', inChinese!, '--as-of', AS_OF, '--format', format]);
      expect(fromDigits.code).toBe(0);
      expect(fromChinese.code).toBe(0);
      expect(fromChinese.stdout).toBe(fromDigits.stdout);
      expect(fromChinese.stderr.replaceAll('chinese', 'digits')).toBe(fromDigits.stderr);
    }

    // The same cells typed into a workbook as text go through the same reading.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('申请人');
    for (const row of chinese.trimEnd().split('\r\n')) sheet.addRow(row.split(','));
    const xlsx = join(dir, 'chinese', 'applicants.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const fromWorkbook = await runCli(['batch', xlsx, '--as-of', AS_OF]);
    expect(fromWorkbook.code).toBe(0);
    expect(fromWorkbook.stdout).toBe((await runCli(['batch', inDigits!, '--as-of', AS_OF])).stdout);
  });
});
