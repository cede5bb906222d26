import { describe, expect, it } from 'vitest';
import { compilePolicy, evaluate } from '../../src/engine/evaluate.js';
import { compileCondition, FALSE, TRUE, UNKNOWN } from '../../src/engine/condition.js';
import type { ConditionInput } from '../../src/policy/schema.js';
import { inlineItem, inlinePolicySet } from './inline-policy.js';

const item = inlineItem;

const hiring = item(
  'm01-hiring',
  { all: [{ fact: 'employerSize', in: ['micro', 'small', 'medium'] }, { fact: 'socialInsuranceMonths', gte: 6 }, { fact: 'contractYears', gte: 1 }] },
  { amount: { kind: 'fixed', cny: 2000, unit: 'person' } },
);
const priority = item(
  'm01-priority',
  { all: [{ fact: 'disabled', is: true }, { fact: 'socialInsuranceMonths', gte: 12 }] },
  { amount: { kind: 'fixed', cny: 6000, unit: 'person' }, supersedes: ['m01-hiring'] },
);
const internship = item(
  'm01-internship',
  { fact: 'internRetentionRate', gte: 0.5 },
  { amount: { kind: 'per-month', cny: 1500, unit: 'person-month', months: { fact: 'internshipMonths' } } },
);
const cofunding = item(
  'm01-cofunding',
  { fact: 'degree', equals: 'doctorate' },
  { recipient: 'district', amount: { kind: 'up-to', cny: 50000, unit: 'person', rate: 0.5, base: { param: 'district-sum' } } },
);
const recognition = item('m01-recognition', { fact: 'salaryMultiple', gte: { param: 'district-sum' } }, { recipient: 'person' });

const set = inlinePolicySet([hiring, priority, internship, cofunding, recognition], ['district-sum']);
const ids = (items: { id: string }[]) => items.map((i) => i.id).sort();

describe('three-valued conditions', () => {
  const all: ConditionInput = { all: [{ fact: 'disabled', is: true }, { fact: 'contractYears', gte: 1 }] };
  const any: ConditionInput = { any: [{ fact: 'disabled', is: true }, { fact: 'contractYears', gte: 1 }] };
  const cases: [ConditionInput, Record<string, unknown>, number][] = [
    [all, {}, UNKNOWN],
    [all, { disabled: false }, FALSE], // a known false decides even with the other fact missing
    [all, { disabled: true }, UNKNOWN],
    [all, { disabled: true, contractYears: 1 }, TRUE],
    [any, { contractYears: 3 }, TRUE], // a known true decides an any
    [any, { disabled: false }, UNKNOWN],
    [any, { disabled: false, contractYears: 0.5 }, FALSE],
    [{ not: { fact: 'employerSize', equals: 'large' } }, {}, UNKNOWN], // no "not equal" trap
    [{ not: { fact: 'employerSize', equals: 'large' } }, { employerSize: 'small' }, TRUE],
    [{ fact: 'contractYears', between: [1, 3] }, { contractYears: 3 }, TRUE],
    [{ fact: 'contractYears', gt: 1 }, { contractYears: 1 }, FALSE],
  ];
  it.each(cases)('%j with %j', (condition, profile, expected) => {
    expect(compileCondition(condition, {})(profile as never)).toBe(expected);
  });
  it('leaves a comparison on a missing parameter unknown', () => {
    expect(compileCondition({ fact: 'salaryMultiple', gte: { param: 'p' } }, {})({ salaryMultiple: 9 })).toBe(UNKNOWN);
    expect(compileCondition({ fact: 'salaryMultiple', gte: { param: 'p' } }, { p: 3 })({ salaryMultiple: 9 })).toBe(TRUE);
  });
});

