import { createReadStream, type ReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import type { File as ZipPart } from 'unzipper';
import { msg } from '../util/messages/index.js';
import { inputError, InputError } from '../util/problems.js';
import type { CsvRecord } from './csv-records.js';
import { isBlank } from './csv-records.js';
import type { CodedRowVisitor, ReadApplicantsOptions, ScanProgress } from './read-applicants.js';
import { codedRowSink } from './row-sink.js';
import { EMPTY_INPUT, rowCoder } from './row-coder.js';

/** What the first bytes of an input say it is. */
export type InputKind = 'text' | 'xlsx' | 'xls';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (head: Buffer, magic: readonly number[]) => head.length >= magic.length && magic.every((byte, i) => head[i] === byte);

/** A file's first 8 bytes (fewer in a shorter file); null when it cannot be read. */
async function fileHead(path: string): Promise<Buffer | null> {
  try {
    const file = await open(path, 'r');
    try {
      const head = Buffer.alloc(8);
      return head.subarray(0, (await file.read(head, 0, 8, 0)).bytesRead);
    } finally {
      await file.close();
    }
  } catch {
    return null;
  }
}

/**
 * An input file's kind: an .xlsx workbook by its extension or by its first bytes (a zip, as every .xlsx is), an
 * Excel 97-2003 .xls by its bytes or extension; anything else is text (CSV).
 */
export async function inputKind(path: string): Promise<InputKind> {
  const head = await fileHead(path);
  // Not readable here (a folder, no such file): the CSV reader reports it in its words.
  if (head === null) return extname(path).toLowerCase() === '.xlsx' ? 'xlsx' : 'text';
  if (startsWith(head, ZIP)) return 'xlsx';
  if (startsWith(head, OLE)) return 'xls';
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  return ext === '.xls' ? 'xls' : 'text';
}


/** The parts of a cell value exceljs hands out that matter here (see xlsxCellText). */
type CellValue = unknown;

/** Two digits. */
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * A workbook cell as the text a CSV cell would hold, so that xlsx and CSV rows go through the same coding
 * (coerceFactValue and the spellings it accepts). Explicitly:
 * - empty → '' (unknown);
 * - text → itself; rich text → its runs' text joined; a hyperlink → its text;
 * - a number → its shortest plain decimal (12, 0.5, 0.0000001; what Excel stored, not how it is shown: 60% is 0.6);
 * - true/false → TRUE/FALSE, as Excel writes them to CSV (a yes/no fact reads them, a number fact refuses them);
 * - a date or time → 2024-06-30, or 2024-06-30T08:30:00 with a time of day (no fact is a date: refused as a value,
 *   kept as an id);
 * - a formula → its saved result, mapped as above; without a saved result, or with an error as its result, its
 *   formula text `=…` (which no fact accepts: the row is an error naming the cell);
 * - an error cell (#N/A, #DIV/0!) → its error text.
 * Null for a value of a kind not listed (the row is then reported as malformed).
 */
export function xlsxCellText(value: CellValue): string | null {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value;
    case 'number': {
      if (!Number.isFinite(value)) return null;
      // Plain decimals, as a CSV cell holds them (1e-7 and 1e21 are written out: no fact reads exponents).
      const text = String(value);
      return text.includes('e') ? value.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 17 }) : text;
    }
    case 'boolean':
      return value ? 'TRUE' : 'FALSE';
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) {
    const time = value.getTime();
    if (!Number.isFinite(time)) return null;
    const date = `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const seconds = Math.round((time - Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate())) / 1000);
    if (seconds === 0) return date;
    return `${date}T${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  }
  const cell = value as Record<string, unknown>;
  if (Array.isArray(cell.richText)) return (cell.richText as { text?: unknown }[]).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
  if ('formula' in cell || 'sharedFormula' in cell) {
    const formula = `=${String(cell.formula ?? cell.sharedFormula ?? '')}`;
    const result = cell.result;
    if (result === undefined || result === null || (typeof result === 'number' && !Number.isFinite(result))) return formula;
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in (result as object)) return formula;
    return xlsxCellText(result);
  }
  if ('error' in cell && typeof cell.error === 'string') return cell.error;
  if ('text' in cell) return xlsxCellText(cell.text);
  return null;
}

/** A column's letters (1 → A, 27 → AA), for messages. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/**
 * A part's XML decoded as UTF-8 across chunk boundaries. exceljs decodes each chunk on its own, so a character split
 * between two chunks became two U+FFFD: an id or a label silently changed (a test holds it).
 */
