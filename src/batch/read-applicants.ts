import type { Message } from '../util/messages/index.js';
import { osReason } from '../util/os-errors.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { factNamed, type FactsDeclaration, type Profile } from '../facts/facts.js';
import { inputError, InputError } from '../util/problems.js';
import { csvRecords } from './csv-records.js';
import { decodeText, type InputEncoding } from './decode-text.js';
import { EMPTY_INPUT, profileMaker, rowCoder } from './row-coder.js';
import { codedRowSink } from './row-sink.js';
import { inputKind, scanWorkbookRows } from './xlsx-read.js';

import type { RowError } from './row-coder.js';

export type { RowError };

/**
 * One data row of an applicant CSV. `row` counts data rows from 1: the header is not a row and blank rows (empty
 * lines, only empty cells) are skipped. `id` is the id (编号) cell, blank when it is blank, or the row number when
 * the file has no id column. A bad row has every bad cell in `errors`, or the one reason the row is malformed.
 */
export type ApplicantRow = { row: number; id: string; profile: Profile } | { row: number; id: string; errors: RowError[] };

export type ApplicantInput = { path: string } | { stream: NodeJS.ReadableStream };

export interface ReadApplicantsOptions {
  /** The facts the columns may name (the policy set's). */
  facts: FactsDeclaration;
  /** Without it, UTF-8 (with or without BOM) unless the bytes are not valid UTF-8, then GBK with a warning. */
  encoding?: InputEncoding;
  /** Header and encoding warnings: unknown columns, an encoding guessed. */
  onWarning?: (message: Message) => void;
  /** The input's name in messages; defaults to the path, or "stdin". */
  name?: string;
  /** The sheet of an .xlsx workbook to read (default: the first). */
  sheet?: string;
}

export interface ScanOptions extends ReadApplicantsOptions {
  /**
   * Give every fact column of the header a key in each profile, undefined for a blank cell (still unknown).
   * Faster for hot loops; `readApplicants` leaves blank facts out instead.
   */
  dense?: boolean;
}

/**
 * Rows as codes (see CodedRow), for hot loops that need no profile objects. `id` is as in ApplicantRow.
 * The codes of a row are at `offset` of `codes`, and only until `ok` returns.
 */
export interface CodedRowVisitor {
  /** The facts the header names, in column order: the codes' columns. Called once, before the first row. */
  header(facts: string[]): void;
  ok(row: number, id: string, codes: Float64Array, offset: number): void;
  error(row: number, id: string, errors: RowError[]): void;
}

/** A coded-row visitor that hands `onRow` each row with its profile. */
export function profileRows(declared: FactsDeclaration, dense: boolean, onRow: (row: ApplicantRow) => void): CodedRowVisitor {
  let makeProfile: ReturnType<typeof profileMaker> = () => ({});
  return {
    header: (facts) => (makeProfile = profileMaker(facts.map((fact) => factNamed(declared, fact)!), dense)),
    ok: (row, id, codes, offset) => onRow({ row, id, profile: makeProfile(codes, offset) }),
    error: (row, id, errors) => onRow({ row, id, errors }),
  };
}

export interface ScanProgress {
  rows: number;
  bytesRead: number;
  /** The file's size, when reading a file. */
  totalBytes: number | null;
}

/** Node's default: larger chunks only make the heap, and so the peak RSS, grow. */
export const READ_CHUNK_BYTES = 64 * 1024;

export async function openInput(input: ApplicantInput, name: string): Promise<{ bytes: AsyncIterable<Buffer | string>; totalBytes: number | null }> {
  if ('stream' in input) return { bytes: input.stream as AsyncIterable<Buffer | string>, totalBytes: null };
  const size = await inputSize(input.path, name);
  return { bytes: createReadStream(input.path, { highWaterMark: READ_CHUNK_BYTES }), totalBytes: size };
}

/** An input file's size; a folder or a file that is missing or unreadable throws InputError. */
export async function inputSize(path: string, name: string): Promise<number> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw inputError('batch.isFolder', undefined, name);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? inputError('os.ENOENT', undefined, name) : inputError('read.cannotShort', { why: osReason(error) }, name);
  }
  return size;
}

export async function* readable(bytes: AsyncIterable<Buffer | string>, name: string): AsyncGenerator<Buffer | string> {
  let first = true;
  try {
    for await (const chunk of bytes) {
      // A workbook on stdin (a file is recognised by its name or bytes before it gets here).
      if (first && typeof chunk !== 'string' && chunk.subarray(0, 4).equals(ZIP_MAGIC)) {
        throw inputError('xlsx.onStdin', undefined, name);
      }
      first = false;
      yield chunk;
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw inputError('read.cannotShort', { why: osReason(error) }, name);
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Streams the rows of a CSV file or stream as codes to `visitor`, in input order, yielding progress after each
 * chunk read (64 KB) so that the caller can wait for its output to drain. Memory stays flat.
 * A file that cannot be read, is empty or has no recognisable header throws InputError; bad rows never do.
 */
export async function* scanCodedRows(input: ApplicantInput, options: ReadApplicantsOptions, visitor: CodedRowVisitor): AsyncGenerator<ScanProgress> {
  const name = options.name ?? ('path' in input ? input.path : 'stdin');
  const warn = options.onWarning ?? (() => {});
  if ('path' in input) {
    const kind = await inputKind(input.path);
    if (kind === 'xls') throw inputError('xlsx.xlsRefused', undefined, name);
    if (kind === 'xlsx') {
      await inputSize(input.path, name);
      yield* scanWorkbookRows(input.path, options, visitor);
      return;
    }
  }
  if (options.sheet !== undefined) throw inputError('xlsx.sheetOnCsv', { sheet: JSON.stringify(options.sheet) }, name);
  const { bytes, totalBytes } = await openInput(input, name);
  // One row at a time: the codes are handed on as soon as they are written.
  const { sink } = codedRowSink(visitor);
  const coder = rowCoder(name, warn, sink, options.facts);
  const text = decodeText(readable(bytes, name), { encoding: options.encoding, file: name, warn });
  for await (const bytesRead of csvRecords(text, coder.visitor)) yield { rows: coder.rows(), bytesRead, totalBytes };
  if (!coder.sawHeader()) throw new InputError([{ file: name, path: '', message: EMPTY_INPUT }]);
}

/** `scanCodedRows`, calling `onRow` with each row's profile (or its error). */
export function scanApplicants(input: ApplicantInput, options: ScanOptions, onRow: (row: ApplicantRow) => void): AsyncGenerator<ScanProgress> {
  return scanCodedRows(input, options, profileRows(options.facts, options.dense ?? false, onRow));
}

/** Every applicant row of a CSV, in input order. See `scanApplicants` for the reading rules. */
export async function* readApplicants(input: ApplicantInput, options: ReadApplicantsOptions): AsyncGenerator<ApplicantRow> {
  let buffered: ApplicantRow[] = [];
  for await (const _ of scanApplicants(input, options, (row) => buffered.push(row))) {
    const rows = buffered;
    buffered = [];
    yield* rows;
  }
  yield* buffered;
}
