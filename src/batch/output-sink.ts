import { createWriteStream, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
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

/** Output gathered in blocks that are handed on whole when full. */
abstract class BlockOutput implements Output {
  protected block: Buffer = Buffer.allocUnsafe(BLOCK_BYTES);
  protected used = 0;

  /** Hands on the block's bytes up to `used` and starts a block; `used` is 0 after it. */
  protected abstract flush(): void;
  /** Text too long for a block. */
  protected abstract writeLong(text: string, encoding: 'utf8' | 'latin1'): void;

  get cursor(): number {
    return this.used;
  }

  advance(to: number): void {
    this.used = to;
  }

  reserve(bytes: number): Buffer {
    if (this.used + bytes > this.block.length) {
      this.flush();
      if (bytes > this.block.length) this.block = Buffer.allocUnsafe(bytes);
    }
    return this.block;
  }

  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > this.block.length) {
      this.flush();
      if (text.length * 3 > this.block.length) return this.writeLong(text, 'utf8');
    }
    this.used += this.block.write(text, this.used);
  }

  writeAscii(text: string): void {
    if (this.used + text.length > this.block.length) {
      this.flush();
      if (text.length > this.block.length) return this.writeLong(text, 'latin1');
    }
    // Latin-1 copies one-byte text as it is, without building a flat copy of a concatenated string first.
    this.used += this.block.write(text, this.used, 'latin1');
  }
}

/** Output gathered in memory, for tests: small blocks, so that rows cross block boundaries. */
export class StringOutput extends BlockOutput {
  private readonly chunks: Buffer[] = [];

  constructor() {
    super();
    this.block = Buffer.allocUnsafe(4096);
  }

  protected override flush(): void {
    this.chunks.push(Buffer.from(this.block.subarray(0, this.used)));
    this.used = 0;
  }

  protected override writeLong(text: string, encoding: 'utf8' | 'latin1'): void {
    this.chunks.push(Buffer.from(text, encoding));
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

/**
 * Where results go: a file written under a temporary name in the same folder and renamed at the end (a failed or
 * interrupted run leaves no half-written file), or stdout. Writes are batched; callers wait on `drain()`
 * between input chunks so memory stays flat when the output is slower than the input.
 */
export class OutputSink extends BlockOutput {
  /** Blocks whose bytes are written out, to be filled again: fresh ones would pile up as garbage outside the heap. */
  private readonly spare: Buffer[] = [];
  /** Bytes handed to the stream and not yet written. */
  private queued = 0;
  private resume: (() => void) | null = null;
  private failure: Error | null = null;
  private readonly removeOnExit: (() => void) | null;

  private constructor(
    private readonly stream: Writable,
    private readonly target: { final: string; temporary: string } | null,
  ) {
    super();
    stream.on('error', (error) => {
      this.failure ??= error;
      this.wake();
    });
    if (target) {
      // A Ctrl-C ends the process through process.exit: only synchronous clean-up runs then.
      this.removeOnExit = () => rmSync(target.temporary, { force: true });
      process.on('exit', this.removeOnExit);
    } else {
      this.removeOnExit = null;
    }
  }

  static stdout(): OutputSink {
    return new OutputSink(process.stdout, null);
  }

  static async file(path: string, what: string): Promise<OutputSink> {
    const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    const stream = createWriteStream(temporary, { flags: 'wx', highWaterMark: QUEUE_BYTES });
    try {
      await once(stream, 'open');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw inputError(`cannot write ${what}: ${code === 'ENOENT' ? 'no such folder' : (error as Error).message}`, path);
    }
    return new OutputSink(stream, { final: path, temporary });
  }

  get isFile(): boolean {
    return this.target !== null;
  }

  /** The write error that stopped the output, if any (EPIPE when a pipe reader such as `head` has gone). */
  get error(): Error | null {
    return this.failure;
  }

  protected override writeLong(text: string, encoding: 'utf8' | 'latin1'): void {
    if (!this.failure) this.stream.write(text, encoding);
  }

  protected override flush(): void {
    if (this.failure) this.used = 0; // nothing more can be written: drop it
    if (this.used === 0) return;
    const full = this.block;
    const length = this.used;
    this.queued += length;
    this.stream.write(full.subarray(0, length), () => {
      this.queued -= length;
      this.spare.push(full);
      if (this.queued <= RESUME_BYTES) this.wake();
    });
    this.block = this.spare.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
    this.used = 0;
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
    if (!this.target) {
      while (this.queued > 0 && !this.failure) await new Promise<void>((resolve) => (this.resume = resolve));
      return;
    }
    this.stream.end();
    try {
      await finished(this.stream);
    } catch (error) {
      this.failure ??= error as Error;
    }
    if (this.failure) {
      await this.abort();
      throw inputError(`cannot write: ${this.failure.message}`, this.target.final);
    }
    await rename(this.target.temporary, this.target.final);
    this.forget();
  }

  /** Drops a file that will not be completed. */
  async abort(): Promise<void> {
    if (!this.target) return;
    this.stream.destroy();
    await rm(this.target.temporary, { force: true });
    this.forget();
  }

  private forget(): void {
    if (this.removeOnExit) process.off('exit', this.removeOnExit);
  }
}
