import { english } from '../support/english.js';
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { testTempDir } from '../support/temp-dir.js';
import { describe, expect, it } from 'vitest';
// The reader thread runs the built worker module, so both readers come from the build (npm test builds first).
import { profileRows, scanApplicants, type ApplicantRow, type ScanOptions } from '../../dist/batch/read-applicants.js';
import { readerThreadPays, scanCodedRowsOffThread } from '../../dist/batch/read-off-thread.js';
import { DECLARED } from '../support/facts.js';

/** The reader thread's rows as profiles, as scanApplicants gives them on one thread. */
const scanApplicantsOffThread = (input: Input, options: ScanOptions, onRow: (row: ApplicantRow) => void) =>
  scanCodedRowsOffThread(input, options, profileRows(options.facts, options.dense ?? false, onRow));

type Scan = typeof scanApplicants;
type Input = Parameters<Scan>[0];

const fixture = (name: string) => new URL(`../../fixtures/batch/${name}`, import.meta.url).pathname;

async function scanWith(scan: Scan, input: Input, options: Omit<Parameters<Scan>[1], 'facts'> = {}) {
  const rows: unknown[] = [];
  const warnings: string[] = [];
  let last: unknown = null;
  try {
    for await (const step of scan(input, { facts: DECLARED, ...options, onWarning: (message) => warnings.push(english(message) as unknown as string) }, (row: unknown) => rows.push(english(row)))) last = step;
  } catch (error) {
    return { failed: String(error), rows, warnings };
  }
  return { rows, warnings, last };
}

async function expectSameAsOneThread(input: () => Input, options: Parameters<Scan>[1] = {}) {
  const here = await scanWith(scanApplicants, input(), options);
  const there = await scanWith(scanApplicantsOffThread, input(), options);
  expect(there).toEqual(here);
  return there;
}

/** A CSV of many 64 KB pieces: quoted commas and line breaks across piece boundaries, blank lines, bad rows. */
function largeCsv(rows: number): string {
  const lines = ['编号,申请人类型,学历,社保月数,年薪,软件和信息服务业,备注,相关专业'];
  for (let i = 1; i <= rows; i++) {
    const remark = i % 7 === 0 ? '"第一行\r\n第二行, 有逗号"' : i % 5 === 0 ? '"say ""hi"""' : '';
    const months = i % 997 === 0 ? '十几' : String(i % 40);
    const salary = i % 3 === 0 ? `"${(100000 + i).toLocaleString('en-US')}"` : '';
    lines.push(`A${i},${i % 4 ? '个人' : '用人单位'},${['博士', 'master', '本科', ''][i % 4]},${months},${salary},${i % 2 ? '是' : 'no'},${remark},${i % 11 === 0 ? 'maybe' : ''}`);
    if (i % 1000 === 0) lines.push('');
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

describe('scanCodedRowsOffThread', () => {
  it('reads the fixtures exactly as the one-thread reader does: rows, errors, warnings, progress', async () => {
    for (const name of ['applicants-en.csv', 'applicants-utf8-bom.csv', 'applicants-gbk.csv', 'bad-rows.csv']) {
      const result = await expectSameAsOneThread(() => ({ path: fixture(name) }), { dense: true });
      expect(result.rows.length).toBeGreaterThan(0);
    }
  });

  it('reads a large file with quoted line breaks across its pieces, bad rows and blank lines, in input order', async () => {
    const dir = testTempDir('subsidy-off-thread-');
    const path = join(dir, 'large.csv');
    writeFileSync(path, largeCsv(20_000));
    const result = await expectSameAsOneThread(() => ({ path }), { dense: true });
    expect(result.rows).toHaveLength(20_000);
    expect(result.rows.filter((row) => 'errors' in (row as object)).length).toBeGreaterThan(1000);
    expect(result.warnings).toEqual(['unknown column "备注" is ignored']);
  });

  it('reads stdin, sparse profiles and rows without an id column the same way, skipping a row of empty cells', async () => {
    const text = 'degree,socialInsuranceMonths\nmaster,12\n,\nPhD,3\n';
    const result = await expectSameAsOneThread(() => ({ stream: Readable.from([Buffer.from(text)]) }));
    expect(result.rows).toEqual([
      { row: 1, id: '1', profile: { degree: 'master', socialInsuranceMonths: 12 } },
      { row: 2, id: '2', errors: [expect.objectContaining({ column: 'degree', value: 'PhD' })] },
    ]);
  });

  it('fails as the one-thread reader does on an empty file and on a header that names no fact', async () => {
    const dir = testTempDir('subsidy-off-thread-');
    writeFileSync(join(dir, 'empty.csv'), '');
    writeFileSync(join(dir, 'names.csv'), 'name,city\n张三,重庆\n');
    const empty = await expectSameAsOneThread(() => ({ path: join(dir, 'empty.csv') }));
    expect(empty.failed).toMatch(/empty\.csv: the file is empty/);
    const names = await expectSameAsOneThread(() => ({ path: join(dir, 'names.csv') }));
    expect(names.failed).toMatch(/names\.csv:1: header: no column names a fact/);
  });

  it('stops its thread when the caller stops reading early', async () => {
    const dir = testTempDir('subsidy-off-thread-');
    const path = join(dir, 'large.csv');
    writeFileSync(path, largeCsv(20_000));
    let rows = 0;
    for await (const _ of scanApplicantsOffThread({ path }, { facts: DECLARED }, () => rows++)) if (rows > 0) break;
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(20_000);
  });
});

describe('readerThreadPays', () => {
  it('takes the thread for stdin and for a file of 10 MiB or more, not for a smaller one or one it cannot look at', async () => {
    const dir = testTempDir('subsidy-off-thread-');
    const sized = (name: string, bytes: number) => {
      const path = join(dir, name);
      writeFileSync(path, '');
      truncateSync(path, bytes);
      return { path };
    };
    expect(await readerThreadPays({ stream: Readable.from([]) })).toBe(true);
    expect(await readerThreadPays(sized('at.csv', 10 * 1024 * 1024))).toBe(true);
    expect(await readerThreadPays(sized('below.csv', 10 * 1024 * 1024 - 1))).toBe(false);
    expect(await readerThreadPays({ path: fixture('applicants-en.csv') })).toBe(false);
    expect(await readerThreadPays({ path: join(dir, 'missing.csv') })).toBe(false);
  });
});
