import Papa from 'papaparse';
import type { TextChunk } from './decode-text.js';

/** A line that could not be read as a CSV record; its cells are a plain split on commas, for the id. */
export interface RecordProblem {
  message: string;
}

export type RecordVisitor = (cells: string[], problem: RecordProblem | null) => void;

/** Longer than any real applicant row: past this, a quote opened in the row is taken as never closed. */
export const MAX_RECORD_CHARS = 1024 * 1024;

const UNCLOSED = 'malformed quotes: a quote opened in this row is never closed; the row is skipped and reading goes on at the next line';
const PROBLEMS: Record<string, string> = {
  InvalidQuotes: 'malformed quotes: a quoted cell has text after its closing quote; the row is skipped and reading goes on at the next line',
  MissingQuotes: UNCLOSED,
};

/**
 * Files saved on classic Mac OS end lines with CR alone; everything else ends them with LF or CRLF.
 * Undecided while no line has ended yet (or the only CR is the last character, its LF maybe still to come).
 */
function newlineOf(text: string, final: boolean): '\n' | '\r' | undefined {
  if (text.indexOf('\n') !== -1) return '\n';
  const cr = text.indexOf('\r');
  if (cr === -1 || (cr === text.length - 1 && !final)) return final ? '\n' : undefined;
  return '\r';
}

/** Text in, records out: `push` each piece of decoded text in order, then `end`. */
export interface RecordSplitter {
  push(text: string): void;
  end(): void;
}

/**
 * Splits decoded text into CSV records with Papa Parse, calling `visit` for each record in order (blank lines
 * skipped). Lines may end with LF or CRLF, mixed; the CR is dropped from the last cell. A record with broken
 * quoting would swallow the lines after it: instead its first line is reported as a problem and reading resumes on
 * the next line, so no row is lost.
 */
export function recordSplitter(visit: RecordVisitor): RecordSplitter {
  let newline: '\n' | '\r' | undefined;
  let pending = '';
  const badLine = (line: string, message: string): void => {
    const cells = (line.endsWith('\r') ? line.slice(0, -1) : line).split(',');
    visit(cells, { message });
  };

  /** Parses whole records of `text` and returns the unfinished tail (none when `final`). */
  const parse = (text: string, final: boolean): string => {
    newline ??= newlineOf(text, final);
    if (newline === undefined) return text;
    const lineEnd = newline;
    let input = text;
    for (;;) {
      let rowStart = 0;
      let bad: { start: number; message: string } | null = null;
      const parser = new Papa.Parser({
        delimiter: ',',
        newline: lineEnd,
        quoteChar: '"',
        // The core parser hands each step a one-row batch, unlike Papa.parse's step.
        step: ((result: Papa.ParseResult<string[]>) => {
          const error = result.errors[0];
          if (error) {
            bad = { start: rowStart, message: PROBLEMS[error.code] ?? `malformed CSV: ${error.message}` };
            parser.abort();
            return;
          }
          rowStart = result.meta.cursor;
          const cells = result.data[0]!;
          const last = cells.length - 1;
          const tail = cells[last]!;
          if (tail.charCodeAt(tail.length - 1) === 13) cells[last] = tail.slice(0, -1);
          if (last === 0 && cells[0] === '') return;
          visit(cells, null);
        }) as never,
      });
      const result = parser.parse(input, 0, !final) as Papa.ParseResult<string[]>;
      const found = bad as { start: number; message: string } | null;
      let resumeAt: number;
      if (found) {
        const end = input.indexOf(lineEnd, found.start);
        if (end === -1 && !final) return input.slice(found.start);
        badLine(input.slice(found.start, end === -1 ? undefined : end), found.message);
        if (end === -1) return '';
        resumeAt = end + 1;
      } else {
        const tail = final ? '' : input.slice(result.meta.cursor);
        if (tail.length <= MAX_RECORD_CHARS) return tail;
        // A quote that never closes keeps the rest of the file pending: give up on its line and read on.
        const end = tail.indexOf(lineEnd);
        badLine(end === -1 ? tail.slice(0, 200) : tail.slice(0, end), UNCLOSED);
        if (end === -1) return '';
        input = tail;
        resumeAt = end + 1;
      }
      input = input.slice(resumeAt);
    }
  };

  return {
    push(text) {
      pending = parse(pending + text, false);
    },
    end() {
      if (pending !== '') parse(pending, true);
      pending = '';
    },
  };
}

/** `recordSplitter` over a stream of text, yielding the bytes read after each chunk so that the caller can pace itself. */
export async function* csvRecords(chunks: AsyncIterable<TextChunk>, visit: RecordVisitor): AsyncGenerator<number> {
  const splitter = recordSplitter(visit);
  let bytesRead = 0;
  for await (const chunk of chunks) {
    splitter.push(chunk.text);
    bytesRead = chunk.bytesRead;
    yield bytesRead;
  }
  splitter.end();
  yield bytesRead;
}
