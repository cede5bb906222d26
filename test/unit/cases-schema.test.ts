import { describe, expect, it } from 'vitest';
import { parseCases } from '../../src/cases/case-schema.js';
import { DECLARED } from '../support/facts.js';
import { checkCaseReferences, parseCaseFile, type CaseFile } from '../../src/cases/load-cases.js';
import { formatProblem, type Parsed } from '../../src/util/problems.js';
import { smallPolicy } from './small-policy.js';

const problemsOf = (parsed: Parsed<unknown>) => (parsed.ok ? [] : parsed.problems.map((p) => formatProblem(p, 'en')));

function fileOf(text: string): CaseFile {
  const parsed = parseCaseFile(text, 'cases.yaml', DECLARED);
  if (!parsed.ok) throw new Error(problemsOf(parsed).join('\n'));
  return parsed.value;
}

const good = `# regression cases
- name: master with a year of insurance
  asOf: 2024-06-30
  profile: {applicantType: person, degree: 硕士, socialInsuranceMonths: 12}
  expect:
    eligible: [m01-grant]
    estimates: {m01-grant: 2000}
    total: 2000
`;

describe('parseCases', () => {
  it('accepts a case, normalising profile labels to canonical values', () => {
    const parsed = parseCaseFile(good, 'cases.yaml', DECLARED);
    expect(problemsOf(parsed)).toEqual([]);
    const [entry] = parsed.ok ? parsed.value.cases : [];
    expect(entry).toMatchObject({ name: 'master with a year of insurance', asOf: '2024-06-30', params: {}, line: 2, index: 0 });
    expect(entry!.profile).toEqual({ applicantType: 'person', degree: 'master', socialInsuranceMonths: 12 });
  });

  it('names the file, line and key of a typo, and suggests the key meant', () => {
    const typo = good.replace('  asOf:', '  asof:').replace('    eligible:', '    eligable:');
    expect(problemsOf(parseCaseFile(typo, 'cases.yaml', DECLARED))).toEqual([
      'cases.yaml:2: 0.asOf: missing; every case needs name, asOf, profile and expect',
      'cases.yaml:6: 0.expect.eligable: unknown key; did you mean "eligible"? (allowed: eligible, ineligible, undetermined, estimates, total)',
      'cases.yaml:3: 0.asof: unknown key; did you mean "asOf"? (allowed: name, description, asOf, params, readings, profile, expect)',
    ]);
  });

  it('reports profile problems as a profile would, under the case, even when the case has other problems', () => {
    const bad = good.replace('degree: 硕士', 'degre: master').replace('socialInsuranceMonths: 12', 'socialInsuranceMonths: -1').replace('2024-06-30', '2024-02-30');
    expect(problemsOf(parseCaseFile(bad, 'cases.yaml', DECLARED))).toEqual([
      'cases.yaml:3: 0.asOf: not a calendar date',
      'cases.yaml:4: 0.profile.degre: unknown fact; did you mean "degree"? (see "subsidy facts" for the list)',
      'cases.yaml:4: 0.profile.socialInsuranceMonths: -1 is not allowed; expected a whole number ≥ 0',
    ]);
  });

  it('rejects a file that is not a list, an empty file and duplicate names', () => {
    expect(problemsOf(parseCases({ name: 'x' }, DECLARED))).toEqual(['a case file is a YAML list of cases']);
    expect(problemsOf(parseCaseFile('', 'empty.yaml', DECLARED))).toEqual(['empty.yaml: the file holds no cases; a case file is a YAML list of cases']);
    expect(problemsOf(parseCaseFile(good + good.replace('# regression cases\n', ''), 'cases.yaml', DECLARED))).toEqual([
      'cases.yaml:9: 1.name: case "master with a year of insurance" is already case 1 of this file',
    ]);
  });

  it('rejects negative estimates and non-list expectations', () => {
    const bad = good.replace('{m01-grant: 2000}', '{m01-grant: -5}').replace('[m01-grant]', 'm01-grant');
    expect(problemsOf(parseCaseFile(bad, 'cases.yaml', DECLARED))).toEqual([
      expect.stringMatching(/^cases\.yaml:6: 0\.expect\.eligible: .*expected array/),
      expect.stringMatching(/^cases\.yaml:7: 0\.expect\.estimates\.m01-grant: .*>=0/),
    ]);
  });
});

describe('checkCaseReferences', () => {
  const set = smallPolicy();

  it('passes ids and parameters the policies have', () => {
    expect(checkCaseReferences([fileOf(good)], set)).toEqual([]);
  });

  it('names unknown item ids with a suggestion, ids expected two ways and unknown parameters, each on its line', () => {
    const text = `- name: wrong references
  asOf: 2024-06-30
  params: {m01-local-rat: 2}
  profile: {}
  expect:
    eligible: [m01-grnt]
    ineligible: [m01-employer-monthly]
    undetermined: [m01-employer-monthly]
    estimates: {m99-nothing: 5}
`;
    expect(checkCaseReferences([fileOf(text)], set).map((p) => formatProblem(p, 'en'))).toEqual([
      'cases.yaml:6: 0.expect.eligible.0: no item has the id "m01-grnt"; did you mean "m01-grant"? (see "subsidy list")',
      'cases.yaml:8: 0.expect.undetermined.0: "m01-employer-monthly" is already expected ineligible',
      'cases.yaml:9: 0.expect.estimates.m99-nothing: no item has the id "m99-nothing" (see "subsidy list")',
      'cases.yaml:3: 0.params.m01-local-rat: unknown parameter; did you mean "m01-local-rate"?; known: m01-local-rate',
    ]);
  });
});
