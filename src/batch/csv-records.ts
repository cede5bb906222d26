import type { TextChunk } from './decode-text.js';

/** The most characters a cell may hold, as written in the file. A longer cell makes its row an error. */
export const MAX_CELL_CHARS = 1024 * 1024;

const LIMIT = MAX_CELL_CHARS.toLocaleString('en-US');
export const CELL_TOO_LONG = `a cell is longer than ${LIMIT} characters`;
const UNCLOSED = 'malformed quotes: a quote opened in this row is never closed; reading goes on at the line after it';
const TEXT_AFTER_QUOTE = 'malformed quotes: a quoted cell has text after its closing quote; reading goes on at the line after its opening quote';
const UNCLOSED_LONG = `malformed quotes: a quote opened in this row is never closed; the rest of the file (more than ${LIMIT} characters) is in its cell`;
const TEXT_AFTER_LONG = `malformed quotes: a quoted cell longer than ${LIMIT} characters has text after its closing quote`;

/** The reasons above in Chinese, for the results in the user's language (--lang zh). */
export const PROBLEM_ZH: Readonly<Record<string, string>> = {
  [CELL_TOO_LONG]: `单元格超过 ${LIMIT} 个字符`,
  [UNCLOSED]: '引号有误：本行打开的引号没有关闭；从该引号之后的下一行继续读取',
  [TEXT_AFTER_QUOTE]: '引号有误：带引号的单元格在关闭引号之后还有文字；从其开引号之后的下一行继续读取',
  [UNCLOSED_LONG]: `引号有误：本行打开的引号没有关闭；文件其余部分（超过 ${LIMIT} 个字符）都在该单元格中`,
  [TEXT_AFTER_LONG]: `引号有误：一个超过 ${LIMIT} 个字符的带引号单元格在关闭引号之后还有文字`,
};

/** One CSV record, valid only during the visit. */
export interface CsvRecord {
  /** The cells in order, at most the visitor's `keepCells` of them. */
  cells: string[];
  /** How many cells the record has, those past `keepCells` too. */
  count: number;
  /** The first non-blank cell past `keepCells`, or null. */
  extra: string | null;
  /** Why the record is malformed, or null. */
  problem: string | null;
  /** The same in Chinese where the reader gives it (else PROBLEM_ZH has it). */
  problemZh?: string | null;
}

export interface RecordVisitor {
  visit(record: CsvRecord): void;
  /** Cells kept per record; the others are only counted (a row needs no more cells than its header has). */
  readonly keepCells: number;
}

/** Text in, records out: `push` each piece of decoded text in order, then `end`. */
export interface RecordSplitter {
  push(text: string): void;
  end(): void;
}

/** A cell of spaces only is as good as empty. */
export const isBlank = (cell: string): boolean => cell === '' || cell.trim() === '';

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;

const enum State {
  /** At the start of a cell (of a new record when no cell has been read since the last line end). */
  Start,
  /** Inside an unquoted cell; `carry` holds its text from earlier pieces. */
  Unquoted,
  /** Inside a quoted cell; `carry` holds its content as written from earlier pieces. */
  Quoted,
  /** Inside a quoted cell whose last piece ended with a quote: a doubled quote, or the closing one. */
  QuoteAtEnd,
  /** Just after a closing quote; `carry` holds the cell as written. */
  Closed,
  /** Skipping the rest of a line whose record has been visited. */
  Skip,
}

const lineEndIn = (text: string): number => {
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  return lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
};

/**
 * Splits decoded text into CSV records (RFC 4180 quoting), calling `visit` for each record in order, blank ones
 * too. A line ends at LF, CRLF or CR alone (mixed in one file, too); inside quotes they are part of the cell. The
 * records do not depend on how the text is cut into pieces. A cell longer than MAX_CELL_CHARS makes its record
 * malformed (a quoted one is still read to its closing quote, line breaks and all). A quoted cell with text after
 * its closing quote, or whose quote never closes, was most likely a stray quote: its record is malformed and ends
 * at the first line end after the opening quote, and the lines after that are read again as records (when the
 * cell is too long to keep, it stays one malformed record instead).
 */
