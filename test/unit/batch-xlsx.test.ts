import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { STABLE_SHAPE } from '../../src/batch/formats.js';
import { BatchTally } from '../../src/batch/tally.js';
import { columnLetters, scanWorkbookRows, xlsxCellText } from '../../src/batch/xlsx-read.js';
import { XlsxResults } from '../../src/batch/xlsx-write.js';
import { compilePolicy } from '../../src/engine/evaluate.js';
import { InputError } from '../../src/util/problems.js';
import { testTempDir } from '../support/temp-dir.js';
import { DECLARED as FACTS_DECLARATION } from '../support/facts.js';
import { profileEvaluator } from './coded-rows.js';
import { smallPolicy } from './small-policy.js';

describe('xlsxCellText: a workbook cell as the text a CSV cell would hold', () => {
  const cases: [string, unknown, string | null][] = [
    ['an empty cell', null, ''],
    ['an absent cell', undefined, ''],
    ['text', ' 硕士 ', ' 硕士 '],
    ['a whole number', 12, '12'],
    ['a fraction', 0.5, '0.5'],
    ['a percent cell (Excel stores 60% as 0.6)', 0.6, '0.6'],
    ['a large number', 210000, '210000'],
    ['a tiny number, without an exponent', 1e-7, '0.0000001'],
    ['a huge number, without an exponent', 1e21, '1000000000000000000000'],
    ['a negative number', -3, '-3'],
    ['true', true, 'TRUE'],
    ['false', false, 'FALSE'],
    ['a date', new Date(Date.UTC(2024, 5, 30)), '2024-06-30'],
    ['a date and time', new Date(Date.UTC(2024, 5, 30, 8, 30, 5)), '2024-06-30T08:30:05'],
    ['rich text', { richText: [{ text: '博' }, { font: { bold: true }, text: '士' }] }, '博士'],
    ['a hyperlink', { text: 'A001', hyperlink: 'http://example.invalid' }, 'A001'],
    ['a formula and its saved number', { formula: '6*2', result: 12 }, '12'],
    ['a formula and its saved text', { formula: '"是"', result: '是' }, '是'],
    ['a formula and its saved yes/no', { formula: 'TRUE()', result: true }, 'TRUE'],
    ['a shared formula and its saved number', { sharedFormula: 'A2', result: 3 }, '3'],
    ['a formula without a saved result', { formula: 'A1+1' }, '=A1+1'],
    ['a formula whose result is an error', { formula: '1/0', result: { error: '#DIV/0!' } }, '=1/0'],
    ['a formula whose result did not read as a number', { formula: 'NA()', result: Number.NaN }, '=NA()'],
    ['an error cell', { error: '#N/A' }, '#N/A'],
    ['something else', { sharedString: 3 }, null],
    ['not a finite number', Number.POSITIVE_INFINITY, null],
  ];
  for (const [what, value, text] of cases) it(what, () => expect(xlsxCellText(value)).toBe(text));

  it('names columns by their letters', () => {
    expect([1, 26, 27, 52, 703, 16384].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
  });
});

describe('XlsxResults', () => {
  const compiled = compilePolicy(smallPolicy());
  const evaluateRow = profileEvaluator(compiled, '2024-06-30');
  const master = { degree: 'master', socialInsuranceMonths: 12, softwareSector: true, employerSize: 'small', internshipMonths: 3 } as const;

  it('stops at the sheet\'s row limit, leaving no file and no temporary file', async () => {
    const dir = testTempDir('subsidy-xlsx-');
    const path = join(dir, 'results.xlsx');
    const tally = new BatchTally(compiled);
    const results = await XlsxResults.open({ kind: 'file', path, mode: null }, path, null, { compiled, shape: STABLE_SHAPE, asOf: '2024-06-30', tally, maxRows: 4 });
    for (const row of [1, 2, 3]) results.okRow(row, `A${row}`, evaluateRow(master));
    let thrown: unknown;
    try {
      results.okRow(4, 'A4', evaluateRow(master));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).message).toMatch(/the results have more than 3 rows, the most an Excel sheet holds \(4 with its header\); write CSV instead/);
    await results.abort();
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes a complete workbook only at commit, with the rows it was given', async () => {
    const dir = testTempDir('subsidy-xlsx-');
    const path = join(dir, 'results.xlsx');
    const tally = new BatchTally(compiled);
    const results = await XlsxResults.open({ kind: 'file', path, mode: null }, path, null, { compiled, shape: STABLE_SHAPE, asOf: '2024-06-30', tally });
    // More rows than are measured for the widths.
    for (let row = 1; row <= 500; row++) {
      const result = evaluateRow(master);
      tally.ok(result);
      results.okRow(row, `A${row}`, result);
      if (row % 100 === 0) await results.drain();
    }
    results.errorRow(501, 'B1', [{ column: '学历', value: 'PhD', message: 'bad', zh: '错' }]);
    tally.error();
    expect(existsSync(path)).toBe(false);
    await results.commit();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets[0]!.rowCount).toBe(502);
    expect(workbook.worksheets[0]!.getCell('A501').value).toBe('A500');
    expect(workbook.worksheets[1]!.getRow(2).values).toEqual([undefined, 501, 'B1', '学历', 'PhD', 'bad']);
    expect(workbook.worksheets[1]!.getRow(1).values).toEqual([undefined, 'row', 'id', 'column', 'value', 'message', 'cell']);
    expect(readdirSync(dir)).toEqual(['results.xlsx']);
  });
});

