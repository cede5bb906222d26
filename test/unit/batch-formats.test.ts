import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell, errorLines, rowFormatter, type RowFormatter } from '../../src/batch/formats.js';
import { StringOutput } from '../../src/batch/output-sink.js';
import { compilePolicy } from '../../src/engine/evaluate.js';
import { profileEvaluator } from './coded-rows.js';
import { smallPolicy } from './small-policy.js';

const compiled = compilePolicy(smallPolicy());
const evaluateRow = profileEvaluator(compiled, '2024-06-30');
type Args<T> = T extends (out: StringOutput, ...rest: infer A) => void ? A : never;
const formatOk = (format: RowFormatter, ...args: Args<RowFormatter['ok']>) => {
  const out = new StringOutput();
  format.ok(out, ...args);
  return out.toString();
};
const formatError = (format: RowFormatter, ...args: Args<RowFormatter['error']>) => {
  const out = new StringOutput();
  format.error(out, ...args);
  return out.toString();
};
const parseCsv = (text: string) => Papa.parse<string[]>(text.trimEnd(), { delimiter: ',', newline: '\r\n' }).data;

describe('csvCell', () => {
  it('leaves plain text alone', () => {
    expect(csvCell('A001')).toBe('A001');
    expect(csvCell('张伟')).toBe('张伟');
  });

  it('prefixes an apostrophe to text Excel would run as a formula', () => {
    for (const text of ['=1+2', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(text)).toMatch(/^"?'/);
    expect(csvCell('=1+2')).toBe("'=1+2");
  });

  it('quotes commas, quotes and line breaks, and they read back as the same text', () => {
    const texts = ['a,b', 'say "hi"', 'two\nlines', 'crlf\r\nlines', '=HYPERLINK("x","y")'];
    const line = texts.map(csvCell).join(',');
    expect(parseCsv(line)[0]).toEqual(texts.map((text) => (text.startsWith('=') ? `'${text}` : text)));
  });
});

describe('row formats', () => {
  const master = { degree: 'master', socialInsuranceMonths: 12, softwareSector: true, employerSize: 'small', internshipMonths: 3 } as const;

  it('csv: one line per row with the columns the help names', () => {
    const format = rowFormatter('csv', compiled);
    const [header, line] = parseCsv(format.header + formatOk(format, 1, 'A1', evaluateRow(master)));
    expect(header).toEqual(['id', 'row', 'status', 'eligible', 'eligibleCount', 'totalEstimateCNY', 'undetermined', 'error']);
    expect(line).toEqual(['A1', '1', 'ok', 'm01-grant;m01-employer-monthly', '2', '3500', '', '']);
  });

  it('csv: a list of items seen before is written the same (from memory)', () => {
    const format = rowFormatter('csv', compiled);
    const out = new StringOutput();
    for (const row of [1, 2, 3]) format.ok(out, row, `A${row}`, evaluateRow(master));
    expect(parseCsv(out.toString()).map((line) => line.slice(3, 7))).toEqual(Array(3).fill(['m01-grant;m01-employer-monthly', '2', '3500', '']));
  });

  it('csv: every kind of id reads back as written, rows crossing the output blocks whole', () => {
    const format = rowFormatter('csv', compiled);
    const ids = ['A0001', '张伟-01', 'a,b', 'say "hi"', '=1+2', '-7', 'two\nlines', ''];
    const out = new StringOutput();
    const rows = 600; // several 4 KB test blocks
    for (let row = 1; row <= rows; row++) format.ok(out, row, ids[row % ids.length]!, evaluateRow(master));
    const lines = parseCsv(out.toString());
    expect(lines).toHaveLength(rows);
    lines.forEach((line, k) => {
      const id = ids[(k + 1) % ids.length]!;
      expect(line).toEqual([/^[=+\-@]/.test(id) ? `'${id}` : id, String(k + 1), 'ok', 'm01-grant;m01-employer-monthly', '2', '3500', '', '']);
    });
  });

  it('long: every kind of id reads back as written on each of the applicant\'s lines', () => {
    const format = rowFormatter('long', compiled);
    const ids = ['A0001', '张伟-01', 'a,b', 'say "hi"', '=1+2', 'two\nlines'];
    const out = new StringOutput();
    for (let row = 1; row <= 300; row++) format.ok(out, row, ids[row % ids.length]!, evaluateRow(master));
    const lines = parseCsv(out.toString());
    expect(lines).toHaveLength(600);
    lines.forEach((line, k) => {
      const id = ids[(Math.floor(k / 2) + 1) % ids.length]!;
      expect(line[0]).toBe(/^[=+\-@]/.test(id) ? `'${id}` : id);
      expect(line.slice(1)).toEqual(k % 2 === 0 ? ['1', 'm01-grant', 'person', '2000', '2000'] : ['1', 'm01-employer-monthly', 'employer', '500', '1500']);
    });
  });

  it('csv: an unknown fact leaves its items undetermined, listed by id', () => {
    const format = rowFormatter('csv', compiled);
    const line = parseCsv(formatOk(format, 2, 'A2', evaluateRow({ degree: 'master' })))[0];
    expect(line).toEqual(['A2', '2', 'ok', '', '0', '0', 'm01-grant;m01-employer-monthly', '']);
  });

  it('csv: an error row carries the column, value and message, escaped', () => {
    const format = rowFormatter('csv', compiled);
    const error = { column: '学历', value: 'PhD', message: '"PhD" is not allowed; expected one of none, …' };
    expect(parseCsv(formatError(format, 3, '=x', [error]))[0]).toEqual(["'=x", '3', 'error', '', '', '', '', '学历: "PhD" is not allowed; expected one of none, …']);
    expect(parseCsv(errorLines(3, '=x', [error]))[0]).toEqual(['3', "'=x", '学历', 'PhD', error.message]);
  });

  it('csv and --errors: every bad cell of a row, in the one error cell and a line each in the errors file', () => {
    const format = rowFormatter('csv', compiled);
    const errors = [
      { column: '学历', value: 'PhD', message: '"PhD" is not allowed' },
      { column: '社保月数', value: '十几', message: '"十几" is not allowed' },
      { column: 'title', value: 'x', message: '"x" is not allowed' },
    ];
    expect(parseCsv(formatError(format, 3, 'A3', errors))[0]![7]).toBe('学历: "PhD" is not allowed | 社保月数: "十几" is not allowed | title: "x" is not allowed');
    expect(parseCsv(errorLines(3, 'A3', errors))).toEqual(errors.map((error) => ['3', 'A3', error.column, error.value, error.message]));
  });

  it('long: one line per eligible item with the figure and the estimate; none for an error row', () => {
    const format = rowFormatter('long', compiled);
    expect(parseCsv(format.header + formatOk(format, 1, '-A1', evaluateRow(master)))).toEqual([
      ['id', 'measure', 'item', 'recipient', 'figure', 'estimate'],
      ["'-A1", '1', 'm01-grant', 'person', '2000', '2000'],
      ["'-A1", '1', 'm01-employer-monthly', 'employer', '500', '1500'],
    ]);
    expect(formatError(format, 2, 'A2', [{ column: '', value: '', message: 'x' }])).toBe('');
  });

  it('ndjson: every kind of id gives a line of valid JSON with the id as written', () => {
    const format = rowFormatter('ndjson', compiled);
    for (const id of ['A0001', '张伟-01', 'say "hi"', 'back\\slash', 'tab\there', 'two\nlines', '=1+2']) {
      const line = formatOk(format, 1, id, evaluateRow(master));
      expect(line.endsWith('}\n') && !line.slice(0, -1).includes('\n')).toBe(true);
      expect(JSON.parse(line)).toMatchObject({ row: 1, id, totalEstimateCNY: 3500 });
    }
  });

  it('ndjson: the object the issue specifies, for good rows and bad', () => {
    const format = rowFormatter('ndjson', compiled);
    const profile = { degree: 'master', softwareSector: true } as const;
    expect(JSON.parse(formatOk(format, 4, 'A4', evaluateRow(profile)))).toEqual({
      row: 4,
      id: 'A4',
      eligible: [],
      undetermined: [
        { id: 'm01-grant', measure: 1, cny: 2000, missing: ['socialInsuranceMonths'] },
        { id: 'm01-employer-monthly', measure: 1, cny: 500, missing: ['employerSize', 'hardToEmploy'] },
      ],
      totalEstimateCNY: 0,
    });
    expect(JSON.parse(formatOk(format, 1, 'A1', evaluateRow(master))).eligible).toEqual([
      { id: 'm01-grant', measure: 1, recipient: 'person', cny: 2000, estimateCNY: 2000 },
      { id: 'm01-employer-monthly', measure: 1, recipient: 'employer', cny: 500, estimateCNY: 1500 },
    ]);
    const errors = [
      { column: 'degree', value: 'PhD', message: 'not allowed' },
      { column: 'title', value: 'x', message: 'not allowed' },
    ];
    expect(JSON.parse(formatError(format, 5, 'A5', errors))).toEqual({ row: 5, id: 'A5', errors });
    expect(formatOk(format, 1, 'A1', evaluateRow(master)).endsWith('}\n')).toBe(true);
  });
});
