import { msg, render, type Lang } from '../util/messages/index.js';
import { factsOf } from '../engine/condition.js';
import type { CompiledPolicy } from '../engine/evaluate.js';
import type { RowResult } from './evaluate-row.js';
import type { Output } from './output-sink.js';
import type { OutputFormat } from './choices.js';
import type { RowError } from './row-coder.js';

export { OUTPUT_FORMATS, type OutputFormat } from './choices.js';

/** Excel runs a cell that starts with one of these as a formula (CSV injection); tab and CR are the OWASP extras. */
function startsFormula(value: string): boolean {
  const first = value.charCodeAt(0);
  return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13; // = + - @ \t \r
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: formula-like text gets a leading apostrophe, and commas, quotes or line breaks are quoted. */
export function csvCell(value: string): string {
  const text = startsFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvNumber = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** A row error in one sentence: "学历: \"PhD\" is not allowed; expected …". */
export function describeRowError(error: RowError, lang: Lang = 'en'): string {
  return error.column ? render(msg('csv.rowErrorColumn', { column: error.column, message: error.message }), lang) : render(error.message, lang);
}

/** Every error of a row in one cell, " | " between them. */
export const describeRowErrors = (errors: readonly RowError[], lang: Lang = 'en'): string => errors.map((error) => describeRowError(error, lang)).join(' | ');

/** Writes each row of the output in one format. */
export interface RowFormatter {
  /** The column header, or '' for formats without one. */
  header: string;
  /** Whether the text is CSV, which Excel reads right only with a BOM. */
  csv: boolean;
  ok(out: Output, row: number, id: string, result: RowResult): void;
  error(out: Output, row: number, id: string, errors: RowError[]): void;
}

const CSV_HEADER = 'id,row,status,eligible,eligibleCount,totalEstimateCNY,undetermined,error\r\n';
const LONG_HEADER = 'id,measure,item,recipient,figure,estimate\r\n';
export const ERRORS_HEADER = 'row,id,column,value,message\r\n';

/** The --errors file: one line per error of a bad row (each bad cell), whatever the output format. */
export function errorLines(row: number, id: string, errors: readonly RowError[], lang: Lang = 'en'): string {
  return errors.map((error) => `${row},${csvCell(id)},${csvCell(error.column)},${csvCell(error.value)},${csvCell(render(error.message, lang))}\r\n`).join('');
}

const COMMA = 44;
const CLOSE_BRACE = 125;
const NEWLINE = 10;
/** Items per prepared piece of a list: a list not met recently is at most ceil(items / 8) pieces copied. */
const PIECE_BITS = 8;
/** Whole lists remembered, by a hash of their bits: the lists an applicant population has repeat a lot. */
const LIST_SLOTS = 1024;

/**
 * Item ids joined by ";", written as bytes from the set's bits. Most rows repeat a list seen shortly before, so
 * whole lists are remembered in a fixed number of slots (a newer list takes over its slot: memory stays bounded).
 * Any other list is made of 8-item pieces, each encoded once, on first use, with and without its leading ";".
 */
function itemListWriter(compiled: CompiledPolicy): { maxBytes: number; write(block: Buffer, at: number, bits: Int32Array): number } {
  const ids = compiled.items.map(({ item }) => item.id);
  const count = Math.ceil(ids.length / PIECE_BITS);
  const leading = Array.from({ length: count }, () => new Array<Buffer | undefined>(1 << PIECE_BITS));
  const bare = Array.from({ length: count }, () => new Array<Buffer | undefined>(1 << PIECE_BITS));
  const build = (piece: number, mask: number): void => {
    const chosen = ids.slice(piece * PIECE_BITS, (piece + 1) * PIECE_BITS).filter((_, bit) => mask & (1 << bit));
    // Ids are ASCII by the schema.
    leading[piece]![mask] = Buffer.from(`;${chosen.join(';')}`, 'latin1');
    bare[piece]![mask] = Buffer.from(chosen.join(';'), 'latin1');
  };
  const piecesPerWord = 32 / PIECE_BITS;
  const lowMask = (1 << PIECE_BITS) - 1;
  const words = Math.ceil(ids.length / 32);
  const maxBytes = ids.reduce((sum, id) => sum + id.length + 1, 0);
  // One arena with room for the longest list in every slot: small buffers of their own would each hold on to a
  // shared 8 KB pool block, and memory would grow with every list replaced.
  const slotBits = new Int32Array(LIST_SLOTS * words);
  const arena = Buffer.alloc(LIST_SLOTS * maxBytes);
  const slotBytes = new Array<Buffer | undefined>(LIST_SLOTS);

  const fromPieces = (block: Buffer, at: number, bits: Int32Array): number => {
    let pos = at;
    for (let word = 0; word < words; word++) {
      const value = bits[word]!;
      if (value === 0) continue;
      for (let k = 0; k < piecesPerWord; k++) {
        const mask = (value >>> (k * PIECE_BITS)) & lowMask;
        if (mask === 0) continue;
        const piece = word * piecesPerWord + k;
        if (leading[piece]![mask] === undefined) build(piece, mask);
        const bytes = (pos === at ? bare : leading)[piece]![mask]!;
        block.set(bytes, pos);
        pos += bytes.length;
      }
    }
    return pos;
  };

  return {
    maxBytes,
    write(block, at, bits) {
      let hash = 0;
      let any = 0;
      for (let word = 0; word < words; word++) {
        hash = Math.imul(hash ^ bits[word]!, 0x9e3779b1);
        any |= bits[word]!;
      }
      if (any === 0) return at;
      const slot = (hash >>> 21) & (LIST_SLOTS - 1);
      const remembered = slotBytes[slot];
      let same = remembered !== undefined;
      for (let word = 0; same && word < words; word++) same = slotBits[slot * words + word] === bits[word];
      if (same) {
        block.set(remembered!, at);
        return at + remembered!.length;
      }
      const end = fromPieces(block, at, bits);
      block.copy(arena, slot * maxBytes, at, end);
      slotBytes[slot] = arena.subarray(slot * maxBytes, slot * maxBytes + end - at);
      for (let word = 0; word < words; word++) slotBits[slot * words + word] = bits[word]!;
      return end;
    },
  };
}

/** Writes a non-negative safe integer in decimal; returns where it ends. */
function writeDigits(block: Buffer, at: number, value: number): number {
  let end = at + 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) end++;
  let pos = end;
  let rest = value;
  do {
    block[--pos] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  } while (rest > 0);
  return end;
}

/** Writes a number as String() would; returns where it ends. */
function writeNumber(block: Buffer, at: number, value: number): number {
  if (Number.isSafeInteger(value) && value >= 0) return writeDigits(block, at, value);
  return at + block.write(String(value), at, 'latin1');
}

/**
 * Writes an id as a CSV cell and returns where it ends: byte for byte when it is plain ASCII (the common case:
 * A0001, asked for every row), else as `csvCell` makes it, in UTF-8. Room for `idCellBytes(id)` is needed.
 */
function writeIdCell(block: Buffer, at: number, id: string): number {
  if (id.length === 0 || !startsFormula(id)) {
    let i = 0;
    for (; i < id.length; i++) {
      const code = id.charCodeAt(i);
      if (code > 127 || code === 34 || code === 44 || code === 10 || code === 13) break; // " , LF CR
      block[at + i] = code;
    }
    if (i === id.length) return at + i;
  }
  return at + block.write(csvCell(id), at, 'utf8');
}

/** The most bytes `writeIdCell` can take: quotes doubled, 3 bytes a UTF-16 unit, an apostrophe and two quotes. */
const idCellBytes = (id: string): number => id.length * 6 + 3;

const OK_STATUS = Buffer.from(',ok,', 'latin1');

function csvFormatter(compiled: CompiledPolicy, lang: Lang): RowFormatter {
  const eligibleList = itemListWriter(compiled);
  const undeterminedList = itemListWriter(compiled);
  // Numbers, separators and the line end: well within this.
  const fixedBytes = 64;
  return {
    header: CSV_HEADER,
    csv: true,
    ok(out, row, id, result) {
      const block = out.reserve(idCellBytes(id) + fixedBytes + eligibleList.maxBytes + undeterminedList.maxBytes);
      let pos = writeIdCell(block, out.cursor, id);
      block[pos++] = COMMA;
      pos = writeDigits(block, pos, row);
      block.set(OK_STATUS, pos);
      pos += OK_STATUS.length;
      pos = eligibleList.write(block, pos, result.eligibleBits);
      block[pos++] = COMMA;
      pos = writeDigits(block, pos, result.eligible.length);
      block[pos++] = COMMA;
      pos = writeNumber(block, pos, result.totalEstimateCNY);
      block[pos++] = COMMA;
      pos = undeterminedList.write(block, pos, result.undeterminedBits);
      block[pos++] = COMMA;
      block[pos++] = 13;
      block[pos++] = 10;
      out.advance(pos);
    },
    error(out, row, id, errors) {
      out.write(`${csvCell(id)},${row},error,,,,,${csvCell(describeRowErrors(errors, lang))}\r\n`);
    },
  };
}

function longFormatter(compiled: CompiledPolicy): RowFormatter {
  // Everything after the id but the estimate is fixed per item.
  const middle = compiled.items.map(({ item }) => Buffer.from(`,${item.measure},${item.id},${item.recipient},${csvNumber(item.amount?.cny)},`, 'utf8'));
  // The estimate, its line end and slack.
  const fixedBytes = 40;
  return {
    header: LONG_HEADER,
    csv: true,
    ok(out, _row, id, result) {
      const { eligible, estimates } = result;
      for (let k = 0; k < eligible.length; k++) {
        const after = middle[eligible[k]!.index]!;
        const block = out.reserve(idCellBytes(id) + after.length + fixedBytes);
        let pos = writeIdCell(block, out.cursor, id);
        block.set(after, pos);
        pos += after.length;
        const estimate = estimates[k];
        if (estimate !== null && estimate !== undefined) pos = writeNumber(block, pos, estimate);
        block[pos++] = 13;
        block[pos++] = 10;
        out.advance(pos);
      }
    },
    // Error rows have no items; they are in --errors and the summary.
    error: () => {},
  };
}

function ndjsonFormatter(compiled: CompiledPolicy, lang: Lang): RowFormatter {
  // Each item's fixed JSON is encoded once; only the estimate and the missing facts vary by row.
  const bytes = (text: string) => Buffer.from(text, 'utf8');
  const eligiblePrefix = compiled.items.map(({ item }) =>
    bytes(`{"id":${JSON.stringify(item.id)},"measure":${item.measure},"recipient":${JSON.stringify(item.recipient)},"cny":${JSON.stringify(item.amount?.cny ?? null)},"estimateCNY":`),
  );
  const undeterminedPrefix = compiled.items.map(({ item }) =>
    bytes(`{"id":${JSON.stringify(item.id)},"measure":${item.measure},"cny":${JSON.stringify(item.amount?.cny ?? null)},"missing":`),
  );
  const parts = {
    row: bytes('{"row":'),
    id: bytes(',"id":'),
    eligible: bytes(',"eligible":['),
    undetermined: bytes('],"undetermined":['),
    total: bytes('],"totalEstimateCNY":'),
    null: bytes('null'),
  };
  // The evaluator hands out the same list for the same answer: its JSON is kept with it.
  const json = new WeakMap<readonly string[], Buffer>();
  const missingJson = (facts: readonly string[]): Buffer => {
    let encoded = json.get(facts);
    if (encoded === undefined) json.set(facts, (encoded = bytes(JSON.stringify(facts))));
    return encoded;
  };
  // A row holds each item at most once, eligible or undetermined, with at most every fact it names as missing.
  const itemBytes = compiled.items.reduce(
    (sum, { index, item }) => sum + Math.max(eligiblePrefix[index]!.length + 32, undeterminedPrefix[index]!.length + JSON.stringify(factsOf(item.when)).length + 2),
    0,
  );
  const put = (block: Buffer, at: number, part: Buffer): number => {
    block.set(part, at);
    return at + part.length;
  };
  return {
    header: '',
    csv: false,
    ok(out, row, id, result) {
      const idJson = JSON.stringify(id);
      const block = out.reserve(idJson.length * 3 + 96 + itemBytes);
      let pos = put(block, out.cursor, parts.row);
      pos = writeDigits(block, pos, row);
      pos = put(block, pos, parts.id);
      pos += block.write(idJson, pos);
      pos = put(block, pos, parts.eligible);
      const { eligible, estimates } = result;
      for (let k = 0; k < eligible.length; k++) {
        if (k > 0) block[pos++] = COMMA;
        pos = put(block, pos, eligiblePrefix[eligible[k]!.index]!);
        const estimate = estimates[k];
        pos = estimate === null || estimate === undefined ? put(block, pos, parts.null) : writeNumber(block, pos, estimate);
        block[pos++] = CLOSE_BRACE;
      }
      pos = put(block, pos, parts.undetermined);
      const undetermined = result.undetermined;
      for (let k = 0; k < undetermined.length; k++) {
        if (k > 0) block[pos++] = COMMA;
        const entry = undetermined[k]!;
        pos = put(block, pos, undeterminedPrefix[entry.index]!);
        pos = put(block, pos, missingJson(result.missingFacts(entry)));
        block[pos++] = CLOSE_BRACE;
      }
      pos = put(block, pos, parts.total);
      pos = writeNumber(block, pos, result.totalEstimateCNY);
      block[pos++] = CLOSE_BRACE;
      block[pos++] = NEWLINE;
      out.advance(pos);
    },
    error(out, row, id, errors) {
      out.write(`${JSON.stringify({ row, id, errors: errors.map((error) => ({ ...error, message: render(error.message, lang) })) })}\n`);
    },
  };
}

export function rowFormatter(format: OutputFormat, compiled: CompiledPolicy, lang: Lang = 'en'): RowFormatter {
  if (format === 'ndjson') return ndjsonFormatter(compiled, lang);
  return format === 'long' ? longFormatter(compiled) : csvFormatter(compiled, lang);
}
