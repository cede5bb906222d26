import { msg, type Message } from '../util/messages/index.js';
import { osReason } from '../util/os-errors.js';
import { close, constants, createWriteStream, fsync, openSync, write } from 'node:fs';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { commitTemporary, createTemporary, discardTemporary, openStream, type Temporary } from '../util/atomic-write.js';
import type { OutputTarget } from '../util/output-paths.js';
import { inputError } from '../util/problems.js';

/** Text is encoded straight into blocks of this many bytes, which are written whole. */
const BLOCK_BYTES = 1024 * 1024;
/** Bytes that may be queued for writing before the batch waits: enough to keep the disk busy while rows are evaluated. */
const QUEUE_BYTES = 4 * 1024 * 1024;
/**
 * Where a waiting batch goes on. Not at an empty queue (a stream's 'drain'): the disk would then idle while the
 * next rows are evaluated, and the batch idle while the queue empties.
 */
const RESUME_BYTES = 2 * 1024 * 1024;

/** What the row formats write to. */
export interface Output {
  write(text: string): void;
  /** Text known to be ASCII, copied byte for byte: the common case, faster than UTF-8 encoding. */
  writeAscii(text: string): void;
  /**
   * Makes room for `bytes` more bytes and returns the block to write them into, from `cursor` on; `advance`
   * then says where the written bytes end. For rows assembled from bytes prepared once.
   */
  reserve(bytes: number): Buffer;
  readonly cursor: number;
  advance(to: number): void;
}

/** Output gathered in blocks that are handed on when full. */
abstract class BlockOutput implements Output {
  protected block: Buffer;
  protected used = 0;

  constructor(firstBlock: Buffer) {
    this.block = firstBlock;
  }

  /** Hands on the block's bytes (all, or as many as can go now) and starts the next block with the rest. */
  protected abstract flush(): void;
  /** A block of at least `bytes` bytes. */
  protected abstract newBlock(bytes: number): Buffer;

  get cursor(): number {
    return this.used;
  }

  advance(to: number): void {
    this.used = to;
  }

  reserve(bytes: number): Buffer {
    if (this.used + bytes > this.block.length) {
      this.flush();
      // A row longer than a block gets a block of its own size.
      if (this.used + bytes > this.block.length) {
        const larger = this.newBlock(this.used + bytes);
        this.block.copy(larger, 0, 0, this.used);
        this.block = larger;
      }
    }
    return this.block;
  }

  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    const block = this.reserve(text.length * 3);
    this.used += block.write(text, this.used);
  }

  writeAscii(text: string): void {
    const block = this.reserve(text.length);
    // Latin-1 copies one-byte text as it is, without building a flat copy of a concatenated string first.
    this.used += block.write(text, this.used, 'latin1');
  }
}

/** Output gathered in memory, for tests: small blocks, so that rows cross block boundaries. */
export class StringOutput extends BlockOutput {
  private readonly chunks: Buffer[] = [];

  constructor() {
    super(Buffer.allocUnsafe(4096));
  }

  protected override flush(): void {
    this.chunks.push(Buffer.from(this.block.subarray(0, this.used)));
    this.used = 0;
  }

  protected override newBlock(bytes: number): Buffer {
    return Buffer.allocUnsafe(Math.max(4096, bytes));
  }

  override writeAscii(text: string): void {
    if (/[^\x00-\x7f]/.test(text)) throw new Error(`not ASCII: ${text}`);
    super.writeAscii(text);
  }

  override toString(): string {
    this.flush();
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** Where an OutputSink's blocks go, one write at a time, in order. */
interface BlockTarget {
  /** A write's length must be a multiple of this; the rest of a block waits for the next one. */
  readonly alignment: number;
  newBlock(bytes: number): Buffer;
  write(block: Buffer, length: number, done: (error: Error | null) => void): void;
  /** Writes the last bytes, of any length, and closes. */
  finish(block: Buffer, length: number): Promise<void>;
  /** Closes without finishing. */
  destroy(): void;
}

/** Standard output, or a device or FIFO written as a stream (`owned`: closed at the end). */
class StreamTarget implements BlockTarget {
  readonly alignment = 1;
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly owned = false,
  ) {}

  /** A device or FIFO, opened here and closed at the end. */
  static owning(fd: number): StreamTarget {
    return new StreamTarget(createWriteStream('', { fd }), true);
  }

  newBlock(bytes: number): Buffer {
    return Buffer.allocUnsafe(Math.max(BLOCK_BYTES, bytes));
  }

  write(block: Buffer, length: number, done: (error: Error | null) => void): void {
    this.stream.write(block.subarray(0, length), (error) => done(error ?? null));
  }

  async finish(block: Buffer, length: number): Promise<void> {
    if (length > 0) await new Promise<void>((resolve, reject) => this.write(block, length, (error) => (error ? reject(error) : resolve())));
    if (this.owned) await new Promise<void>((resolve, reject) => this.stream.once('error', reject).end(resolve));
  }

  onError(listener: (error: Error) => void): void {
    this.stream.on('error', listener);
  }

  destroy(): void {
    if (this.owned) (this.stream as Writable).destroy();
  }
}

const closeFile = promisify(close);
const syncFile = promisify(fsync);
/** Direct writes must start and end on this boundary, and come from memory aligned to it. */
const DIRECT_ALIGNMENT = 4096;
const WASM_PAGE = 65536;

/**
 * A new file, written by position. On Linux it is opened with O_DIRECT: the blocks go from memory to the disk
 * without passing through the page cache, which for a result file of hundreds of megabytes saves the kernel most of
 * the CPU time it spends on writing (measured by npm run bench). Direct writes need page-aligned memory, which a
 * WebAssembly memory is, and aligned lengths and positions: the unaligned rest of each block waits for the next, and
 * the last bytes are written through an ordinary descriptor. Where direct writes are not possible (another system,
 * a file system that refuses them), the file is written the ordinary way.
 */
class FileTarget implements BlockTarget {
  private position = 0;
  private plainFd: number | null;
  private closed = false;

