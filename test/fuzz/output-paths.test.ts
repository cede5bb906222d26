import { linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from '../cli/run-cli.js';
import { fuzzParams } from '../support/fuzz-runs.js';

const APPLICANTS = readFileSync(join(ROOT, 'fixtures', 'batch', 'applicants-en.csv'));

/**
 * What an output flag can be given, in a fresh folder holding in.csv: the input itself, through a hard link or a
 * symlink; a symlink to a file not there yet (r.csv); the folder; an empty name; a file in a folder that does not
 * exist; an ordinary new file (r.csv or e.csv, so that the two outputs can meet); or nothing.
 */
const KINDS = ['input', 'hard link to input', 'symlink to input', 'symlink to r.csv', 'folder', 'empty', 'missing folder', 'r.csv', 'e.csv', 'none'] as const;
type Kind = (typeof KINDS)[number];

/** The file a kind ends up writing, when it is allowed to write one. */
const WRITES: Partial<Record<Kind, string>> = { 'symlink to r.csv': 'r.csv', 'r.csv': 'r.csv', 'e.csv': 'e.csv' };

function pathFor(kind: Kind, dir: string): string | null {
  switch (kind) {
    case 'input':
      return join(dir, 'in.csv');
    case 'hard link to input':
      linkSync(join(dir, 'in.csv'), join(dir, 'hard.csv'));
      return join(dir, 'hard.csv');
    case 'symlink to input':
      symlinkSync('in.csv', join(dir, 'link-in.csv'));
      return join(dir, 'link-in.csv');
    case 'symlink to r.csv':
      symlinkSync('r.csv', join(dir, 'link-r.csv'));
      return join(dir, 'link-r.csv');
    case 'folder':
      return dir;
    case 'empty':
      return '';
    case 'missing folder':
      return join(dir, 'missing', 'r.csv');
    case 'none':
      return null;
    default:
      return join(dir, kind);
  }
}

const root = tempDir('subsidy-fuzz-outputs-');
/** 10 × 10 kinds, threaded or not: 200 cases in all, so a long run needs no more than twice that many. */
const PARAMS = (({ numRuns, ...rest }) => ({ ...rest, numRuns: Math.min(numRuns, 400) }))(fuzzParams(20));

describe('output paths (property-based)', () => {
  it('any --out and --errors: exit 0 or 2 as expected, no stack trace, the input unchanged, no temporary file left', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KINDS), fc.constantFrom(...KINDS), fc.boolean(), async (outKind, errorsKind, singleThread) => {
        const dir = join(root, String(n++));
        mkdirSync(dir);
        writeFileSync(join(dir, 'in.csv'), APPLICANTS);
        const out = pathFor(outKind, dir);
        // Each link is made once, whichever flag asked for it first.
        const errors = errorsKind === outKind && outKind.includes('link') ? out : pathFor(errorsKind, dir);
        const args = ['batch', join(dir, 'in.csv'), '--as-of', '2024-06-30'];
        if (out !== null) args.push('--out', out);
        if (errors !== null) args.push('--errors', errors);
        if (singleThread) args.push('--single-thread');
        const before = readdirSync(dir).sort();

        const run = await runCli(args);

        const refused = [outKind, errorsKind].some((kind) => kind !== 'none' && WRITES[kind] === undefined);
        const clash = WRITES[outKind] !== undefined && WRITES[outKind] === WRITES[errorsKind];
        expect(run.code, run.stderr).toBe(refused || clash ? 2 : 0);
        expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
        expect(readFileSync(join(dir, 'in.csv'))).toEqual(APPLICANTS);
        const after = readdirSync(dir).sort();
        expect(after.filter((name) => name.endsWith('.tmp'))).toEqual([]);
        if (run.code === 2) {
          expect(run.stderr).toMatch(/^subsidy: .*--(out|errors): /);
          expect(after).toEqual(before);
        } else {
          const written = [WRITES[outKind], WRITES[errorsKind]].filter((name) => name !== undefined);
          expect(after).toEqual([...new Set([...before, ...written])].sort());
          if (outKind === 'symlink to r.csv') expect(lstatSync(join(dir, 'link-r.csv')).isSymbolicLink()).toBe(true);
          if (outKind === 'none') expect(run.stdout).toMatch(/^id,row,status,/);
          else expect(readFileSync(join(dir, WRITES[outKind]!), 'utf8')).toMatch(/^\uFEFFid,row,status,/);
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      PARAMS,
    );
  }, 60_000 + PARAMS.numRuns * 1000);
});
