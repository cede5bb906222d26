import { checkPolicyFiles } from '../../src/policy/load.js';
import type { PolicySet } from '../../src/policy/policy-set.js';
import { formatProblem } from '../../src/util/problems.js';

/** A one-measure document for tests that need a policy set small enough to reason about by hand. */
export const DOCUMENT_YAML = `document:
  number: T1
  title: { zh: 测试, en: Test }
  issuer: 局
  issued: 2022-12-12
  parentPlan: { number: P1, title: 计划, period: { from: 2022-01-01, to: 2025-12-31 } }
  source: source.txt
  measures: 1
params:
  - { name: m01-local-rate, unit: multiple, min: 0, label: { zh: 倍数, en: Multiple }, help: { zh: 倍数, en: Multiple } }
`;

export const SOURCE_TEXT = '对硕士给予2000元。吸纳人员给予500元/月。';

/**
 * A measure with one item, a person's 2,000 grant: `when` follows `when:` as written (a block on the next lines, or
 * ` {…}` on the same line), and `quote` must stand in the source text the policy is checked against.
 */
export const grantMeasure = (when: string, quote = '对硕士给予2000元') => `measure: 1
section: { zh: 一, en: I }
title: { zh: 措施, en: Measure }
units: { lead: [处], responsible: [] }
items:
  - id: m01-grant
    title: { zh: 补贴, en: Grant }
    description: { zh: 补贴, en: Grant }
    recipient: person
    when:${when}
    amount: { kind: fixed, cny: 2000, unit: person }
    basis: { quote: ${quote} }
`;

/** Two items: a person's grant for a master or doctorate with 6+ months of insurance; an employer's monthly subsidy. */
export const MEASURE_YAML = `${grantMeasure(`
      all:
        - { fact: degree, in: [master, doctorate] }
        - { fact: socialInsuranceMonths, gte: 6 }`)}  - id: m01-employer-monthly
    title: { zh: 月补, en: Monthly }
    description: { zh: 月补, en: Monthly }
    recipient: employer
    when:
      all:
        - { fact: softwareSector, is: true }
        - any:
            - { fact: employerSize, in: [micro, small] }
            - { fact: hardToEmploy, is: true }
    amount: { kind: per-month, cny: 500, unit: person-month, months: { fact: internshipMonths } }
    basis: { quote: 吸纳人员给予500元/月 }
`;

/** The policy set of the given measure text (the one above by default); throws on any policy problem. */
export function smallPolicy(measure = MEASURE_YAML): PolicySet {
  const { set, problems } = checkPolicyFiles({
    document: { file: 'document.yaml', text: DOCUMENT_YAML },
    measures: [{ file: 'measure.yaml', text: measure }],
    sourceText: SOURCE_TEXT,
  });
  if (!set) throw new Error(problems.map((p) => formatProblem(p, 'en')).join('\n'));
  return set;
}