  private fd: number;

  private constructor(
    readonly temporary: Temporary,
    private direct: boolean,
  ) {
    this.fd = temporary.fd;
    this.plainFd = direct ? null : temporary.fd;
  }

  /** A temporary file beside `final`, with the mode `mode`. */
  static async create(final: string, mode: number | null, tryDirect = true): Promise<FileTarget> {
    if (tryDirect && constants.O_DIRECT !== undefined) {
      try {
        return new FileTarget(await createTemporary(final, mode, constants.O_DIRECT), true);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
      }
    }
    return new FileTarget(await createTemporary(final, mode), false);
  }

  get alignment(): number {
    return this.direct ? DIRECT_ALIGNMENT : 1;
  }

  /** Whether blocks still go to the disk directly. */
  get writesDirect(): boolean {
    return this.direct;
  }

  newBlock(bytes: number): Buffer {
    const size = Math.max(BLOCK_BYTES, bytes);
    if (!this.direct) return Buffer.allocUnsafe(size);
    const pages = Math.ceil(size / WASM_PAGE);
    return Buffer.from(new WebAssembly.Memory({ initial: pages, maximum: pages }).buffer);
  }

  write(block: Buffer, length: number, done: (error: Error | null) => void, from = 0): void {
    write(this.fd, block, from, length - from, this.position, (error, written) => {
      if (error && this.direct && error.code === 'EINVAL') {
        // Refused after all (alignment the disk wants, a file system's rule): go on the ordinary way.
        this.useOrdinaryWrites();
        return this.write(block, length, done, from);
      }
      if (error) return done(error);
      this.position += written;
      // A write may take fewer bytes than asked (a full disk answers the next one with ENOSPC).
      if (from + written < length) return this.write(block, length, done, from + written);
      done(null);
    });
  }

  private ordinaryFd(): number {
    this.plainFd ??= openSync(this.temporary.path, constants.O_WRONLY);
    return this.plainFd;
  }

  private useOrdinaryWrites(): void {
    const directFd = this.fd;
    this.fd = this.ordinaryFd();
    this.direct = false;
    close(directFd, () => {});
  }

  async finish(block: Buffer, length: number): Promise<void> {
    if (length > 0) {
      // The last bytes need not fill an aligned block: they go the ordinary way.
      if (this.direct) this.useOrdinaryWrites();
      await new Promise<void>((resolve, reject) => this.write(block, length, (error) => (error ? reject(error) : resolve())));
    }
    // On the disk before it gets its final name: a crash just after the rename must not leave an empty file.
    await syncFile(this.fd);
    await this.closeAll();
  }

  destroy(): void {
    void this.closeAll().catch(() => {});
  }

  private async closeAll(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.temporary.closed = true;
    for (const fd of new Set([this.fd, this.plainFd])) if (fd !== null) await closeFile(fd);
  }
}

/**
 * Where results go: a file written under a temporary name in the same folder and renamed at the end (a failed or
 * interrupted run leaves no half-written file), a device or FIFO written as it is, or stdout. Writes are batched in
 * blocks; callers wait on `drain()` between input chunks so memory stays flat when the output is slower than the input.
 */
export class OutputSink extends BlockOutput {
  /** Blocks whose bytes are written out, to be filled again: fresh ones would pile up as garbage outside the heap. */
  private readonly spare: Buffer[] = [];
  /** Blocks waiting for their turn to be written, with their lengths. */
  private readonly pending: [Buffer, number][] = [];
  private writing = false;
  /** Bytes handed to the target and not yet written. */
  private queued = 0;
  private resume: (() => void) | null = null;
  private failure: Error | null = null;

