// bin/subsidy.js starts from the start-up bundle, with V8's code cache for it (src/cli/launch.cts). Each test but the
// first runs a copy of the build, whose cache files it may remove or spoil without touching the build's.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE, bundleHash, cacheFileData, codeCacheName, compileBundle, readCacheFile } from '../../dist/cli/launch.cjs';
import { cliEnv, ROOT, runCli, tempDir } from './run-cli.js';

const CHECK = ['check', '--profile', 'fixtures/profiles/graduate-small-firm.yaml', '--as-of', '2024-06-30'];
const SOURCE = readFileSync(BUNDLE, 'utf8');
const HASH = bundleHash(SOURCE);
const NAME = codeCacheName(HASH);
const isCache = (name: string) => /^start-.*\.cache$/.test(name);

/** Whether V8 takes this cache for the build's bundle. */
const accepted = (cache: Buffer) => !compileBundle(SOURCE, cache).cachedDataRejected;

/** A copy of the built tool without the build's code cache, and a user cache folder of its own. */
function copyOfBuild() {
  const dir = tempDir('subsidy-start-');
  cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (path) => !isCache(path.split(/[\\/]/).pop()!) });
  for (const name of ['bin', 'policies', 'package.json']) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'junction');
  const cache = join(dir, 'cache');
  const run = (args: string[]) =>
    spawnSync(process.execPath, [join(dir, 'bin', 'subsidy.js'), ...args], { cwd: ROOT, env: cliEnv({ SUBSIDY_CACHE_DIR: cache }), encoding: 'utf8' });
  const userCaches = () => readdirSync(cache).filter(isCache);
  return { dir, cache, run, userCaches };
}

describe('the start-up bundle', () => {
  it('carries the hash of its text, and the build made a code cache for it that V8 takes', () => {
    const body = SOURCE.slice(SOURCE.indexOf('\n') + 1);
    expect(bundleHash(SOURCE)).toBe(createHash('sha256').update(body).digest('hex').slice(0, 16));
    expect(readdirSync(join(ROOT, 'dist')).filter(isCache)).toEqual([NAME]);
    expect(accepted(readCacheFile(join(ROOT, 'dist', NAME), HASH)!)).toBe(true);
  });

  it('prints what the modules print', async () => {
    const { run } = copyOfBuild();
    const expected = await runCli(CHECK);
    const bundled = run(CHECK);
    expect([bundled.status, bundled.stderr, bundled.stdout]).toEqual([0, '', expected.stdout]);
  });

  it('without the build’s cache, makes one in the user’s cache folder on the first run and uses it from then on', () => {
    const { cache, run, userCaches } = copyOfBuild();
    const first = run(CHECK);
    expect(first.status).toBe(0);
    expect(userCaches()).toEqual([NAME]);
    expect(readdirSync(cache)).toEqual([NAME]); // no temporary file left
    expect(accepted(readCacheFile(join(cache, NAME), HASH)!)).toBe(true);
    const before = statSync(join(cache, NAME)).mtimeMs;
    const second = run(CHECK);
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(join(cache, NAME)).mtimeMs).toBe(before);
  });

  it('never gives V8 a damaged cache (it would crash): runs right, and makes the cache again', () => {
    const { cache, run } = copyOfBuild();
    const good = run(CHECK);
    const file = readFileSync(join(cache, NAME));
    const damaged = Buffer.from(file);
    damaged.fill(0, 200_000, 204_096); // a block lost, the size unchanged
    writeFileSync(join(cache, NAME), damaged);
    expect(readCacheFile(join(cache, NAME), HASH)).toBeNull();
    const again = run(CHECK);
    expect([again.status, again.stderr, again.stdout]).toEqual([0, '', good.stdout]);
    expect(readdirSync(cache)).toEqual([NAME]);
    expect(accepted(readCacheFile(join(cache, NAME), HASH)!)).toBe(true);
  });

  it('runs right with a whole cache that V8 rejects, and does not make it again on every run', () => {
    const { cache, run, userCaches } = copyOfBuild();
    const good = run(CHECK);
    const rejected = cacheFileData(HASH, Buffer.from('not a code cache'.repeat(64)));
    writeFileSync(join(cache, NAME), rejected);
    expect(accepted(readCacheFile(join(cache, NAME), HASH)!)).toBe(false);
    const again = run(CHECK);
    expect([again.status, again.stderr, again.stdout]).toEqual([0, '', good.stdout]);
    expect(userCaches()).toEqual([NAME]);
    expect(readFileSync(join(cache, NAME))).toEqual(rejected);
  });

  it('takes no cache of another bundle, even under this name', () => {
    const { cache, run } = copyOfBuild();
    const good = run(CHECK);
    const data = readCacheFile(join(cache, NAME), HASH)!;
    writeFileSync(join(cache, NAME), cacheFileData('0123456789abcdef', data));
    expect(readCacheFile(join(cache, NAME), HASH)).toBeNull();
    expect(run(CHECK).stdout).toBe(good.stdout);
    expect(readCacheFile(join(cache, NAME), HASH)).not.toBeNull(); // made again for this bundle
  });

  it('is not needed: without it the modules run, and no cache is made', () => {
    const { dir, cache, run } = copyOfBuild();
    const expected = run(CHECK).stdout;
    rmSync(cache, { recursive: true });
    rmSync(join(dir, 'dist', 'start.cjs'));
    const modules = run(CHECK);
    expect([modules.status, modules.stderr, modules.stdout]).toEqual([0, '', expected]);
    expect(() => readdirSync(cache)).toThrow();
  });
});
