import { msg, render, t, type Lang, type MessageId as MessageKey } from '../util/messages/index.js';
import { factsOf } from '../engine/condition.js';
import type { CompiledPolicy } from '../engine/evaluate.js';
import type { RowResult } from './evaluate-row.js';
import type { Output } from './output-sink.js';
import type { OutputFormat } from './choices.js';
import type { RowError } from './row-coder.js';
import { recipientLabel } from '../report/messages.js';

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

/** Why a cell or row is bad, in the language asked for. */
export const rowErrorMessage = (error: RowError, lang: Lang = 'en'): string => render(error.message, lang);

/** A row error in one sentence: "学历: \"PhD\" is not allowed; expected …", the column as the file's header wrote it. */
export function describeRowError(error: RowError, lang: Lang = 'en'): string {
  if (!error.column) return rowErrorMessage(error, lang);
  const column = `${error.column}${error.cell ? ` (${error.cell})` : ''}`;
  return render(msg('csv.rowErrorColumn', { column, message: error.message }), lang);
}

/** Every error of a row in one cell, " | " between them. */
export const describeRowErrors = (errors: readonly RowError[], lang: Lang = 'en'): string => errors.map((error) => describeRowError(error, lang)).join(' | ');

/**
 * How the result files name things: the language of headers, status words and recipients, and where item titles go.
 * `en` without titles is the stable shape CI reads: ids only, today's English headers. `zh` puts each item's title
 * beside its id; `titles` puts titles instead of ids.
 */
export interface ResultShape {
  lang: Lang;
  titles: boolean;
}

export const STABLE_SHAPE: ResultShape = { lang: 'en', titles: false };

/** Whether the item lists hold ids, titles or both (ids then titles), in that column order. */
export function itemLabelKinds(shape: ResultShape): ('id' | 'title')[] {
  if (shape.titles) return ['title'];
  return shape.lang === 'zh' ? ['id', 'title'] : ['id'];
}

const word = (key: MessageKey, shape: ResultShape): string => t(key, shape.lang);

/** A list column's header: titles beside the ids get a header of their own; titles instead of ids take the ids' header. */
const listColumnKey = (kind: 'id' | 'title', shape: ResultShape, ids: MessageKey, titles: MessageKey): MessageKey => (kind === 'title' && !shape.titles ? titles : ids);

/** The wide result's columns (csv and the xlsx results sheet), in order, as keys of the messages. */
export function resultColumnKeys(shape: ResultShape): MessageKey[] {
  const lists = (ids: MessageKey, titles: MessageKey): MessageKey[] => itemLabelKinds(shape).map((kind) => listColumnKey(kind, shape, ids, titles));
  return [
    'batchColId',
    'batchColRow',
    'batchColStatus',
    ...lists('batchColEligible', 'batchColEligibleTitles'),
    'batchColEligibleCount',
    'batchColTotal',
    ...lists('batchColUndetermined', 'batchColUndeterminedTitles'),
    'batchColError',
  ];
}

/** The wide result's header cells in the shape's language. */
export const resultColumns = (shape: ResultShape): string[] => resultColumnKeys(shape).map((key) => word(key, shape));

/** The long result's header cells. */
export function longColumns(shape: ResultShape): string[] {
  const items = itemLabelKinds(shape).map((kind) => listColumnKey(kind, shape, 'batchColItem', 'batchColItemTitle'));
  return [word('batchColId', shape), word('batchColMeasure', shape), ...items.map((key) => word(key, shape)), ...(['batchColRecipient', 'batchColFigure', 'batchColEstimate'] as const).map((key) => word(key, shape))];
}

/** The --errors file's header cells: row, id, column (as the file wrote it), value, reason. */
export const errorColumns = (shape: ResultShape): string[] =>
  (['batchColRow', 'batchColId', 'batchColColumn', 'batchColValue', 'batchColMessage'] as const).map((key) => word(key, shape));

/** The bad-rows sheet's: the same and, for a workbook's rows, the cell (D5). */
export const badRowsColumns = (shape: ResultShape): string[] => [...errorColumns(shape), word('batchColCell', shape)];

/** A recipient as the results name it: the policy's word in English (stable), the Chinese word in Chinese. */
export const resultRecipient = (recipient: string, shape: ResultShape): string => (shape.lang === 'zh' ? recipientLabel(recipient, 'zh') : recipient);

/** The labels of the items in policy order, for one kind of list cell. */
const itemLabels = (compiled: CompiledPolicy, kind: 'id' | 'title', lang: Lang): string[] =>
  compiled.items.map(({ item }) => (kind === 'id' ? item.id : item.title[lang]));

/** Writes each row of the output in one format. */
export interface RowFormatter {
  /** The column header, or '' for formats without one. */
  header: string;
  /** Whether the text is CSV, which Excel reads right only with a BOM. */
  csv: boolean;
  ok(out: Output, row: number, id: string, result: RowResult): void;
  error(out: Output, row: number, id: string, errors: RowError[]): void;
}

const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** The --errors file's header line. */
export const errorsHeader = (shape: ResultShape = STABLE_SHAPE): string => csvLine(errorColumns(shape));
export const ERRORS_HEADER = errorsHeader();

/** The --errors file: one line per error of a bad row (each bad cell), whatever the output format. */
export function errorLines(row: number, id: string, errors: readonly RowError[], lang: Lang = 'en'): string {
  return errors.map((error) => `${row},${csvCell(id)},${csvCell(error.column)},${csvCell(error.value)},${csvCell(rowErrorMessage(error, lang))}\r\n`).join('');
}

