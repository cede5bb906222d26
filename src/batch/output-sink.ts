import { close, constants, open, openSync, rmSync, write } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
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

/** Standard output, or any stream. */
class StreamTarget implements BlockTarget {
  readonly alignment = 1;
  constructor(private readonly stream: NodeJS.WritableStream) {}

  newBlock(bytes: number): Buffer {
    return Buffer.allocUnsafe(Math.max(BLOCK_BYTES, bytes));
  }

  write(block: Buffer, length: number, done: (error: Error | null) => void): void {
    this.stream.write(block.subarray(0, length), (error) => done(error ?? null));
  }

  finish(block: Buffer, length: number): Promise<void> {
    if (length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.write(block, length, (error) => (error ? reject(error) : resolve())));
  }

  destroy(): void {}
}

const openFile = promisify(open);
const closeFile = promisify(close);
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

  private constructor(
    private readonly path: string,
    private fd: number,
    private direct: boolean,
  ) {
    this.plainFd = direct ? null : fd;
  }

  static async create(path: string, tryDirect = true): Promise<FileTarget> {
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
    if (tryDirect && constants.O_DIRECT !== undefined) {
      try {
        return new FileTarget(path, await openFile(path, flags | constants.O_DIRECT, 0o666), true);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
      }
    }
    return new FileTarget(path, await openFile(path, flags, 0o666), false);
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
    this.plainFd ??= openSync(this.path, constants.O_WRONLY);
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
    await this.closeAll();
  }

  destroy(): void {
    void this.closeAll().catch(() => {});
  }

  private async closeAll(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const fd of new Set([this.fd, this.plainFd])) if (fd !== null) await closeFile(fd);
  }
}

/**
 * Where results go: a file written under a temporary name in the same folder and renamed at the end (a failed or
 * interrupted run leaves no half-written file), or stdout. Writes are batched in blocks; callers wait on `drain()`
 * between input chunks so memory stays flat when the output is slower than the input.
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
  private readonly removeOnExit: (() => void) | null;

  private constructor(
    private readonly target: BlockTarget,
    private readonly file: { final: string; temporary: string } | null,
  ) {
    super(target.newBlock(BLOCK_BYTES));
    if (file) {
      // A Ctrl-C ends the process through process.exit: only synchronous clean-up runs then.
      this.removeOnExit = () => rmSync(file.temporary, { force: true });
      process.on('exit', this.removeOnExit);
    } else {
      this.removeOnExit = null;
    }
  }

  /** The run's standard output (process.stdout, or a test's stream). */
  static stdout(stream: NodeJS.WritableStream): OutputSink {
    const sink = new OutputSink(new StreamTarget(stream), null);
    stream.on('error', (error: Error) => sink.fail(error));
    return sink;
  }

  /** `direct: false` writes the ordinary way (for tests of that path). */
  static async file(path: string, what: string, options: { direct?: boolean } = {}): Promise<OutputSink> {
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    let target: FileTarget;
    try {
      target = await FileTarget.create(temporary, options.direct ?? true);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw inputError(`cannot write ${what}: ${code === 'ENOENT' ? 'no such folder' : (error as Error).message}`, path);
    }
    return new OutputSink(target, { final: path, temporary });
  }

  get isFile(): boolean {
    return this.file !== null;
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

  /** Writes what is left; for a file, closes it and gives it its final name. */
  async commit(): Promise<void> {
    this.flush();
    while ((this.queued > 0 || this.writing) && !this.failure) await new Promise<void>((resolve) => (this.resume = resolve));
    if (!this.failure) {
      try {
        await this.target.finish(this.block, this.used);
      } catch (error) {
        this.failure ??= error as Error;
      }
    }
    if (!this.file) return;
    if (this.failure) {
      await this.abort();
      throw inputError(`cannot write: ${this.failure.message}`, this.file.final);
    }
    await rename(this.file.temporary, this.file.final);
    this.forget();
  }

  /** Drops a file that will not be completed. */
  async abort(): Promise<void> {
    if (!this.file) return;
    this.target.destroy();
    await rm(this.file.temporary, { force: true });
    this.forget();
  }

  private forget(): void {
    if (this.removeOnExit) process.off('exit', this.removeOnExit);
  }
}
