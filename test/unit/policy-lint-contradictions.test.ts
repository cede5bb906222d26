import { describe, expect, it } from 'vitest';
import { checkPolicyFiles } from '../../src/policy/load.js';
import { satisfiability } from '../../src/policy/satisfiable.js';
import { FACT_BY_NAME } from '../support/facts.js';

const facts = (name: string) => FACT_BY_NAME.get(name);
import type { ConditionInput } from '../../src/policy/schema.js';
import { formatProblem } from '../../src/util/problems.js';
import { DOCUMENT_YAML, MEASURE_YAML, SOURCE_TEXT } from './small-policy.js';

/** The small policy with m01-grant's two conditions replaced by these (YAML flow mappings, one per line). */
function problemsWith(...conditions: string[]): string[] {
  const measure = MEASURE_YAML.replace(
    '        - { fact: degree, in: [master, doctorate] }\n        - { fact: socialInsuranceMonths, gte: 6 }\n',
    conditions.map((c) => `        - ${c}\n`).join(''),
  );
  const { problems } = checkPolicyFiles({
    document: { file: 'document.yaml', text: DOCUMENT_YAML },
    measures: [{ file: 'm.yaml', text: measure }],
    sourceText: SOURCE_TEXT,
  });
  return problems.map((p) => formatProblem(p, 'en'));
}

describe('lint: conditions that can never hold', () => {
  it('passes the sound conditions it started from', () => {
    expect(problemsWith('{ fact: degree, in: [master, doctorate] }', '{ fact: socialInsuranceMonths, gte: 6 }')).toEqual([]);
  });

  it('flags contradictory thresholds on one fact', () => {
    expect(problemsWith('{ fact: socialInsuranceMonths, gte: 6 }', '{ fact: socialInsuranceMonths, lt: 3 }')).toEqual([
      'm.yaml:11: items.0.when: the conditions can never hold: socialInsuranceMonths >= 6 and socialInsuranceMonths < 3 cannot all hold',
    ]);
  });

  it('flags enum lists whose intersection is empty, and a boolean required both ways', () => {
    expect(problemsWith('{ fact: degree, in: [master, doctorate] }', '{ fact: degree, in: [bachelor] }')).toEqual([
      'm.yaml:11: items.0.when: the conditions can never hold: degree in [master, doctorate] and degree in [bachelor] cannot all hold',
    ]);
    expect(problemsWith('{ fact: disabled, is: true }', '{ not: { fact: disabled, is: true } }')).toEqual([
      'm.yaml:11: items.0.when: the conditions can never hold: disabled = true and disabled ≠ true cannot all hold',
    ]);
  });

  it('knows whole-number facts: no month count lies strictly between 5 and 6', () => {
    expect(problemsWith('{ fact: socialInsuranceMonths, gt: 5 }', '{ fact: socialInsuranceMonths, lt: 6 }')).toEqual([
      'm.yaml:11: items.0.when: the conditions can never hold: socialInsuranceMonths > 5 and socialInsuranceMonths < 6 cannot all hold',
    ]);
    expect(problemsWith('{ fact: yearsSinceGraduation, gt: 5 }', '{ fact: yearsSinceGraduation, lt: 6 }')).toEqual([]);
  });

  it('flags an alternative of an any that the rest of the conditions exclude', () => {
    expect(
      problemsWith('{ fact: socialInsuranceMonths, gte: 6 }', '{ any: [{ fact: socialInsuranceMonths, lt: 3 }, { fact: disabled, is: true }] }'),
    ).toEqual([
      'm.yaml:13: items.0.when.all.1.any.0: this alternative can never hold together with the other conditions: socialInsuranceMonths >= 6 and socialInsuranceMonths < 3 cannot all hold',
    ]);
  });

  it('flags a dead alternative of an any nested in another any', () => {
    expect(
      problemsWith(
        '{ fact: socialInsuranceMonths, gte: 6 }',
        '{ any: [{ fact: disabled, is: true }, { any: [{ fact: socialInsuranceMonths, lt: 3 }, { fact: age4050, is: true }] }] }',
      ),
    ).toEqual([
      'm.yaml:13: items.0.when.all.1.any.1.any.0: this alternative can never hold together with the other conditions: socialInsuranceMonths >= 6 and socialInsuranceMonths < 3 cannot all hold',
    ]);
  });

  it('does not judge thresholds left to parameters', () => {
    expect(problemsWith('{ fact: salaryMultiple, gte: { param: m01-local-rate } }', '{ fact: salaryMultiple, lt: 1 }')).toEqual([]);
  });

  it('flags single comparisons with values the fact can never take', () => {
    expect(problemsWith('{ fact: socialInsuranceMonths, equals: 6.5 }')).toEqual([
      'm.yaml:12: items.0.when.all.0: "socialInsuranceMonths" ranges over whole numbers 0…∞; this comparison can never hold',
    ]);
    expect(problemsWith('{ fact: socialInsuranceMonths, between: [0.2, 0.8] }')).toEqual([
      'm.yaml:12: items.0.when.all.0: "socialInsuranceMonths" ranges over whole numbers 0…∞; this comparison can never hold',
    ]);
    expect(problemsWith('{ fact: internRetentionRate, between: [-2, -1] }')).toEqual([
      'm.yaml:12: items.0.when.all.0: "internRetentionRate" ranges over 0…1; this comparison can never hold',
    ]);
  });
});

describe('satisfiability', () => {
  it('pushes a not through all, any and between', () => {
    const outside: ConditionInput = { not: { fact: 'socialInsuranceMonths', between: [3, 6] } };
    expect(satisfiability({ all: [outside, { fact: 'socialInsuranceMonths', gte: 4 }, { fact: 'socialInsuranceMonths', lte: 6 }] }, facts).satisfiable).toBe(false);
    expect(satisfiability({ all: [outside, { fact: 'socialInsuranceMonths', gte: 4 }] }, facts).satisfiable).toBe(true);
    expect(satisfiability({ not: { any: [{ fact: 'disabled', is: true }, { fact: 'disabled', is: false }] } }, facts).satisfiable).toBe(false);
  });
});
