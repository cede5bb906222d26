import { describe, expect, it } from 'vitest';
import { FACT_BY_NAME } from '../support/facts.js';
import { conditionSql } from '../../src/policy/condition-sql.js';
import { describeCondition } from '../../src/policy/condition-words.js';
import { OPERATOR_NAMES, OPERATORS } from '../../src/policy/operators.js';
import { conditionSchema } from '../../src/policy/schema.js';

const facts = (name: string) => FACT_BY_NAME.get(name);

describe('the operator table', () => {
  it('is what the policy schema accepts, one operator per comparison', () => {
    expect(OPERATOR_NAMES).toEqual(['equals', 'in', 'gte', 'gt', 'lte', 'lt', 'between', 'is', 'reading']);
    expect(conditionSchema.safeParse({ reading: 'm14-6000-employer-size', is: 'any-size' }).success).toBe(true);
    expect(conditionSchema.safeParse({ fact: 'disabled', is: 'any-size' }).error?.issues[0]?.message).toBe('is on a fact takes true or false; "any-size" is an option, tested on a reading');
    expect(conditionSchema.safeParse({ reading: 'm14-6000-employer-size', is: true }).error?.issues[0]?.message).toBe('a test of reading "m14-6000-employer-size" is {reading: ID, is: OPTION} and nothing else');
    expect(conditionSchema.safeParse({ fact: 'degree', in: ['master'] }).success).toBe(true);
    const both = conditionSchema.safeParse({ fact: 'socialInsuranceMonths', gte: 3, lt: 6 });
    expect(both.error?.issues[0]?.message).toBe('a comparison on "socialInsuranceMonths" needs exactly one of: equals, in, gte, gt, lte, lt, between, is');
  });

  it('words every operator in zh and en', () => {
    const label = (value: unknown) => `«${String(value)}»`;
    const show = (t: unknown) => String(t);
    const words = (lang: 'zh' | 'en') => ({
      equals: OPERATORS.equals.words('small', lang, label, show),
      in: OPERATORS.in.words(['micro', 'small'], lang, label, show),
      gte: OPERATORS.gte.words(6, lang, label, show),
      between: OPERATORS.between.words([1, 3], lang, label, show),
      is: OPERATORS.is.words(true, lang, label, show),
    });
    expect(words('en')).toEqual({ equals: '«small»', in: 'one of «micro», «small»', gte: '>= 6', between: 'between 1 and 3', is: '«true»' });
    expect(words('zh')).toEqual({ equals: '«small»', in: '«micro»、«small»之一', gte: '>= 6', between: '1 至 3', is: '«true»' });
  });

  it('writes a condition and its negations in one line', () => {
    expect(describeCondition({ all: [{ fact: 'degree', in: ['master'] }, { not: { fact: 'contractYears', between: [1, { param: 'x' }] } }] })).toBe(
      'all of (degree in [master]; not (contractYears between 1 and {x}))',
    );
  });
});

describe('conditionSql', () => {
  it('writes standard SQL with NULL as unknown: AND, OR, NOT for all, any, not', () => {
    const sql = conditionSql(
      {
        all: [
          { fact: 'degree', in: ['master', 'doctorate', 'professor'] },
          { not: { fact: 'socialInsuranceMonths', between: [3, 6] } },
          { any: [{ fact: 'disabled', is: true }, { fact: 'employerSize', equals: "o'brien" }, { fact: 'contractYears', gte: { param: 'years' } }] },
        ],
      },
      {},
      facts,
    );
    expect(sql).toBe(
      `("degree" IN ('master', 'doctorate') AND (NOT ("socialInsuranceMonths" BETWEEN 3 AND 6)) AND ` +
        `("disabled" = TRUE OR (CASE WHEN "employerSize" IS NULL THEN CAST(NULL AS BOOLEAN) ELSE FALSE END) OR CAST(NULL AS BOOLEAN)))`,
    );
    expect(conditionSql({ fact: 'contractYears', gte: { param: 'years' } }, { years: 3 }, facts)).toBe('"contractYears" >= 3');
  });
});
