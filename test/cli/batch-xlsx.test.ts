import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { YUAN_FORMAT } from '../../src/batch/xlsx-write.js';
import { run } from '../../dist/cli/main.js';
import { memoryIo } from '../support/memory-io.js';
import { BIN, cliEnv, ROOT, runCli, tempDir } from './run-cli.js';

const AS_OF = '2024-06-30';
const FIXTURE = join('fixtures', 'batch', 'applicants.xlsx');
const dir = tempDir('subsidy-batch-xlsx-');
const inDir = (name: string) => join(dir, name);
const parseCsv = (text: string) => Papa.parse<string[]>(text.replace(/^\uFEFF/, '').trimEnd(), { delimiter: ',', newline: '\r\n' }).data;

/** Each item's Chinese title, from the catalogue (`subsidy list --json`), which reads the same policy declarations. */
async function zhTitles(): Promise<Map<string, string>> {
  const list = JSON.parse((await runCli(['list', '--json', '--lang', 'zh'])).stdout) as { measures: { items: { id: string; title: string | { zh: string } }[] }[] };
  return new Map(list.measures.flatMap((measure) => measure.items.map((item) => [item.id, typeof item.title === 'string' ? item.title : item.title.zh] as const)));
}

/** A workbook read back whole (the files here are small). */
async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** A sheet's rows as plain values, the first column first (exceljs counts from 1). */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => rows.push(Array.from((row.values as unknown[]).slice(1), (value) => value ?? null)));
  return rows;
}

/** Non-blank data rows of the fixture's first sheet, counted as the reader counts them. */
async function fixtureDataRows(): Promise<number> {
  const sheet = (await readBack(join(ROOT, FIXTURE))).worksheets[0]!;
  let rows = -1; // the header
  sheet.eachRow((row) => {
    if ((row.values as unknown[]).some((value) => value !== null && value !== undefined && value !== '')) rows++;
  });
  return rows;
}

async function workbookFrom(rows: unknown[][], name = 'in.xlsx', sheetName = 'Sheet1'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const values of rows) sheet.addRow(values);
  const path = inDir(name);
  await workbook.xlsx.writeFile(path);
  return path;
}

