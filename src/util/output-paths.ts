import { fstatSync, type Stats } from 'node:fs';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { msg, type Message } from './messages/index.js';
import { InputError, type Problem } from './problems.js';

/**
 * Where a file the tool writes goes:
 * - `stdout`: the process's standard output (`/dev/stdout`, `/dev/fd/1`);
 * - `stream`: something that is not a regular file (a character device such as /dev/null, a FIFO, a socket, or a
 *   descriptor under /proc/self/fd): opened and written, never replaced;
 * - `file`: a regular file or none yet: written under a temporary name beside it and renamed over it. `path` is
 *   where a chain of symbolic links ends, so that the link is kept and its target replaced; `mode` is the mode of
 *   the file replaced, kept.
 */
export type OutputTarget = { kind: 'stdout' } | { kind: 'stream'; path: string } | { kind: 'file'; path: string; mode: number | null };

/** An output file a command was asked to write, with the flag that named it. */
export interface OutputRequest {
  flag: string;
  path: string;
}

/** Something a command reads: a file (or "-" for stdin, with its descriptor when it has one), or a folder it reads files from. */
export interface InputRequest {
  what: Message;
  path: string;
  fd?: number;
}

/** Everything these checks say, in one place: each names the path and the flag that gave it. */
const SAY = {
  empty: msg('out.empty'),
  folder: msg('out.folder'),
  noFolder: (path: string) => msg('out.noFolder', { folder: dirname(path) }),
  isInput: (input: InputRequest) =>
    input.path === '-' ? msg('out.isStdin', { what: input.what }) : msg('out.isInput', { what: input.what, path: input.path }),
  inInputFolder: (input: InputRequest) => msg('out.inInputFolder', { what: input.what, path: input.path }),
  sameOutput: (other: OutputRequest) => msg('out.sameOutput', { flag: other.flag, path: other.path }),
  linkLoop: msg('out.linkLoop'),
} as const;

function refusal(request: OutputRequest, message: Message): Problem {
  return { ...(request.path === '' ? {} : { file: request.path }), path: request.flag, message };
}

const MAX_LINKS = 40;
/** Names that mean a descriptor of this process: written to as they are, never replaced. */
const DESCRIPTOR = /^\/(?:dev\/fd|proc\/self\/fd|proc\/thread-self\/fd|proc\/\d+\/fd)\/(\d+)$|^\/dev\/(stdout|stderr|stdin)$/;

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Follows a chain of symbolic links to where it ends (which need not exist yet). Null for a loop. */
async function followLinks(path: string): Promise<{ end: string; viaDescriptor: string | null } | null> {
  let current = path;
  for (let hop = 0; hop <= MAX_LINKS; hop++) {
    const descriptor = DESCRIPTOR.exec(current);
    if (descriptor) return { end: current, viaDescriptor: descriptor[1] ?? { stdin: '0', stdout: '1', stderr: '2' }[descriptor[2]!]! };
    let info: Stats;
    try {
      info = await lstat(current);
    } catch (error) {
      if (isMissing(error)) return { end: current, viaDescriptor: null };
      throw error;
    }
    if (!info.isSymbolicLink()) return { end: current, viaDescriptor: null };
    current = resolve(dirname(current), await readlink(current));
  }
  return null;
}

/**
 * Where an output goes (see OutputTarget), or the problem with it: empty, a folder, a loop of links. A relative
 * path is taken from `cwd`.
 */
export async function outputTarget(request: OutputRequest, cwd = '.'): Promise<OutputTarget | Problem> {
  if (request.path === '') return refusal(request, SAY.empty);
  const followed = await followLinks(resolve(cwd, request.path));
  if (!followed) return refusal(request, SAY.linkLoop);
  if (followed.viaDescriptor === '1') return { kind: 'stdout' };
  const info = await stat(followed.end).catch((error: unknown) => {
    if (isMissing(error)) return null;
    throw error;
  });
  if (info?.isDirectory()) return refusal(request, SAY.folder);
  if (followed.viaDescriptor !== null || (info && !info.isFile())) return { kind: 'stream', path: followed.end };
  return { kind: 'file', path: followed.end, mode: info ? info.mode & 0o7777 : null };
}

/** The same file: same device and inode. */
function sameFile(a: Stats | null, b: Stats | null): boolean {
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
}

async function statOrNull(path: string): Promise<Stats | null> {
  return stat(path).catch(() => null);
}

/** An absolute name without links in its folders, for comparing files that do not exist yet. */
async function canonical(path: string): Promise<string> {
  const folder = await realpath(dirname(path)).catch(() => resolve(dirname(path)));
  return join(folder, basename(path));
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Checks a command's outputs before it reads anything, and says where each goes. Refused (exit 2, one line each,
 * naming the flag and the path): an empty name, a folder, a file that is one of the inputs (same device and inode,
 * through hard and symbolic links; stdin when it is a file), a file inside an input folder, a file given to two
 * outputs, and (unless `createFolders`) a file in a folder that does not exist. The targets are in the order of
 * `outputs` (null where an output is null).
 */
export async function checkOutputs(
  outputs: readonly (OutputRequest | null)[],
  inputs: readonly InputRequest[],
  options: { createFolders?: boolean; cwd?: string } = {},
): Promise<(OutputTarget | null)[]> {
  const cwd = options.cwd ?? '.';
  const problems: Problem[] = [];
  const targets: (OutputTarget | null)[] = [];
  const seen: { request: OutputRequest; info: Stats | null; name: string | null }[] = [];
  const inputInfo = await Promise.all(
    inputs.map(async (input) => {
      const path = resolve(cwd, input.path);
      const info = input.path === '-' ? descriptorInfo(input.fd) : await statOrNull(path);
      return { input, info, folder: info?.isDirectory() ? await realpath(path).catch(() => null) : null };
    }),
  );
  for (const request of outputs) {
    const target = request && (await outputTarget(request, cwd));
    targets.push(target && 'kind' in target ? target : null);
    if (!request || !target) continue;
    if (!('kind' in target)) {
      problems.push(target);
      continue;
    }
    const info = target.kind === 'stdout' ? null : await statOrNull(target.path);
    const name = target.kind === 'file' ? await canonical(target.path) : null;
    const input = inputInfo.find((candidate) => sameFile(candidate.info, info));
    const folder = name === null ? undefined : inputInfo.find((candidate) => candidate.folder !== null && isInside(name, candidate.folder));
    const other = seen.find((earlier) => sameFile(earlier.info, info) || (name !== null && earlier.name === name));
    if (input) problems.push(refusal(request, SAY.isInput(input.input)));
    else if (folder) problems.push(refusal(request, SAY.inInputFolder(folder.input)));
    else if (other) problems.push(refusal(request, SAY.sameOutput(other.request)));
    else if (target.kind === 'file' && !options.createFolders && !(await statOrNull(dirname(target.path)))?.isDirectory()) {
      problems.push(refusal(request, SAY.noFolder(request.path)));
    }
    seen.push({ request, info, name });
  }
  if (problems.length > 0) throw new InputError(problems);
  return targets;
}

/** A descriptor's file, when it is a regular file (a terminal or a pipe is not a file an output could be). */
function descriptorInfo(fd: number | undefined): Stats | null {
  if (fd === undefined) return null;
  try {
    const info = fstatSync(fd);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}
