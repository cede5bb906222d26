// Property-based tests of the CSV reader: random records (quoted cells with commas, quotes and line breaks, blank
// rows, long cells, CJK and astral characters), random line endings, random chunking of the bytes, UTF-8, UTF-8
// with BOM and GBK. Whatever the input, the reader must give the records a plain reference split of the whole
// text gives, and never invent or lose a row: rows read = the reference's data records = ok + errors.
// `npm test` runs a few hundred cases; `npm run fuzz` (SUBSIDY_FUZZ_RUNS) many more.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
// The reader thread runs the built worker module, so the reader comes from the build (npm test builds first).
import { recordSplitter, type CsvRecord } from '../../dist/batch/csv-records.js';
import { decodeText } from '../../dist/batch/decode-text.js';
import { profileRows, scanApplicants, type ApplicantRow } from '../../dist/batch/read-applicants.js';
import { scanCodedRowsOffThread } from '../../dist/batch/read-off-thread.js';
import { DECLARED } from '../support/facts.js';
import { fuzzParams, fuzzRuns } from '../support/fuzz-runs.js';

/** Time for a property: long runs take long. */
const timeout = (defaultRuns: number) => ({ timeout: Math.max(60_000, fuzzRuns(defaultRuns) * 100) });

/** The documented cell-size limit (README, batch). */
const MAX_CELL = 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------------
// The reference: the whole text at once, one rule at a time, as the README states them.

interface Ref {
  cells: string[];
  malformed: boolean;
}

const isLineEnd = (c: string | undefined) => c === '\n' || c === '\r';
const isDelimiter = (c: string | undefined) => c === undefined || c === ',' || isLineEnd(c);

/** Where the next line begins after the first line end at or after `from` (CRLF counts as one). */
function nextLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isLineEnd(text[i])) i++;
  if (i >= text.length) return text.length;
  return text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
}

function referenceSplit(text: string): Ref[] {
  const records: Ref[] = [];
  let i = 0;
  while (i < text.length) {
    const cells: string[] = [];
    let malformed = false;
    for (;;) {
      if (text[i] === '"') {
        // A quoted cell: "" is a quote, the first lone quote closes it.
        let j = i + 1;
        let close = -1;
        while (close === -1) {
          const q = text.indexOf('"', j);
          if (q === -1) break;
          if (text[q + 1] === '"') j = q + 2;
          else close = q;
        }
        const raw = text.slice(i + 1, close === -1 ? text.length : close);
        if (close !== -1 && isDelimiter(text[close + 1])) {
          if (raw.length > MAX_CELL) malformed = true;
          cells.push(raw.length > MAX_CELL ? '' : raw.replaceAll('""', '"'));
          i = close + 1;
        } else if (raw.length <= MAX_CELL) {
          // Never closed, or text after the closing quote: a stray quote. The record ends at the first line end
          // after it, and the lines after that are records again.
          malformed = true;
          i = nextLine(text, i + 1);
          break;
        } else if (close === -1) {
          // Too long to read again: the rest of the text is its cell.
          malformed = true;
          i = text.length;
          break;
        } else {
          // Too long to read again, and text after its closing quote: the cell goes on to the next comma.
          malformed = true;
          let k = close + 1;
          while (!isDelimiter(text[k])) k++;
          cells.push('');
          i = k;
        }
      } else {
        let k = i;
        while (!isDelimiter(text[k])) k++;
        const cell = text.slice(i, k);
        if (cell.length > MAX_CELL) malformed = true;
        cells.push(cell.length > MAX_CELL ? '' : cell);
        i = k;
      }
      if (i >= text.length) break;
      if (text[i] === ',') {
        i++;
        if (i >= text.length) cells.push('');
        if (i >= text.length) break;
        continue;
      }
      i = text[i] === '\r' && text[i + 1] === '\n' ? i + 2 : i + 1;
      break;
    }
    records.push({ cells, malformed });
  }
  return records;
}

const blank = (record: Ref) => !record.malformed && record.cells.every((cell) => cell.trim() === '');

// ---------------------------------------------------------------------------------------------------------------
// Generators.

const CJK = ['学', '历', '硕', '士', '本', '科', '是', '否', '重', '庆', '编', '号', '备', '注'];
const ASCII = ['a', 'B', '0', '7', ' ', '-', '='];
const SPECIAL = [',', '"', '\n', '\r', '\r\n'];

/** A cell's text; GBK cannot hold astral characters. */
const cellText = (gbk: boolean) =>
  fc.oneof(
    { weight: 160, arbitrary: fc.array(fc.constantFrom(...ASCII, ...CJK, ...SPECIAL, ...(gbk ? [] : ['😀', 'é'])), { maxLength: 12 }).map((parts) => parts.join('')) },
    { weight: 30, arbitrary: fc.constant('') },
    // A long cell: across any piece boundary, now and then past the cell-size limit.
    {
      weight: 1,
      arbitrary: fc.constantFrom(5_000, 70_000, 140_000, MAX_CELL + 1).chain((length) => fc.constantFrom('x', '学', ',', '\n', '"').map((char) => `a${char.repeat(length - 1)}`)),
    },
  );

