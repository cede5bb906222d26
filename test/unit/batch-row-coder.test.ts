import { describe, expect, it } from 'vitest';
import { profileMaker, rowCoder, type RowError } from '../../src/batch/row-coder.js';
import { coerceFactValue } from '../../src/facts/coerce.js';
import { valueSpellings, type FactDef } from '../../src/facts/facts.js';
import { unitSpellings, unknownSpellings } from '../../src/facts/spellings.js';
import { DECLARED, FACTS } from '../support/facts.js';

const ALL_SPELLINGS = [...new Set(FACTS.flatMap((fact) => [...valueSpellings(DECLARED, fact).map(([spelling]) => spelling), ...(fact.type === 'enum' ? Object.keys(fact.ambiguous ?? {}) : [])]))];

/** Full-width forms of ASCII characters, as a Chinese input method types them (Ｙ, １２, ％). */
export const fullWidth = (text: string): string => text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));

/**
 * Cells people type: labels, words, numbers in every form coerceFactValue takes or refuses, and every spelling the
 * declaration gives any fact (values, yes/no, unknown, ambiguous, units after numbers), as written, in capitals,
 * full width and spaced out, so that a new spelling in facts.yaml is tried in every column.
 */
function cellsFor(def: FactDef): string[] {
  const labels = def.type === 'enum' ? def.values.flatMap((value) => [value, value.toUpperCase(), def.valueLabels[value]!.zh, def.valueLabels[value]!.en, ` ${def.valueLabels[value]!.zh} `]) : [];
  const words = ['是', '否', '有', '无', 'true', 'FALSE', 'Yes', 'no', 'Y', 'n', '1', '0', '对', '不是', '没有', 'maybe', '待定'];
  const numbers = ['0', '3', '12', '36', '0.5', '1.25', '.5', '12.', '-1', '+3', '1e3', '0x10', 'Infinity', '1,234', '123,000.50', '12,34', ' 12 ', '１２', '999999999999999999', '3.0'];
  const listed = ['硕士', '硕士研究生', '博士', '博士研究生', '本科', '学士', '大专', '专科', '小型', '微型', '中型', '大型', '研究生', '小微', '√', '×', '错', 'N', '不知道', '不清楚', '空'];
  const withUnits = ['1年', '6个月', '60%', '1.5倍', '６０％', '1.5 years', '6 Months', '60万', '1.15万元', '2x', '12个月', '0.5年', '1.1年', '160%', '个月', '%', '6周', '-1年', '1e3个月', '6个月个月'];
  const spellingsOf = (fact: FactDef) => [
    ...valueSpellings(DECLARED, fact).map(([spelling]) => spelling),
    ...(fact.type === 'enum' ? Object.keys(fact.ambiguous ?? {}) : []),
    ...unitSpellings(fact).flatMap((unit) => [`3${unit.spelling}`, `0.5 ${unit.spelling}`, `1,200${unit.spelling.toUpperCase()}`]),
  ];
  // Every fact's spellings as written; the column's own, the unknown words and the listed ones in every form too.
  const others = ALL_SPELLINGS;
  const own = [...new Set([...spellingsOf(def), ...unknownSpellings(DECLARED), ...listed])].flatMap((spelling) => [spelling, spelling.toUpperCase(), fullWidth(spelling), `\u3000${spelling.replace(/ /g, '\t ')} `, spelling.split('').join(' ')]);
  return [...new Set([...labels, ...words, ...numbers, ...listed, ...withUnits, ...others, ...own])];
}

describe('rowCoder', () => {
  it('codes every cell exactly as coerceFactValue reads it, or gives its message, for every fact', () => {
    const header = FACTS.map((def) => def.name);
    const decode = profileMaker(FACTS, false);
    let outcome: { codes: Float64Array } | { error: RowError } | null = null;
    const sink = {
      codes: new Float64Array(FACTS.length),
      offset: 0,
      header: () => {},
      reserve: () => {},
      ok: () => (outcome = { codes: sink.codes.slice() }),
      error: (_row: number, _id: string, errors: RowError[]) => (outcome = { error: errors[0]! }),
    };
    const coder = rowCoder('test.csv', () => {}, sink, DECLARED);
    const visit = (cells: string[]) => coder.visitor.visit({ cells, count: cells.length, extra: null, problem: null });
    visit(header);
    FACTS.forEach((def, k) => {
      for (const cell of cellsFor(def)) {
        const cells = header.map(() => '');
        cells[k] = cell;
        outcome = null;
        visit(cells);
        const expected = coerceFactValue(DECLARED, def, cell);
        const got = outcome as { codes: Float64Array } | { error: RowError } | null;
        if (expected.ok) {
          expect(got && 'codes' in got ? decode(got.codes, 0) : got, `${def.name} = ${JSON.stringify(cell)}`).toEqual(expected.value === undefined ? {} : { [def.name]: expected.value });
        } else {
          expect(got && 'error' in got ? got.error.message.startsWith(expected.message) && got.error.column === def.name && got.error.value === cell : got, `${def.name} = ${JSON.stringify(cell)}`).toBe(true);
        }
      }
    });
  });
});
