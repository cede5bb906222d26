import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDirOf } from '../../dist/util/cache-dir.cjs';
import { compiledSetKey, hashPolicyFolder } from '../../dist/policy/compiled-set.js';
import { tempDir } from '../support/temp-dir.js';
import { ROOT, runCli } from './run-cli.js';

const PROFILE = 'fixtures/profiles/graduate-small-firm.yaml';
const MEASURE_14 = 'measures/14-hiring-subsidies.yaml';
const TITLE = 'One-off hiring subsidy for a';

/** Adds a comment line to a policy file: the same policies, other bytes. */
function touch(policies: string): void {
  const file = join(policies, MEASURE_14);
  writeFileSync(file, `${readFileSync(file, 'utf8')}# edited\n`);
}

/** A copy of the bundled policies, edited (an exact copy would be the bundled set, compiled at build time), and a cache folder of its own. */
function setUp() {
  const dir = tempDir('subsidy-policy-cache-');
  const policies = join(dir, 'policies');
  const cache = join(dir, 'cache');
  cpSync(join(ROOT, 'policies'), policies, { recursive: true });
  touch(policies);
  const check = (...extra: string[]) =>
    runCli(['check', '--profile', PROFILE, '--as-of', '2024-06-30', '--policies', policies, ...extra], { env: { SUBSIDY_CACHE_DIR: cache } });
  const cached = () => readdirSync(cache).filter((name) => name.endsWith('.json'));
  return { policies, cache, check, cached };
}

/** Marks the one compiled set in the cache, so that a run shows whether it read it. */
function tamper(cache: string, file: string): void {
  const path = join(cache, file);
  writeFileSync(path, readFileSync(path, 'utf8').replaceAll(TITLE, 'FROM THE CACHE'));
}

describe('the compiled policy set of --policies DIR', () => {
  it('is written once into the cache folder, then read instead of the YAML while the folder is the same', async () => {
    const { cache, check, cached } = setUp();
    const first = await check('--json');
    expect(first.code).toBe(0);
    expect(cached()).toHaveLength(1);
    tamper(cache, cached()[0]!);
    const second = await check('--json');
    expect(second.stdout).toContain('FROM THE CACHE');
    expect(second.stdout.replaceAll('FROM THE CACHE', TITLE)).toBe(first.stdout);
    expect(readdirSync(cache)).toEqual(cached()); // no temporary file left
  });

  it('is not used after any file of the folder changes, and --no-cache never uses it', async () => {
    const { policies, cache, check, cached } = setUp();
    await check();
    tamper(cache, cached()[0]!);
    expect((await check('--no-cache')).stdout).not.toContain('FROM THE CACHE');
    // An edit anywhere in the folder, even in a comment: a new hash, so the YAML is read (and compiled anew).
    touch(policies);
    const edited = await check();
    expect(edited.code).toBe(0);
    expect(edited.stdout).not.toContain('FROM THE CACHE');
    expect(cached()).toHaveLength(2);
  });

  it('does not hide a broken policy file: its problems are reported as without a cache', async () => {
    const { policies, check, cached } = setUp();
    await check();
    const file = join(policies, MEASURE_14);
    writeFileSync(file, readFileSync(file, 'utf8').replace('recipient: employer', 'recipient: employers'));
    const run = await check();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/14-hiring-subsidies\.yaml:\d+: .*recipient/);
    expect(run.stderr).toBe((await check('--no-cache')).stderr);
    expect(cached()).toHaveLength(1);
  });

  it('is written safely by runs at the same time: each gives the same result, one file, no temporary file', async () => {
    const { cache, check } = setUp();
    const runs = await Promise.all([check(), check(), check(), check()]);
    for (const run of runs) expect(run).toEqual(runs[0]);
    expect(readdirSync(cache).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect(readdirSync(cache).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('the bundled policies', () => {
  it('are compiled at build time for the policies/ folder as it is (npm run build)', async () => {
    const { build } = JSON.parse(readFileSync(join(ROOT, 'dist/build.json'), 'utf8')) as { build: string };
    const prebuilt = JSON.parse(readFileSync(join(ROOT, 'dist/policies.json'), 'utf8')) as { key: string };
    expect(prebuilt.key).toBe(compiledSetKey(build, await hashPolicyFolder(join(ROOT, 'policies'))));
  });

  it('need no cache folder: a run with the bundled policies, or an exact copy of them, writes nothing there', async () => {
    const dir = tempDir('subsidy-policy-cache-');
    cpSync(join(ROOT, 'policies'), join(dir, 'copy'), { recursive: true });
    const cache = join(dir, 'cache');
    for (const policies of [join(ROOT, 'policies'), join(dir, 'copy')]) {
      const run = await runCli(['list', '--json', '--policies', policies], { env: { SUBSIDY_CACHE_DIR: cache } });
      expect(run.code).toBe(0);
    }
    expect(() => readdirSync(cache)).toThrow(/ENOENT/);
  });
});

describe('the cache folder', () => {
  it('is SUBSIDY_CACHE_DIR, else the platform’s user cache folder', () => {
    expect(cacheDirOf({ SUBSIDY_CACHE_DIR: '/x', HOME: '/home/a' }, 'linux')).toBe('/x');
    expect(cacheDirOf({ XDG_CACHE_HOME: '/xdg', HOME: '/home/a' }, 'linux')).toBe(join('/xdg', 'subsidy'));
    expect(cacheDirOf({ HOME: '/Users/a' }, 'darwin')).toBe(join('/Users/a', '.cache', 'subsidy'));
    expect(cacheDirOf({ LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local', HOME: '/x' }, 'win32')).toBe(join('C:\\Users\\a\\AppData\\Local', 'subsidy'));
    expect(cacheDirOf({}, 'linux')).toBeNull();
  });
});