describe('scanWorkbookRows reads every cell whole', () => {
  const declared = FACTS_DECLARATION;

  async function ids(path: string): Promise<string[]> {
    const found: string[] = [];
    const visitor = { header: () => {}, ok: (_row: number, id: string) => found.push(id), error: (_row: number, id: string) => found.push(id) };
    for await (const _ of scanWorkbookRows(path, { facts: declared }, visitor));
    return found;
  }

  it('Chinese text across the reader\'s chunk boundaries (a character split between two chunks stays whole)', async () => {
    const dir = testTempDir('subsidy-xlsx-');
    const path = join(dir, 'wide.xlsx');
    const expected = Array.from({ length: 6000 }, (_, k) => `申请人编号第${k}号，重庆市渝中区`);
    for (const useSharedStrings of [true, false]) {
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings });
      const sheet = writer.addWorksheet('a');
      sheet.addRow(['编号', '学历']).commit();
      for (const id of expected) sheet.addRow([id, '硕士']).commit();
      sheet.commit();
      await writer.commit();
      expect(await ids(path)).toEqual(expected);
    }
  });

  it('an inline string of several runs (rich text) as all of its text', async () => {
    const dir = testTempDir('subsidy-xlsx-');
    const path = join(dir, 'rich.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = writer.addWorksheet('a');
    sheet.addRow(['id', 'degree']).commit();
    sheet.addRow([{ richText: [{ text: '不' }, { font: { bold: true }, text: '是' }, { text: ' A&amp;B' }] }, { richText: [{ text: '硕' }, { font: { bold: true }, text: '士' }] }]).commit();
    sheet.addRow([{ richText: [{ text: 'x' }] }, 'master']).commit();
    sheet.commit();
    await writer.commit();
    expect(await ids(path)).toEqual(['不是 A&amp;B', 'x']);
  });
});

/** A zip's parts in the order the file holds them, from their local headers: name and compression (0 stored, 8 deflated). */
function zipParts(zip: Buffer): { name: string; method: number }[] {
  const parts: { name: string; method: number }[] = [];
  for (let at = 0; zip.readUInt32LE(at) === 0x04034b50; ) {
    const nameLength = zip.readUInt16LE(at + 26);
    parts.push({ name: zip.toString('utf8', at + 30, at + 30 + nameLength), method: zip.readUInt16LE(at + 8) });
    at += 30 + nameLength + zip.readUInt16LE(at + 28) + zip.readUInt32LE(at + 18);
  }
  return parts;
}

describe('scanWorkbookRows reads every part of the workbook, however the zip holds them', () => {
  it('parts stored uncompressed, the sheets before xl/workbook.xml (as exceljs writes them): every read finds the sheet by its name, with all its rows', async () => {
    const dir = testTempDir('subsidy-xlsx-');
    const path = join(dir, 'stored.xlsx');
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('说明').addRow(['本表为测试数据']);
    const sheet = workbook.addWorksheet('申请人');
    sheet.addRow(['编号', '学历']);
    const expected = Array.from({ length: 50 }, (_, k) => `A${k}`);
    for (const id of expected) sheet.addRow([id, '硕士']);
    // Stored parts leave exceljs's front-to-back reader nothing to wait for: it reached the end of the zip while
    // the sheets were being put aside, and lost the parts after them (most reads failed on "reading 'sheets'").
    await workbook.xlsx.writeFile(path, { zip: { compression: 'STORE' } } as never);
    // The file is what the case is about: every part stored, the sheets before the shared strings and the workbook part.
    const parts = zipParts(readFileSync(path));
    expect(parts.every((part) => part.method === 0)).toBe(true);
    const at = (name: string) => parts.findIndex((part) => part.name === name);
    expect(at('xl/worksheets/sheet2.xml')).toBeGreaterThan(-1);
    expect(at('xl/worksheets/sheet2.xml')).toBeLessThan(at('xl/sharedStrings.xml'));
    expect(at('xl/sharedStrings.xml')).toBeLessThan(at('xl/workbook.xml'));
    for (let read = 0; read < 20; read++) {
      const found: string[] = [];
      const visitor = { header: () => {}, ok: (_row: number, id: string) => found.push(id), error: (_row: number, id: string) => found.push(id) };
      for await (const _ of scanWorkbookRows(path, { facts: FACTS_DECLARATION, sheet: '申请人' }, visitor));
      expect(found, `read ${read + 1}`).toEqual(expected);
    }
  });
});
