import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { coerceFactValue, type Coerced } from '../facts/coerce.js';
import type { FactDef, FactValue, Profile } from '../facts/facts.js';
import { inputError, InputError } from '../util/problems.js';
import { csvRecords, type RecordProblem } from './csv-records.js';
import { decodeText, type InputEncoding } from './decode-text.js';
import { mapHeader, type FactColumn, type HeaderMap } from './header.js';

export interface RowError {
  /** The header of the offending column as the file wrote it; empty when the row as a whole is malformed. */
  column: string;
  value: string;
  /** What is wrong and what is allowed. */
  message: string;
}

/**
 * One data row of an applicant CSV. `row` counts data rows from 1: the header is not a row and blank lines are
 * skipped. `id` is the id (编号) cell, or the row number when the file has no id column or the cell is blank.
 */
export type ApplicantRow = { row: number; id: string; profile: Profile } | { row: number; id: string; error: RowError };

export type ApplicantInput = { path: string } | { stream: NodeJS.ReadableStream };

export interface ReadApplicantsOptions {
  /** Without it, UTF-8 (with or without BOM) unless the bytes are not valid UTF-8, then GBK with a warning. */
  encoding?: InputEncoding;
  /** Header and encoding warnings: unknown columns, an encoding guessed. */
  onWarning?: (message: string) => void;
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

export interface ScanProgress {
  rows: number;
  bytesRead: number;
  /** The file's size, when reading a file. */
  totalBytes: number | null;
}

/** Node's default: larger chunks only make the heap, and so the peak RSS, grow. */
export const READ_CHUNK_BYTES = 64 * 1024;
/** Distinct cells remembered per column: labels and small numbers repeat, salaries need not. */
const CACHE_LIMIT = 1024;

function allowedHint(def: FactDef): string {
  if (def.type === 'enum') return ` (or their labels: ${def.values.map((value) => def.valueLabels[value]!.zh).join(', ')})`;
  if (def.type === 'boolean') return ' (or yes/no, 是/否, 1/0)';
  return '';
}

/** Spellings compared one by one before the map is tried: a yes/no or label column has only a handful (numbers many). */
const FEW_SPELLINGS = 8;

/** One column's coercion state: every column has the same shape, so that one call site serves them all. */
interface ColumnReader {
  def: FactDef;
  numeric: boolean;
  hint: string;
  spellings: string[];
  answers: Coerced[];
  cache: Map<string, Coerced>;
}

function columnReader(column: FactColumn): ColumnReader {
  const def = column.def;
  const numeric = def.type === 'number' || def.type === 'integer';
  return { def, numeric, hint: allowedHint(def), spellings: [], answers: [], cache: new Map() };
}

/**
 * Coerces a cell, remembering the answer for repeated cells so that each label is looked up once.
 * Comparing a short cell with a few known spellings is cheaper than hashing it for the map.
 */
function readCell(reader: ColumnReader, cell: string): Coerced {
  const { spellings } = reader;
  for (let k = 0; k < spellings.length; k++) if (spellings[k] === cell) return reader.answers[k]!;
  let coerced = reader.cache.get(cell);
  if (coerced === undefined) {
    coerced = coerceFactValue(reader.def, cell);
    if (!coerced.ok) coerced = { ok: false, message: coerced.message + reader.hint };
    if (!reader.numeric && spellings.length < FEW_SPELLINGS) {
      spellings.push(cell);
      reader.answers.push(coerced);
    } else if (reader.cache.size < CACHE_LIMIT) reader.cache.set(cell, coerced);
  }
  return coerced;
}

async function openInput(input: ApplicantInput, name: string): Promise<{ bytes: AsyncIterable<Buffer | string>; totalBytes: number | null }> {
  if ('stream' in input) return { bytes: input.stream as AsyncIterable<Buffer | string>, totalBytes: null };
  let size: number;
  try {
    const info = await stat(input.path);
    if (info.isDirectory()) throw inputError('is a folder, not a CSV file', name);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}`, name);
  }
  return { bytes: createReadStream(input.path, { highWaterMark: READ_CHUNK_BYTES }), totalBytes: size };
}

async function* readable(bytes: AsyncIterable<Buffer | string>, name: string): AsyncGenerator<Buffer | string> {
  try {
    yield* bytes;
  } catch (error) {
    throw inputError(`cannot read: ${(error as Error).message}`, name);
  }
}

/**
 * Dense profiles give every fact column a key, undefined for a blank cell, through one object literal: all rows
 * then share one object shape, which keeps the classifier's property reads fast. The code is generated from the
 * declared fact names only, each written as a JSON string.
 */
function denseProfileFactory(names: readonly string[]): (values: readonly (FactValue | undefined)[]) => Profile {
  const properties = names.map((name, k) => `${JSON.stringify(name)}: v[${k}]`).join(', ');
  return new Function('v', `"use strict"; return { ${properties} };`) as (values: readonly (FactValue | undefined)[]) => Profile;
}

function sparseProfileFactory(names: readonly string[]): (values: readonly (FactValue | undefined)[]) => Profile {
  return (values) => {
    const profile: Record<string, FactValue> = {};
    names.forEach((name, k) => {
      if (values[k] !== undefined) profile[name] = values[k];
    });
    return profile;
  };
}

/** Turns CSV records into applicant rows: the first record is the header, each later one a profile or an error. */
function rowBuilder(name: string, warn: (message: string) => void, dense: boolean, onRow: (row: ApplicantRow) => void) {
  let header: HeaderMap | null = null;
  let readers: ColumnReader[] = [];
  let makeProfile: (values: readonly (FactValue | undefined)[]) => Profile = () => ({});
  const values: (FactValue | undefined)[] = [];
  let rows = 0;
  const visit = (cells: string[], problem: RecordProblem | null): void => {
    if (header === null) {
      header = mapHeader(cells, name, warn);
      readers = header.facts.map(columnReader);
      const names = header.facts.map((column) => column.def.name);
      makeProfile = dense ? denseProfileFactory(names) : sparseProfileFactory(names);
      return;
    }
    const row = ++rows;
    const idCell = header.idIndex >= 0 ? cells[header.idIndex]?.trim() : undefined;
    const id = idCell ? idCell : String(row);
    if (problem) return onRow({ row, id, error: { column: '', value: '', message: problem.message } });
    const width = header.width;
    if (cells.length !== width) {
      if (cells.length < width) {
        const missing = header.facts.find((column) => column.index >= cells.length)?.header ?? '';
        return onRow({
          row,
          id,
          error: { column: missing, value: '', message: `the row has ${cells.length} cells but the header has ${width} columns; a line break inside an unquoted cell?` },
        });
      }
      const extra = cells.slice(width).find((cell) => cell.trim() !== '');
      if (extra !== undefined) {
        return onRow({
          row,
          id,
          error: { column: '', value: extra, message: `the row has ${cells.length} cells but the header has ${width} columns; quote cells that contain commas` },
        });
      }
    }
    const facts = header.facts;
    for (let k = 0; k < facts.length; k++) {
      const column = facts[k]!;
      const cell = cells[column.index]!;
      let value: FactValue | undefined;
      if (cell !== '') {
        const coerced = readCell(readers[k]!, cell);
        if (!coerced.ok) return onRow({ row, id, error: { column: column.header, value: cell, message: coerced.message } });
        value = coerced.value;
      }
      values[k] = value;
    }
    onRow({ row, id, profile: makeProfile(values) });
  };
  return { visit, rows: () => rows, sawHeader: () => header !== null };
}

/**
 * Streams applicant rows from a CSV file or stream, calling `onRow` for each in input order and yielding progress
 * after each chunk read (64 KB) so that the caller can wait for its output to drain. Memory stays flat.
 * A file that cannot be read, is empty or has no recognisable header throws InputError; bad rows never do.
 */
export async function* scanApplicants(
  input: ApplicantInput,
  options: ScanOptions,
  onRow: (row: ApplicantRow) => void,
): AsyncGenerator<ScanProgress> {
  const name = options.name ?? ('path' in input ? input.path : 'stdin');
  const warn = options.onWarning ?? (() => {});
  const { bytes, totalBytes } = await openInput(input, name);
  const builder = rowBuilder(name, warn, options.dense ?? false, onRow);
  const text = decodeText(readable(bytes, name), { encoding: options.encoding, file: name, warn });
  for await (const bytesRead of csvRecords(text, builder.visit)) yield { rows: builder.rows(), bytesRead, totalBytes };
  if (!builder.sawHeader()) throw inputError('the file is empty; the first row must name facts, e.g. id,学历,社保月数', name);
}

/** Every applicant row of a CSV, in input order. See `scanApplicants` for the reading rules. */
export async function* readApplicants(input: ApplicantInput, options: ReadApplicantsOptions = {}): AsyncGenerator<ApplicantRow> {
  let buffered: ApplicantRow[] = [];
  for await (const _ of scanApplicants(input, options, (row) => buffered.push(row))) {
    const rows = buffered;
    buffered = [];
    yield* rows;
  }
  yield* buffered;
}
