import { issueMessage } from '../../src/util/zod-issues.js';
import { english } from '../support/english.js';
import { describe, expect, it } from 'vitest';
import { FACT_BY_NAME } from '../support/facts.js';
import { conditionSql } from '../../src/policy/condition-sql.js';
import { describeCondition } from '../../src/policy/condition-words.js';
import { leafWords, OPERATOR_NAMES, OPERATORS } from '../../src/policy/operators.js';
import { conditionSchema } from '../../src/policy/schema.js';

const facts = (name: string) => FACT_BY_NAME.get(name);

describe('the operator table', () => {
  it('is what the policy schema accepts, one operator per comparison', () => {
    expect(OPERATOR_NAMES).toEqual(['equals', 'in', 'gte', 'gt', 'lte', 'lt', 'between', 'is', 'reading']);
    expect(conditionSchema.safeParse({ reading: 'm14-6000-employer-size', is: 'any-size' }).success).toBe(true);
    const onFact = conditionSchema.safeParse({ fact: 'disabled', is: 'any-size' });
    expect(onFact.error && english(issueMessage(onFact.error.issues[0]!))).toBe('is on a fact takes true or false; "any-size" is an option, tested on a reading');
    const notOption = conditionSchema.safeParse({ reading: 'm14-6000-employer-size', is: true });
    expect(notOption.error && english(issueMessage(notOption.error.issues[0]!))).toBe('a test of reading "m14-6000-employer-size" is {reading: ID, is: OPTION} and nothing else');
    expect(conditionSchema.safeParse({ fact: 'degree', in: ['master'] }).success).toBe(true);
    const both = conditionSchema.safeParse({ fact: 'socialInsuranceMonths', gte: 3, lt: 6 });
    expect(both.error && english(issueMessage(both.error.issues[0]!))).toBe('a comparison on "socialInsuranceMonths" needs exactly one of: equals, in, gte, gt, lte, lt, between, is');
  });

  it('words every operator in zh and en, and its opposite under a not', () => {
    const label = (value: unknown) => `«${String(value)}»`;
    const show = (t: unknown) => String(t);
    const args = { equals: 'small', in: ['micro', 'small'], gte: 6, gt: 6, lte: 6, lt: 6, between: [1, 3], is: true, reading: 'any-size' } as const;
    const words = (lang: 'zh' | 'en', negated: boolean) =>
      Object.fromEntries(OPERATOR_NAMES.map((op) => [op, leafWords({ op, arg: args[op] } as never, lang, label, show, negated)]));
    expect(words('en', false)).toEqual({
      equals: 'must be «small»',
      in: 'must be one of: «micro», «small»',
      gte: 'must be at least 6',
      gt: 'must be more than 6',
      lte: 'must be at most 6',
      lt: 'must be less than 6',
      between: 'must be between 1 and 3',
      is: 'must be «true»',
      reading: 'must be «any-size»',
    });
    expect(words('zh', false)).toEqual({
      equals: '须为“«small»”',
      in: '须为以下之一：«micro»、«small»',
      gte: '至少 6',
      gt: '须大于 6',
      lte: '至多 6',
      lt: '须小于 6',
      between: '须在 1 至 3 之间',
      is: '须为“«true»”',
      reading: '须为“«any-size»”',
    });
    expect(words('en', true)).toEqual({
      equals: 'must not be «small»',
      in: 'must be none of: «micro», «small»',
      gte: 'must be less than 6',
      gt: 'must be at most 6',
      lte: 'must be more than 6',
      lt: 'must be at least 6',
      between: 'must be less than 1 or more than 3',
      is: 'must not be «true»',
      reading: 'must not be «any-size»',
    });
    expect(words('zh', true)).toEqual({
      equals: '不得为“«small»”',
      in: '不得为以下任一：«micro»、«small»',
      gte: '须小于 6',
      gt: '至多 6',
      lte: '须大于 6',
      lt: '至少 6',
      between: '须小于 1 或大于 3',
      is: '不得为“«true»”',
      reading: '不得为“«any-size»”',
    });
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
