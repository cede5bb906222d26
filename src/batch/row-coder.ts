import { joinList, msg, type Message } from '../util/messages/index.js';
import { coercedMessage, coerceFactValue } from '../facts/coerce.js';
import { InputError } from '../util/problems.js';
import { valueSpellings, type FactDef, type FactsDeclaration, type FactValue, type Profile } from '../facts/facts.js';
import { unitSpellings, unknownSpellings } from '../facts/spellings.js';
import { isBlank, type CsvRecord, type RecordVisitor } from './csv-records.js';
import { mapHeader, MAX_COLUMNS, type FactColumn, type HeaderMap } from './header.js';

/**
 * Rows travel as numbers, one per fact column, so that a block of rows fits one Float64Array that can be handed
 * between threads: an enum as the index of its value, a boolean as 1 or 0, a number as itself, a blank cell as NaN.
 */
export type CodedRow = Float64Array;

/** One thing wrong with a row: a bad cell, or the row as a whole. A bad row has one or more. */
export interface RowError {
  /** The header of the offending column as the file wrote it; empty when the row as a whole is malformed. */
  column: string;
  value: string;
  /** What is wrong and what is allowed. */
  message: Message;
  /** In a workbook: the bad cell (D5), or the row's number in the sheet (5) when the row as a whole is bad. */
  cell?: string;
}

/**
 * Where coded rows go. Before each row the coder calls `reserve` and writes the row's codes into `codes` from
 * `offset` on; `ok` then takes them. `id` is the id cell, '' when blank or when the file has no id column.
 */
export interface CodedRowSink {
  header(map: HeaderMap): void;
  reserve(): void;
  readonly codes: CodedRow;
  readonly offset: number;
  ok(row: number, id: string): void;
  /** Every bad cell of the row, in column order, or the one reason the row as a whole is malformed. */
  error(row: number, id: string, errors: RowError[]): void;
}

/**
 * A row's id: its id cell (blank stays blank: a row number could clash with a real id), or, when the file has no
 * id column (`idCell` null), its row number.
 */
export const rowId = (idCell: string | null, row: number): string => idCell ?? String(row);

export const EMPTY_INPUT = msg('csv.empty');

/** A literal for generated code, always through JSON. */
const literal = (value: unknown): string => JSON.stringify(value);

/** Distinct cells remembered per column: labels and small numbers repeat, salaries need not. */
const CACHE_LIMIT = 1024;
/** Spellings compared one by one before the map is tried: a yes/no or label column has only a handful (numbers many). */
const FEW_SPELLINGS = 8;

function allowedHint(facts: FactsDeclaration, def: FactDef): Message | '' {
  if (def.type === 'enum') return msg('csv.hintLabels', { labels: { zh: joinList(def.values, 'zh'), en: joinList(def.values.map((value) => def.valueLabels[value]!.zh), 'en') } });
  if (def.type === 'boolean') {
    const { true: yes, false: no } = facts.booleanValues;
    const first = yes.aliases.en[0] !== undefined && no.aliases.en[0] !== undefined ? [`${yes.aliases.en[0]}/${no.aliases.en[0]}`] : [];
    return msg('csv.hintBoolean', { words: [`${yes.label.en}/${no.label.en}`, `${yes.label.zh}/${no.label.zh}`, ...first] });
  }
  // The units as a Chinese sheet writes them (个月, 年), or all of them when none is Chinese (%).
  const units = unitSpellings(def).map((unit) => unit.spelling);
  const shown = units.some((unit) => /[^\x00-\x7f]/.test(unit)) ? units.filter((unit) => /[^\x00-\x7f]/.test(unit)) : units;
  return shown.length > 0 ? msg('csv.hintUnits', { units: shown }) : '';
}

/** A fact value as its code in a CodedRow. */
export function codeOf(def: FactDef, value: FactValue | undefined): number {
  if (value === undefined) return Number.NaN;
  if (def.type === 'enum') return def.values.indexOf(value as string);
  if (def.type === 'boolean') return value ? 1 : 0;
  return value as number;
}

/** One column's coding state: every column has the same shape, so that one call site serves them all. */
interface ColumnReader {
  facts: FactsDeclaration;
  def: FactDef;
  numeric: boolean;
  hint: Message | '';
  spellings: string[];
  /** The code of each spelling, or the message when the spelling is not allowed. */
  answers: (number | Message)[];
  cache: Map<string, number | Message>;
}

function columnReader(facts: FactsDeclaration, column: FactColumn): ColumnReader {
  const def = column.def;
  const numeric = def.type === 'number' || def.type === 'integer';
  return { facts, def, numeric, hint: allowedHint(facts, def), spellings: [], answers: [], cache: new Map() };
}