async function* decodedXml(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** The same, as a stream of strings, for the parts exceljs reads from a stream (the shared strings). */
function decodedStream(entry: NodeJS.ReadableStream): NodeJS.ReadableStream {
  const decoder = new TextDecoder('utf-8');
  return entry.pipe(
    new Transform({
      readableObjectMode: true,
      transform(chunk: Buffer, _encoding, done) {
        const text = decoder.decode(chunk, { stream: true });
        done(null, text === '' ? undefined : text);
      },
      flush(done) {
        const rest = decoder.decode();
        done(null, rest === '' ? undefined : rest);
      },
    }),
  );
}

/** The start of what needs repair: an inline string (`<is>`), or a cell of type `str` (`<c … t="str">`). */
const REPAIR_OPEN = /<is(?:\s[^>]*)?(\/?)>|<c\s[^>]*\bt=["']str["'][^>]*?(\/?)>/g;
const RUN_TEXT = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
const PHONETIC = /<rPh[\s>][\s\S]*?<\/rPh>/g;
const VALUE = /(<v(?:\s[^>]*)?>)([\s\S]*?)(<\/v>)/;

/** `&` escaped once more: exceljs decodes a `str` cell's and an inline string's entities a second time after the XML parser (the text `A&amp;B` was read as `A&B`). */
const escapeAgain = (xml: string): string => xml.replace(/&/g, '&amp;');

/** An inline string's runs as one run: `<is><r><t>硕</t></r><r><t>士</t></r></is>` → `<is><t>硕士</t></is>`, its `&` escaped again. */
function joinRuns(inline: string): string {
  const texts = [...inline.replace(PHONETIC, '').matchAll(RUN_TEXT)].map((match) => match[1]);
  return `<is><t xml:space="preserve">${escapeAgain(texts.join(''))}</t></is>`;
}

/** A `str` cell with its value's `&` escaped again. */
const strCell = (cell: string): string => cell.replace(VALUE, (_, open: string, value: string, close: string) => open + escapeAgain(value) + close);

/** Where a tag begins that the next chunk completes: from the last `<` with no `>` after it (or the end). */
function openTagTail(text: string): number {
  const last = text.lastIndexOf('<');
  return last >= 0 && text.indexOf('>', last) < 0 ? text.length - last : 0;
}

/**
 * A sheet's XML repaired for exceljs's streaming reader: each inline string's runs joined into one (it started an
 * inline string afresh at each run, so only the last run was kept: 不是 read as 是), and the `&` of inline strings
 * and `str` cells escaped again (it decoded their entities twice). Shared strings, which Excel writes, it reads whole.
 */
async function* repairedSheetXml(texts: AsyncIterable<string>): AsyncGenerator<string> {
  let held = '';
  for await (const text of texts) {
    let input = held + text;
    held = '';
    let out = '';
    for (;;) {
      REPAIR_OPEN.lastIndex = 0;
      const open = REPAIR_OPEN.exec(input);
      if (open === null) {
        const keep = openTagTail(input);
        out += input.slice(0, input.length - keep);
        held = input.slice(input.length - keep);
        break;
      }
      const inline = open[0].startsWith('<is');
      const afterOpen = open.index + open[0].length;
      if ((inline ? open[1] : open[2]) === '/') {
        out += input.slice(0, afterOpen);
        input = input.slice(afterOpen);
        continue;
      }
      const end = inline ? '</is>' : '</c>';
      const close = input.indexOf(end, afterOpen);
      if (close < 0) {
        out += input.slice(0, open.index);
        held = input.slice(open.index);
        break;
      }
      const element = input.slice(open.index, close + end.length);
      out += input.slice(0, open.index) + (inline ? joinRuns(element) : strCell(element));
      input = input.slice(close + end.length);
    }
    if (out !== '') yield out;
  }
  if (held !== '') yield held;
}

/** The zip's end-of-central-directory record: its signature, its size without the comment, the comment's most. */
const DIRECTORY_END = 0x06054b50;
const DIRECTORY_END_BYTES = 22;
const MAX_ZIP_COMMENT = 0xffff;
/** A 32-bit field that zip64's record holds instead. */
const ZIP64_MARK = 0xffffffff;
/** How many of the last bytes unzipper searches for the record by default. */
const DEFAULT_TAIL = 80;

/**
 * A workbook file's parts, read through the zip's central directory (unzipper's Open), so that each part is read
 * when it is needed and in the order it is needed.
 *
 * exceljs's streaming reader reads the zip front to back instead (unzipper's Parse), and that loses parts: the parser
 * runs ahead of the reader while the reader is busy with a part, reaches the end of the zip and says so ('end')
 * while parts it has found are still waiting, and exceljs then takes the zip to be over. A workbook whose sheets come
 * before xl/workbook.xml (as exceljs, and so `subsidy batch --out`, writes them) then lost its workbook part, and
 * the sheet was read without it: "Cannot read properties of undefined (reading 'sheets')", when the machine was busy
 * (a test holds it). It also parked such sheets in temporary files and could remove one before reading it.
 */
class WorkbookFile {
  /** The file's byte streams open now, and the parts' streams: all closed by close(). */
  private readonly reads = new Set<ReadStream>();
  private readonly parts = new Set<Readable>();
  private failure: Error | null = null;
  private failDirectory: ((error: Error) => void) | null = null;

  constructor(private readonly path: string) {}

  /** The parts the zip's central directory lists, in its order. */
  async list(): Promise<ZipPart[]> {
    const { Open } = await import('unzipper');
    const failed = new Promise<never>((_, reject) => (this.failDirectory = reject));
    try {
      const size = (await stat(this.path)).size;
      const source = { stream: (offset: number, length?: number) => this.read(offset, length), size: async () => size };
      return (await Promise.race([Open.custom(source, { tailSize: await this.directoryEndTail(size) }), failed])).files;
    } finally {
      this.failDirectory = null;
    }
  }

  /** A part's bytes, uncompressed. */
  part(part: ZipPart): Readable {
    const stream = part.stream() as Readable;
    this.parts.add(stream);
    stream.once('close', () => this.parts.delete(stream));
    if (this.failure !== null) stream.destroy(this.failure);
    return stream;
  }

  /** Closes what is still open, read to the end or not. */
  close(): void {
    for (const part of this.parts) part.destroy();
    for (const read of this.reads) read.destroy();
  }

  /**
   * How far from the file's end its end-of-central-directory record starts. unzipper looks for the record in the last
   * 80 bytes only, so a workbook with a comment longer than 58 bytes was taken for one cut short. The record is the
   * last "PK\x05\x06" whose comment length reaches the file's end exactly and whose central directory ends where
   * the record starts (or is in zip64's record): the comment (up to 65,535 bytes) and a part's compressed bytes may
   * hold the signature, or a whole record, too. Failing that, the last whose comment reaches the end; a file with
   * none keeps unzipper's 80, and its words.
   */
  private async directoryEndTail(size: number): Promise<number> {
    const file = await open(this.path, 'r');
    try {
      const tail = Buffer.alloc(Math.min(size, DIRECTORY_END_BYTES + MAX_ZIP_COMMENT));
      const { bytesRead } = await file.read(tail, 0, tail.length, size - tail.length);
      const start = size - bytesRead;
      let reachesEnd: number | null = null;
      for (let at = bytesRead - DIRECTORY_END_BYTES; at >= 0; at--) {
        if (tail.readUInt32LE(at) !== DIRECTORY_END || at + DIRECTORY_END_BYTES + tail.readUInt16LE(at + 20) !== bytesRead) continue;
        const [directorySize, directoryOffset] = [tail.readUInt32LE(at + 12), tail.readUInt32LE(at + 16)];
        if (directoryOffset === ZIP64_MARK || directoryOffset + directorySize === start + at) return bytesRead - at;
        reachesEnd ??= bytesRead - at;
      }
      return reachesEnd ?? DEFAULT_TAIL;
    } finally {
      await file.close();
    }
  }

  /** The file's bytes from `offset` (unzipper reads a part from its start to the file's end, and stops when done). */
  private read(offset: number, length?: number): ReadStream {
    const stream = createReadStream(this.path, { start: offset, end: length === undefined ? undefined : offset + length - 1 });
    this.reads.add(stream);
    stream.once('close', () => this.reads.delete(stream));
    // unzipper does not pass a read's error on to the part it feeds: without this, a failed read would leave the
    // part waiting for ever.
    stream.on('error', (error) => this.fail(error));
    return stream;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.failDirectory?.(error);
    for (const part of this.parts) part.destroy(error);
  }
}

/** The parts of exceljs's streaming workbook reader that this code calls or replaces. */
interface ReaderParts {
  parse(): AsyncGenerator<unknown>;
  _parseRels(entry: Readable): Promise<unknown>;
  _parseWorkbook(entry: Readable): Promise<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<unknown>;
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Iterable<unknown>;
}

/** A sheet's part by its name: xl/worksheets/sheet1.xml is sheet 1. */
const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** A sheet's bytes, its part opened only when the sheet is read (a sheet passed over is never opened). */
async function* sheetBytes(file: WorkbookFile, part: ZipPart, onBytes: (part: ZipPart, seen: number) => void): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of file.part(part) as AsyncIterable<Buffer>) {
    seen += chunk.length;
    onBytes(part, seen);
    yield chunk;
  }
}