describe('subsidy batch: a workbook in Excel\'s shape in, a results workbook out', () => {
  it('--lang zh: as many result rows as input rows, Chinese headers only, bad rows with the user\'s column names, a summary, the properties', async () => {
    const out = inDir('results-zh.xlsx');
    const run = await runCli(['batch', FIXTURE, '--out', out, '--as-of', AS_OF, '--lang', 'zh']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const workbook = await readBack(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['结果', '出错的行', '汇总']);

    const [header, ...rows] = rowsOf(workbook.getWorksheet('结果')!);
    expect(rows).toHaveLength(await fixtureDataRows());
    expect(rows).toHaveLength(7);
    expect(header).toEqual(['编号', '行号', '状态', '可享受项目', '可享受项目名称', '可享受项数', '测算金额合计（元）', '待确定项目', '待确定项目名称', '错误']);
    for (const cell of header!) expect(cell).not.toMatch(/[A-Za-z]/);
    expect(rows.map((row) => [row[0], row[1], row[2]])).toEqual([
      ['A001', 1, '正常'],
      ['A002', 2, '正常'],
      ['A003', 3, '正常'],
      ['A004', 4, '出错'],
      ['A005', 5, '出错'],
      ['A006', 6, '出错'],
      ['=HYPERLINK("x")', 7, '正常'],
    ]);
    // Numbers as numbers, the yuan formatted; titles beside the ids, from the policy.
    const a002 = rows[1]!;
    const a002Ids = String(a002[3]).split(';');
    expect(a002[5]).toBe(a002Ids.length);
    expect(a002[6]).toBe(2000);
    const titles = await zhTitles();
    expect(String(a002[4]).split(';')).toEqual(a002Ids.map((id) => titles.get(id)));
    expect(workbook.getWorksheet('结果')!.getCell('G3').numFmt).toBe(YUAN_FORMAT);
    expect(String(a002[3]).split(';')).toContain('m14-graduate-hiring-subsidy');
    expect(String(a002[4]).split(';')).toContain('吸纳毕业年度高校毕业生一次性吸纳就业补贴');
    expect(workbook.getWorksheet('结果')!.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Widths fit: the id column narrow, the item lists wide (up to the cap).
    const widths = workbook.getWorksheet('结果')!.columns.map((column) => column.width ?? 0);
    expect(widths[0]).toBeLessThan(widths[3]!);

    const [badHeader, ...bad] = rowsOf(workbook.getWorksheet('出错的行')!);
    expect(badHeader).toEqual(['行号', '编号', '列', '值', '原因', '单元格']);
    expect(bad).toEqual([
      [4, 'A004', '学历', 'PhD', expect.stringMatching(/^“PhD”不是允许的值；应为以下之一：无、中专\/高中、大专、本科、硕士、博士/), 'D5'],
      [4, 'A004', '社保月数', '十几', '“十几”不是允许的值；应为不小于 0 的整数，阿拉伯数字或中文数字均可（也可带单位：个月、年）', 'L5'],
      [5, 'A005', '社保月数', '2024-01-12', '“2024-01-12”不是允许的值；应为不小于 0 的整数，阿拉伯数字或中文数字均可（也可带单位：个月、年）', 'L6'],
      [6, 'A006', '社保月数', '#N/A', '“#N/A”不是允许的值；应为不小于 0 的整数，阿拉伯数字或中文数字均可（也可带单位：个月、年）', 'L8'],
    ]);

    const summary = rowsOf(workbook.getWorksheet('汇总')!);
    expect(summary[0]).toEqual(['措施', '项目', '项目名称', '符合条件人数', '测算金额合计（元）', '待确定人数', '不符合人数']);
    const hiring = summary.find((row) => row[1] === 'm14-graduate-hiring-subsidy')!;
    expect(hiring).toEqual([14, 'm14-graduate-hiring-subsidy', '吸纳毕业年度高校毕业生一次性吸纳就业补贴', 1, 2000, expect.any(Number), expect.any(Number)]);
    // Each item's statuses add up to the ok rows.
    for (const row of summary.slice(1, 56)) expect((row[3] as number) + (row[5] as number) + (row[6] as number)).toBe(4);
    expect(summary).toContainEqual([null, '读取行数', 7]);
    expect(summary).toContainEqual([null, '出错行数', 3]);

    expect(workbook.title).toBe('渝人社发〔2022〕60号 助力实施软件和信息服务业“满天星”行动计划的若干措施');
    expect(workbook.subject).toBe(`测算日期 ${AS_OF}`);
    expect(workbook.description).toContain(AS_OF);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--format xlsx to standard output (a pipe) gives the whole workbook; to a terminal it is refused', async () => {
    const io = memoryIo({ env: cliEnv(), cwd: ROOT });
    expect(await run(['batch', FIXTURE, '--format', 'xlsx', '--as-of', AS_OF, '--lang', 'en'], io)).toBe(1);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(io.stdout.bytes() as never);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Results', 'Bad rows', 'Summary']);
    expect(workbook.worksheets[0]!.rowCount).toBe(8);
    const terminal = memoryIo({ env: cliEnv(), cwd: ROOT, isTTY: { stdout: true } });
    expect(await run(['batch', FIXTURE, '--format', 'xlsx', '--as-of', AS_OF], terminal)).toBe(2);
    expect(terminal.stderr.text()).toMatch(/--format xlsx writes a binary workbook, which a terminal cannot show; give --out FILE\.xlsx/);
  });

  it('stops quietly when the reader of standard output closes the pipe (| head -c)', async () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `A${k},master,${k % 60}`).join('\r\n');
    writeFileSync(inDir('many.csv'), `id,degree,socialInsuranceMonths\r\n${rows}\r\n`);
    const child = spawn(process.execPath, [BIN, 'batch', inDir('many.csv'), '--format', 'xlsx', '--as-of', AS_OF], { cwd: ROOT, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.once('data', () => child.stdout.destroy());
    const [code] = (await once(child, 'close')) as [number];
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/error|\n\s+at /i);
  }, 60_000);

  it('--lang en keeps the English columns; --titles puts titles instead of ids', async () => {
    const out = inDir('results-en.xlsx');
    expect((await runCli(['batch', FIXTURE, '--out', out, '--as-of', AS_OF, '--lang', 'en'])).code).toBe(1);
    const workbook = await readBack(out);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Results', 'Bad rows', 'Summary']);
    expect(rowsOf(workbook.worksheets[0]!)[0]).toEqual(['id', 'row', 'status', 'eligible', 'eligibleCount', 'totalEstimateCNY', 'undetermined', 'error']);
    expect(rowsOf(workbook.worksheets[1]!)[0]).toEqual(['row', 'id', 'column', 'value', 'message', 'cell']);

    const titled = inDir('results-titles.xlsx');
    expect((await runCli(['batch', FIXTURE, '--out', titled, '--as-of', AS_OF, '--lang', 'zh', '--titles'])).code).toBe(1);
    const [header, , a002] = rowsOf((await readBack(titled)).worksheets[0]!);
    expect(header).toEqual(['编号', '行号', '状态', '可享受项目', '可享受项数', '测算金额合计（元）', '待确定项目', '错误']);
    expect(String(a002![3]).split(';')).toContain('吸纳毕业年度高校毕业生一次性吸纳就业补贴');
    expect(String(a002![3])).not.toMatch(/m14-/);
  });

  it('gives the same results as the CSV of the same cells', async () => {
    const fromXlsx = await runCli(['batch', FIXTURE, '--as-of', AS_OF, '--lang', 'en']);
    // The fixture's cells as Excel would write them to CSV, by the rules of xlsxCellText.
    const csv = [
      '编号,姓名,申请人类型,学历,职称,软件和信息服务业,相关专业,毕业年度高校毕业生,离校年限,年薪,劳动合同年限,社保月数,企业规模,填表日期,备注',
      'A001,张伟,个人,硕士,中级,是,是,否,3,210000,3,36,小型,2024-06-01,"后端开发, 金融科技"',
      'A002,李娜,用人单位,本科,无,是,是,是,0,96000,2,6,小型,,"应届生\n第二行备注"',
      'A003,王芳,个人,博士,高级,TRUE,是,否,10,520000,5,60,中型,,',
      'A004,刘洋,个人,PhD,,是,,,,,,十几,,,学历填写有误',
      'A005,陈静,个人,本科,,是,是,否,1,,1,2024-01-12,微型,,',
      ',,,,,,,,,,,,,,',
      'A006,赵磊,个人,大专,初级,否,否,否,5,80000,1,#N/A,大型,,"他说""转岗"""',
      '"=HYPERLINK(""x"")",孙丽,个人,本科,,是,,,,,,,,,只填了部分',
    ].join('\r\n');
    writeFileSync(inDir('same.csv'), csv);
    const fromCsv = await runCli(['batch', inDir('same.csv'), '--as-of', AS_OF, '--lang', 'en']);
    // The same, but that a workbook's bad cells are named by their place in the sheet too.
    expect(fromXlsx.stdout).toMatch(/学历 \(D5\): ""PhD"" is not allowed/);
    expect(fromXlsx.stdout.replace(/ \([A-Z]+\d+\):/g, ':')).toBe(fromCsv.stdout);
    expect(fromXlsx.code).toBe(fromCsv.code);
  });

  it('writes every cell as a value: text that starts with = + - @ stays text, never a formula', async () => {
    const ids = ['=1+1', '+8613800000000', '-5', '@SUM(A1)', '=HYPERLINK("http://x","y")', '-1+2'];
    const csv = `id,degree\r\n${ids.map((id) => `"${id.replace(/"/g, '""')}",PhD`).join('\r\n')}\r\nok,master\r\n`;
    writeFileSync(inDir('inject.csv'), csv);
    const out = inDir('inject.xlsx');
    expect((await runCli(['batch', inDir('inject.csv'), '--out', out, '--as-of', AS_OF])).code).toBe(1);
    const workbook = await readBack(out);
    const cells: ExcelJS.Cell[] = [];
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    expect(cells.some((cell) => cell.type === ExcelJS.ValueType.Formula || typeof cell.formula === 'string')).toBe(false);
    const results = rowsOf(workbook.worksheets[0]!);
    expect(results.slice(1).map((row) => row[0])).toEqual([...ids, 'ok']);
    expect(rowsOf(workbook.worksheets[1]!).slice(1).map((row) => row[1])).toEqual(ids);
  });

  it('reads the sheet --sheet names; an unknown sheet stops with the list of sheets (exit 2)', async () => {
    const unknown = await runCli(['batch', FIXTURE, '--sheet', 'Sheet9', '--as-of', AS_OF]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('has no sheet named "Sheet9"; its sheets are: "申请人", "说明"');
    expect(unknown.stdout).toBe('');
    const named = await runCli(['batch', FIXTURE, '--sheet', '申请人', '--as-of', AS_OF, '--lang', 'en']);
    const first = await runCli(['batch', FIXTURE, '--as-of', AS_OF, '--lang', 'en']);
    expect(named.stdout).toBe(first.stdout);
    const notes = await runCli(['batch', FIXTURE, '--sheet', '说明', '--as-of', AS_OF]);
    expect(notes.code).toBe(2);
    expect(notes.stderr).toMatch(/no column names a fact/);
    const onCsv = await runCli(['batch', join('fixtures', 'batch', 'applicants-en.csv'), '--sheet', 'x', '--as-of', AS_OF]);
    expect(onCsv.code).toBe(2);
    expect(onCsv.stderr).toMatch(/--sheet "x" names a sheet of an \.xlsx workbook/);
  });

  it('says a file named .xlsx that is not a zip is not one (a renamed CSV), in the run\'s language, exit 2', async () => {
    const path = inDir('renamed.xlsx');
    writeFileSync(path, 'id,degree\nA1,master\n');
    const zh = await runCli(['batch', path, '--as-of', AS_OF, '--lang', 'zh']);
    expect([zh.code, zh.stdout]).toEqual([2, '']);
    expect(zh.stderr).toBe(`subsidy：${path}：不是可读取的 .xlsx 工作簿（文件不是 zip 压缩格式，而 .xlsx 工作簿都是；可能是 CSV 或其他文件改了扩展名）；请在 Excel 中打开并重新另存为 .xlsx\n`);
    const en = await runCli(['batch', path, '--as-of', AS_OF, '--lang', 'en']);
    expect(en.stderr).toBe(`subsidy: ${path}: is not a readable .xlsx workbook (the file is not a zip archive, as every .xlsx workbook is; it may be a CSV or another file renamed); open it in Excel and save it again as .xlsx\n`);
    expect(readFileSync(path, 'utf8')).toBe('id,degree\nA1,master\n');
    // A workbook cut short: its first bytes are a zip's.
    const cut = inDir('cut.xlsx');
    writeFileSync(cut, readFileSync(FIXTURE).subarray(0, 2000));
    const short = await runCli(['batch', cut, '--as-of', AS_OF, '--lang', 'zh']);
    expect([short.code, short.stderr]).toEqual([2, `subsidy：${cut}：不是可读取的 .xlsx 工作簿（文件在工作簿结束之前就结束了，可能复制或下载不完整）；请在 Excel 中打开并重新另存为 .xlsx\n`]);
  });

  it('reads a workbook whose zip carries a comment, up to the longest a zip allows, as the same workbook without one', async () => {
    const bytes = readFileSync(FIXTURE);
    // The end-of-central-directory record is the last 22 bytes; its last two give the comment's length.
    expect(bytes.readUInt32LE(bytes.length - 22)).toBe(0x06054b50);
    const withComment = (comment: Buffer) => {
      const record = Buffer.from(bytes.subarray(bytes.length - 22));
      record.writeUInt16LE(comment.length, 20);
      return Buffer.concat([bytes.subarray(0, bytes.length - 22), record, comment]);
    };
    const plain = await runCli(['batch', FIXTURE, '--as-of', AS_OF]);
    expect(plain.code).toBe(1);
    // A comment that holds the record's signature itself: the record is the one whose comment reaches the end.
    for (const [name, comment] of [
      ['short', Buffer.from('exported by the HR system')],
      ['long', Buffer.alloc(200, 'x')],
      ['signature', Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(40, 0)])],
      // A whole record of its own at the comment's end, whose (empty) comment reaches the end too.
      ['record', Buffer.concat([Buffer.from('hello world '), Buffer.from('PK\x05\x06'), Buffer.alloc(18, 0)])],
      ['longest', Buffer.alloc(0xffff, 'y')],
    ] as const) {
      const path = inDir(`comment-${name}.xlsx`);
      writeFileSync(path, withComment(comment));
      expect(await runCli(['batch', path, '--as-of', AS_OF]), name).toEqual({ ...plain, stderr: plain.stderr.replaceAll(FIXTURE, path) });
    }
  });

  it('reads the first sheet in the workbook\'s (tab) order, whatever the order of its files', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('later').addRows([['id', 'degree'], ['from-later', 'doctorate']]);
    workbook.addWorksheet('first').addRows([['id', 'degree'], ['from-first', 'master']]);
    // "first" is the first tab, though its part (sheet2.xml) comes second.
    workbook.worksheets[0]!.orderNo = 1;
    workbook.worksheets[1]!.orderNo = 0;
    const path = inDir('order.xlsx');
    await workbook.xlsx.writeFile(path);
    expect((await readBack(path)).worksheets.map((sheet) => sheet.name)).toEqual(['first', 'later']);
    const run = await runCli(['batch', path, '--as-of', AS_OF, '--format', 'ndjson']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['from-first']);
  });

  it('maps each kind of cell to the text a CSV cell would hold', async () => {
    const path = await workbookFrom([
      ['id', 'socialInsuranceMonths', 'softwareSector', 'degree'],
      ['number', 12, true, 'master'],
      ['text', '12', '是', { richText: [{ text: '硕' }, { text: '士' }] }],
      ['formula', { formula: '6*2', result: 12 }, { formula: 'TRUE()', result: true }, { formula: '"master"', result: 'master' }],
      ['blank', null, null, null],
      ['date', new Date(Date.UTC(2024, 5, 30)), null, null],
      ['no result', { formula: 'A1' }, null, null],
      ['error', { error: '#DIV/0!' }, null, null],
      ['false', 0, false, 'bachelor'],
    ]);
    const run = await runCli(['batch', path, '--as-of', AS_OF, '--format', 'ndjson']);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { id: string; errors?: { value: string }[] });
    expect(lines.map((line) => [line.id, line.errors?.map((error) => error.value) ?? 'ok'])).toEqual([
      ['number', 'ok'],
      ['text', 'ok'],
      ['formula', 'ok'],
      ['blank', 'ok'],
      ['date', ['2024-06-30']],
      ['no result', ['=A1']],
      ['error', ['#DIV/0!']],
      ['false', 'ok'],
    ]);
    // number, text and formula cells give the same results.
    const results = run.stdout.trimEnd().split('\n').slice(0, 3).map((line) => JSON.stringify({ ...JSON.parse(line), id: '', row: 0 }));
    expect(new Set(results).size).toBe(1);
  });

  it('keeps the data-safety rules: never the input as output, a text format refused into .xlsx, .xls refused, no file left on failure', async () => {
    const copy = inDir('copy.xlsx');
    writeFileSync(copy, readFileSync(join(ROOT, FIXTURE)));
    const self = await runCli(['batch', copy, '--out', copy, '--as-of', AS_OF]);
    expect(self.code).toBe(2);
    expect(self.stderr).toMatch(/writing it would destroy it/);
    expect(readFileSync(copy)).toEqual(readFileSync(join(ROOT, FIXTURE)));

    const csvIntoXlsx = await runCli(['batch', FIXTURE, '--out', inDir('x.xlsx'), '--format', 'csv', '--as-of', AS_OF]);
    expect(csvIntoXlsx.code).toBe(2);
    expect(csvIntoXlsx.stderr).toMatch(/--format csv writes text, not a workbook/);
    expect(existsSync(inDir('x.xlsx'))).toBe(false);

    writeFileSync(inDir('old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const xls = await runCli(['batch', inDir('old.xls'), '--as-of', AS_OF]);
    expect(xls.code).toBe(2);
    expect(xls.stderr).toMatch(/Excel 97-2003 workbook \(\.xls\).*save it in Excel as \.xlsx/);

    const errorsAsWorkbook = await runCli(['batch', FIXTURE, '--errors', inDir('bad.xlsx'), '--as-of', AS_OF]);
    expect(errorsAsWorkbook.code).toBe(2);
    expect(errorsAsWorkbook.stderr).toMatch(/--errors writes CSV/);
    expect(existsSync(inDir('bad.xlsx'))).toBe(false);

    const piped = await runCli(['batch', '-', '--as-of', AS_OF], { input: readFileSync(join(ROOT, FIXTURE)) });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/stdin: is an \.xlsx workbook \(a zip\), which is read from a file, not from standard input/);

    writeFileSync(inDir('broken.xlsx'), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]));
    const broken = await runCli(['batch', inDir('broken.xlsx'), '--out', inDir('never.xlsx'), '--as-of', AS_OF]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.xlsx: is not a readable \.xlsx workbook/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(inDir('never.xlsx'))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('--errors names each bad cell by the header as the file wrote it, with its value and the reason, in the run\'s language', async () => {
    const errors = inDir('errors-zh.csv');
    await runCli(['batch', FIXTURE, '--errors', errors, '--as-of', AS_OF, '--lang', 'zh']);
    const [header, ...lines] = parseCsv(readFileSync(errors, 'utf8'));
    expect(header).toEqual(['行号', '编号', '列', '值', '原因']);
    expect(lines[0]).toEqual(['4', 'A004', '学历', 'PhD', expect.stringMatching(/^“PhD”不是允许的值/)]);
    const english = inDir('errors-en.csv');
    await runCli(['batch', FIXTURE, '--errors', english, '--as-of', AS_OF, '--lang', 'en']);
    const [enHeader, first] = parseCsv(readFileSync(english, 'utf8'));
    expect(enHeader).toEqual(['row', 'id', 'column', 'value', 'message']);
    expect(first).toEqual(['4', 'A004', '学历', 'PhD', expect.stringMatching(/^"PhD" is not allowed; expected one of/)]);
  });
});

