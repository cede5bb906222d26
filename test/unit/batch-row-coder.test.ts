import { english } from '../support/english.js';
import { describe, expect, it } from 'vitest';
import { profileMaker, rowCoder, type RowError } from '../../src/batch/row-coder.js';
import { coerceFactValue } from '../../src/facts/coerce.js';
import type { FactDef } from '../../src/facts/facts.js';
import { DECLARED, FACTS } from '../support/facts.js';

/** Cells people type: labels, words, numbers in every form coerceFactValue takes or refuses. */
function cellsFor(def: FactDef): string[] {
  const labels = def.type === 'enum' ? def.values.flatMap((value) => [value, value.toUpperCase(), def.valueLabels[value]!.zh, def.valueLabels[value]!.en, ` ${def.valueLabels[value]!.zh} `]) : [];
  const words = ['是', '否', '有', '无', 'true', 'FALSE', 'Yes', 'no', 'Y', 'n', '1', '0', '对', '不是', '没有', 'maybe', '待定'];
  const numbers = ['0', '3', '12', '36', '0.5', '1.25', '.5', '12.', '-1', '+3', '1e3', '0x10', 'Infinity', '1,234', '123,000.50', '12,34', ' 12 ', '１２', '999999999999999999', '3.0'];
  return [...labels, ...words, ...numbers];
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
          expect(got && 'error' in got ? english(got.error.message).startsWith(english(expected.message)) && got.error.column === def.name && got.error.value === cell : got, `${def.name} = ${JSON.stringify(cell)}`).toBe(true);
        }
      }
    });
  });
});