const needsQuotes = (cell: string) => /[",\r\n]/.test(cell) || cell.startsWith('"');
const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

/** `text` with `insert` at `at`, or just after when `at` falls inside a surrogate pair. */
function insertAt(text: string, at: number, insert: string): string {
  const low = text.charCodeAt(at);
  const where = low >= 0xdc00 && low <= 0xdfff ? at + 1 : at;
  return text.slice(0, where) + insert + text.slice(where);
}

interface Doc {
  text: string;
  /** The records as generated, when every cell was written well-formed. */
  records: string[][] | null;
}

/** Records written as CSV: each cell quoted when it must be (or by chance), each line with its own line end. */
const csvDoc = (gbk: boolean, header?: string[]) =>
  fc
    .tuple(
      fc.array(
        fc.oneof(
          { weight: 8, arbitrary: fc.array(cellText(gbk), { minLength: 1, maxLength: 6 }) },
          // Blank rows: an empty line, or Excel's ",,,".
          { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 }).map((n) => Array.from({ length: n }, () => '')) },
        ),
        { maxLength: 12 },
      ),
      fc.infiniteStream(fc.tuple(fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())),
      fc.boolean(),
      // A stray quote now and then: a broken file, for the reference to judge.
      fc.option(fc.tuple(fc.nat(), fc.constantFrom('"', '"x', 'x"', '""', '"a,b')), { freq: 6 }),
    )
    .map(([rows, choices, endsWithLineEnd, stray]): Doc => {
      const all = header ? [header, ...rows] : rows;
      let previous = '';
      const lines = all.map((cells, k) => {
        const [chosen, quoteAnyway] = choices.next().value as [string, boolean];
        const written = cells.map((cell) => (needsQuotes(cell) || (quoteAnyway && cell.length < 50) ? quote(cell) : cell)).join(',');
        // An empty line ended by LF right after a CR would make one CRLF with it.
        const lineEnd = written === '' && previous === '\r' && chosen === '\n' ? '\r\n' : chosen;
        previous = lineEnd;
        const last = k === all.length - 1;
        // A last record of one empty cell exists only with its line end.
        return written + (last && !endsWithLineEnd && written !== '' ? '' : lineEnd);
      });
      let text = lines.join('');
      if (stray) text = insertAt(text, stray[0] % (text.length + 1), stray[1]);
      return { text, records: stray ? null : all };
    });

/** The bytes in pieces: at random places, or all in pieces of one size (down to 1 byte). */
const pieces = fc.oneof(
  fc.array(fc.nat(), { maxLength: 12 }).map((cuts) => (bytes: Buffer) => {
    const points = [...new Set(cuts.map((cut) => (bytes.length === 0 ? 0 : cut % bytes.length)))].sort((a, b) => a - b);
    const chunks: Buffer[] = [];
    let from = 0;
    for (const point of [...points, bytes.length]) {
      chunks.push(bytes.subarray(from, point));
      from = point;
    }
    return chunks;
  }),
  fc.integer({ min: 1, max: 70_000 }).map((size) => (bytes: Buffer) => {
    const chunks: Buffer[] = [];
    // At most 2,000 pieces, so that a long cell in pieces of one byte does not take minutes.
    const step = Math.max(size, Math.ceil(bytes.length / 2000));
    for (let at = 0; at < bytes.length; at += step) chunks.push(bytes.subarray(at, at + step));
    return chunks;
  }),
);

type Encoding = 'utf-8' | 'utf-8 with BOM' | 'gbk' | 'gbk with BOM';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function encode(text: string, encoding: Encoding): Buffer {
  const bytes = encoding.startsWith('gbk') ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
  return encoding.endsWith('BOM') ? Buffer.concat([BOM, bytes]) : bytes;
}

/** GBK must be named: a short GBK text can happen to be valid UTF-8. UTF-8 is left to detection. */
const readOptions = (encoding: Encoding) => (encoding.startsWith('gbk') ? { encoding: 'gbk' as const } : {});

// ---------------------------------------------------------------------------------------------------------------

async function split(chunks: Buffer[], encoding: Encoding): Promise<Ref[]> {
  const records: Ref[] = [];
  const splitter = recordSplitter({
    keepCells: Number.POSITIVE_INFINITY,
    visit: (record: CsvRecord) => records.push({ cells: record.cells, malformed: record.problem !== null }),
  });
  for await (const chunk of decodeText(Readable.from(chunks), { ...readOptions(encoding), file: 'fuzz.csv', warn: () => {} })) splitter.push(chunk.text);
  splitter.end();
  return records;
}

