import { describe, expect, it } from 'vitest';
import { coverageOf } from '../../src/cases/coverage.js';
import { DECLARED } from '../support/facts.js';
import { parseCaseFile, type CaseFile } from '../../src/cases/load-cases.js';
import { runCases } from '../../src/cases/run-cases.js';
import { expectationChanges, updateCaseText } from '../../src/cases/update-cases.js';
import { smallPolicy } from './small-policy.js';

function fileOf(text: string): CaseFile {
  const parsed = parseCaseFile(text, 'cases.yaml', DECLARED);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const set = smallPolicy();

// A master with 3 months of insurance misses the grant (needs 6); the small software employer gets 500 × 4 months.
const CASES = `# expectations written before the policy was read closely
- name: master with 3 months
  asOf: 2024-06-30
  profile: {applicantType: person, degree: master, socialInsuranceMonths: 3}
  expect:
    eligible: [m01-grant]   # wrong: needs 6 months
    estimates: {m01-grant: 2000}
- name: small software employer
  asOf: 2024-06-30
  profile: {applicantType: employer, softwareSector: true, employerSize: small, internshipMonths: 4}
  expect: {eligible: [m01-employer-monthly], estimates: {m01-employer-monthly: 2000}, total: 2000}
- name: employer who has not said its size
  asOf: 2024-06-30
  profile: {applicantType: employer, softwareSector: true}
  expect:
    undetermined: [m01-employer-monthly]
    total: 100
`;

describe('runCases', () => {
  const run = runCases(set, fileOf(CASES).cases);

  it('passes a case whose expectations hold and fails one that does not, counting both', () => {
    expect(run.cases.map((c) => [c.name, c.passed])).toEqual([
      ['master with 3 months', false],
      ['small software employer', true],
      ['employer who has not said its size', false],
    ]);
    expect([run.passed, run.failed]).toEqual([1, 2]);
  });

  it('shows expected against actual with the reason the engine gives', () => {
    const failed = run.cases[0]!.checks.filter((check) => !check.passed);
    expect(failed).toEqual([
      expect.objectContaining({
        kind: 'status',
        id: 'm01-grant',
        expected: 'eligible',
        actual: 'ineligible',
        why: expect.objectContaining({ unmet: [{ fact: 'socialInsuranceMonths', expected: '>= 6', actual: 3, op: 'gte', arg: 6 }] }),
      }),
      expect.objectContaining({ kind: 'estimate', id: 'm01-grant', expected: 2000, actual: null, status: 'ineligible' }),
    ]);
  });

  it('says which facts an undetermined item still needs, and checks the total', () => {
    const checks = run.cases[2]!.checks;
    expect(checks[0]).toMatchObject({ kind: 'status', passed: true, why: { missing: ['employerSize', 'hardToEmploy'] } });
    expect(checks[1]).toEqual({ kind: 'total', passed: false, expected: 100, actual: 0 });
  });
});

describe('coverageOf', () => {
  it('lists the items no case makes eligible or rules out, and branches not seen both ways', () => {
    const coverage = coverageOf(set, fileOf(CASES).cases);
    expect(coverage.neverEligible).toEqual(['m01-grant']);
    expect(coverage.neverRuledOut).toEqual(['m01-employer-monthly']);
    // m01-grant: degree (held only), socialInsuranceMonths (failed only). m01-employer-monthly: softwareSector (held only),
    // the any's first alternative employerSize (held only), its second hardToEmploy (never known).
    expect(coverage.branches).toBe(5);
    expect(coverage.uncoveredBranches.map((b) => [b.item, b.path, b.condition, b.held, b.failed])).toEqual([
      ['m01-grant', 'when.all.0', 'degree in [master, doctorate]', true, false],
      ['m01-grant', 'when.all.1', 'socialInsuranceMonths >= 6', false, true],
      ['m01-employer-monthly', 'when.all.0', 'softwareSector = true', true, false],
      ['m01-employer-monthly', 'when.all.1.any.0', 'employerSize in [micro, small]', true, false],
      ['m01-employer-monthly', 'when.all.1.any.1', 'hardToEmploy = true', false, false],
    ]);
  });

  it('does not count an item as ruled out for a different applicant type, nor its branches as exercised', () => {
    const text = `- name: a district
  asOf: 2024-06-30
  profile: {applicantType: district, degree: none, socialInsuranceMonths: 0}
  expect: {}
`;
    const coverage = coverageOf(set, fileOf(text).cases);
    expect(coverage.neverRuledOut).toEqual(['m01-grant', 'm01-employer-monthly']);
    expect(coverage.uncoveredBranches).toHaveLength(5);
  });

  it('finds nothing missing once each item is seen both ways and each branch holding and failing', () => {
    const text = `- name: grant
  asOf: 2024-06-30
  profile: {applicantType: person, degree: master, socialInsuranceMonths: 6, softwareSector: true, employerSize: micro, hardToEmploy: false}
  expect: {}
- name: nothing
  asOf: 2024-06-30
  profile: {applicantType: person, degree: bachelor, socialInsuranceMonths: 5, softwareSector: false, employerSize: large, hardToEmploy: true}
  expect: {}
`;
    const coverage = coverageOf(set, fileOf(text).cases);
    expect([coverage.neverEligible, coverage.neverRuledOut, coverage.uncoveredBranches]).toEqual([[], [], []]);
  });
});

describe('updateCaseText', () => {
  const file = fileOf(CASES);
  const run = runCases(set, file.cases);

  it('lists each failing expectation with what the policies now give', () => {
    expect(expectationChanges(run.cases)).toEqual([
      { kind: 'status', file: 'cases.yaml', name: 'master with 3 months', id: 'm01-grant', from: 'eligible', to: 'ineligible' },
      { kind: 'estimate', file: 'cases.yaml', name: 'master with 3 months', id: 'm01-grant', from: 2000, to: null },
      { kind: 'total', file: 'cases.yaml', name: 'employer who has not said its size', from: 100, to: 0 },
    ]);
  });

  it('rewrites only the failing expectations, keeping comments, order and layout, and the result passes', () => {
    const updated = updateCaseText(CASES, run.cases);
    expect(updated).toBe(
      CASES.replace('    eligible: [m01-grant]   # wrong: needs 6 months\n', '')
        .replace('    estimates: {m01-grant: 2000}\n', '    estimates: {m01-grant: null}\n    ineligible: [m01-grant]\n')
        .replace('total: 100', 'total: 0'),
    );
    expect(runCases(set, fileOf(updated).cases).failed).toBe(0);
  });

  it('leaves a file whose cases all pass byte for byte the same', () => {
    const passing = fileOf(updateCaseText(CASES, run.cases));
    expect(updateCaseText(passing.text, runCases(set, passing.cases).cases)).toBe(passing.text);
  });
});
