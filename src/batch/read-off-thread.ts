import type { Message } from '../util/messages/index.js';
import type { FactsDeclaration } from '../facts/facts.js';
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { InputError, type Problem } from '../util/problems.js';
import { READER_THREAD_MIN_MIB } from './choices.js';
import type { InputEncoding } from './decode-text.js';
import { openInput, readable, scanCodedRows, type ApplicantInput, type CodedRowVisitor, type ReadApplicantsOptions, type ScanProgress } from './read-applicants.js';
import { rowId, type RowError } from './row-coder.js';
import { inputKind } from './xlsx-read.js';

/** What the reader thread is started with. */
export interface ReaderData {
  name: string;
  /** The facts declaration, cloned into the reader thread. */
  facts: FactsDeclaration;
  /** --encoding, or undefined to decide on the first bytes. */
  encoding: InputEncoding | undefined;
}

/** Blocks of rows read, handed back to be filled again. */
export interface SpareBlocks {
  codes: ArrayBuffer | null;
  idEnds: ArrayBuffer | null;
}

/**
 * Main thread → reader: a piece of the file's bytes (its own buffer, moved, not copied), or the end of them. The
 * reader decodes them: a string would be copied between the threads, and decoding is work this thread then spares.
 */
export type ToReader = { type: 'bytes'; bytes: Uint8Array; spare: SpareBlocks } | { type: 'end'; spare: SpareBlocks };

/** Reader → main thread. Every piece of bytes and the end are answered by exactly one 'rows' (or 'failed'). */
export type FromReader =
  | { type: 'warning'; message: Message }
  | { type: 'header'; facts: string[] }
  | {
      type: 'rows';
      count: number;
      /** `count` coded rows, one after the other (see CodedRow). */
      codes: Float64Array;
      /**
       * The id cells one after the other, and where each ends in that text (a blank cell is empty); null when
       * the file has no id column. One string and one array copy faster between threads than a string per row.
       */
      ids: { text: string; ends: Int32Array } | null;
      /** The rows in error, by their place in this block. */
      errors: { slot: number; errors: RowError[] }[];
    }
  | { type: 'failed'; problems: Problem[] }
  | { type: 'crashed'; message: string };

/** Pieces handed over and not yet answered: enough to keep the reader busy, few enough to keep memory flat. */
const IN_FLIGHT = 4;
/** The reader's heap: it holds a few pieces of text and the parser's rows, nothing that grows with the file. */
const READER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

/** A worker's messages, one at a time, as promises; a worker that fails or stops early rejects the wait. */
function inbox(worker: Worker) {
  const queue: FromReader[] = [];
  let waiting: { resolve: (message: FromReader) => void; reject: (error: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    waiting?.reject(failure);
    waiting = null;
  };
  worker.on('message', (message: FromReader) => {
    if (waiting) {
      waiting.resolve(message);
      waiting = null;
    } else queue.push(message);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the CSV reader thread stopped (exit code ${code})`)));
  return {
    next(): Promise<FromReader> {
      if (queue.length > 0) return Promise.resolve(queue.shift()!);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => (waiting = { resolve, reject }));
    },
  };
}

/**
 * Whether `scanCodedRowsOffThread` pays for `input`: stdin (its size is not known) and a file of
 * READER_THREAD_MIN_MIB or more. A file that cannot be looked at is left to the one-thread reader, which says why.
 */
export async function readerThreadPays(input: ApplicantInput): Promise<boolean> {
  if (!('path' in input)) return true;
  try {
    return (await stat(input.path)).size >= READER_THREAD_MIN_MIB * 1024 * 1024;
  } catch {
    return false;
  }
}

/**
 * `scanCodedRows` with the CSV parsed and its cells coded on a second thread, for large inputs on machines with
 * more than one core: this thread reads the bytes and hands the coded rows to `visitor` in input order, while the
 * reader decodes and parses the next pieces. Same rows, same errors, same warnings.
 */
export async function* scanCodedRowsOffThread(input: ApplicantInput, options: ReadApplicantsOptions, visitor: CodedRowVisitor): AsyncGenerator<ScanProgress> {
  const name = options.name ?? ('path' in input ? input.path : 'stdin');
  const warn = options.onWarning ?? (() => {});
  // A workbook (or an input refused as one) is read on this thread: its XML parser and shared strings stay here.
  if (options.sheet !== undefined || ('path' in input && (await inputKind(input.path)) !== 'text')) {
    yield* scanCodedRows(input, options, visitor);
    return;
  }
  const { bytes, totalBytes } = await openInput(input, name);
  const worker = new Worker(new URL('./read-worker.js', import.meta.url), {
    workerData: { name, facts: options.facts, encoding: options.encoding } satisfies ReaderData,
    resourceLimits: READER_LIMITS,
  });
  const messages = inbox(worker);
  let width = 0;
  let rows = 0;
  let unanswered = 0;
  const spareCodes: ArrayBuffer[] = [];
  const spareIdEnds: ArrayBuffer[] = [];

  const deliver = ({ count, codes, ids, errors }: Extract<FromReader, { type: 'rows' }>): void => {
    let next = 0;
    let idStart = 0;
    for (let slot = 0; slot < count; slot++) {
      const row = ++rows;
      let idCell: string | null = null;
      if (ids !== null) {
        const idEnd = ids.ends[slot]!;
        idCell = ids.text.slice(idStart, idEnd);
        idStart = idEnd;
      }
      const id = rowId(idCell, row);
      if (next < errors.length && errors[next]!.slot === slot) visitor.error(row, id, errors[next++]!.errors);
      else visitor.ok(row, id, codes, slot * width);
    }
    if (codes.length > 0) spareCodes.push(codes.buffer as ArrayBuffer);
    if (ids !== null) spareIdEnds.push(ids.ends.buffer as ArrayBuffer);
  };

  /** Handles messages until the oldest unanswered text is answered. */
  const receive = async (): Promise<void> => {
    for (;;) {
      const message = await messages.next();
      switch (message.type) {
        case 'warning':
          warn(message.message);
          break;
        case 'header':
          width = message.facts.length;
          visitor.header(message.facts);
          break;
        case 'rows':
          unanswered--;
          deliver(message);
          return;
        case 'failed':
          throw new InputError(message.problems);
        case 'crashed':
          throw new Error(`the CSV reader thread failed: ${message.message}`);
      }
    }
  };

  const send = (message: ToReader): void => {
    const { codes, idEnds } = message.spare;
    const transfer = [codes, idEnds].filter((buffer) => buffer !== null);
    if (message.type === 'bytes') transfer.push(message.bytes.buffer as ArrayBuffer);
    worker.postMessage(message, transfer);
    unanswered++;
  };
  const spare = (): SpareBlocks => ({ codes: spareCodes.pop() ?? null, idEnds: spareIdEnds.pop() ?? null });

  try {
    let bytesRead = 0;
    for await (const piece of readable(bytes, name)) {
      // A copy in a buffer of its own, which can be moved: a stream's chunk may be a view of a shared pool.
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece;
      bytesRead += chunk.length;
      send({ type: 'bytes', bytes: new Uint8Array(chunk), spare: spare() });
      if (unanswered < IN_FLIGHT) continue;
      await receive();
      yield { rows, bytesRead, totalBytes };
    }
    send({ type: 'end', spare: spare() });
    while (unanswered > 0) await receive();
    yield { rows, bytesRead, totalBytes };
  } finally {
    await worker.terminate();
  }
}