describe('subsidy batch --lang zh: csv and long in Chinese', () => {
  it('csv: Chinese headers and status words, titles beside the ids; en stays as it was', async () => {
    const zh = await runCli(['batch', join('fixtures', 'batch', 'applicants-utf8-bom.csv'), '--as-of', AS_OF, '--lang', 'zh']);
    const [header, first, , , bad] = parseCsv(zh.stdout);
    expect(header).toEqual(['编号', '行号', '状态', '可享受项目', '可享受项目名称', '可享受项数', '测算金额合计（元）', '待确定项目', '待确定项目名称', '错误']);
    for (const cell of header!) expect(cell).not.toMatch(/[A-Za-z]/);
    expect(first![2]).toBe('正常');
    const titles = await zhTitles();
    expect(first![4]!.split(';')).toEqual(first![3]!.split(';').map((id) => titles.get(id)));
    expect(first![4]!.split(';').length).toBeGreaterThan(0);
    expect(bad![2]).toBe('出错');
    expect(bad![9]).toMatch(/^学历：“PhD”不是允许的值/);
    const en = await runCli(['batch', join('fixtures', 'batch', 'applicants-utf8-bom.csv'), '--as-of', AS_OF, '--lang', 'en']);
    expect(en.stdout.split('\r\n')[0]).toBe('id,row,status,eligible,eligibleCount,totalEstimateCNY,undetermined,error');
  });

  it('long: Chinese headers, item titles and recipient words', async () => {
    const zh = await runCli(['batch', join('fixtures', 'batch', 'applicants-utf8-bom.csv'), '--as-of', AS_OF, '--lang', 'zh', '--format', 'long']);
    const [header, ...rows] = parseCsv(zh.stdout);
    expect(header).toEqual(['编号', '措施', '项目', '项目名称', '领取方', '标准/上限（元）', '测算（元）']);
    expect(rows).toContainEqual(['A002', '14', 'm14-graduate-hiring-subsidy', '吸纳毕业年度高校毕业生一次性吸纳就业补贴', '用人单位', '2000', '2000']);
    const recipients = new Set(rows.map((row) => row[4]));
    for (const word of recipients) expect(word).not.toMatch(/[A-Za-z]/);
    const en = await runCli(['batch', join('fixtures', 'batch', 'applicants-utf8-bom.csv'), '--as-of', AS_OF, '--lang', 'en', '--format', 'long']);
    expect(en.stdout.split('\r\n')[0]).toBe('id,measure,item,recipient,figure,estimate');
    expect(en.stdout).toContain(',14,m14-graduate-hiring-subsidy,employer,2000,2000');
  });
});
