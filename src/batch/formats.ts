import { reasonsOf, traceCondition } from '../engine/condition.js';
import type { CompiledItem, CompiledPolicy } from '../engine/evaluate.js';
import type { Profile } from '../facts/facts.js';
import type { RowResult } from './evaluate-row.js';
import type { Output } from './output-sink.js';
import type { RowError } from './read-applicants.js';

export const OUTPUT_FORMATS = ['csv', 'ndjson', 'long'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Excel runs a cell that starts with one of these as a formula (CSV injection); tab and CR are the OWASP extras. */
function startsFormula(value: string): boolean {
  const first = value.charCodeAt(0);
  return first === 61 || first === 43 || first === 45 || first === 64 || first === 9 || first === 13; // = + - @ \t \r
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Whether a cell can be written as it is, in ASCII: the common case for ids (A0001), checked in one pass
 * because it is asked for every row.
 */
function plainAscii(text: string): boolean {
  if (text.length === 0) return true;
  if (startsFormula(text)) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 127 || code === 34 || code === 44 || code === 10 || code === 13) return false; // " , LF CR
  }
  return true;
}

/** One CSV cell: formula-like text gets a leading apostrophe, and commas, quotes or line breaks are quoted. */
export function csvCell(value: string): string {
  const text = startsFormula(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Ids are short: a loop beats a regular expression here. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

const csvNumber = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** A row error in one sentence: "学历: \"PhD\" is not allowed; expected …". */
export function describeRowError(error: RowError): string {
  return error.column ? `${error.column}: ${error.message}` : error.message;
}

/** Writes each row of the output in one format. */
export interface RowFormatter {
  /** The column header, or '' for formats without one. */
  header: string;
  /** Whether the text is CSV, which Excel reads right only with a BOM. */
  csv: boolean;
  ok(out: Output, row: number, id: string, profile: Profile, result: RowResult): void;
  error(out: Output, row: number, id: string, error: RowError): void;
}

const CSV_HEADER = 'id,row,status,eligible,eligibleCount,totalEstimateCNY,undetermined,error\r\n';
const LONG_HEADER = 'id,measure,item,recipient,figure,estimate\r\n';
export const ERRORS_HEADER = 'row,id,column,value,message\r\n';

/** The --errors file: one line per bad row, whatever the output format. */
export function errorLine(row: number, id: string, error: RowError): string {
  return `${row},${csvCell(id)},${csvCell(error.column)},${csvCell(error.value)},${csvCell(error.message)}\r\n`;
}

/**
 * Item ids joined by ";", from the set's bits. Lists vary from row to row, but cut into 16-item pieces each piece
 * has few distinct values: those are built once and kept flat, and a row's list is a handful of them joined.
 */
function itemListText(compiled: CompiledPolicy): (bits: Int32Array) => string {
  const ids = compiled.items.map(({ item }) => item.id);
  const pieces = Array.from({ length: Math.ceil(ids.length / 16) }, () => new Map<number, string>());
  const pieceOf = (piece: number, mask: number): string => {
    let text = pieces[piece]!.get(mask);
    if (text === undefined) {
      const chosen = ids.slice(piece * 16, piece * 16 + 16).filter((_, bit) => mask & (1 << bit));
      // Flattened (ids are ASCII by the schema), or each row would walk the rope again.
      text = Buffer.from(`;${chosen.join(';')}`, 'latin1').toString('latin1');
      pieces[piece]!.set(mask, text);
    }
    return text;
  };
  return (bits) => {
    let text = '';
    for (let word = 0; word < bits.length; word++) {
      const value = bits[word]!;
      if (value === 0) continue;
      const low = value & 0xffff;
      const high = value >>> 16;
      if (low !== 0) text += pieceOf(word * 2, low);
      if (high !== 0) text += pieceOf(word * 2 + 1, high);
    }
    return text === '' ? '' : text.slice(1);
  };
}

function csvFormatter(compiled: CompiledPolicy): RowFormatter {
  const eligibleText = itemListText(compiled);
  const undeterminedText = itemListText(compiled);
  return {
    header: CSV_HEADER,
    csv: true,
    ok(out, row, id, _profile, result) {
      const plain = plainAscii(id);
      const line = `${plain ? id : csvCell(id)},${row},ok,${eligibleText(result.eligibleBits)},${result.eligible.length},${result.totalEstimateCNY},${undeterminedText(result.undeterminedBits)},\r\n`;
      if (plain || isAscii(line)) out.writeAscii(line);
      else out.write(line);
    },
    error(out, row, id, error) {
      out.write(`${csvCell(id)},${row},error,,,,,${csvCell(describeRowError(error))}\r\n`);
    },
  };
}

function longFormatter(compiled: CompiledPolicy): RowFormatter {
  // Everything after the id but the estimate is fixed per item.
  const middle = compiled.items.map(({ item }) => `,${item.measure},${item.id},${item.recipient},${csvNumber(item.amount?.cny)},`);
  return {
    header: LONG_HEADER,
    csv: true,
    ok(out, _row, id, _profile, result) {
      const plain = plainAscii(id);
      const cell = plain ? id : csvCell(id);
      const ascii = plain || isAscii(cell);
      const { eligible, estimates } = result;
      for (let k = 0; k < eligible.length; k++) {
        const line = `${cell}${middle[eligible[k]!.index]}${csvNumber(estimates[k])}\r\n`;
        if (ascii) out.writeAscii(line);
        else out.write(line);
      }
    },
    // Error rows have no items; they are in --errors and the summary.
    error: () => {},
  };
}

function ndjsonFormatter(compiled: CompiledPolicy): RowFormatter {
  // Each item's fixed JSON is built once; only the estimate and the missing facts vary by row.
  const eligiblePrefix = compiled.items.map(
    ({ item }) => `{"id":${JSON.stringify(item.id)},"measure":${item.measure},"recipient":${JSON.stringify(item.recipient)},"cny":${JSON.stringify(item.amount?.cny ?? null)},"estimateCNY":`,
  );
  const undeterminedPrefix = compiled.items.map(
    ({ item }) => `{"id":${JSON.stringify(item.id)},"measure":${item.measure},"cny":${JSON.stringify(item.amount?.cny ?? null)},"missing":`,
  );
  return {
    header: '',
    csv: false,
    ok(out, row, id, profile, result) {
      const eligible = result.eligible.map((entry, k) => `${eligiblePrefix[entry.index]}${result.estimates[k] ?? 'null'}}`);
      const undetermined = result.undetermined.map(
        (entry) => `${undeterminedPrefix[entry.index]}${JSON.stringify(reasonsOf(traceCondition(entry.item.when, profile, compiled.params)).missing)}}`,
      );
      out.write(`{"row":${row},"id":${JSON.stringify(id)},"eligible":[${eligible.join(',')}],"undetermined":[${undetermined.join(',')}],"totalEstimateCNY":${result.totalEstimateCNY}}\n`);
    },
    error(out, row, id, error) {
      out.write(`${JSON.stringify({ row, id, error })}\n`);
    },
  };
}

export function rowFormatter(format: OutputFormat, compiled: CompiledPolicy): RowFormatter {
  if (format === 'ndjson') return ndjsonFormatter(compiled);
  return format === 'long' ? longFormatter(compiled) : csvFormatter(compiled);
}
