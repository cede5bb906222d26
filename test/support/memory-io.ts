import { Readable, Writable } from 'node:stream';
import type { Io } from '../../src/cli/io.js';

export interface MemoryStream extends Writable {
  /** Everything written so far, decoded as UTF-8. */
  text(): string;
  /** Everything written so far, as bytes. */
  bytes(): Buffer;
}

/** A writable that keeps what it is given (bytes, so that a character split across writes decodes whole). */
export function memoryStream(): MemoryStream {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, encoding, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding));
      done();
    },
  }) as MemoryStream;
  stream.text = () => Buffer.concat(chunks).toString('utf8');
  stream.bytes = () => Buffer.concat(chunks);
  return stream;
}

export interface MemoryIo extends Io {
  stdout: MemoryStream;
  stderr: MemoryStream;
}

/** An Io for an in-process run: stdin from a string or bytes, stdout and stderr kept, no terminal unless asked. */
export function memoryIo(options: { input?: string | Buffer; env?: Io['env']; cwd?: string; columns?: number; stderrColumns?: number; isTTY?: Partial<Io['isTTY']> } = {}): MemoryIo {
  const input = options.input ?? '';
  return {
    stdin: Readable.from(input.length === 0 ? [] : [typeof input === 'string' ? Buffer.from(input) : input]),
    stdout: memoryStream(),
    stderr: memoryStream(),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    columns: options.columns,
    stderrColumns: options.stderrColumns,
    isTTY: { stdin: false, stdout: false, stderr: false, ...options.isTTY },
  };
}
