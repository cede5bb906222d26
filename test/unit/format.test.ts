import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimal, describeAmount, yuan } from '../../src/report/format.js';
import { formatNumber } from '../../src/util/number-text.js';
import { DECLARED } from '../support/facts.js';
import { fuzzParams } from '../support/fuzz-runs.js';

describe('money in words', () => {
  it.each([
    [2_000_000, '¥2,000,000', '200万元'],
    [25_000, '¥25,000', '2.5万元'],
    [1_500, '¥1,500', '1500元'],
    [12_345.5, '¥12,345.5', '12345.5元'],
  ])('%d', (value, en, zh) => {
    expect(yuan(value, 'en')).toBe(en);
    expect(yuan(value, 'zh')).toBe(zh);
  });

  it('writes every number as toLocaleString does, with and without grouping, without loading Intl', () => {
    const numbers = fc.oneof(fc.double(), fc.integer(), fc.double({ min: -1e7, max: 1e7 }), fc.constantFrom(0, -0, 0.005, 1.005, 2.675, -0.004, 999.995, 1e21, 123456789.125, 0.0005, 1.2345, 0.00005, 9.99995));
    fc.assert(
      fc.property(numbers, fc.boolean(), fc.integer({ min: 0, max: 4 }), (value, grouping, digits) => {
        expect(formatNumber(value, digits, grouping)).toBe(value.toLocaleString('en-US', { maximumFractionDigits: digits, useGrouping: grouping }));
        expect(decimal(value, grouping)).toBe(formatNumber(value, 2, grouping));
      }),
      fuzzParams(2000),
    );
  });

  it('states the kind of figure the document gives', () => {
    expect(describeAmount({ kind: 'up-to', cny: 2_000_000, unit: 'person' }, 'zh', DECLARED)).toBe('最高200万元/人');
    expect(describeAmount({ kind: 'range', min: 50_000, cny: 5_000_000, unit: 'organisation' }, 'en', DECLARED)).toBe('¥50,000–¥5,000,000 per organisation');
    expect(describeAmount({ kind: 'fixed', cny: 160_000, unit: 'person', periodYears: 2 }, 'en', DECLARED)).toBe('¥160,000 per person over 2 years');
    expect(describeAmount({ kind: 'rate', cny: null, rate: 0.05, base: { fact: 'annualSalary' }, unit: 'person' }, 'en', DECLARED)).toBe('5% of annual salary');
    expect(describeAmount({ kind: 'up-to', cny: 200_000, unit: 'person', loan: true }, 'en', DECLARED)).toBe('loan up to ¥200,000 per person');
    expect(describeAmount(null, 'en', DECLARED)).toBe('non-monetary');
  });
});