export function recordSplitter(visitor: RecordVisitor): RecordSplitter {
  const record: CsvRecord = { cells: [], count: 0, extra: null, problem: null };
  let cells: string[] = [];
  let count = 0;
  let extra: string | null = null;
  let problem: string | null = null;
  /** Whether the record has begun: a cell is pending at Start. */
  let inRecord = false;
  /** A CR just ended a line: an LF right after it belongs to it. */
  let skipLF = false;
  let state = State.Start;
  let carry = '';
  /** The cell is longer than MAX_CELL_CHARS: `carry` is dropped. */
  let overlong = false;
  /** The quoted cell has doubled quotes. */
  let escaped = false;
  let keep = visitor.keepCells;

  const addCell = (cell: string): void => {
    if (count < keep) cells.push(cell);
    else if (extra === null && !isBlank(cell)) extra = cell;
    count++;
  };
  const endRecord = (): void => {
    record.cells = cells;
    record.count = count;
    record.extra = extra;
    record.problem = problem;
    cells = [];
    count = 0;
    extra = null;
    problem = null;
    inRecord = false;
    visitor.visit(record);
    keep = visitor.keepCells;
  };
  /** Adds `text` to the cell, or drops the cell once it is too long. */
  const grow = (text: string): void => {
    if (overlong) return;
    carry = carry === '' ? text : carry + text;
    if (carry.length > MAX_CELL_CHARS) [overlong, carry] = [true, ''];
  };

  /**
   * A malformed quoted cell (`raw`, as written) ends its record at the first line end after its opening quote;
   * returns the text to read from there on (`rest` is the text not yet read).
   */
  const rewind = (raw: string, rest: string, why: string): string => {
    problem ??= why;
    carry = '';
    endRecord();
    const end = lineEndIn(raw);
    if (end === -1) {
      state = State.Skip;
      return rest;
    }
    state = State.Start;
    skipLF = raw.charCodeAt(end) === CR;
    return raw.slice(end + 1) + rest;
  };

  /** Reads `input` to its end; returns text to read again after a malformed quoted cell, or null. */
  const read = (input: string): string | null => {
    const n = input.length;
    let i = 0;
    while (i < n) {
      if (skipLF) {
        skipLF = false;
        if (input.charCodeAt(i) === LF && ++i === n) break;
      }
      let from = i;
      switch (state) {
        case State.Skip: {
          const end = lineEndIn(i === 0 ? input : input.slice(i));
          if (end === -1) return null;
          i += end + 1;
          skipLF = input.charCodeAt(i - 1) === CR;
          state = State.Start;
          continue;
        }
        case State.QuoteAtEnd:
          if (input.charCodeAt(i) !== QUOTE) {
            state = State.Closed;
            continue;
          }
          grow('""');
          escaped = true;
          state = State.Quoted;
          from = ++i;
        // falls through: a doubled quote, the cell goes on
        case State.Quoted: {
          let at = from;
          for (;;) {
            const q = input.indexOf('"', at);
            if (q === -1 || q === n - 1) {
              grow(input.slice(from, q === -1 ? n : q));
              if (q !== -1) state = State.QuoteAtEnd;
              return null;
            }
            if (input.charCodeAt(q + 1) === QUOTE) {
              escaped = true;
              at = q + 2;
              continue;
            }
            grow(input.slice(from, q));
            i = q + 1;
            state = State.Closed;
            break;
          }
          continue;
        }
        case State.Closed: {
          const c = input.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) {
            if (escaped && !overlong) carry = carry.replace(/""/g, '"');
            break;
          }
          if (!overlong) return rewind(carry, `"${input.slice(i)}`, TEXT_AFTER_QUOTE);
          problem ??= TEXT_AFTER_LONG;
          state = State.Unquoted;
          continue;
        }
        case State.Start:
          inRecord = true;
          if (input.charCodeAt(i) === QUOTE) {
            escaped = false;
            state = State.Quoted;
            i++;
            continue;
          }
          state = State.Unquoted;
        // falls through: an unquoted cell
        case State.Unquoted: {
          let j = i;
          for (; j < n; j++) {
            const c = input.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
          }
          if (j === n) {
            grow(input.slice(from, n));
            return null;
          }
          if (carry === '' && !overlong && j - from <= MAX_CELL_CHARS) carry = input.slice(from, j);
          else grow(input.slice(from, j));
          i = j;
          break;
        }
      }
      // At a comma or a line end after a cell (in `carry`).
      if (overlong) {
        problem ??= CELL_TOO_LONG;
        overlong = false;
      }
      addCell(carry);
      carry = '';
      state = State.Start;
      const c = input.charCodeAt(i++);
      if (c === COMMA) continue;
      endRecord();
      if (c === CR) skipLF = true;
    }
    return null;
  };

  const readAll = (text: string): void => {
    for (let input: string | null = text; input !== null; ) input = read(input);
  };

  return {
    push: readAll,
    end() {
      // A quote still open at the end never closes: the lines after it are read again.
      while (state === State.Quoted) {
        if (!overlong) readAll(rewind(carry, '', UNCLOSED));
        else {
          problem ??= UNCLOSED_LONG;
          [overlong, carry, state] = [false, '', State.Skip];
          endRecord();
        }
      }
      // The last line may lack its line end.
      if (state === State.QuoteAtEnd || state === State.Closed || state === State.Unquoted || (state === State.Start && inRecord)) readAll('\n');
      state = State.Start;
      skipLF = false;
    },
  };
}

/** `recordSplitter` over a stream of text, yielding the bytes read after each chunk so that the caller can pace itself. */
export async function* csvRecords(chunks: AsyncIterable<TextChunk>, visitor: RecordVisitor): AsyncGenerator<number> {
  const splitter = recordSplitter(visitor);
  let bytesRead = 0;
  for await (const chunk of chunks) {
    splitter.push(chunk.text);
    bytesRead = chunk.bytesRead;
    yield bytesRead;
  }
  splitter.end();
  yield bytesRead;
}
