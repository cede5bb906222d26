import type { Message } from '../util/messages/index.js';
import { osReason } from '../util/os-errors.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { factNamed, type FactsDeclaration, type Profile } from '../facts/facts.js';
import { inputError, InputError } from '../util/problems.js';
import { csvRecords } from './csv-records.js';
import { decodeText, type InputEncoding } from './decode-text.js';
import type { HeaderMap } from './header.js';
import { EMPTY_INPUT, profileMaker, rowCoder, rowId } from './row-coder.js';

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
  let size: number;
  try {
    const info = await stat(input.path);
    if (info.isDirectory()) throw inputError('batch.isFolder', undefined, name);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? inputError('os.ENOENT', undefined, name) : inputError('read.cannotShort', { why: osReason(error) }, name);
  }
  return { bytes: createReadStream(input.path, { highWaterMark: READ_CHUNK_BYTES }), totalBytes: size };
}

export async function* readable(bytes: AsyncIterable<Buffer | string>, name: string): AsyncGenerator<Buffer | string> {
  try {
    yield* bytes;
  } catch (error) {
    throw inputError('read.cannotShort', { why: osReason(error) }, name);
  }
}

/**
 * Streams the rows of a CSV file or stream as codes to `visitor`, in input order, yielding progress after each
 * chunk read (64 KB) so that the caller can wait for its output to drain. Memory stays flat.
 * A file that cannot be read, is empty or has no recognisable header throws InputError; bad rows never do.
 */
export async function* scanCodedRows(input: ApplicantInput, options: ReadApplicantsOptions, visitor: CodedRowVisitor): AsyncGenerator<ScanProgress> {
  const name = options.name ?? ('path' in input ? input.path : 'stdin');
  const warn = options.onWarning ?? (() => {});
  const { bytes, totalBytes } = await openInput(input, name);
  // One row at a time: the codes are handed on as soon as they are written.
  let hasIds = false;
  const sink = {
    codes: new Float64Array(0) as Float64Array,
    offset: 0,
    header(map: HeaderMap) {
      sink.codes = new Float64Array(map.facts.length);
      hasIds = map.idIndex >= 0;
      visitor.header(map.facts.map((column) => column.def.name));
    },
    reserve() {},
    ok: (row: number, id: string) => visitor.ok(row, rowId(hasIds ? id : null, row), sink.codes, 0),
    error: (row: number, id: string, errors: RowError[]) => visitor.error(row, rowId(hasIds ? id : null, row), errors),
  };
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