/**
 * Sets exceljs's reader to read `file`'s parts in the order a sheet needs them, each whole before the next: the
 * workbook's relationships and its workbook part (the sheets' names), the shared strings, the styles, then the
 * sheets in the zip's order. And puts the two repairs above in front of its parsing of the sheets and shared strings.
 */
function prepareReader(reader: object, file: WorkbookFile, onSheetBytes: (part: ZipPart, seen: number) => void): void {
  const hooks = reader as ReaderParts;
  const needed = [hooks.parse, hooks._parseRels, hooks._parseWorkbook, hooks._parseSharedStrings, hooks._parseStyles, hooks._parseWorksheet];
  if (needed.some((hook) => typeof hook !== 'function')) throw new Error('exceljs: the reader is not the one this code repairs');
  const parseWorksheet = hooks._parseWorksheet.bind(reader);
  const parseSharedStrings = hooks._parseSharedStrings.bind(reader);
  hooks._parseWorksheet = (iterator, sheetNo) => parseWorksheet(repairedSheetXml(decodedXml(iterator)), sheetNo);
  hooks._parseSharedStrings = (entry) => parseSharedStrings(decodedStream(entry));
  hooks.parse = async function* () {
    const parts = await file.list();
    const named = (path: string) => parts.find((part) => part.path === path);
    const rels = named('xl/_rels/workbook.xml.rels');
    if (rels) await hooks._parseRels(file.part(rels));
    const workbook = named('xl/workbook.xml');
    if (workbook) await hooks._parseWorkbook(file.part(workbook));
    const strings = named('xl/sharedStrings.xml');
    if (strings) yield* hooks._parseSharedStrings(file.part(strings));
    const styles = named('xl/styles.xml');
    if (styles) await hooks._parseStyles(file.part(styles));
    for (const part of parts) {
      const sheet = SHEET_PART.exec(part.path);
      if (sheet) yield* hooks._parseWorksheet(sheetBytes(file, part, onSheetBytes), sheet[1]!);
    }
  };
}

