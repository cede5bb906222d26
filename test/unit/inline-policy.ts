import { DECLARED } from '../support/facts.js';
import { buildPolicySet, type PolicySet } from '../../src/policy/policy-set.js';
import type { ConditionInput, DocumentInput, MeasureInput } from '../../src/policy/schema.js';

/** Policies written inline, small enough to reason about by hand. */
export type ItemInput = MeasureInput['items'][number];

export const label = (en: string) => ({ zh: en, en });

export const fixedAmount = (cny: number) => ({ kind: 'fixed' as const, cny, unit: 'person' as const });

/** An item with plain titles and a placeholder quote; the recipient and the rest come from `extra`. */
export function inlineItem(id: string, when: ConditionInput, extra: Partial<ItemInput> = {}): ItemInput {
  return { id, title: label(id), description: label(id), recipient: 'employer', when, basis: { quote: 'quote' }, ...extra };
}

/** A test document declaring the given parameters, with its measures made from the items' id prefixes (m01-, m02-). */
export function inlinePolicySet(items: ItemInput[], paramNames: string[] = []): PolicySet {
  const numbers = [...new Set(items.map((item) => Number(item.id.slice(1, 3))))].sort((a, b) => a - b);
  const document: DocumentInput = {
    document: {
      number: 'TEST〔2022〕1号',
      title: label('Test document'),
      issuer: 'Test bureau',
      issued: '2022-12-12',
      parentPlan: { number: 'PLAN', title: 'Plan', period: { from: '2022-01-01', to: '2025-12-31' } },
      source: 'source.txt',
      measures: Math.max(1, ...numbers),
    },
    params: paramNames.map((name) => ({ name, label: label(name), help: label('help'), unit: 'multiple' as const, min: 0 })),
  };
  const measures: MeasureInput[] = numbers.map((measure) => ({
    measure,
    section: label('I'),
    title: label(`Measure ${measure}`),
    units: { lead: ['Lead office'], responsible: ['Other office'] },
    items: items.filter((item) => Number(item.id.slice(1, 3)) === measure),
  }));
  return buildPolicySet(document, measures, DECLARED);
}
