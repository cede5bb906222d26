import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/util/problems.js';
import { parseYaml } from '../../src/util/yaml-source.js';

/** The problems parseYaml reports for a text, as printed; [] when it parses. */
const problemsOf = (text: string) => {
  const parsed = parseYaml(text, 'f.yaml');
  return parsed.ok ? [] : parsed.problems.map((p) => formatProblem(p, 'en'));
};

const BILLION_LAUGHS = [
  'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  '',
].join('\n');

describe('parseYaml: every malformed or hostile file is a located problem, never an exception', () => {
  it('an alias bomb (billion laughs), at its first alias', () => {
    expect(problemsOf(BILLION_LAUGHS)).toEqual(['f.yaml:2: the file expands aliases (*name) too often (more than 100 times); write the values out']);
  });

  it('an alias without its anchor, and one inside what it names', () => {
    expect(problemsOf('degree: *nope\n')).toEqual(['f.yaml:1: degree: the alias *nope has no anchor &nope before it']);
    expect(problemsOf('x: 1\ndegree: &a [*a]\n')).toEqual(['f.yaml:2: degree.0: the alias *a is inside what it names, which would never end']);
  });

  it('a few aliases are still fine', () => {
    expect(parseYaml('a: &x {b: 1}\nc: *x\n').ok).toBe(true);
  });

  it('duplicate keys: plain, quoted, a number against its text, in flow mappings and nested', () => {
    expect(problemsOf('degree: master\ndegree: doctorate\n')).toEqual(['f.yaml:2: degree: the key "degree" appears more than once in this mapping']);
    expect(problemsOf('degree: master\n"degree": doctorate\n')).toEqual(['f.yaml:2: degree: the key "degree" appears more than once in this mapping']);
    expect(problemsOf('1: a\n"1": b\n')).toEqual(['f.yaml:2: 1: the key "1" appears more than once in this mapping']);
    expect(problemsOf('a:\n  - {b: 1, b: 2}\n')).toEqual(['f.yaml:2: a.0.b: the key "b" appears more than once in this mapping']);
  });

  it('an alias used as a key (a duplicate in disguise) and merge keys', () => {
    expect(problemsOf('a: &x degree\n*x : master\ndegree: doctorate\n')).toEqual([
      'f.yaml:2: not valid YAML: a key must be plain text, not an alias (*name), a list or a mapping',
    ]);
    expect(problemsOf('base: &b {degree: master}\n<<: *b\ndegree: doctorate\n')).toEqual(['f.yaml:2: <<: merge keys (<<) are not supported; write the keys out']);
    expect(problemsOf('%YAML 1.1\n---\nbase: &b {degree: master}\n<<: *b\n')).toEqual(['f.yaml:4: <<: merge keys (<<) are not supported; write the keys out']);
  });

  it('.inf, -.inf, .nan, hex, octal and exponents where a number stands; numbers past 2^53', () => {
    const allowed = 'expected a plain decimal number (like 12000, 12000.5 or 12,000)';
    expect(problemsOf('a: .inf\nb: -.inf\nc: .nan\nd: 0x10\ne: 0o17\nf: 1e3\ng: 1e400\n')).toEqual(
      ['a: .inf', 'b: -.inf', 'c: .nan', 'd: 0x10', 'e: 0o17', 'f: 1e3', 'g: 1e400'].map((line, i) => `f.yaml:${i + 1}: ${line} is not allowed; ${allowed}`),
    );
    expect(problemsOf('a: 12345678901234567890\n')).toEqual(['f.yaml:1: a: 12345678901234567890 is too large to be exact; numbers are at most 9007199254740991']);
    expect(parseYaml('a: 12000\nb: -1.5\nc: .5\nd: "0x10"\n')).toMatchObject({ ok: true, source: { data: { a: 12000, b: -1.5, c: 0.5, d: '0x10' } } });
  });

  it('deep nesting, several documents, tags beyond the core schema', () => {
    expect(problemsOf('['.repeat(20_000))).toEqual(['f.yaml:1: not valid YAML: nested too deeply (at most 64 levels)']);
    const deepPath = ['a', ...Array.from({ length: 64 }, () => 0)].join('.');
    expect(problemsOf(`a: ${'['.repeat(70)}${']'.repeat(70)}\n`)).toEqual([`f.yaml:1: ${deepPath}: nested too deeply (at most 64 levels)`]);
    expect(problemsOf('a: 1\n---\nb: 2\n')).toEqual(['f.yaml:3: not valid YAML: the file holds more than one document (a second ---)']);
    expect(problemsOf('a: !!binary aGVsbG8=\n')).toEqual(['f.yaml:1: not valid YAML: the tag !!binary is not supported; write the value plainly']);
  });

  it('takes time linear in the number of keys (yaml\'s own duplicate check compares each key with every other)', () => {
    // The best of three runs, so that a busy machine does not decide.
    const timeFor = (keys: number) => {
      const text = Array.from({ length: keys }, (_, i) => `k${i}: ${i}`).join('\n');
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        const parsed = parseYaml(text);
        best = Math.min(best, performance.now() - started);
        expect(parsed.ok && Object.keys(parsed.source.data as object).length).toBe(keys);
      }
      return best;
    };
    timeFor(1000);
    // Four times the keys: about four times the time when linear, sixteen when quadratic.
    expect(timeFor(40_000)).toBeLessThan(10 * timeFor(10_000) + 200);
  });
});
