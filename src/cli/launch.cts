// How bin/subsidy.js starts the CLI: from the start-up bundle (dist/start.cjs, which scripts/bundle-start.mjs writes
// at build time: the process entry and every module of this project it reaches, in one script), compiled with V8's
// code cache for it. Loading some sixty ES modules one by one, and compiling their functions on first call, was most
// of a `check`'s start-up (`npm run bench` shows both). The cache is used only with the bundle it was made from
// (the bundle's hash, on its first line, names it) and only by the V8 that made it, which checks it and rejects it
// otherwise; a rejected or missing cache only costs time. Without a bundle (a build that ran tsc alone) the modules
// are loaded as they are. CommonJS, like the bundle: requiring Node's own modules costs a start less than importing.
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDirOf } from '../util/cache-dir.cjs';

const DIST = join(__dirname, '..');
export const BUNDLE = join(DIST, 'start.cjs');
/** The bundle's first line: this, then its hash (what a cache is named by). */
export const BUNDLE_HEADER = '// subsidy start-up bundle ';

interface Entry {
  main(): Promise<void>;
  rehearse(argv: string[]): Promise<void>;
}

/** A cache's file name: the bundle's hash, and the V8 and architecture it is for. */
export function codeCacheName(bundleHash: string): string {
  return `start-${bundleHash}-${process.versions.v8}-${process.arch}.cache`;
}

/**
 * A checksum of a cache's bytes (two 32-bit sums over its words, Fletcher's way). V8 checks a code cache's version,
 * flags and source length, but in a release build not its contents: a damaged cache (a write cut short by a power
 * failure, a bad disk) would crash the run, so a cache whose checksum differs is never given to V8.
 */
export function cacheChecksum(data: Uint8Array): string {
  let a = 1;
  let b = 0;
  const words = Math.floor(data.length / 4);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < words; i++) {
    a = (a + view.getUint32(i * 4, true)) % 0xfffffffb;
    b = (b + a) % 0xfffffffb;
  }
  for (let i = words * 4; i < data.length; i++) {
    a = (a + data[i]!) % 0xfffffffb;
    b = (b + a) % 0xfffffffb;
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}-${data.length}`;
}

/** A cache file: a first line naming its bundle and checksum, then V8's data. */
const CACHE_HEADER = 'subsidy code cache ';

export function cacheFileData(bundleHash: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${CACHE_HEADER}${bundleHash} ${cacheChecksum(data)}\n`), data]);
}

/** V8's data in a cache file, if the file is whole and for this bundle; null otherwise (missing, damaged, another's). */
export function readCacheFile(path: string, bundleHash: string): Buffer | null {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return null;
  }
  const end = file.indexOf(10);
  if (end < 0 || end > 200) return null;
  const header = file.subarray(0, end).toString('latin1');
  if (!header.startsWith(CACHE_HEADER)) return null;
  const [hash, checksum] = header.slice(CACHE_HEADER.length).split(' ');
  const data = file.subarray(end + 1);
  return hash === bundleHash && checksum === cacheChecksum(data) ? data : null;
}

/**
 * Written whole under a unique temporary name, flushed, then renamed: a concurrent run reads no cache or a whole one.
 * Never throws: it runs as the process exits, before the listeners that remove a run's temporary files.
 */
function writeWhole(path: string, data: () => Buffer): void {
  const temporary = `${path}.${process.pid}.${Date.now().toString(36)}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(temporary, 'wx');
    try {
      writeSync(fd, data());
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch {
    // A cache that cannot be written (read-only home, full disk, a locked file) only costs time.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Left for the next run to write over; never a reason for the run to fail.
    }
  }
}

/** The bundle's source compiled as CommonJS compiles a module, with a code cache (cachedDataRejected: whether V8 took it). */
export function compileBundle(source: string, cachedData?: Buffer): Script {
  return new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: BUNDLE, cachedData });
}

/** The hash on the bundle's first line; '' when it has none. */
export function bundleHash(source: string): string {
  return source.startsWith(BUNDLE_HEADER) ? source.slice(BUNDLE_HEADER.length, source.indexOf('\n')) : '';
}

/**
 * Runs the CLI. The code cache is the build's (next to the bundle) or the user's (in their cache folder, made on the
 * first run under a V8 the build's was not made by). `cacheOut`: where to write the cache after the run whatever was
 * found (the build's own, written by scripts/bundle-start.mjs).
 */
export async function start(cacheOut?: string): Promise<void> {
  let source: string;
  try {
    source = readFileSync(BUNDLE, 'utf8');
  } catch {
    return ((await import('./entry.js')) as Entry).main();
  }
  const hash = bundleHash(source);
  const name = codeCacheName(hash);
  const userDir = cacheDirOf(process.env);
  const cached = cacheOut ? null : (readCacheFile(join(DIST, name), hash) ?? (userDir ? readCacheFile(join(userDir, name), hash) : null));
  const script = compileBundle(source, hash && cached ? cached : undefined);
  // No whole cache for this bundle: one is made (a damaged one made again). A cache that V8 rejected (other flags)
  // is not made again on every run.
  const target = cacheOut ?? (hash && !cached && userDir ? join(userDir, name) : null);
  // Made after the run, so that the functions the run compiled are in it.
  if (target) process.on('exit', () => writeWhole(target, () => cacheFileData(hash, script.createCachedData())));
  const module = { exports: {} as Entry };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, DIST);
  // The build's cache: --help's functions too, not only the check's.
  if (cacheOut) await module.exports.rehearse(['--help']);
  return module.exports.main();
}