describe('evaluate', () => {
  const compiled = compilePolicy(set);

  it('says which facts fail, against which threshold, and which are missing', () => {
    const result = evaluate(compiled, { applicantType: 'employer', employerSize: 'small', socialInsuranceMonths: 5 }, '2024-06-01');
    const hiringResult = result.ineligible.find((i) => i.id === 'm01-hiring')!;
    expect(hiringResult.unmet).toEqual([{ fact: 'socialInsuranceMonths', expected: '>= 6', actual: 5, op: 'gte', arg: 6 }]);
    expect(hiringResult.held).toEqual([{ fact: 'employerSize', expected: 'in [micro, small, medium]', actual: 'small', op: 'in', arg: ['micro', 'small', 'medium'] }]);
    const priorityResult = result.undetermined.find((i) => i.id === 'm01-priority');
    expect(priorityResult).toBeUndefined(); // 5 < 12 is already false
    expect(ids(result.undetermined)).toEqual(['m01-internship', 'm01-recognition']);
    expect(result.undetermined.find((i) => i.id === 'm01-internship')!.missing).toEqual(['internRetentionRate']);
  });

  it('lists missing facts of an undetermined item', () => {
    const result = evaluate(compiled, { employerSize: 'small' }, '2024-06-01');
    expect(result.undetermined.find((i) => i.id === 'm01-hiring')!.missing).toEqual(['socialInsuranceMonths', 'contractYears']);
  });

  it('computes fixed and per-month estimates and their total', () => {
    const result = evaluate(
      compiled,
      { applicantType: 'employer', employerSize: 'micro', socialInsuranceMonths: 7, contractYears: 1, internRetentionRate: 0.5, internshipMonths: 6 },
      '2024-06-01',
    );
    expect(ids(result.eligible)).toEqual(['m01-hiring', 'm01-internship']);
    expect(result.eligible.map((i) => [i.id, i.estimateCNY])).toEqual([
      ['m01-internship', 9000],
      ['m01-hiring', 2000],
    ]);
    expect(result.totalEstimateCNY).toBe(11000);
  });

  it('lets the higher subsidy replace the one it raises', () => {
    const result = evaluate(compiled, { employerSize: 'small', socialInsuranceMonths: 12, contractYears: 2, disabled: true }, '2024-06-01');
    expect(ids(result.eligible)).toContain('m01-priority');
    const replaced = result.ineligible.find((i) => i.id === 'm01-hiring')!;
    expect(replaced.supersededBy).toBe('m01-priority');
    expect(result.totalEstimateCNY).toBe(6000);
  });

  it('shows an item only to the applicant types its recipient belongs to', () => {
    const person = evaluate(compiled, { applicantType: 'person', degree: 'doctorate' }, '2024-06-01');
    expect(person.ineligible.find((i) => i.id === 'm01-cofunding')!.unmet[0]).toMatchObject({ fact: 'applicantType', actual: 'person' });
    const district = evaluate(compiled, { applicantType: 'district', degree: 'doctorate' }, '2024-06-01');
    expect(ids(district.eligible)).toEqual(['m01-cofunding']);
  });

  it('estimates a locally set sum only once the parameter is supplied, never above the cap', () => {
    const profile = { applicantType: 'district', degree: 'doctorate' } as const;
    const without = evaluate(compiled, profile, '2024-06-01').eligible[0]!;
    expect(without.estimateCNY).toBeNull();
    expect(without.localRules).toBeNull();
    expect(evaluate(compilePolicy(set, { 'district-sum': 60000 }), profile, '2024-06-01').eligible[0]!.estimateCNY).toBe(30000);
    expect(evaluate(compilePolicy(set, { 'district-sum': 400000 }), profile, '2024-06-01').eligible[0]!.estimateCNY).toBe(50000);
  });

  it('reports a missing parameter apart from missing facts', () => {
    const result = evaluate(compiled, { applicantType: 'person', salaryMultiple: 4 }, '2024-06-01');
    const open = result.undetermined.find((i) => i.id === 'm01-recognition')!;
    expect(open.missing).toEqual([]);
    expect(open.missingParams).toEqual(['district-sum']);
  });

  it('gives a notice past the parent plan period, and applies nothing before the document was issued', () => {
    expect(evaluate(compiled, {}, '2026-01-01').notices.map((n) => n.code)).toEqual(['plan-period-ended']);
    expect(evaluate(compiled, {}, '2025-12-31').notices).toEqual([]);
    const early = evaluate(compiled, { employerSize: 'small', socialInsuranceMonths: 7, contractYears: 1 }, '2022-01-01');
    expect(early.eligible).toEqual([]);
    expect(early.notices.map((n) => n.code)).toEqual(['before-document']);
  });

  it('applies an item only inside its validity window', () => {
    const windowed = inlinePolicySet([item('m01-windowed', { fact: 'disabled', is: true }, { validity: { from: '2023-01-01', to: '2023-12-31' } })]);
    const c = compilePolicy(windowed);
    expect(evaluate(c, { disabled: true }, '2023-06-01').eligible).toHaveLength(1);
    const outside = evaluate(c, { disabled: true }, '2024-01-01');
    expect(outside.ineligible[0]!.unmet).toEqual([{ fact: 'asOf', expected: '>= 2023-01-01 and <= 2023-12-31', actual: '2024-01-01', window: { from: '2023-01-01', to: '2023-12-31' } }]);
  });
});

describe('items shown beyond their recipient', () => {
  const topUp = item(
    'm01-top-up',
    { fact: 'degree', equals: 'doctorate' },
    { recipient: 'district', audience: ['person', 'employer'], amount: { kind: 'up-to', cny: 50000, unit: 'person', rate: 0.5, base: { param: 'district-sum' } } },
  );
  const compiled = compilePolicy(inlinePolicySet([topUp], ['district-sum']), { 'district-sum': 80000 });

  it('are shown to the added applicant types but count only in the recipient side\'s total', () => {
    const person = evaluate(compiled, { applicantType: 'person', degree: 'doctorate' }, '2024-06-01');
    expect(person.eligible.map((i) => [i.id, i.estimateCNY])).toEqual([['m01-top-up', 40000]]);
    expect(person.totalEstimateCNY).toBe(0);
    const district = evaluate(compiled, { applicantType: 'district', degree: 'doctorate' }, '2024-06-01');
    expect(district.totalEstimateCNY).toBe(40000);
    expect(evaluate(compiled, { applicantType: 'hr-agency', degree: 'doctorate' }, '2024-06-01').eligible).toEqual([]);
  });
});
