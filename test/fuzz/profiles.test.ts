import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
// The built CLI, as bin/subsidy.js runs it (npm test builds first): with the bundled compiled policy set, which the
// sources have no build to key on.
import { run } from '../../dist/cli/main.js';
import { checkWithNearMisses } from '../../src/engine/check-report.js';
import { compilePolicy } from '../../src/engine/evaluate.js';
import { parseProfileText } from '../../src/facts/profile.js';
import { decodeInputBytes } from '../../src/util/input-text.js';
import { formatProblem, InputError } from '../../src/util/problems.js';
import { DECLARED, FACTS } from '../support/facts.js';
import { fuzzParams, fuzzRuns } from '../support/fuzz-runs.js';
import { memoryIo } from '../support/memory-io.js';
import { bundledPolicies } from '../support/bundled-policies.js';

/** Fact names, their labels and their values' labels: the words a profile is made of, so that many cases get far. */
const WORDS = FACTS.flatMap((def) => [
  def.name,
  def.label.zh,
  def.label.en,
  ...(def.type === 'enum' ? def.values.flatMap((value) => [value, def.valueLabels[value]!.zh, def.valueLabels[value]!.en]) : []),
]);
/** YAML that is valid but odd, or a near miss of valid: spliced into generated text as whole values or lines. */
const ODD_SCALARS = ['.inf', '-.inf', '.nan', '0x10', '0o17', '1e3', '1e400', '12,000', '1,0,0', '12345678901234567890', '~', 'null', 'yes', '是', '"\\e[2J"', "'\\u202e'", '!!binary aGk=', '!foo x', '2024-02-30', '-0', '+5', '.5'];
const ODD_LINES = ['&a x', '*a', '*nope', '<<: *a', '<<: {degree: master}', '? [a, b]\n: c', '---', '%YAML 1.1\n---', '{', ']', '"unterminated', '\t- tab', 'a: &b [*b]', 'k: &l [x, x, x, x, x, x, x, x, x]\nm: &n [*l, *l, *l, *l, *l, *l, *l, *l, *l]\no: [*n, *n, *n, *n, *n, *n, *n, *n, *n]\np: [*o, *o]'];

const key = fc.oneof(fc.constantFrom(...WORDS), fc.string({ unit: 'grapheme', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('<<', '', '1', 'true', 'null'));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...WORDS),
    fc.string({ unit: 'binary', maxLength: 10 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(key, tie('value'), { maxKeys: 3 }),
  ),
}));
const profile = fc.dictionary(key, value, { maxKeys: 8 });

/** A document as text: JSON, YAML, or YAML with odd scalars and lines spliced in (anchors, aliases, merge keys, bombs). */
const text = fc.oneof(
  profile.map((data) => JSON.stringify(data)),
  profile.map((data) => stringify(data)),
  fc
    .tuple(profile, fc.array(fc.tuple(fc.constantFrom(...ODD_SCALARS, ...ODD_LINES), fc.nat(), fc.boolean()), { maxLength: 4 }))
    .map(([data, splices]) => {
      const lines = stringify(data).split('\n');
      for (const [odd, at, asValue] of splices) {
        const index = at % (lines.length + 1);
        lines.splice(index, 0, asValue ? `${WORDS[at % WORDS.length]}: ${odd}` : odd);
      }
      return lines.join('\n');
    }),
);

/** The bytes of a file as editors save it: UTF-8 (BOM or not), UTF-16 (LE/BE, BOM or not), GBK; sometimes damaged. */
const fileBytes = fc
  .tuple(text, fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'utf-16le-bom', 'utf-16be', 'utf-16be-bom', 'gbk'), fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }))))
  .map(([source, encoding, damage]) => {
    const le = () => Buffer.from(source, 'utf16le');
    const encoded: Record<string, () => Buffer> = {
      'utf-8': () => Buffer.from(source),
      'utf-8-bom': () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source)]),
      'utf-16le': le,
      'utf-16le-bom': () => Buffer.concat([Buffer.from([0xff, 0xfe]), le()]),
      'utf-16be': () => Buffer.from(le()).swap16(),
      'utf-16be-bom': () => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le()).swap16()]),
      gbk: () => iconv.encode(source, 'gbk'),
    };
    const bytes = encoded[encoding]!();
    if (damage && bytes.length > 0) bytes[damage[0] % bytes.length] = damage[1];
    return bytes;
  });

/** Nothing a person reads may carry a raw control character from the input (tab aside). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('profiles from random YAML and JSON, in any encoding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'subsidy-fuzz-profiles-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are read into a profile or refused with located problems, and a profile always checks; never an exception', async () => {
    const compiled = compilePolicy(await bundledPolicies());
    await fc.assert(
      fc.asyncProperty(fileBytes, async (bytes) => {
        let decoded;
        try {
          decoded = decodeInputBytes(bytes, 'p.yaml');
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          return;
        }
        const result = await parseProfileText(decoded.text, 'p.yaml', DECLARED);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          for (const problem of result.problems) {
            expect(problem.file).toBe('p.yaml');
            expect(formatProblem(problem, 'en')).not.toMatch(RAW_CONTROL);
          }
          return;
        }
        const report = checkWithNearMisses(compiled, result.value, '2024-06-30');
        expect(report.eligible.length + report.undetermined.length + report.ineligible.length).toBe(compiled.items.length);
      }),
      fuzzParams(150),
    );
    // A long run (npm run fuzz) takes its time: about 10 ms a case on a busy machine.
  }, Math.max(30_000, fuzzRuns(150) * 10));

  it('as files given to "check": exit 0, 1 or 2 only, never a stack trace or "unexpected error"', async () => {
    // A whole run per case costs more: a fiftieth of the cases (at least 10) go through the CLI.
    const params = fuzzParams(10);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fileBytes, async (bytes) => {
        const file = join(dir, `p${n++}.yaml`);
        writeFileSync(file, bytes);
        const io = memoryIo();
        const code = await run(['check', '--profile', file, '--as-of', '2024-06-30', '--json'], io);
        rmSync(file);
        const stderr = io.stderr.text();
        expect([0, 1, 2]).toContain(code);
        expect(stderr).not.toMatch(/unexpected error|\n\s+at /);
        expect(stderr).not.toMatch(RAW_CONTROL);
        if (code === 0) expect(JSON.parse(io.stdout.text()).schemaVersion).toBe(1);
        else expect(stderr).toMatch(/^subsidy: /);
      }),
      { ...params, numRuns: Math.max(10, Math.ceil(params.numRuns / 50)) },
    );
    // About 0.5 s a whole run on a busy machine.
  }, Math.max(30_000, Math.ceil(fuzzRuns(10) / 50) * 500));
});