describe('the CSV reader against a reference split', () => {
  it('gives the records of the reference whatever the chunking, line endings and encoding', timeout(100), async () => {
    await fc.assert(
      fc.asyncProperty(csvDoc(false), pieces, fc.constantFrom<Encoding>('utf-8', 'utf-8 with BOM'), async (doc, cut, encoding) => {
        const expected = referenceSplit(doc.text);
        if (doc.records) expect(expected.map((record) => record.cells)).toEqual(doc.records.map((cells) => cells.map((cell) => (cell.length > MAX_CELL ? '' : cell))));
        expect(await split(cut(encode(doc.text, encoding)), encoding)).toEqual(expected);
      }),
      fuzzParams(100),
    );
  });

  it('reads GBK, with or without a UTF-8 BOM in front, as it reads UTF-8', timeout(30), async () => {
    await fc.assert(
      fc.asyncProperty(csvDoc(true), pieces, fc.constantFrom<Encoding>('gbk', 'gbk with BOM'), async (doc, cut, encoding) => {
        expect(await split(cut(encode(doc.text, encoding)), encoding)).toEqual(referenceSplit(doc.text));
      }),
      fuzzParams(30),
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Rows: the header's facts, values good and bad, blank and broken rows.

const HEADER = ['编号', 'degree', '社保月数', '备注'];
const rowCells = fc.tuple(
  fc.constantFrom('A1', 'B 2', '', ' ', '"q"', '2'),
  fc.constantFrom('master', '本科', 'PhD', '', ' '),
  fc.constantFrom('12', '十二', '十几', '', '-1', '1,234'),
  cellText(false),
);

const rowsDoc = fc
  .tuple(
    fc.array(fc.oneof({ weight: 8, arbitrary: rowCells.map((cells) => [...cells]) }, { weight: 1, arbitrary: fc.constant(['', '', '', '']) }, { weight: 1, arbitrary: fc.array(cellText(false), { maxLength: 6 }) }), { maxLength: 10 }),
    fc.infiniteStream(fc.constantFrom('\n', '\r\n', '\r')),
    fc.option(fc.tuple(fc.nat(), fc.constantFrom('"', '"x')), { freq: 5 }),
  )
  .map(([rows, lineEnds, stray]) => {
    const lines = [HEADER, ...rows].map((cells) => cells.map((cell) => (needsQuotes(cell) ? quote(cell) : cell)).join(',') + (lineEnds.next().value as string));
    let text = lines.join('');
    if (stray) {
      // After the header: the header is the reader's to refuse.
      text = insertAt(text, lines[0]!.length + (stray[0] % (text.length - lines[0]!.length + 1)), stray[1]);
    }
    return text;
  });

type Scan = typeof scanApplicants;
const offThread: Scan = (input, options, onRow) => scanCodedRowsOffThread(input, options, profileRows(options.facts, options.dense ?? false, onRow));

async function scan(how: Scan, chunks: Buffer[]): Promise<{ rows: ApplicantRow[]; warnings: string[] }> {
  const rows: ApplicantRow[] = [];
  const warnings: string[] = [];
  for await (const _ of how({ stream: Readable.from(chunks) }, { facts: DECLARED, onWarning: (message: string) => warnings.push(message) }, (row: ApplicantRow) => rows.push(row)));
  return { rows, warnings };
}

/** The data rows the reference finds: every non-blank record after the header. */
function expectedRows(text: string): Ref[] {
  const records = referenceSplit(text).filter((record) => !blank(record));
  return records.slice(1);
}

function checkRows(text: string, rows: ApplicantRow[]): void {
  const expected = expectedRows(text);
  // Rows read = the reference's data records = ok + errors, numbered 1, 2, 3, …
  expect(rows.length).toBe(expected.length);
  const ok = rows.filter((row) => 'profile' in row).length;
  const errors = rows.filter((row) => 'errors' in row && row.errors.length > 0).length;
  expect(ok + errors).toBe(rows.length);
  expect(rows.map((row) => row.row)).toEqual(expected.map((_, k) => k + 1));
  // The same rows: ids as written (a blank id stays blank), a malformed record an error.
  expect(rows.map((row) => row.id)).toEqual(expected.map((record) => (record.cells[0] ?? '').trim()));
  expected.forEach((record, k) => {
    if (record.malformed) expect('errors' in rows[k]!, `row ${k + 1}`).toBe(true);
  });
}

describe('the reader never invents or loses a row', () => {
  it('reads as many rows as the reference has data records, each ok or an error, on one thread', timeout(100), async () => {
    await fc.assert(
      fc.asyncProperty(rowsDoc, pieces, async (text, cut) => {
        checkRows(text, (await scan(scanApplicants, cut(Buffer.from(text)))).rows);
      }),
      fuzzParams(100),
    );
  });

  it('reads the same rows and warnings through the reader thread', timeout(1000), async () => {
    const params = fuzzParams(10);
    // A thread a case: a hundredth of the cases of the long run.
    await fc.assert(
      fc.asyncProperty(rowsDoc, pieces, async (text, cut) => {
        const chunks = cut(Buffer.from(text));
        const here = await scan(scanApplicants, chunks);
        const there = await scan(offThread, chunks);
        expect(there).toEqual(here);
        checkRows(text, there.rows);
      }),
      { ...params, numRuns: Math.max(10, Math.ceil(params.numRuns / 100)) },
    );
  });
});
