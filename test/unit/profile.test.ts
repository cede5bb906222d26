import { english } from '../support/english.js';
import { describe, expect, it } from 'vitest';
import { parseProfile, parseProfileText } from '../../src/facts/profile.js';
import { coerceFactValue } from '../../src/facts/coerce.js';
import { DECLARED, FACT_BY_NAME } from '../support/facts.js';
import { formatProblem } from '../../src/util/problems.js';

const fact = (name: string) => FACT_BY_NAME.get(name)!;

describe('parseProfile', () => {
  it('accepts canonical values and labels in either language', () => {
    const result = parseProfile({ degree: '博士', title: 'Senior', softwareSector: '是', annualSalary: '600,000', contractYears: 3 }, DECLARED);
    expect(result).toEqual({ ok: true, value: { degree: 'doctorate', title: 'senior', softwareSector: true, annualSalary: 600000, contractYears: 3 } });
  });

  it('drops nulls: an empty value is unknown, not false', () => {
    expect(parseProfile({ disabled: null, degree: 'master' }, DECLARED)).toEqual({ ok: true, value: { degree: 'master' } });
  });

  it('names the fact and what is allowed for each bad value', () => {
    const result = parseProfile({ degree: 'phd', socialInsuranceMonths: -3, contractYears: 'three' }, DECLARED);
    expect(result.ok).toBe(false);
    const lines = !result.ok ? result.problems.map((p) => formatProblem(p, 'en')) : [];
    expect(lines).toEqual([
      'degree: "phd" is not allowed; expected one of none, secondary, associate, bachelor, master, doctorate',
      'socialInsuranceMonths: -3 is not allowed; expected a whole number ≥ 0',
      'contractYears: "three" is not allowed; expected a number ≥ 0, in digits or Chinese numerals',
    ]);
  });

  it('suggests the nearest fact name for an unknown one', () => {
    const result = parseProfile({ socialInsuranceMonth: 6 }, DECLARED);
    expect(!result.ok && english(result.problems[0]!.message)).toMatch(/unknown fact; did you mean "socialInsuranceMonths"\?/);
  });

  it('locates problems on their line', async () => {
    const result = await parseProfileText('degree: master\n\ntitle: professor\n', 'p.yaml', DECLARED);
    expect(!result.ok && result.problems.map((p) => formatProblem(p, 'en'))).toEqual([
      'p.yaml:3: title: "professor" is not allowed; expected one of none, junior, intermediate, senior',
    ]);
  });

  it('reports broken YAML with its line', async () => {
    const result = await parseProfileText('degree: master\ntitle: [senior\n', 'p.yaml', DECLARED);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]!.file).toBe('p.yaml');
    expect(!result.ok && english(result.problems[0]!.message)).toMatch(/^not valid YAML/);
  });

  it('rejects a profile that is not a mapping', () => {
    expect(parseProfile(['degree'], DECLARED).ok).toBe(false);
  });
});

describe('coerceFactValue', () => {
  it.each([
    ['internRetentionRate', '0.5', 0.5],
    ['internRetentionRate', '1.5', undefined],
    ['socialInsuranceMonths', '6.5', undefined],
    ['annualSalary', '1,200,000.50', 1200000.5],
    ['annualSalary', '12,00', undefined],
    ['disabled', 'No', false],
    ['disabled', '否', false],
    ['employerSize', '小型', 'small'],
  ])('%s %j', (name, raw, expected) => {
    const result = coerceFactValue(DECLARED, fact(name), raw);
    if (expected === undefined) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, value: expected });
  });

  it('treats a blank cell as unknown', () => {
    expect(coerceFactValue(DECLARED, fact('degree'), '  ')).toEqual({ ok: true, value: undefined });
  });
});
