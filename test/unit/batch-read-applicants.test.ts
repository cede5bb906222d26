import { english } from '../support/english.js';
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readApplicants, scanApplicants, type ApplicantRow, type ReadApplicantsOptions } from '../../src/batch/read-applicants.js';
import { headerKey, headerSpellingsOf } from '../../src/batch/header.js';
import { DECLARED, FACTS } from '../support/facts.js';
import { InputError } from '../../src/util/problems.js';

const FIXTURES = new URL('../../fixtures/batch/', import.meta.url);
const fixture = (name: string) => new URL(name, FIXTURES).pathname;

async function readAll(input: Parameters<typeof readApplicants>[0], options: Omit<ReadApplicantsOptions, 'facts'> = {}) {
  const warnings: string[] = [];
  const rows: ApplicantRow[] = [];
  for await (const row of readApplicants(input, { facts: DECLARED, ...options, onWarning: (message) => warnings.push(english(message) as unknown as string) })) rows.push(english(row));
  return { rows, warnings };
}

const fromText = (text: string | Buffer, chunkBytes = 1 << 16) => {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes) chunks.push(bytes.subarray(at, at + chunkBytes));
  return { stream: Readable.from(chunks) };
};

async function problemOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe('readApplicants on the Excel export fixture (UTF-8 with BOM, CRLF, quoted cells)', () => {
  it('reads every data row in order, numbering them from 1 and skipping the blank line', async () => {
    const { rows } = await readAll({ path: fixture('applicants-utf8-bom.csv') });
    expect(rows.map((row) => [row.row, row.id])).toEqual([
      [1, 'A001'],
      [2, 'A002'],
      [3, 'A003'],
      [4, 'A004'],
      [5, 'A005'],
      [6, 'A006'],
      [7, 'A007'],
    ]);
  });

  it('turns labels, yes/no words and thousands separators into canonical values, and blank cells into unknowns', async () => {
    const { rows } = await readAll({ path: fixture('applicants-utf8-bom.csv') });
    expect(rows[0]).toEqual({
      row: 1,
      id: 'A001',
      profile: {
        applicantType: 'person',
        degree: 'master',
        title: 'intermediate',
        softwareSector: true,
        relevantMajor: true,
        graduateOfCurrentYear: false,
        yearsSinceGraduation: 3,
        annualSalary: 210000,
        contractYears: 3,
        socialInsuranceMonths: 36,
        employerSize: 'small',
      },
    });
    // A007 left most cells blank: those facts are absent, not false.
    expect(rows[6]).toEqual({ row: 7, id: 'A007', profile: { applicantType: 'person', degree: 'bachelor', softwareSector: true } });
  });

  it('keeps a quoted cell with a comma or a line break inside one row', async () => {
    const { rows } = await readAll({ path: fixture('applicants-utf8-bom.csv') });
    // A002's remark spans two lines; A003 must still be the next row, with its own facts.
    expect(rows[2]).toMatchObject({ id: 'A003', profile: { degree: 'doctorate', annualSalary: 520000 } });
  });

  it('reports a bad cell with its column as written, its value and what is allowed, and goes on', async () => {
    const { rows } = await readAll({ path: fixture('applicants-utf8-bom.csv') });
    expect(rows[3]).toEqual({
      row: 4,
      id: 'A004',
      errors: [
        {
          column: '学历',
          value: 'PhD',
          message: '"PhD" is not allowed; expected one of none, secondary, associate, bachelor, master, doctorate (or their labels: 无, 中专/高中, 大专, 本科, 硕士, 博士)',
        },
      ],
    });
    expect(rows[4]).toMatchObject({ row: 5, errors: [{ column: '社保月数', value: '十几', message: '"十几" is not allowed; expected a whole number ≥ 0, in digits or Chinese numerals (or with a unit: 个月, 年)' }] });
  });

  it('warns once about each column it does not know', async () => {
    const { warnings } = await readAll({ path: fixture('applicants-utf8-bom.csv') });
    expect(warnings).toEqual(['unknown column "姓名" is ignored', 'unknown column "备注" is ignored']);
  });
});

