import { describe, expect, it } from 'vitest';
import { describeReason } from '../../src/report/format.js';
import { DECLARED } from '../support/facts.js';

describe('describeReason', () => {
  it('words a comparison, its opposite under a not, and the date window, in zh and en', () => {
    const months = { fact: 'socialInsuranceMonths', expected: '>= 6', actual: 5, op: 'gte', arg: 6 } as const;
    expect(describeReason(months, 'en', DECLARED)).toBe('Social-insurance months is 5, must be at least 6');
    expect(describeReason(months, 'zh', DECLARED)).toBe('社保月数为5，至少 6');
    const notLarge = { fact: 'employerSize', expected: 'not = large', actual: 'large', op: 'equals', arg: 'large', negated: true } as const;
    expect(describeReason(notLarge, 'en', DECLARED)).toBe('Employer size is Large, must not be Large');
    expect(describeReason(notLarge, 'zh', DECLARED)).toBe('企业规模为大型，不得为“大型”');
    const between = { fact: 'contractYears', expected: 'not between 1 and {years}', actual: 2, op: 'between', arg: [1, { param: 'years' }], negated: true } as const;
    expect(describeReason(between, 'en', DECLARED)).toBe('Contract length is 2, must be less than 1 or more than {years}');
    const window = { fact: 'asOf', expected: '>= 2023-01-01 and <= 2023-12-31', actual: '2024-01-01', window: { from: '2023-01-01', to: '2023-12-31' } } as const;
    expect(describeReason(window, 'en', DECLARED)).toBe('date is 2024-01-01, must be on or after 2023-01-01 and on or before 2023-12-31');
    expect(describeReason(window, 'zh', DECLARED)).toBe('日期为2024-01-01，须不早于 2023-01-01且不晚于 2023-12-31');
    expect(describeReason({ ...window, window: { from: '2022-12-12' } }, 'en', DECLARED)).toBe('date is 2024-01-01, must be on or after 2022-12-12');
  });
});

describe('reasonsOf', () => {
  it('carries the test as data: the operator, its argument with supplied parameters resolved, negated under a not', async () => {
    const { reasonsOf, traceCondition } = await import('../../src/engine/condition.js');
    const trace = traceCondition(
      { all: [{ fact: 'contractYears', gte: { param: 'years' } }, { not: { fact: 'employerSize', equals: 'large' } }] },
      { contractYears: 1, employerSize: 'large' },
      { years: 3 },
    );
    expect(reasonsOf(trace).unmet).toEqual([
      { fact: 'contractYears', expected: '>= 3', actual: 1, op: 'gte', arg: 3 },
      { fact: 'employerSize', expected: 'not = large', actual: 'large', op: 'equals', arg: 'large', negated: true },
    ]);
  });
});
