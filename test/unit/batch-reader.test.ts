import { english } from '../support/english.js';
// The CSV reader under hostile input (issue 10): no row invented or lost whatever the chunking, line endings and
// line length; blank rows skipped; every bad cell reported; encodings and headers that must not be guessed.
// Each case runs through both readers (the reader thread and the one-thread reader) and they must agree.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
// The reader thread runs the built worker module, so both readers come from the build (npm test builds first).
import { profileRows, scanApplicants, type ApplicantRow, type ScanOptions } from '../../dist/batch/read-applicants.js';
import { scanCodedRowsOffThread } from '../../dist/batch/read-off-thread.js';
import { DECLARED } from '../support/facts.js';

/** The documented cell-size limit. */
const MAX_CELL_CHARS = 1024 * 1024;

type Input = Parameters<typeof scanApplicants>[0];
type Scan = (input: Input, options: ScanOptions, onRow: (row: ApplicantRow) => void) => AsyncGenerator<unknown>;

const offThread: Scan = (input, options, onRow) => scanCodedRowsOffThread(input, options, profileRows(options.facts, options.dense ?? false, onRow));

interface Read {
  rows: ApplicantRow[];
  warnings: string[];
  failed?: string;
}

async function readWith(scan: Scan, input: Input, options: ScanOptions): Promise<Read> {
  const rows: ApplicantRow[] = [];
  const warnings: string[] = [];
  try {
    for await (const _ of scan(input, { facts: DECLARED, ...options, onWarning: (message) => warnings.push(english(message) as unknown as string) }, (row) => rows.push(english(row))));
  } catch (error) {
    return { rows, warnings, failed: (error as Error).message };
  }
  return { rows, warnings };
}

/** Bytes as a stream of pieces of `size` bytes, as stdin delivers them. */
const pieces = (bytes: Buffer, size: number): Input => {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return { stream: Readable.from(chunks) };
};

/** Reads the text through both readers, cut into pieces of each size: every reading must give the same result. */
async function read(text: string | Buffer, options: ScanOptions = {}, pieceSizes?: number[]): Promise<Read> {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const sizes = pieceSizes ?? (bytes.length < 10_000 ? [1 << 16, 5, 4093] : [1 << 16, 4093]);
  const first = await readWith(scanApplicants, pieces(bytes, sizes[0]!), options);
  for (const size of sizes) {
    for (const scan of [scanApplicants, offThread]) expect(await readWith(scan, pieces(bytes, size), options), `${scan === offThread ? 'reader thread' : 'one thread'}, pieces of ${size}`).toEqual(first);
  }
  return first;
}

const outcome = (row: ApplicantRow): string => ('errors' in row ? `${row.row} ${row.id}: ${row.errors.map((error) => `${error.column}=${error.message}`).join(' | ')}` : `${row.row} ${row.id} ok`);