describe('encodings', () => {
  it('detects GBK when the bytes are not UTF-8, says so, and reads the same rows as the UTF-8 file', async () => {
    const utf8 = await readAll({ path: fixture('applicants-utf8-bom.csv') });
    const gbk = await readAll({ path: fixture('applicants-gbk.csv') });
    expect(gbk.rows).toEqual(utf8.rows);
    expect(gbk.warnings[0]).toMatch(/not valid UTF-8; reading it as GBK/);
  });

  it('reads GBK without a notice when asked for it', async () => {
    const { rows, warnings } = await readAll({ path: fixture('applicants-gbk.csv') }, { encoding: 'gbk' });
    expect(rows).toHaveLength(7);
    expect(warnings.some((warning) => warning.includes('GBK'))).toBe(false);
  });

  it('reads the same rows whatever the chunk boundaries, even inside a character or a CRLF', async () => {
    const bytes = await readFile(fixture('applicants-utf8-bom.csv'));
    const whole = await readAll({ path: fixture('applicants-utf8-bom.csv') });
    for (const size of [1, 2, 3, 7]) expect((await readAll(fromText(bytes, size))).rows).toEqual(whole.rows);
    const gbk = await readFile(fixture('applicants-gbk.csv'));
    expect((await readAll(fromText(gbk, 3), { encoding: 'gbk' })).rows).toEqual(whole.rows);
  });

  it('refuses a UTF-16 file with a way out', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('degree\r\nmaster\r\n', 'utf-16le')]);
    expect(await problemOf(readAll(fromText(utf16)))).toMatch(/UTF-16.*save it as "CSV UTF-8"/);
  });

  it('points at --encoding when bytes turn out not to be UTF-8 after the start', async () => {
    const head = `degree,socialInsuranceMonths\n${'bachelor,12\n'.repeat(7000)}`;
    const tail = iconv.encode('本科,12\n', 'gbk'); // B1 BE BF C6: not UTF-8 (硕士 would happen to be)
    const { rows, warnings } = await readAll(fromText(Buffer.concat([Buffer.from(head), tail])));
    expect(rows).toHaveLength(7001);
    expect(rows[7000]).toMatchObject({ errors: [{ column: 'degree' }] });
    expect(warnings).toEqual([expect.stringMatching(/not valid UTF-8 \(read as �\); if it was saved as GBK, pass --encoding gbk/)]);
  });
});

describe('headers', () => {
  it('accepts fact names and English labels in any case, and numbers rows when there is no id column', async () => {
    const { rows } = await readAll({ path: fixture('applicants-en.csv') });
    expect(rows.map((row) => row.id)).toEqual(['1', '2', '3', '4']);
    expect(rows[0]).toMatchObject({ profile: { applicantType: 'person', degree: 'master', title: 'intermediate', annualSalary: 210000 } });
    expect(rows[1]).toMatchObject({ profile: { employerSize: 'small' } });
  });

  it('knows every fact by its name, zh label and en label, each spelling meaning one fact only', () => {
    for (const def of FACTS) {
      for (const spelling of [def.name, def.label.zh, def.label.en, ...(def.aliases?.zh ?? []), ...(def.aliases?.en ?? [])]) {
        expect(headerSpellingsOf(DECLARED).byHeader.get(headerKey(spelling))?.name, spelling).toBe(def.name);
      }
    }
  });

  it('ignores full-width brackets, spaces and case in headers', async () => {
    const { rows } = await readAll(fromText('ＩＤ, Social-Insurance Months ,留(来)渝\nX1,12,是\n'));
    expect(rows).toEqual([{ row: 1, id: 'X1', profile: { socialInsuranceMonths: 12, staysInChongqing: true } }]);
  });

  it('cannot run on an empty file, a header naming no fact, or a fact named twice', async () => {
    expect(await problemOf(readAll(fromText('')))).toMatch(/the file is empty/);
    expect(await problemOf(readAll(fromText('name,age\nA,3\n')))).toMatch(/no column names a fact \(got "name", "age"\)/);
    expect(await problemOf(readAll(fromText('学历,degree\n本科,bachelor\n')))).toMatch(/columns "学历" and "degree" both give degree; keep one/);
  });

  it('reads a file with a header and no rows as no rows', async () => {
    expect((await readAll(fromText('id,degree\r\n'))).rows).toEqual([]);
  });
});

