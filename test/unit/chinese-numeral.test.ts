import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from '../../src/util/chinese-numeral.js';
import { FACTS } from '../support/facts.js';
import { chineseNumeral as reference, FORMAL, standard, type Pick } from '../support/chinese-numerals.js';
import { fuzzParams } from '../support/fuzz-runs.js';

// Each number is written by the reference writer (test/support/chinese-numerals.ts), in random variants, and read back.

describe('parseChineseNumeral', () => {
  it('reads the standard form of the whole numbers 0 to 10^12, in every variant (两, 十, 〇, formal digits), as that number', () => {
    const numbers = fc.oneof(
      fc.integer({ min: 0, max: 10 ** 12 }),
      fc.integer({ min: 0, max: 10_000 }),
      // The facts' own ranges: months, years, rates (0–1), salaries.
      ...FACTS.flatMap((def) => (def.type === 'number' || def.type === 'integer' ? [fc.integer({ min: Math.ceil(def.min), max: Math.floor(def.max ?? 1_000_000) })] : [])),
      // Zeros in every position: a digit string of 0s and one or two other digits.
      fc.array(fc.constantFrom(0, 0, 0, 1, 2, 5), { minLength: 1, maxLength: 13 }).map((digits) => Number(digits.join('')) % (10 ** 12 + 1)),
    );
    fc.assert(
      fc.property(numbers, fc.infiniteStream(fc.nat(5)), (n, choices) => {
        const pick: Pick = (options) => options[(choices.next().value as number) % options.length]!;
        const written = reference(n, pick);
        expect(parseChineseNumeral(written), written).toBe(n);
        expect(parseChineseNumeral(reference(n, standard))).toBe(n);
      }),
      fuzzParams(2000),
    );
  });

  it.each([
    ['十二', 12],
    ['二十四', 24],
    ['一百二十', 120],
    ['三十六', 36],
    ['五千', 5000],
    ['一万二千', 12000],
    ['十二万', 120_000],
    ['一千零二', 1002],
    ['一百零五', 105],
    ['一千零十', 1010],
    ['一千零一十', 1010],
    ['两千', 2000],
    ['一千两百', 1200],
    ['两万两千', 22_000],
    ['两', 2],
    ['零', 0],
    ['〇', 0],
    ['十', 10],
    ['二十万三千', 203_000],
    ['二十万零三百', 200_300],
    ['一亿零五', 100_000_005],
    ['一亿零五万', 100_050_000],
    ['一亿零两万', 100_020_000],
    ['一千万一千', 10_001_000],
    ['一万亿', 10 ** 12],
    ['一万零五亿', 1_000_500_000_000],
    ['壹万贰仟', 12_000],
    ['壹佰零伍', 105],
    ['九千零七万一千九百九十二亿五千四百七十四万零九百九十一', Number.MAX_SAFE_INTEGER],
  ])('reads %s as %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it.each([
    ['3万', 30_000],
    ['12万', 120_000],
    ['1.5万', 15_000],
    ['0.5万', 5_000],
    ['1,500万', 15_000_000],
    ['5千', 5_000],
    ['2.5千万', 25_000_000],
    ['3亿', 300_000_000],
    ['1.2万亿', 1_200_000_000_000],
    ['3万5千', 35_000],
    ['1亿零5万', 100_050_000],
  ])('reads Arabic digits with Chinese units, %s, exactly as %d', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  it('reads a decimal times a unit exactly, with no floating-point error, or refuses it when the product is not whole', () => {
    const units = [['百', 2], ['千', 3], ['万', 4], ['千万', 7], ['亿', 8]] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 0, maxLength: 6 }), fc.constantFrom(...units), (whole, fraction, [unit, zeros]) => {
        const text = `${whole}${fraction === '' ? '' : `.${fraction}`}${unit}`;
        // Exactly, on integers: whole.fraction × 10^zeros.
        const scaled = BigInt(`${whole}${fraction}`) * 10n ** BigInt(zeros);
        const divisor = 10n ** BigInt(fraction.length);
        expect(parseChineseNumeral(text), text).toBe(scaled % divisor === 0n ? Number(scaled / divisor) : undefined);
      }),
      fuzzParams(500),
    );
  });

  it('reads nothing that is not the standard form of the number it gives', () => {
    // Any short string of numeral characters: when it reads, it is one of that number's standard spellings.
    const normal = (text: string) =>
      [...text]
        .map((char) => Object.entries(FORMAL).find(([, formal]) => formal === char)?.[0] ?? char)
        .join('')
        .replace(/〇/g, '零')
        .replace(/两/g, '二')
        .replace(/(^|零)十/g, '$1一十');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'零〇一二两三五十百千万亿壹拾'), minLength: 1, maxLength: 9 }), (text) => {
        const value = parseChineseNumeral(text);
        if (value !== undefined) expect(normal(text), text).toBe(normal(reference(value, standard)));
      }),
      fuzzParams(3000),
    );
  });

  it.each([
    '一万二', // colloquial 12,000; as written 10,002 would need 零
    '一千五',
    '一百五',
    '三万五',
    '两万五',
    '1万2',
    '1千2',
    '十几',
    '几个',
    '几十',
    '半',
    '二十五六',
    '三四',
    '一二',
    '二〇二四',
    '十十',
    '千百',
    '百',
    '万',
    '亿',
    '一万万',
    '两十',
    '十两',
    '一百零两',
    '十两万',
    '一万十五',
    '一亿十万',
    '一百十',
    '零零',
    '一千零',
    '一千零零五',
    '一十十',
    '十二 ',
    '十 二',
    '廿',
    '卅',
    '负三',
    '12十',
    '1万0200',
    '1.23456万',
    '1.5',
    '.万',
    '九千零七万一千九百九十二亿五千四百七十四万零九百九十二',
    '一万亿亿',
    '',
    '一'.repeat(100_000),
  ])('refuses %j', (text) => {
    expect(parseChineseNumeral(text)).toBeUndefined();
  });
});