const COMMA = 44;
const QUOTE = 34;
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
function itemListWriter(labels: readonly string[]): { maxBytes: number; write(block: Buffer, at: number, bits: Int32Array): number } {
  // Labels are written as bytes prepared once; a list cell whose labels need CSV quoting is quoted whole.
  const quote = labels.some((label) => /[",\r\n]/.test(label) || startsFormula(label));
  const ids = quote ? labels.map((label) => label.replace(/"/g, '""')) : labels;
  const count = Math.ceil(ids.length / PIECE_BITS);
  const leading = Array.from({ length: count }, () => new Array<Buffer | undefined>(1 << PIECE_BITS));
  const bare = Array.from({ length: count }, () => new Array<Buffer | undefined>(1 << PIECE_BITS));
  const build = (piece: number, mask: number): void => {
    const chosen = ids.slice(piece * PIECE_BITS, (piece + 1) * PIECE_BITS).filter((_, bit) => mask & (1 << bit));
    leading[piece]![mask] = Buffer.from(`;${chosen.join(';')}`, 'utf8');
    bare[piece]![mask] = Buffer.from(chosen.join(';'), 'utf8');
  };
  const piecesPerWord = 32 / PIECE_BITS;
  const lowMask = (1 << PIECE_BITS) - 1;
  const words = Math.ceil(ids.length / 32);
  const maxBytes = ids.reduce((sum, id) => sum + Buffer.byteLength(id) + 1, 0) + (quote ? 2 : 0);
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

  const write = (block: Buffer, at: number, bits: Int32Array): number => {
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
  };
  if (!quote) return { maxBytes, write };
  // A title with a comma (English titles may have one): the cell in quotes, its quotes doubled.
  return {
    maxBytes,
    write(block, at, bits) {
      block[at] = QUOTE;
      const end = write(block, at + 1, bits);
      if (end === at + 1) return at;
      block[end] = QUOTE;
      return end + 1;
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

function csvFormatter(compiled: CompiledPolicy, shape: ResultShape): RowFormatter {
  const kinds = itemLabelKinds(shape);
  const eligibleLists = kinds.map((kind) => itemListWriter(itemLabels(compiled, kind, shape.lang)));
  const undeterminedLists = kinds.map((kind) => itemListWriter(itemLabels(compiled, kind, shape.lang)));
  const okStatus = Buffer.from(`,${csvCell(t('batchStatusOk', shape.lang))},`, 'utf8');
  const errorStatus = csvCell(t('batchStatusError', shape.lang));
  // The empty cells of an error row between its status and its error: the lists, the count and the total.
  const errorGap = ','.repeat(2 * kinds.length + 3);
  const listBytes = [...eligibleLists, ...undeterminedLists].reduce((sum, list) => sum + list.maxBytes + 1, 0);
  // Numbers, separators, the status and the line end: well within this.
  const fixedBytes = 64 + okStatus.length;
  return {
    // Computed once per run: the rows are written from bytes.
    header: csvLine(resultColumns(shape)),
    csv: true,
    ok(out, row, id, result) {
      const block = out.reserve(idCellBytes(id) + fixedBytes + listBytes);
      let pos = writeIdCell(block, out.cursor, id);
      block[pos++] = COMMA;
      pos = writeDigits(block, pos, row);
      block.set(okStatus, pos);
      pos += okStatus.length;
      for (let k = 0; k < eligibleLists.length; k++) {
        if (k > 0) block[pos++] = COMMA;
        pos = eligibleLists[k]!.write(block, pos, result.eligibleBits);
      }
      block[pos++] = COMMA;
      pos = writeDigits(block, pos, result.eligible.length);
      block[pos++] = COMMA;
      pos = writeNumber(block, pos, result.totalEstimateCNY);
      block[pos++] = COMMA;
      for (let k = 0; k < undeterminedLists.length; k++) {
        if (k > 0) block[pos++] = COMMA;
        pos = undeterminedLists[k]!.write(block, pos, result.undeterminedBits);
      }
      block[pos++] = COMMA;
      block[pos++] = 13;
      block[pos++] = 10;
      out.advance(pos);
    },
    error(out, row, id, errors) {
      out.write(`${csvCell(id)},${row},${errorStatus}${errorGap}${csvCell(describeRowErrors(errors, shape.lang))}\r\n`);
    },
  };
}

function longFormatter(compiled: CompiledPolicy, shape: ResultShape): RowFormatter {
  // Everything after the id but the estimate is fixed per item.
  const kinds = itemLabelKinds(shape);
  const middle = compiled.items.map(({ item }) => {
    const labels = kinds.map((kind) => csvCell(kind === 'id' ? item.id : item.title[shape.lang]));
    return Buffer.from(`,${item.measure},${labels.join(',')},${csvCell(resultRecipient(item.recipient, shape))},${csvNumber(item.amount?.cny)},`, 'utf8');
  });
  // The estimate, its line end and slack.
  const fixedBytes = 40;
  return {
    header: csvLine(longColumns(shape)),
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

function ndjsonFormatter(compiled: CompiledPolicy, shape: ResultShape): RowFormatter {
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
      const listed = errors.map((error) => ({ column: error.column, value: error.value, message: rowErrorMessage(error, shape.lang) }));
      out.write(`${JSON.stringify({ row, id, errors: listed })}\n`);
    },
  };
}

/** The writer of one text format (xlsx has its own, in xlsx-write.ts). */
export function rowFormatter(format: Exclude<OutputFormat, 'xlsx'>, compiled: CompiledPolicy, shape: ResultShape = STABLE_SHAPE): RowFormatter {
  if (format === 'ndjson') return ndjsonFormatter(compiled, shape);
  return format === 'long' ? longFormatter(compiled, shape) : csvFormatter(compiled, shape);
}
