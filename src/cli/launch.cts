// How bin/subsidy.js starts the CLI: from the start-up bundle (dist/start.cjs, which scripts/bundle-start.mjs writes
// at build time: the process entry and every module of this project it reaches, in one script), compiled with V8's
// code cache for it. Loading some sixty ES modules one by one, and compiling their functions on first call, was most
// of a `check`'s start-up (`npm run bench` shows both). The cache is used only with the bundle it was made from
// (the bundle's hash, on its first line, names it) and only by the V8 that made it, which checks it and rejects it
// otherwise; a rejected or missing cache only costs time. Without a bundle (a build that ran tsc alone) the modules
// are loaded as they are. CommonJS, like the bundle: requiring Node's own modules costs a start less than importing.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
}

/** A cache's file name: the bundle's hash, and the V8 and architecture it is for. */
export function codeCacheName(bundleHash: string): string {
  return `start-${bundleHash}-${process.versions.v8}-${process.arch}.cache`;
}

function readOrNull(path: string): Buffer | null {
  try {
    return readFileSync(path);
  } catch {
    return null;
  }
}

/** Written whole under a temporary name, then renamed: a concurrent run reads no cache or a whole one. */
function writeWhole(path: string, data: Buffer): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch {
    // A cache that cannot be written (read-only home, full disk) only costs time.
    rmSync(temporary, { force: true });
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
  const cached = cacheOut ? null : (readOrNull(join(DIST, name)) ?? (userDir ? readOrNull(join(userDir, name)) : null));
  const script = compileBundle(source, hash && cached ? cached : undefined);
  const target = cacheOut ?? (hash && !cached && userDir ? join(userDir, name) : null);
  // Made after the run, so that the functions the run compiled are in it; a cache that V8 rejected is not made again.
  if (target) process.on('exit', () => writeWhole(target, script.createCachedData()));
  const module = { exports: {} as Entry };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, DIST);
  return module.exports.main();
}
