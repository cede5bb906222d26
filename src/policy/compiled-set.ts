import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { decodePlainData, encodePlainData, type Json } from '../util/plain-data.js';
import type { PolicySet } from './policy-set.js';
import type { Problem } from '../util/problems.js';

/**
 * The loaded policy set (validated, linted, built), written once as JSON and read back instead of parsing,
 * validating and linting the YAML on every run. A compiled set is used only under its key: the format of these
 * files, the build of the code that compiled it, and the hash of every file in the policy folder, computed on
 * every run, so that any edit is noticed on the next run.
 */
export const COMPILED_FORMAT = 1;

export interface CompiledSetOptions {
  /** Names in problems are relative to this folder. */
  cwd: string;
  /** Identifies the code that compiles (the tool's version and build); null: no compiled sets at all. */
  build: string | null;
  /** Compiled sets of any folder, by key; null: none. */
  cacheDir: string | null;
  /** A compiled set made at build time (the bundled policies), tried first. */
  prebuilt: string | null;
  /** Told when a policy file read from YAML was not UTF-8 (an encoding guessed). */
  onNotice?: (notice: Problem) => void;
}

interface CompiledFile {
  format: number;
  key: string;
  set: Json;
}

/**
 * A hash of every file under the folder: its path in the folder and its bytes. Read synchronously: some thirty small
 * files, where a promise per file costs a run several times what the reading does.
 */
export async function hashPolicyFolder(dir: string): Promise<string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    const content = readFileSync(join(dir, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}

export function compiledSetKey(build: string, folderHash: string): string {
  return createHash('sha256').update(`${COMPILED_FORMAT}\0${build}\0${folderHash}`).digest('hex');
}

export function compiledSetText(key: string, set: PolicySet): string {
  return JSON.stringify({ format: COMPILED_FORMAT, key, set: encodePlainData(set) } satisfies CompiledFile);
}

/** The set in a compiled file, if the file is there and has this key; null otherwise (never an error). */
async function readCompiled(path: string, key: string): Promise<PolicySet | null> {
  try {
    const file = JSON.parse(readFileSync(path, 'utf8')) as CompiledFile;
    return file.format === COMPILED_FORMAT && file.key === key ? (decodePlainData(file.set) as PolicySet) : null;
  } catch {
    return null;
  }
}

/** Written whole under a unique temporary name, then renamed: a concurrent run reads the old file or the new one. */
async function writeCompiled(dir: string, path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch {
    // A cache that cannot be written (read-only home, full disk) only costs time.
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

/** Reads the YAML: validates, lints and builds the set (problems as InputError). Loaded only when needed. */
async function loadFromYaml(dir: string, options: CompiledSetOptions): Promise<PolicySet> {
  const { loadPolicies } = await import('./load.js');
  return loadPolicies(dir, options.cwd, options.onNotice);
}

/** Loads a policy folder: from a compiled set with its key when there is one, else from the YAML (then compiled). */
export async function loadPolicySet(dir: string, options: CompiledSetOptions): Promise<PolicySet> {
  const folderHash = options.build === null ? null : await hashPolicyFolder(dir).catch(() => null);
  // No build to key on, or a folder that cannot be read: the YAML loader says what is wrong.
  if (options.build === null || folderHash === null) return loadFromYaml(dir, options);
  const key = compiledSetKey(options.build, folderHash);
  const prebuilt = options.prebuilt ? await readCompiled(options.prebuilt, key) : null;
  if (prebuilt) return prebuilt;
  const cached = options.cacheDir ? join(options.cacheDir, `policies-${key.slice(0, 32)}.json`) : null;
  const hit = cached ? await readCompiled(cached, key) : null;
  if (hit) return hit;
  const set = await loadFromYaml(dir, options);
  if (cached) {
    let text: string | null = null;
    try {
      text = compiledSetText(key, set);
    } catch {
      // Not plain data: this set cannot be compiled, and is read from the YAML each time.
    }
    if (text) await writeCompiled(options.cacheDir!, cached, text);
  }
  return set;
}