describe('no row is invented or lost', () => {
  it('reads a line of more than 1 MiB as one row, whatever the pieces (3 rows in, 3 rows read)', async () => {
    const long = 'x'.repeat(700_000);
    const text = `id,degree,备注,remark2\nA1,master,,\nA2,bachelor,"${long}",${long}\nA3,doctorate,,\n`;
    const { rows } = await read(text, {}, [1 << 16, 1_000_003, 333_333]);
    expect(rows.map(outcome)).toEqual(['1 A1 ok', '2 A2 ok', '3 A3 ok']);
  });

  it(`makes a cell longer than ${MAX_CELL_CHARS.toLocaleString('en-US')} characters a row error, quoted or not, and reads on`, async () => {
    const long = 'x'.repeat(MAX_CELL_CHARS + 1);
    const fits = 'x'.repeat(MAX_CELL_CHARS);
    const text = `id,degree,备注\nA1,master,${long}\nA2,master,${fits}\nA3,master,"${fits}"\nA4,master,"${long}"\nA5,bachelor,\n`;
    const { rows } = await read(text, {}, [1 << 16, 777_777]);
    expect(rows.map(outcome)).toEqual(['1 A1: =a cell is longer than 1,048,576 characters', '2 A2 ok', '3 A3 ok', '4 A4: =a cell is longer than 1,048,576 characters', '5 A5 ok']);
  });

  it('reads a quoted cell with 20,000 line breaks as one cell, too long or not (5 rows in, 5 read)', async () => {
    const short = `"${'第一行\r\n'.repeat(20_000)}end"`;
    const long = `"${`${'y'.repeat(60)}\n`.repeat(20_000)}"`;
    const text = `id,degree,备注\r\nA1,master,\r\nA2,master,${short}\r\nA3,bachelor,\r\nA4,master,${long}\r\nA5,bachelor,\r\n`;
    const { rows } = await read(text);
    expect(rows.map(outcome)).toEqual(['1 A1 ok', '2 A2 ok', '3 A3 ok', '4 A4: =a cell is longer than 1,048,576 characters', '5 A5 ok']);
  });

  it('reads a CR-only file with a line break inside a quoted cell (5 rows in, 5 read)', async () => {
    const text = 'id,degree,备注\rA1,master,\rA2,bachelor,"two\nlines"\rA3,master,"two\r\nlines"\rA4,master,\rA5,doctorate,\r';
    const { rows } = await read(text, {}, [1 << 16, 1, 3]);
    expect(rows.map(outcome)).toEqual(['1 A1 ok', '2 A2 ok', '3 A3 ok', '4 A4 ok', '5 A5 ok']);
    expect(rows[1]).toEqual({ row: 2, id: 'A2', profile: { degree: 'bachelor' } });
  });

  it('reads on at the line after a stray quote: one that never closes, or one closed by a later quote', async () => {
    const { rows } = await read('id,degree,备注\nA1,master,"x""y"\nA2,master,"待定\nA3,bachelor,"已核实"\nA4,bachelor,\nA5,master,"oops\nA6,bachelor,\n');
    expect(rows.map((row) => ('errors' in row ? `${row.row} ${row.id} ${row.errors[0]!.message.split(';')[0]}` : `${row.row} ${row.id} ok`))).toEqual([
      '1 A1 ok',
      '2 A2 malformed quotes: a quoted cell has text after its closing quote',
      '3 A3 ok',
      '4 A4 ok',
      '5 A5 malformed quotes: a quote opened in this row is never closed',
      '6 A6 ok',
    ]);
  });

  it('reads LF, CRLF and CR line ends mixed in one file, a CR and its LF in different pieces', async () => {
    const text = 'id,degree\r\nA1,master\nA2,bachelor\rA3,"mas\r\nter"\r\nA4,doctorate';
    const { rows } = await read(text, {}, [1 << 16, 1, 2, 11]);
    expect(rows.map(outcome)).toEqual(['1 A1 ok', '2 A2 ok', expect.stringMatching(/^3 A3: degree=/), '4 A4 ok']);
  });
});

describe('blank rows and ids', () => {
  it("skips blank rows (empty lines, Excel's ,,, and cells of spaces) without counting them", async () => {
    const text = '\r\n,,\r\nid,degree,title\r\n,,\r\nA1,master,\r\n\r\n, ,\r\n,,,,\r\nA2,bachelor,junior\r\n,,';
    const { rows } = await read(text);
    expect(rows).toEqual([
      { row: 1, id: 'A1', profile: { degree: 'master' } },
      { row: 2, id: 'A2', profile: { degree: 'bachelor', title: 'junior' } },
    ]);
  });

  it('keeps a blank id blank instead of the row number, which another row may have as its id', async () => {
    const { rows } = await read('id,degree\n2,master\n,bachelor\n');
    expect(rows).toEqual([
      { row: 1, id: '2', profile: { degree: 'master' } },
      { row: 2, id: '', profile: { degree: 'bachelor' } },
    ]);
  });

  it('reports every bad cell of a row, in column order', async () => {
    const { rows } = await read('id,degree,socialInsuranceMonths,softwareSector,title\nA1,PhD,十几,maybe,junior\nA2,master,12,yes,senior\n');
    expect(rows[0]).toEqual({
      row: 1,
      id: 'A1',
      errors: [
        { column: 'degree', value: 'PhD', message: expect.stringMatching(/^"PhD" is not allowed/) },
        { column: 'socialInsuranceMonths', value: '十几', message: '"十几" is not allowed; expected a whole number ≥ 0, in digits or Chinese numerals (or with a unit: 个月, 年)' },
        { column: 'softwareSector', value: 'maybe', message: expect.stringMatching(/^"maybe" is not allowed/) },
      ],
    });
    expect(rows[1]).toMatchObject({ row: 2, profile: { title: 'senior' } });
  });
});

