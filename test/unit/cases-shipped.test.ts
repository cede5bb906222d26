import { describe, expect, it } from 'vitest';
import { coverageOf } from '../../src/cases/coverage.js';
import { DECLARED } from '../support/facts.js';
import { checkCaseReferences, loadCases } from '../../src/cases/load-cases.js';
import { runCases } from '../../src/cases/run-cases.js';
import { formatProblem } from '../../src/util/problems.js';
import { bundledPolicies } from '../support/bundled-policies.js';

describe('the shipped regression cases (fixtures/cases)', async () => {
  const set = await bundledPolicies();
  const files = await loadCases(['fixtures/cases'], DECLARED);
  const cases = files.flatMap((file) => file.cases);

  it('name only items and parameters the policies have', () => {
    expect(checkCaseReferences(files, set).map((p) => formatProblem(p, 'en'))).toEqual([]);
  });

  it('all pass against the bundled policies', () => {
    const failures = runCases(set, cases)
      .cases.filter((outcome) => !outcome.passed)
      .map((outcome) => ({ case: `${outcome.file}:${outcome.line} ${outcome.name}`, failed: outcome.checks.filter((check) => !check.passed) }));
    expect(failures).toEqual([]);
  });

  it('make every item of every measure eligible at least once and rule each out at least once', () => {
    const coverage = coverageOf(set, cases);
    expect(coverage.items).toBe(set.items.length);
    expect({ neverEligible: coverage.neverEligible, neverRuledOut: coverage.neverRuledOut }).toEqual({ neverEligible: [], neverRuledOut: [] });
  });
});
