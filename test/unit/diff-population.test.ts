import { english } from '../support/english.js';
import { describe, expect, it } from 'vitest';
import type { ApplicantRow } from '../../src/batch/read-applicants.js';
import { diffPopulation } from '../../src/cases/population-diff.js';
import { compilePolicy } from '../../src/engine/evaluate.js';
import { MEASURE_YAML, smallPolicy } from './small-policy.js';

async function* rowsOf(rows: ApplicantRow[]): AsyncGenerator<ApplicantRow> {
  yield* rows;
}

const base = compilePolicy(smallPolicy());
// The grant now needs 3 months instead of 6 and pays 3,000 instead of 2,000.
const head = compilePolicy(smallPolicy(MEASURE_YAML.replace('{ fact: socialInsuranceMonths, gte: 6 }', '{ fact: socialInsuranceMonths, gte: 3 }').replace('cny: 2000', 'cny: 3000')));

const ROWS: ApplicantRow[] = [
  { row: 1, id: 'A', profile: { applicantType: 'person', degree: 'master', socialInsuranceMonths: 4 } }, // gains the grant
  { row: 2, id: 'B', profile: { applicantType: 'person', degree: 'master', socialInsuranceMonths: 12 } }, // keeps it, 2,000 → 3,000
  { row: 3, id: 'C', profile: { applicantType: 'person', degree: 'bachelor', socialInsuranceMonths: 12 } }, // nothing either way
  { row: 4, id: 'D', errors: [{ column: 'degree', value: 'x', message: '"x" is not allowed' }] },
  { row: 5, id: 'E', profile: { applicantType: 'person', socialInsuranceMonths: 4 } }, // months now enough, degree unknown: ineligible → undetermined
];

describe('diffPopulation', () => {
  it('counts who gains, who loses and how estimates move, per item and in total, and lists the changed applicants', async () => {
    const diff = await diffPopulation(base, head, rowsOf(ROWS), '2024-06-30');
    expect(diff.applicants).toBe(4);
    expect(english(diff.rowsWithErrors)).toEqual([{ row: 4, id: 'D', messages: ['column degree: "x" is not allowed'] }]);
    expect(diff.items).toEqual([{ id: 'm01-grant', measure: 1, gained: 1, lost: 0, otherwise: 1, estimateChange: 4000 }]);
    expect(diff.totalEstimate).toEqual({ base: 2000, head: 6000, change: 4000 });
    expect(diff.changed).toEqual([
      { row: 1, id: 'A', gained: ['m01-grant'], lost: [], otherwise: [], estimates: [], totalBefore: 0, totalAfter: 3000 },
      { row: 2, id: 'B', gained: [], lost: [], otherwise: [], estimates: [{ id: 'm01-grant', before: 2000, after: 3000 }], totalBefore: 2000, totalAfter: 3000 },
      { row: 5, id: 'E', gained: [], lost: [], otherwise: [{ id: 'm01-grant', from: 'ineligible', to: 'undetermined' }], estimates: [], totalBefore: 0, totalAfter: 0 },
    ]);
    expect(diff.changedApplicants).toBe(3);
  });

  it('counts a loss the other way round, and an item removed as lost', async () => {
    const diff = await diffPopulation(head, base, rowsOf(ROWS), '2024-06-30');
    expect(diff.items.map((item) => [item.id, item.gained, item.lost])).toEqual([['m01-grant', 0, 1]]);
    const removed = compilePolicy(smallPolicy(MEASURE_YAML.replaceAll('m01-grant', 'm01-other-grant')));
    const renamed = await diffPopulation(base, removed, rowsOf(ROWS), '2024-06-30');
    expect(renamed.items.map((item) => [item.id, item.gained, item.lost])).toEqual([
      ['m01-grant', 0, 1],
      ['m01-other-grant', 1, 0],
    ]);
  });

  it('finds no change between a policy and itself', async () => {
    const diff = await diffPopulation(base, base, rowsOf(ROWS), '2024-06-30');
    expect([diff.changedApplicants, diff.items, diff.totalEstimate.change]).toEqual([0, [], 0]);
  });
});
