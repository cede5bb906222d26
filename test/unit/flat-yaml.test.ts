import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DECLARED } from '../support/facts.js';
import { renderProfileYaml } from '../../src/facts/profile-writer.js';
import { parseFlatYaml } from '../../src/util/flat-yaml.js';
import { parseYaml } from '../../src/util/yaml-source.js';
import { fuzzParams } from '../support/fuzz-runs.js';

/** What parseYaml reads from a text: its data and the line of each top-level key; null when it refuses the text. */
function full(text: string) {
  const parsed = parseYaml(text, 'p.yaml');
  if (!parsed.ok) return null;
  const data = parsed.source.data as Record<string, unknown>;
  return { data, keys: Object.keys(data), lines: [...Object.keys(data).map((key) => [key]), [], ['missing'], ['degree', 'deeper']].map((path) => parsed.source.lineOf(path)) };
}

/** Mostly the usual pieces, sometimes the odd ones: so that a good share of the texts is one parseFlatYaml reads. */
const mostly = <T>(usual: T[], odd: T[]) => fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...odd) });

const KEYS = mostly(['degree', 'title', 'age', 'a', 'A_1', '_x', 'true', 'null', 'constructor'], ['1a', 'a-b', 'a b', '中文', '__proto__', '<<', '"q"', '? k', '-', ' degree']);
const VALUES = mostly(
  [
    '', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'yes', 'no', 'on', '~', 'null', 'Null', 'NULL', 'nULL', '0', '-0', '+0', '1', '-1', '+1', '01', '007',
    '1.5', '1.', '.5', '+.5', '-.5', '1.2.3', '1_000', '2024-06-30', '9007199254740991', '1.0000000000000002', '本科', '硕士研究生', 'master', 'not sure',
    'a b', '"96,000"', '""', "''", "'x'", '"#"', "'# x'", '-x', '--', '(a)', '（甲）', 'a/b', 'ｍ', '中文 字', 'é', '𠀀', 'inf', 'nan', '0b1',
  ],
  [
    'tRUE', '1e3', '1E-3', '.1e2', '0x10', '0X10', '0o7', '0O7', '.inf', '-.inf', '+.Inf', '.NaN', '.nan', '1,000', '12:30', '9007199254740993',
    '12345678901234567890', 'a  b', 'a #b', 'a#b', 'a: b', 'a:b', 'a:', "'it''s'", '"a\\"b"', '"a\\nb"', '"x', "'x", '-', '- x', '---', '...', '?', '? x',
    ':', '[a]', '{a: 1}', '{}', '[]', '&a x', '*a', '!x y', '!!str 1', '|', '>', '%x', '@x', '`x', '\u00a0x', 'x\u00a0', '👍', 'a\u0085b', 'a\u2028b', '\ufeffx', '\ufffe',
  ],
);
const SEPARATORS = mostly([': '], [':', ':  ', ' :', ':\t']);
const TRAILING = mostly([''], [' ', '  ', '\t']);
const COMMENTS = mostly(['', '', ' # c', '  # 注释：含冒号: 与 # 号'], [' #', '#c', ' # \u0007', ' # 👍']);
const entry = fc.tuple(KEYS, SEPARATORS, VALUES, TRAILING, COMMENTS).map((parts) => parts.join(''));
const other = mostly(['', '# comment', '  # indented comment'], [' ', '\t', '---', '...', '%YAML 1.2', '  nested: 1', '- item', '{}', 'plain']);
const line = fc.oneof({ weight: 8, arbitrary: entry }, { weight: 1, arbitrary: other });
const text = fc.tuple(fc.array(line, { maxLength: 6 }), mostly(['\n', '\r\n'], ['\r']), fc.boolean(), mostly([''], ['\ufeff'])).map(
  ([lines, eol, lastEol, bom]) => bom + lines.join(eol) + (lastEol ? eol : ''),
);

describe('parseFlatYaml', () => {
  it('reads what parseYaml reads, or gives up', () => {
    let read = 0;
    const params = fuzzParams(2000);
    fc.assert(
      fc.property(text, (yaml) => {
        const flat = parseFlatYaml(yaml);
        if (flat === null) return;
        read++;
        const expected = full(yaml);
        expect(expected, 'parseYaml refuses what parseFlatYaml read').not.toBeNull();
        const data = flat.data as Record<string, unknown>;
        expect(Object.keys(data)).toEqual(expected!.keys);
        for (const key of expected!.keys) expect(Object.is(data[key], expected!.data[key]) || data[key] === expected!.data[key], key).toBe(true);
        expect([...Object.keys(data).map((key) => [key]), [], ['missing'], ['degree', 'deeper']].map((path) => flat.lineOf(path))).toEqual(expected!.lines);
      }),
      params,
    );
    // Not a test that cannot fail: a good share of the texts is read, and compared.
    expect(read / params.numRuns).toBeGreaterThan(0.05);
  });

  it('reads every shipped profile and every profile `subsidy ask --save` writes', () => {
    const written = ['zh', 'en'].map((lang) =>
      renderProfileYaml({ applicantType: 'individual', degree: 'master', annualSalary: 180000.5, chongqingHukou: false }, DECLARED, { date: '2024-07-01', lang: lang as 'zh', unknown: ['title'] }),
    );
    const shipped = readdirSync('fixtures/profiles').map((name) => readFileSync(`fixtures/profiles/${name}`, 'utf8'));
    for (const yaml of [...shipped, ...written]) {
      const flat = parseFlatYaml(yaml);
      expect(flat, yaml).not.toBeNull();
      expect(flat!.data).toEqual(full(yaml)!.data);
    }
  });
});
