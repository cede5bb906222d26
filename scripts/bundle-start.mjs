// npm run build, last: the start-up bundle (dist/start.cjs) and its code cache, which bin/subsidy.js starts from
// (src/cli/launch.cts says why). The bundle is the process entry (dist/cli/entry.js) and every module it reaches,
// lazily loaded ones too, as one CommonJS script: V8 keeps a code cache only for scripts, not for ES modules. The
// heavy CommonJS libraries that only some commands load stay outside, required where they are used; an import() of
// one becomes a require (a script compiled by node:vm has no module loader), and the build stops on any other.
// The cache is made by running a `check` from the bundle: V8 puts in it the functions that run compiled.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const { BUNDLE, BUNDLE_HEADER, codeCacheName, readCacheFile } = await import('../dist/cli/launch.cjs');
/** Loaded by require where a command needs them: large, and not on the way of a `check`. */
const OUTSIDE = ['chardet', 'exceljs', 'iconv-lite', 'unzipper', 'yaml', 'zod'];

/** Each module's import.meta.url, as the URL of the module it was in the build (the bundle is one file in dist). */
const moduleUrls = {
  name: 'module-urls',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(DIST)) return undefined;
      const url = `__moduleUrl(${JSON.stringify(relative(DIST, args.path).split('\\').join('/'))})`;
      return { contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', url), loader: 'js' };
    });
  },
};

const result = await esbuild.build({
  entryPoints: [join(DIST, 'cli', 'entry.js')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: OUTSIDE,
  // import() of a library outside becomes a require (the bundle has no module loader to import with).
  supported: { 'dynamic-import': false },
  plugins: [moduleUrls],
  banner: { js: `"use strict";\nconst __moduleUrl = (path) => require('node:url').pathToFileURL(require('node:path').join(__dirname, path)).href;` },
  metafile: true,
  write: false,
  logLevel: 'warning',
});
// A warning (an import.meta left empty, say) is a bundle that may not run as the modules do: not a build.
if (result.warnings.length > 0) process.exit(1);
const output = Object.values(result.metafile.outputs)[0];
const dynamic = output.imports.filter((entry) => entry.kind === 'dynamic-import' && entry.external);
const unexpected = output.imports.filter((entry) => entry.external && !isBuiltin(entry.path) && !OUTSIDE.includes(entry.path));
if (dynamic.length > 0 || unexpected.length > 0) {
  console.error(`bundle-start: ${[...dynamic, ...unexpected].map((entry) => `${entry.path} (${entry.kind})`).join(', ')}: outside the bundle and not required`);
  process.exit(1);
}
const body = result.outputFiles[0].text;
const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
const text = `${BUNDLE_HEADER}${hash}\n${body}`;
if (!existsSync(BUNDLE) || readFileSync(BUNDLE, 'utf8') !== text) {
  writeFileSync(`${BUNDLE}.${process.pid}.tmp`, text);
  renameSync(`${BUNDLE}.${process.pid}.tmp`, BUNDLE);
}

// The build's code cache, for this bundle and this V8: made again only when either has changed, or the file is not
// whole. A run from the bundle that fails is a failed build.
const cache = join(DIST, codeCacheName(hash));
if (readCacheFile(cache, hash) === null) {
  for (const name of readdirSync(DIST)) if (/^start-.*\.cache$/.test(name)) rmSync(join(DIST, name));
  const profile = join(ROOT, 'fixtures', 'profiles', 'doctorate.yaml');
  const code = `require(${JSON.stringify(join(DIST, 'cli', 'launch.cjs'))}).start(${JSON.stringify(cache)})`;
  execFileSync(process.execPath, ['-e', code, join(ROOT, 'bin', 'subsidy.js'), 'check', '--profile', profile, '--as-of', '2024-06-30'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (readCacheFile(cache, hash) === null) {
    console.error(`bundle-start: the code cache made is not for this bundle (was dist/start.cjs written meanwhile?)`);
    process.exit(1);
  }
}