  private constructor(
    private readonly target: BlockTarget,
    /** The name the user gave, for messages; null for stdout, whose failures the CLI reports itself. */
    private readonly name: string | null,
    /** Where a file goes at the end; null when the output is written as it is. */
    private readonly final: string | null,
  ) {
    super(target.newBlock(BLOCK_BYTES));
  }

  /** The run's standard output (process.stdout, or a test's stream). */
  static stdout(stream: NodeJS.WritableStream): OutputSink {
    const sink = new OutputSink(new StreamTarget(stream), null, null);
    stream.on('error', (error: Error) => sink.fail(error));
    return sink;
  }

  /**
   * An output checked by checkOutputs: `name` is the path the user gave; `stdout` the run's standard output.
   * `direct: false` writes a file the ordinary way (for tests of that path).
   */
  static async open(target: OutputTarget, name: string, what: Message, stdout: NodeJS.WritableStream | null, options: { direct?: boolean } = {}): Promise<OutputSink> {
    if (target.kind === 'stdout') {
      if (!stdout) throw new Error('no standard output given');
      return OutputSink.stdout(stdout);
    }
    try {
      if (target.kind === 'stream') {
        const stream = StreamTarget.owning(await openStream(target.path));
        const sink = new OutputSink(stream, name, null);
        stream.onError((error) => sink.fail(error));
        return sink;
      }
      return new OutputSink(await FileTarget.create(target.path, target.mode, options.direct ?? true), name, target.path);
    } catch (error) {
      throw inputError('write.cannotWhat', { what, why: osReason(error, msg('os.noFolder')) }, name);
    }
  }

  /** A new regular file at `path` (for tests). */
  static file(path: string, what: Message, options: { direct?: boolean } = {}): Promise<OutputSink> {
    return OutputSink.open({ kind: 'file', path, mode: null }, path, what, null, options);
  }

  /** Whether the output is a regular file (which a CSV starts with a BOM for Excel). */
  get isFile(): boolean {
    return this.final !== null;
  }

  /** Whether a file's blocks go to the disk directly (see FileTarget). */
  get writesDirect(): boolean {
    return this.target instanceof FileTarget && this.target.writesDirect;
  }

  /** The write error that stopped the output, if any (EPIPE when a pipe reader such as `head` has gone). */
  get error(): Error | null {
    return this.failure;
  }

  protected override newBlock(bytes: number): Buffer {
    return this.target.newBlock(bytes);
  }

  protected override flush(): void {
    if (this.failure) this.used = 0; // nothing more can be written: drop it
    const length = this.used - (this.used % this.target.alignment);
    if (length === 0) return;
    const full = this.block;
    this.pending.push([full, length]);
    this.queued += length;
    this.block = this.spare.pop() ?? this.target.newBlock(BLOCK_BYTES);
    // The unaligned rest starts the next block.
    this.used = full.copy(this.block, 0, length, this.used);
    this.pump();
  }

  private pump(): void {
    if (this.writing || this.pending.length === 0) return;
    const [block, length] = this.pending.shift()!;
    this.writing = true;
    this.target.write(block, length, (error) => {
      this.writing = false;
      this.queued -= length;
      if (block.length === BLOCK_BYTES) this.spare.push(block);
      if (error) this.fail(error);
      else this.pump();
      if (this.queued <= RESUME_BYTES || this.failure) this.wake();
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.pending.length = 0;
    this.queued = 0;
    this.wake();
  }

  private wake(): void {
    const resume = this.resume;
    this.resume = null;
    resume?.();
  }

  /** Waits while much is queued for writing; resolves at once when little is. */
  async drain(): Promise<void> {
    if (this.queued <= QUEUE_BYTES || this.failure) return;
    await new Promise<void>((resolve) => (this.resume = resolve));
  }

  /** Writes what is left; for a file, puts it on the disk and gives it its final name. */
  async commit(): Promise<void> {
    this.flush();
    while ((this.queued > 0 || this.writing) && !this.failure) await new Promise<void>((resolve) => (this.resume = resolve));
    if (!this.failure) {
      try {
        await this.target.finish(this.block, this.used);
        if (this.target instanceof FileTarget) await commitTemporary(this.target.temporary, this.final!);
      } catch (error) {
        this.failure ??= error as Error;
      }
    }
    if (this.name === null) return;
    if (this.failure) {
      await this.abort();
      throw inputError('write.cannot', { why: osReason(this.failure) }, this.name);
    }
  }

  /** Drops a file that will not be completed. */
  async abort(): Promise<void> {
    this.target.destroy();
    if (this.target instanceof FileTarget) await discardTemporary(this.target.temporary);
  }
}
