// The CSV reader thread of `scanApplicantsOffThread`: decoded text in, coded rows out (see read-off-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../util/problems.js';
import { recordSplitter } from './csv-records.js';
import { EMPTY_INPUT, rowCoder, type CodedRowSink } from './row-coder.js';
import type { FromReader, ReaderData, ToReader } from './read-off-thread.js';

const { name } = workerData as ReaderData;
const port = parentPort!;
const post = (message: FromReader, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Rows a block starts with room for; it doubles when a piece of text holds more. */
const FIRST_CAPACITY = 1024;

let width = 0;
let codes: Float64Array = new Float64Array(0);
let count = 0;
let ids: string[] | null = null;
let errors: Extract<FromReader, { type: 'rows' }>['errors'] = [];
/** Blocks the main thread has read and given back. */
const spare: ArrayBuffer[] = [];

function freshBlock(capacity: number): Float64Array {
  const bytes = capacity * width * Float64Array.BYTES_PER_ELEMENT;
  const reused = spare.pop();
  return reused && reused.byteLength >= bytes ? new Float64Array(reused) : new Float64Array(capacity * width);
}

function room(): void {
  if ((count + 1) * width <= codes.length) return;
  const grown = freshBlock(Math.max(FIRST_CAPACITY, count * 2));
  grown.set(codes.subarray(0, count * width));
  codes = grown;
}

const sink: CodedRowSink = {
  header(map) {
    width = map.facts.length;
    ids = map.idIndex >= 0 ? [] : null;
    codes = freshBlock(FIRST_CAPACITY);
    post({ type: 'header', facts: map.facts.map((column) => column.def.name) });
  },
  ok(_row, id, rowCodes) {
    room();
    codes.set(rowCodes, count * width);
    ids?.push(id);
    count++;
  },
  error(_row, id, error) {
    room();
    errors.push({ slot: count, error });
    ids?.push(id);
    count++;
  },
};

const coder = rowCoder(name, (message) => post({ type: 'warning', message }), sink);
const splitter = recordSplitter(coder.visit);

/** Hands the rows read so far to the main thread, the block with them. */
function sendRows(): void {
  const block = codes;
  post({ type: 'rows', count, codes: block, ids, errors }, width > 0 ? [block.buffer as ArrayBuffer] : []);
  count = 0;
  ids = ids && [];
  errors = [];
  if (width > 0) codes = freshBlock(FIRST_CAPACITY);
}

port.on('message', (message: ToReader) => {
  try {
    if (message.spare) spare.push(message.spare);
    if (message.type === 'text') splitter.push(message.text);
    else {
      splitter.end();
      if (!coder.sawHeader()) throw new InputError([{ file: name, path: '', message: EMPTY_INPUT }]);
    }
    sendRows();
  } catch (error) {
    if (error instanceof InputError) post({ type: 'failed', problems: error.problems });
    else post({ type: 'crashed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
