import { randomBytes } from 'node:crypto';
import { close, constants, fchmod, fsync, open, rmSync, write } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { outputTarget, type OutputTarget } from './output-paths.js';
import { msg } from './messages/index.js';
import { osReason } from './os-errors.js';
import { inputError, InputError } from './problems.js';

const openFile = promisify(open);
const closeFile = promisify(close);
const syncFile = promisify(fsync);
const chmodFile = promisify(fchmod);
const writeBytes = promisify(write);

/**
 * Temporary files not yet renamed into place. They are removed when the process exits, however it exits short of
 * SIGKILL: the CLI turns SIGINT, SIGTERM and SIGHUP into process.exit, and only synchronous clean-up runs then.
 */
const temporaries = new Set<string>();
function removeTemporaries(): void {
  for (const path of temporaries) rmSync(path, { force: true });
  temporaries.clear();
}

/** A file name's longest part that leaves room for the temporary suffix within the usual 255-byte limit. */
const NAME_BYTES = 200;

/** A new file beside `final`, for writing it whole: a random name, created exclusively (never an old file reused). */
export interface Temporary {
  readonly path: string;
  readonly fd: number;
  /** Whether `fd` is closed already (by whoever wrote through it). */
  closed: boolean;
}

/**
 * Creates a temporary file in `final`'s folder, named `.NAME.RANDOM.tmp` and opened with O_EXCL, so that a file
 * left by a killed run is never reused or in the way. `mode` (the file being replaced) is given to it; `extraFlags`
 * are added to the open flags.
 */
export async function createTemporary(final: string, mode: number | null, extraFlags = 0): Promise<Temporary> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | extraFlags;
  const stem = Buffer.from(basename(final)).subarray(0, NAME_BYTES).toString('utf8').replace(/\uFFFD+$/, '');
  for (let attempt = 0; ; attempt++) {
    const path = join(dirname(final), `.${stem}.${randomBytes(8).toString('hex')}.tmp`);
    let fd: number;
    try {
      fd = await openFile(path, flags, 0o666);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 8) continue;
      throw error;
    }
    if (temporaries.size === 0) process.on('exit', removeTemporaries);
    temporaries.add(path);
    const temporary: Temporary = { path, fd, closed: false };
    if (mode !== null) {
      try {
        await chmodFile(fd, mode);
      } catch (error) {
        await discardTemporary(temporary);
        throw error;
      }
    }
    return temporary;
  }
}

/** Puts a fully written temporary file in place: to the disk first (fsync), then renamed over `final`. */
export async function commitTemporary(temporary: Temporary, final: string): Promise<void> {
  try {
    if (!temporary.closed) {
      await syncFile(temporary.fd);
      temporary.closed = true;
      await closeFile(temporary.fd);
    }
    await rename(temporary.path, final);
  } catch (error) {
    await discardTemporary(temporary);
    throw error;
  }
  forget(temporary.path);
}

/** Removes a temporary file that will not be completed. Harmless when done already. */
export async function discardTemporary(temporary: Temporary): Promise<void> {
  if (!temporaries.has(temporary.path)) return;
  if (!temporary.closed) {
    temporary.closed = true;
    await closeFile(temporary.fd).catch(() => undefined);
  }
  await rm(temporary.path, { force: true });
  forget(temporary.path);
}

function forget(path: string): void {
  temporaries.delete(path);
  if (temporaries.size === 0) process.off('exit', removeTemporaries);
}

/** Opens something that is not a regular file (a device, a FIFO) for writing as it is: no creating, no truncating. */
export function openStream(path: string): Promise<number> {
  return openFile(path, constants.O_WRONLY | constants.O_APPEND);
}

function cannotWrite(error: unknown, name: string): InputError {
  return inputError('write.cannot', { why: osReason(error, msg('os.noFolder')) }, name);
}

/**
 * Writes `text` to an output (see OutputTarget): a regular file through a temporary file, fsynced and renamed, so
 * that a failed or interrupted write never leaves half a file; a device or FIFO directly; `stdout` as it is.
 */
export async function writeOutput(target: OutputTarget, text: string, name: string, stdout: NodeJS.WritableStream | null = null): Promise<void> {
  if (target.kind === 'stdout') {
    if (!stdout) throw new Error('no standard output given');
    await new Promise<void>((resolve, reject) => stdout.write(text, (error) => (error ? reject(cannotWrite(error, name)) : resolve())));
    return;
  }
  if (target.kind === 'stream') {
    await writeFile(target.path, text, { flag: constants.O_WRONLY | constants.O_APPEND }).catch((error: unknown) => {
      throw cannotWrite(error, name);
    });
    return;
  }
  let temporary: Temporary | null = null;
  try {
    temporary = await createTemporary(target.path, target.mode);
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length; ) done += (await writeBytes(temporary.fd, bytes, done, bytes.length - done, done)).bytesWritten;
    await commitTemporary(temporary, target.path);
  } catch (error) {
    if (temporary) await discardTemporary(temporary);
    throw cannotWrite(error, name);
  }
}

/** Writes a file whole or not at all (see writeOutput), through a symbolic link to its target, keeping its mode. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = await outputTarget({ flag: '', path: file });
  if ('kind' in target && target.kind === 'stdout') throw new InputError([{ file, path: '', message: msg('write.isStdout') }]);
  if (!('kind' in target)) throw new InputError([{ ...target, file }]);
  await writeOutput(target, text, file);
}