/**
 * Codes a non-blank cell, or gives the message saying what is allowed. Answers for repeated cells are remembered so
 * that each label is looked up once; comparing a short cell with a few known spellings is cheaper than hashing it.
 */
function readCell(reader: ColumnReader, cell: string): number | Message {
  const { spellings } = reader;
  for (let k = 0; k < spellings.length; k++) if (spellings[k] === cell) return reader.answers[k]!;
  let answer = reader.cache.get(cell);
  if (answer === undefined) {
    const coerced = coerceFactValue(reader.facts, reader.def, cell);
    answer = coerced.ok ? codeOf(reader.def, coerced.value) : reader.hint === '' ? coercedMessage(coerced) : msg('csv.cellError', { message: coercedMessage(coerced), hint: reader.hint });
    if (!reader.numeric && spellings.length < FEW_SPELLINGS) {
      spellings.push(cell);
      reader.answers.push(answer);
    } else if (reader.cache.size < CACHE_LIMIT) reader.cache.set(cell, answer);
  }
  return answer;
}

/**
 * The spellings a column is expected to hold, each with its code, as `coerceFactValue` reads them: the declared
 * spellings of its values (see valueSpellings), for yes/no columns each also in capitals (TRUE, Y), then the words
 * for unknown (NaN). Rarer forms (full width, other case, spaces) go to readCell, which remembers them.
 */
function expectedSpellings(facts: FactsDeclaration, def: FactDef): [string, number][] {
  const declared = valueSpellings(facts, def).map(([spelling]) => spelling);
  const candidates = [...(def.type === 'boolean' ? declared.flatMap((spelling) => [spelling, spelling.toUpperCase()]) : declared), ...unknownSpellings(facts)];
  const spellings = new Map<string, number>();
  for (const spelling of candidates) {
    const coerced = coerceFactValue(facts, def, spelling);
    if (coerced.ok && !spellings.has(spelling)) spellings.set(spelling, codeOf(def, coerced.value));
  }
  return [...spellings];
}

/** A plain decimal (digits, maybe one fraction), as a number; anything else NaN, for the general reader to judge. */
function plainDecimal(cell: string): number {
  let dot = -1;
  for (let i = 0; i < cell.length; i++) {
    const code = cell.charCodeAt(i);
    if (code === 46 && dot < 0 && i > 0 && i < cell.length - 1) dot = i;
    else if (code < 48 || code > 57) return Number.NaN;
  }
  return cell.length > 0 && cell.length <= 15 ? Number(cell) : Number.NaN;
}

/**
 * Generates one function that codes every fact cell of a row, from the header's columns: each cell is compared
 * inline with the spellings its column expects, and plain numbers are range-checked inline. Anything else goes to
 * `readCell`, which decides as `coerceFactValue` does. Returns -1, or the column (in `columns`) of the first bad
 * cell. Only validated values reach the code: column positions as numbers, spellings and codes as JSON literals.
 */
function compileRowCoder(facts: FactsDeclaration, columns: readonly FactColumn[], readers: readonly ColumnReader[]): (cells: readonly string[], codes: Float64Array, offset: number) => number {
  const lines: string[] = [];
  columns.forEach((column, k) => {
    const def = column.def;
    const general = `{ const a = read(r[${k}], c); if (typeof a === 'object') return ${k}; o[b + ${k}] = a; }`;
    lines.push(`c = cells[${column.index}];`, `if (c === '') o[b + ${k}] = NaN;`);
    if (def.type === 'number' || def.type === 'integer') {
      const checks = [`n >= ${literal(def.min)}`];
      if (def.max !== undefined) checks.push(`n <= ${literal(def.max)}`);
      if (def.type === 'integer') checks.push('Number.isInteger(n)');
      lines.push(`else { const n = decimal(c); if (${checks.join(' && ')}) o[b + ${k}] = n; else ${general} }`);
    } else {
      // A code is written as a number (NaN for unknown, which JSON has not).
      for (const [spelling, code] of expectedSpellings(facts, def)) lines.push(`else if (c === ${literal(spelling)}) o[b + ${k}] = ${code};`);
      lines.push(`else ${general}`);
    }
  });
  const source = `"use strict";\nreturn function codeRow(cells, o, b) {\nlet c;\n${lines.join('\n')}\nreturn -1;\n};`;
  return new Function('read', 'r', 'decimal', source)(readCell, readers, plainDecimal) as (cells: readonly string[], codes: Float64Array, offset: number) => number;
}

