import { createWriteStream, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { inputError } from '../util/problems.js';

/** Text is encoded straight into blocks of this many bytes, which are written whole. */
const BLOCK_BYTES = 1024 * 1024;
/** Bytes a file may have queued before the batch waits: enough to keep the disk busy while rows are evaluated. */
const FILE_QUEUE_BYTES = 4 * 1024 * 1024;

/** What the row formats write to. */
export interface Output {
  write(text: string): void;
  /** Text known to be ASCII, copied byte for byte: the common case, faster than UTF-8 encoding. */
  writeAscii(text: string): void;
}

/** Output gathered into a string, for tests. */
export class StringOutput implements Output {
  private text = '';
  write(text: string): void {
    this.text += text;
  }
  writeAscii(text: string): void {
    if (/[^\x00-\x7f]/.test(text)) throw new Error(`not ASCII: ${text}`);
    this.text += text;
  }
  toString(): string {
    return this.text;
  }
}

/**
 * Where results go: a file written under a temporary name in the same folder and renamed at the end (a failed or
 * interrupted run leaves no half-written file), or stdout. Writes are batched; callers wait on `drain()`
 * between input chunks so memory stays flat when the output is slower than the input.
 */
export class OutputSink implements Output {
  private block: Buffer = Buffer.allocUnsafe(BLOCK_BYTES);
  private used = 0;
  /** Blocks whose bytes are written out, to be filled again: fresh ones would pile up as garbage outside the heap. */
  private readonly spare: Buffer[] = [];
  private failure: Error | null = null;
  private readonly removeOnExit: (() => void) | null;

  private constructor(
    private readonly stream: Writable,
    private readonly target: { final: string; temporary: string } | null,
  ) {
    stream.on('error', (error) => (this.failure ??= error));
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
    const stream = createWriteStream(temporary, { flags: 'wx', highWaterMark: FILE_QUEUE_BYTES });
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

  write(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 > BLOCK_BYTES) {
      this.flush();
      if (text.length * 3 > BLOCK_BYTES) {
        if (!this.failure) this.stream.write(text);
        return;
      }
    }
    this.used += this.block.write(text, this.used);
  }

  writeAscii(text: string): void {
    if (this.used + text.length > BLOCK_BYTES) {
      this.flush();
      if (text.length > BLOCK_BYTES) {
        if (!this.failure) this.stream.write(text, 'latin1');
        return;
      }
    }
    // Latin-1 copies one-byte text as it is, without building a flat copy of a concatenated string first.
    this.used += this.block.write(text, this.used, 'latin1');
  }

  private flush(): void {
    if (this.failure) this.used = 0; // nothing more can be written: drop it
    if (this.used === 0) return;
    const full = this.block;
    this.stream.write(full.subarray(0, this.used), () => this.spare.push(full));
    this.block = this.spare.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES);
    this.used = 0;
  }

  /** Waits until the stream has room again; resolves at once when it has. */
  async drain(): Promise<void> {
    if (!this.stream.writableNeedDrain || this.failure) return;
    // Whichever comes first, the other listener must go, or every wait would leave one behind.
    const done = new AbortController();
    const settled = (promise: Promise<unknown>) => promise.catch(() => undefined);
    await Promise.race([settled(once(this.stream, 'drain', { signal: done.signal })), settled(once(this.stream, 'close', { signal: done.signal }))]);
    done.abort();
  }

  /** Writes what is left; for a file, closes it and gives it its final name. */
  async commit(): Promise<void> {
    this.flush();
    if (!this.target) {
      if (!this.failure && this.stream.writableNeedDrain) await this.drain();
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
