// The CSV reader thread of `scanCodedRowsOffThread`: the file's bytes in, coded rows out (see read-off-thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { InputError } from '../util/problems.js';
import { recordSplitter } from './csv-records.js';
import { textDecoding } from './decode-text.js';
import type { HeaderMap } from './header.js';
import { EMPTY_INPUT, rowCoder, type RowError } from './row-coder.js';
import type { FromReader, ReaderData, ToReader } from './read-off-thread.js';

const { name, facts, encoding } = workerData as ReaderData;
const port = parentPort!;
const post = (message: FromReader, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Rows a block starts with room for; it doubles when a piece of text holds more. */
const FIRST_CAPACITY = 1024;

/** Blocks the main thread has read and given back. */
const spareCodes: ArrayBuffer[] = [];
const spareIdEnds: ArrayBuffer[] = [];

function codesBlock(values: number): Float64Array {
  const reused = spareCodes.pop();
  return reused && reused.byteLength >= values * Float64Array.BYTES_PER_ELEMENT ? new Float64Array(reused) : new Float64Array(values);
}

function idEndsBlock(rows: number): Int32Array {
  const reused = spareIdEnds.pop();
  return reused && reused.byteLength >= rows * Int32Array.BYTES_PER_ELEMENT ? new Int32Array(reused) : new Int32Array(rows);
}

/** The rows read since the last message, as the main thread will get them. */
const block = {
  width: 0,
  hasIds: false,
  capacity: 0,
  codes: new Float64Array(0) as Float64Array,
  offset: 0,
  count: 0,
  idText: '',
  idEnds: new Int32Array(0) as Int32Array,
  errors: [] as { slot: number; errors: RowError[] }[],

  header(map: HeaderMap): void {
    block.width = map.facts.length;
    block.hasIds = map.idIndex >= 0;
    block.start();
    post({ type: 'header', facts: map.facts.map((column) => column.def.name) });
  },

  start(): void {
    block.capacity = FIRST_CAPACITY;
    block.codes = codesBlock(block.capacity * block.width);
    if (block.hasIds) block.idEnds = idEndsBlock(block.capacity);
    block.count = 0;
    block.offset = 0;
    block.idText = '';
    block.errors = [];
  },

  reserve(): void {
    if (block.count < block.capacity) return;
    block.capacity *= 2;
    const codes = codesBlock(block.capacity * block.width);
    codes.set(block.codes.subarray(0, block.count * block.width));
    block.codes = codes;
    if (block.hasIds) {
      const idEnds = idEndsBlock(block.capacity);
      idEnds.set(block.idEnds.subarray(0, block.count));
      block.idEnds = idEnds;
    }
  },

  next(id: string): void {
    if (block.hasIds) {
      block.idText += id;
      block.idEnds[block.count] = block.idText.length;
    }
    block.count++;
    block.offset += block.width;
  },

  ok(_row: number, id: string): void {
    block.next(id);
  },

  error(_row: number, id: string, errors: RowError[]): void {
    block.reserve();
    block.errors.push({ slot: block.count, errors });
    block.next(id);
  },

  /** Hands the rows read so far to the main thread, the blocks with them. */
  send(): void {
    const { count, codes, errors } = block;
    const ids = block.hasIds ? { text: block.idText, ends: block.idEnds } : null;
    const transfer = block.width > 0 ? [codes.buffer as ArrayBuffer] : [];
    if (ids) transfer.push(ids.ends.buffer as ArrayBuffer);
    post({ type: 'rows', count, codes, ids, errors }, transfer);
    if (block.width > 0) block.start();
  },
};

const warn = (message: string) => post({ type: 'warning', message });
const decoding = textDecoding({ encoding, file: name, warn });
const coder = rowCoder(name, warn, block, facts);
const splitter = recordSplitter(coder.visitor);

port.on('message', (message: ToReader) => {
  try {
    if (message.spare.codes) spareCodes.push(message.spare.codes);
    if (message.spare.idEnds) spareIdEnds.push(message.spare.idEnds);
    if (message.type === 'bytes') {
      const text = decoding.push(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
      if (text !== '') splitter.push(text);
    } else {
      const rest = decoding.end();
      if (rest !== '') splitter.push(rest);
      splitter.end();
      if (!coder.sawHeader()) throw new InputError([{ file: name, path: '', message: EMPTY_INPUT }]);
    }
    block.send();
  } catch (error) {
    if (error instanceof InputError) post({ type: 'failed', problems: error.problems });
    else post({ type: 'crashed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