describe('headers and encodings', () => {
  it('decodes GBK behind a UTF-8 BOM as GBK, with the GBK notice', async () => {
    const gbk = readFileSync(new URL('../../fixtures/batch/applicants-gbk.csv', import.meta.url));
    const plain = await read(gbk);
    const withBom = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk]));
    expect(withBom).toEqual(plain);
    expect(withBom.rows[0]).toMatchObject({ id: 'A001', profile: { degree: 'master' } });
    expect(withBom.warnings[0]).toMatch(/not valid UTF-8; reading it as GBK/);
    const asked = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbk]), { encoding: 'gbk' });
    expect(asked.rows).toEqual(plain.rows);
  });

  it('refuses a header cell that is not valid text, naming the column', async () => {
    const bytes = Buffer.concat([Buffer.from('id,degree,'), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('\nA1,master,x\n')]);
    const { failed } = await read(bytes, { encoding: 'utf-8' });
    expect(failed).toMatch(/:1: header: column 3 "\uFFFD+" is not valid text .*check --encoding/);
  });

  it('refuses a header that names a fact only once cleaned of hidden characters or read in the right encoding', async () => {
    expect((await read('id,学\u200b历\nA1,硕士\n')).failed).toMatch(/header: column 2 "学\\u\{200b\}历" would name degree, but it holds hidden characters/);
    expect((await read('id,degree\u0007\nA1,master\n')).failed).toMatch(/header: column 2 "degree\\u\{7\}" would name degree, but it holds hidden characters/);
    // A UTF-8 file read as GBK: its headers come out as mojibake.
    const utf8 = Buffer.from('编号,学历,社保月数\nA1,硕士,12\n');
    const { failed } = await read(utf8, { encoding: 'gbk' });
    expect(failed).toMatch(/column 2 ".+" would name degree, but the file is UTF-8 read as GBK; pass --encoding utf-8/);
  });

  it("reads rows of a header with trailing empty cells (Excel's a,b,,,) without an error", async () => {
    const { rows } = await read('id,degree,,,\r\nA1,master\r\nA2,bachelor,,,\r\n');
    expect(rows).toEqual([
      { row: 1, id: 'A1', profile: { degree: 'master' } },
      { row: 2, id: 'A2', profile: { degree: 'bachelor' } },
    ]);
  });

  it('warns once about 100,000 unknown columns, in time linear in the header', async () => {
    const unknown = Array.from({ length: 100_000 }, (_, i) => `col${i}`);
    const text = `id,degree,${unknown.join(',')}\nA1,master${','.repeat(100_000)}\n`;
    const started = Date.now();
    const { rows, warnings } = await read(text, {}, [1 << 16]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(rows).toEqual([{ row: 1, id: 'A1', profile: { degree: 'master' } }]);
    expect(warnings).toEqual(['100,000 unknown columns are ignored, first 5: "col0", "col1", "col2", "col3", "col4"']);
  });

  it('escapes control characters of a header in its warning', async () => {
    const { warnings } = await read('id,degree,\u001b[2Jname\u202e\nA1,master,x\n');
    expect(warnings).toEqual(['unknown column "\\u{1b}[2Jname\\u{202e}" is ignored']);
  });
});