/** Rows handed on between progress reports, so that the caller can wait for its output. */
const PROGRESS_ROWS = 1024;

interface SheetInfo {
  name: string;
}

/** The sheets of a workbook, in the workbook's (tab) order, once its workbook part is read. */
const sheetsOf = (reader: { model?: { sheets?: SheetInfo[] } }): string[] => (reader.model?.sheets ?? []).map((sheet) => sheet.name);

/**
 * Streams the rows of one sheet of an .xlsx workbook (the first, or `options.sheet`) as codes to `visitor`, exactly
 * as scanCodedRows does for a CSV: each row's cells become the text a CSV cell would hold (xlsxCellText), then the
 * same row coder decides them. Rows come one at a time from the workbook's XML (exceljs's streaming reader): memory
 * holds the workbook's shared strings, not its rows. An unknown sheet, a file that is not a workbook, or a sheet
 * without a header row stops with an InputError (exit 2); bad rows never do.
 */
export async function* scanWorkbookRows(path: string, options: ReadApplicantsOptions & { sheet?: string }, visitor: CodedRowVisitor): AsyncGenerator<ScanProgress> {
  const name = options.name ?? path;
  const warn = options.onWarning ?? (() => {});
  const { default: ExcelJS } = await import('exceljs');
  let totalBytes: number | null = null;
  let bytesRead = 0;
  try {
    totalBytes = (await stat(path)).size;
  } catch {
    // openInput has checked the file; a race leaves the percent out.
  }
  // How far into the file the sheet's reading is: where its part starts, and as much of its compressed bytes as of
  // its XML read.
  const onSheetBytes = (part: ZipPart, seen: number) => {
    bytesRead = part.offsetToLocalFileHeader + Math.round(part.compressedSize * Math.min(1, seen / Math.max(1, part.uncompressedSize)));
  };
  const file = new WorkbookFile(path);
  // Styles are read so that a date cell is told from a number; hyperlinks keep their text.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  prepareReader(reader, file, onSheetBytes);
  // Each bad cell is named by its place in the sheet too (D5), so that it can be found in Excel.
  let sheetRow = 0;
  const headerColumns = new Map<string, number>();
  const placed: CodedRowVisitor = {
    header: (facts) => visitor.header(facts),
    ok: (row, id, codes, offset) => visitor.ok(row, id, codes, offset),
    error: (row, id, errors) =>
      visitor.error(
        row,
        id,
        errors.map((error) => {
          const column = error.column === '' ? undefined : headerColumns.get(error.column);
          return { ...error, cell: column === undefined ? String(sheetRow) : `${columnLetters(column)}${sheetRow}` };
        }),
      ),
  };
  const { sink } = codedRowSink(placed);
  const coder = rowCoder(name, warn, sink, options.facts);
  const record: CsvRecord = { cells: [], count: 0, extra: null, problem: null };
  let found = false;
  let seen = 0;
  try {
    for await (const worksheet of reader as unknown as AsyncIterable<{ name: string } & AsyncIterable<{ values: unknown; number: number }>>) {
      seen++;
      const wanted = options.sheet ?? sheetsOf(reader as never)[0];
      // Without a workbook part (no sheet has a name), the first sheet in the file is the first.
      if (found || (wanted !== undefined ? worksheet.name !== wanted : seen > 1)) continue;
      found = true;
      let sinceProgress = 0;
      for await (const row of worksheet) {
        const values = row.values as unknown[];
        const keep = coder.visitor.keepCells;
        const count = Math.max(0, values.length - 1);
        record.cells.length = 0;
        record.count = count;
        record.extra = null;
        record.problem = null;
        for (let column = 1; column <= count; column++) {
          const text = xlsxCellText(values[column]);
          if (text === null) {
            if (record.problem === null) {
              const cell = `${columnLetters(column)}${row.number}`;
              record.problem = msg('xlsx.cellUnknownKind', { cell });
            }
            if (column <= keep) record.cells.push('');
            continue;
          }
          if (column <= keep) record.cells.push(text);
          else if (record.extra === null && !isBlank(text)) record.extra = text;
        }
        // A sheet leaves out the empty cells at a row's end: the row has every column of the header, blank.
        if (coder.sawHeader()) for (let column = record.cells.length; column < keep; column++) record.cells.push('');
        record.count = Math.max(count, record.cells.length);
        sheetRow = row.number;
        const beforeHeader = !coder.sawHeader();
        coder.visitor.visit(record);
        if (beforeHeader && coder.sawHeader()) record.cells.forEach((cell, k) => headerColumns.set(cell.trim(), k + 1));
        if (++sinceProgress >= PROGRESS_ROWS) {
          sinceProgress = 0;
          yield { rows: coder.rows(), bytesRead, totalBytes };
        }
      }
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    // Not a zip at all (a CSV or another file named .xlsx): say so, not what the zip reader tripped on.
    const head = await fileHead(path);
    const detail = (error as Error).message;
    // unzipper's word for a zip that ends before its parts do (a copy or download cut short).
    const why = head !== null && !startsWith(head, ZIP) ? msg('xlsx.notZip') : detail === 'FILE_ENDED' ? msg('xlsx.cutShort') : detail;
    throw inputError('xlsx.unreadable', { why }, name);
  } finally {
    // Read to the end, stopped by a bad file, or left by the caller: the file is closed.
    file.close();
  }
  if (!found) {
    const sheets = sheetsOf(reader as never);
    if (options.sheet !== undefined) {
      throw inputError('xlsx.noSheetNamed', { sheet: options.sheet, sheets: sheets.length > 0 ? sheets.map((sheet) => `"${sheet}"`) : msg('xlsx.noSheets') }, name);
    }
    throw inputError('xlsx.noWorksheet', undefined, name);
  }
  if (!coder.sawHeader()) throw new InputError([{ file: name, path: '', message: EMPTY_INPUT }]);
  // The sheet is read: so is as much of the file as the rows need.
  yield { rows: coder.rows(), bytesRead: totalBytes ?? bytesRead, totalBytes };
}