describe('bad rows never stop the batch and no row is lost', () => {
  it('reports each bad row of the fixture, in order, and reads every row after a broken quote', async () => {
    const { rows } = await readAll({ path: fixture('bad-rows.csv') });
    expect(rows.map((row) => ('errors' in row ? `${row.row} ${row.id} error ${row.errors.map((error) => error.column).join('+')}` : `${row.row} ${row.id} ok`))).toEqual([
      '1 =HYPERLINK("http://x") ok',
      '2 B002 error socialInsuranceMonths',
      '3 B003 error softwareSector',
      '4 B004 error softwareSector',
      '5 B005 error ',
      '6 B006 error ',
      '7 B007 error internRetentionRate',
      '8 +B008 ok',
    ]);
    const messages = rows.flatMap((row) => ('errors' in row ? row.errors.map((error) => error.message) : []));
    expect(messages[2]).toBe('the row has 4 cells but the header has 6 columns; a line break inside an unquoted cell?');
    expect(messages[3]).toBe('the row has 7 cells but the header has 6 columns; quote cells that contain commas');
    expect(messages[4]).toMatch(/^malformed quotes: a quoted cell has text after its closing quote/);
  });

  it('skips a line whose quote never closes and reads the lines after it', async () => {
    const { rows } = await readAll(fromText('id,degree\nA1,"master\nA2,bachelor\nA3,master\n'));
    expect(rows.map((row) => [row.id, 'errors' in row ? 'error' : 'ok'])).toEqual([
      ['A1', 'error'],
      ['A2', 'ok'],
      ['A3', 'ok'],
    ]);
  });

  it('accepts LF, CRLF and a mix of both, and old Mac CR line ends', async () => {
    const expected = [
      { row: 1, id: 'A1', profile: { degree: 'master' } },
      { row: 2, id: 'A2', profile: { degree: 'bachelor' } },
    ];
    for (const text of ['id,degree\nA1,master\nA2,bachelor\n', 'id,degree\r\nA1,master\r\nA2,bachelor', 'id,degree\r\nA1,master\nA2,bachelor\r\n', 'id,degree\rA1,master\rA2,bachelor\r']) {
      expect((await readAll(fromText(text))).rows, JSON.stringify(text)).toEqual(expected);
    }
  });

  it('tolerates trailing empty cells past the header', async () => {
    expect((await readAll(fromText('id,degree\nA1,master,,\n'))).rows).toEqual([{ row: 1, id: 'A1', profile: { degree: 'master' } }]);
  });
});

describe('scanApplicants', () => {
  it('gives dense profiles on request: every fact column a key, undefined when blank', async () => {
    const rows: ApplicantRow[] = [];
    for await (const _ of scanApplicants(fromText('id,degree,title\nA1,master,\n'), { facts: DECLARED, dense: true }, (row) => rows.push(row)));
    expect(rows).toHaveLength(1);
    const profile = (rows[0] as { profile: Record<string, unknown> }).profile;
    expect(Object.keys(profile)).toEqual(['degree', 'title']);
    expect(profile.title).toBeUndefined();
  });

  it('yields progress with the rows and bytes read so far, and the file size', async () => {
    const steps = [];
    for await (const step of scanApplicants({ path: fixture('applicants-en.csv') }, { facts: DECLARED }, () => {})) steps.push(step);
    const size = (await readFile(fixture('applicants-en.csv'))).length;
    expect(steps.at(-1)).toEqual({ rows: 4, bytesRead: size, totalBytes: size });
  });

  it('names the file when it cannot be read', async () => {
    expect(await problemOf(readAll({ path: fixture('no-such-file.csv') }))).toMatch(/no-such-file\.csv: no such file/);
    expect(await problemOf(readAll({ path: fixture('') }))).toMatch(/is a folder, not a CSV file/);
  });
});