/**
 * Turns CSV records into coded rows: the first non-blank record is the header, each later one a row or a row error.
 * `row` counts data rows from 1: the header is not a row, and blank records (empty lines, or only empty cells, as
 * Excel writes `,,,`) are skipped and not counted.
 */
export function rowCoder(name: string, warn: (message: Message) => void, sink: CodedRowSink, facts: FactsDeclaration) {
  let header: HeaderMap | null = null;
  let readers: ColumnReader[] = [];
  let codeRow: ReturnType<typeof compileRowCoder> = () => -1;
  let rows = 0;
  const blank = ({ cells, extra, problem }: CsvRecord): boolean => {
    if (problem !== null || extra !== null) return false;
    for (let k = 0; k < cells.length; k++) if (!isBlank(cells[k]!)) return false;
    return true;
  };
  /** Every bad cell of a row whose first bad cell is in column `first` (of the header's facts). */
  const badCells = (cells: readonly string[], first: number): RowError[] => {
    const errors: RowError[] = [];
    for (let k = first; k < readers.length; k++) {
      const column = header!.facts[k]!;
      const cell = cells[column.index]!;
      const answer = cell === '' ? 0 : readCell(readers[k]!, cell);
      if (typeof answer === 'object') errors.push({ column: column.header, value: cell, message: answer });
    }
    return errors;
  };
  const visit = (record: CsvRecord): void => {
    if (blank(record)) return;
    const { cells, count, problem } = record;
    if (header === null) {
      if (problem !== null) throw new InputError([{ file: name, line: 1, path: 'header', message: problem }]);
      header = mapHeader(cells, name, warn, facts, count);
      readers = header.facts.map((column) => columnReader(facts, column));
      codeRow = compileRowCoder(facts, header.facts, readers);
      sink.header(header);
      return;
    }
    const row = ++rows;
    const id = header.idIndex >= 0 ? (cells[header.idIndex]?.trim() ?? '') : '';
    if (problem) return sink.error(row, id, [{ column: '', value: '', message: problem }]);
    const width = header.width;
    if (count < width) {
      const missing = header.facts.find((column) => column.index >= count)?.header ?? '';
      return sink.error(row, id, [
        { column: missing, value: '', message: msg('csv.fewerCells', { count, width }) },
      ]);
    }
    if (record.extra !== null) {
      return sink.error(row, id, [
        { column: '', value: record.extra, message: msg('csv.moreCells', { count, width }) },
      ]);
    }
    sink.reserve();
    const bad = codeRow(cells, sink.codes, sink.offset);
    if (bad >= 0) return sink.error(row, id, badCells(cells, bad));
    sink.ok(row, id);
  };
  const visitor: RecordVisitor = {
    visit,
    // The header's cells up to the limit (one more shows it is passed); a row's up to the header's width.
    get keepCells() {
      return header === null ? MAX_COLUMNS + 1 : header.width;
    },
  };
  return { visitor, rows: () => rows, sawHeader: () => header !== null, hasIds: () => header !== null && header.idIndex >= 0 };
}

/**
 * Builds profiles from coded rows of the given fact columns, reading the row at `offset` of `codes`.
 * Dense profiles give every column a key, undefined for a blank cell, through one object literal: all rows then
 * share one object shape, which keeps property reads on them fast. The code is generated from the declared
 * facts only (names and enum values, each written as a JSON literal); sparse profiles leave blank facts out.
 */
export function profileMaker(defs: readonly FactDef[], dense: boolean): (codes: Float64Array, offset: number) => Profile {
  const enums = defs.map((def, k) => (def.type === 'enum' ? `const e${k} = ${literal(def.values)};` : '')).join('\n');
  const reads = defs.map((_, k) => `const x${k} = c[o + ${k}];`).join('\n');
  const value = (def: FactDef, k: number): string => {
    const x = `x${k}`;
    if (def.type === 'enum') return `${x} !== ${x} ? undefined : e${k}[${x}]`;
    if (def.type === 'boolean') return `${x} !== ${x} ? undefined : ${x} === 1`;
    return `${x} !== ${x} ? undefined : ${x}`;
  };
  const body = dense
    ? `return { ${defs.map((def, k) => `${literal(def.name)}: ${value(def, k)}`).join(', ')} };`
    : `const p = {};\n${defs.map((def, k) => `if (x${k} === x${k}) p[${literal(def.name)}] = ${value(def, k)};`).join('\n')}\nreturn p;`;
  const source = `"use strict";\n${enums}\nreturn function profile(c, o) {\n${reads}\n${body}\n};`;
  return new Function(source)() as (codes: Float64Array, offset: number) => Profile;
}
