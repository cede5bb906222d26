import { describe, expect, it } from 'vitest';
import { diffCondition, diffPolicies } from '../../src/policy/diff.js';
import type { ConditionInput } from '../../src/policy/schema.js';
import { DECLARED } from '../support/facts.js';
import { describeConditionChange, describeFieldChange } from '../../src/report/diff-text.js';
import { MEASURE_YAML, smallPolicy } from './small-policy.js';

const months = (gte: number): ConditionInput => ({ fact: 'socialInsuranceMonths', gte });
const sector: ConditionInput = { fact: 'softwareSector', is: true };

describe('diffCondition', () => {
  it('says a threshold moved on the same fact', () => {
    expect(diffCondition({ all: [sector, months(6)] }, { all: [sector, months(3)] })).toEqual([{ change: 'moved', fact: 'socialInsuranceMonths', before: { op: 'gte', arg: 6 }, after: { op: 'gte', arg: 3 } }]);
    expect(diffCondition(months(6), { fact: 'socialInsuranceMonths', between: [3, 12] })).toEqual([{ change: 'moved', fact: 'socialInsuranceMonths', before: { op: 'gte', arg: 6 }, after: { op: 'between', arg: [3, 12] } }]);
  });

  it('ignores key order and moved conditions inside a group', () => {
    expect(diffCondition({ all: [sector, { gte: 6, fact: 'socialInsuranceMonths' }] }, { all: [months(6), sector] })).toEqual([]);
  });

  it('says what an all now requires or no longer requires, and what an any now accepts or no longer accepts', () => {
    const disabled: ConditionInput = { fact: 'disabled', is: true };
    expect(diffCondition({ all: [sector, months(6)] }, { all: [sector, disabled] })).toEqual([
      { change: 'no-longer-requires', condition: months(6) },
      { change: 'requires', condition: disabled },
    ]);
    expect(diffCondition({ any: [sector] }, { any: [sector, disabled] })).toEqual([{ change: 'also-qualifies', condition: disabled }]);
    expect(diffCondition({ any: [sector, disabled] }, { any: [disabled] })).toEqual([{ change: 'no-longer-qualifies', condition: sector }]);
  });

  it('follows an edited group inside a group by the comparisons it keeps', () => {
    const before: ConditionInput = { all: [sector, { any: [months(12), { fact: 'disabled', is: true }] }] };
    const after: ConditionInput = { all: [sector, { any: [months(6), { fact: 'disabled', is: true }] }] };
    expect(diffCondition(before, after)).toEqual([{ change: 'moved', fact: 'socialInsuranceMonths', before: { op: 'gte', arg: 12 }, after: { op: 'gte', arg: 6 } }]);
  });

  it('shows a condition replaced by one of another shape whole', () => {
    expect(diffCondition(sector, { not: sector })).toEqual([{ change: 'replaced', before: sector, after: { not: sector } }]);
  });
});

describe('describeConditionChange', () => {
  const disabled: ConditionInput = { fact: 'disabled', is: true };
  const size: ConditionInput = { fact: 'employerSize', in: ['micro', 'small'] };
  const words = (before: ConditionInput, after: ConditionInput, lang: 'zh' | 'en') => diffCondition(before, after).map((change) => describeConditionChange(change, lang, DECLARED));

  it('words every change with the operator table, values by their labels, in zh and en', () => {
    expect(words(months(6), { fact: 'socialInsuranceMonths', between: [3, 12] }, 'en')).toEqual(['Social-insurance months: must be at least 6 → must be between 3 and 12']);
    expect(words(months(6), { fact: 'socialInsuranceMonths', between: [3, 12] }, 'zh')).toEqual(['社保月数：至少 6 → 须在 3 至 12 之间']);
    expect(words({ all: [sector, months(6)] }, { all: [sector, disabled, size] }, 'en')).toEqual([
      'no longer requires: Social-insurance months must be at least 6',
      'now requires: Disabled must be yes',
      'now requires: Employer size must be one of: Micro, Small',
    ]);
    expect(words({ all: [sector, months(6)] }, { all: [sector, disabled, size] }, 'zh')).toEqual([
      '不再要求：社保月数至少 6',
      '新增条件：残疾人员须为“是”',
      '新增条件：企业规模须为以下之一：微型、小型',
    ]);
    expect(words({ any: [sector] }, { any: [sector, { not: disabled }] }, 'en')).toEqual(['now also qualifies: none of (Disabled must be yes)']);
    expect(words({ any: [sector, disabled] }, { any: [disabled] }, 'zh')).toEqual(['不再可选：软件和信息服务业须为“是”']);
    expect(words({ not: months(6) }, { not: months(3) }, 'zh')).toEqual(['“不得满足”之下：社保月数：至少 6 → 至少 3']);
    expect(words(sector, { all: [sector, disabled] }, 'en')).toEqual(['Software sector must be yes → all of (Software sector must be yes; Disabled must be yes)']);
    expect(words(sector, { any: [sector, disabled] }, 'zh')).toEqual(['软件和信息服务业须为“是” → 满足其一（软件和信息服务业须为“是”；残疾人员须为“是”）']);
  });
});

describe('diffPolicies', () => {
  const base = smallPolicy();

  it('finds nothing between a policy set and itself', () => {
    const diff = diffPolicies(base, smallPolicy());
    expect(diff.changed).toBe(false);
  });

  it('names each changed field of a changed item, in words', () => {
    const head = smallPolicy(
      MEASURE_YAML.replace('{ fact: socialInsuranceMonths, gte: 6 }', '{ fact: socialInsuranceMonths, gte: 3 }')
        .replace('cny: 2000', 'cny: 3000')
        .replace('recipient: employer', 'recipient: business')
        .replace("    basis: { quote: 对硕士给予2000元 }\n", "    basis: { quote: 对硕士给予2000元 }\n    validity: { from: 2023-01-01 }\n"),
    );
    const diff = diffPolicies(base, head);
    expect(diff.changed).toBe(true);
    expect(diff.items.changed.map((item) => [item.id, item.changes.map((change) => describeFieldChange(change, 'en', DECLARED))])).toEqual([
      ['m01-employer-monthly', ['recipient employer → business']],
      ['m01-grant', ['Social-insurance months: must be at least 6 → must be at least 3', 'amount ¥2,000 per person → ¥3,000 per person', 'validity always → from 2023-01-01']],
    ]);
    expect([diff.items.added, diff.items.removed, diff.measures.changed, diff.document]).toEqual([[], [], [], []]);
  });

  it('lists items added and removed by id', () => {
    const head = smallPolicy(MEASURE_YAML.replaceAll('m01-grant', 'm01-master-grant'));
    const diff = diffPolicies(base, head);
    expect(diff.items.added.map((item) => item.id)).toEqual(['m01-master-grant']);
    expect(diff.items.removed.map((item) => item.id)).toEqual(['m01-grant']);
    expect(diff.items.changed).toEqual([]);
  });

  it('reports measure-level changes', () => {
    const diff = diffPolicies(base, smallPolicy(MEASURE_YAML.replace('units: { lead: [处], responsible: [] }', 'units: { lead: [处], responsible: [局] }')));
    expect(diff.measures.changed.map((m) => [m.measure, m.changes.map((c) => c.field)])).toEqual([[1, ['units']]]);
  });
});
