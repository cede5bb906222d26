import { english } from '../support/english.js';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { profileMaker, rowCoder, type RowError } from '../../src/batch/row-coder.js';
import { parseSettings } from '../../src/cli/commands/check.js';
import { coerceFactValue } from '../../src/facts/coerce.js';
import { valueSpellings, type FactDef, type FactValue } from '../../src/facts/facts.js';
import { parseProfile } from '../../src/facts/profile.js';
import { factKeyNames, unitSpellings, unknownSpellings } from '../../src/facts/spellings.js';
import { render } from '../../src/util/messages/index.js';
import { formatProblem, InputError } from '../../src/util/problems.js';
import { DECLARED, FACT_BY_NAME, FACTS } from '../support/facts.js';
import { fuzzParams } from '../support/fuzz-runs.js';

// Every way a value reaches the program reads it through the one spelling table of facts.yaml: a profile (under any
// of the fact's names), a CSV cell (the generated row coder), --set, and coerceFactValue itself (ask's number prompt).
// The published profile schema takes the same spellings, so that an editor does not underline them.

type Outcome = { ok: true; value: FactValue | undefined } | { ok: false; message: string };

/** A CSV file of one column, the fact's name, and one row holding the cell. */
function throughCsv(def: FactDef, cell: string): Outcome {
  const decode = profileMaker([def], false);
  let outcome: Outcome | null = null;
  const sink = {
    codes: new Float64Array(1),
    offset: 0,
    header: () => {},
    reserve: () => {},
    ok: () => (outcome = { ok: true, value: decode(sink.codes, 0)[def.name] }),
    error: (_row: number, _id: string, errors: RowError[]) => (outcome = { ok: false, message: english(errors[0]!.message) as unknown as string }),
  };
  const coder = rowCoder('test.csv', () => {}, sink, DECLARED);
  coder.visitor.visit({ cells: [def.label.zh], count: 1, extra: null, problem: null });
  coder.visitor.visit({ cells: [cell], count: 1, extra: null, problem: null });
  return outcome!;
}

function throughProfile(def: FactDef, key: string, value: string): Outcome {
  const result = parseProfile({ [key]: value }, DECLARED);
  return result.ok ? { ok: true, value: result.value[def.name] } : { ok: false, message: english(result.problems[0]!.message) as unknown as string };
}

function throughSet(def: FactDef, key: string, value: string): Outcome {
  try {
    const set = parseSettings([`${key}=${value}`], DECLARED);
    return { ok: true, value: set[def.name] ?? undefined };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, message: english(error.problems[0]!.message) as unknown as string };
    throw error;
  }
}

function throughCoerce(def: FactDef, value: string): Outcome {
  const coerced = coerceFactValue(DECLARED, def, value);
  return coerced.ok ? coerced : { ok: false, message: coerced.message };
}

const ajv = new Ajv2020.default({ allErrors: true, strict: false });
const schemaAccepts = ajv.compile(JSON.parse(readFileSync(new URL('../../schemas/profile.schema.json', import.meta.url), 'utf8')));

/** What every path makes of `value` given for `def` under `key`; a refusal is compared by its first words. */
function everyPath(def: FactDef, key: string, value: string) {
  const strip = (outcome: Outcome) => (outcome.ok ? outcome : { ok: false, refused: outcome.message.split(';')[0]!.split(':')[0] });
  return {
    coerce: strip(throughCoerce(def, value)),
    profile: strip(throughProfile(def, key, value)),
    csv: strip(throughCsv(def, value)),
    set: strip(throughSet(def, key, value)),
  };
}

const same = (outcome: Outcome) => {
  const stripped = outcome.ok ? outcome : { ok: false, refused: outcome.message.split(';')[0]!.split(':')[0] };
  return { coerce: stripped, profile: stripped, csv: stripped, set: stripped };
};

const fullWidth = (char: string) => (char >= '!' && char <= '~' ? String.fromCharCode(char.charCodeAt(0) + 0xfee0) : char);

/** A spelling as a person may type it: each character in either case, maybe full width, spaces around it, any spaces between its words. */
const typed = (spelling: string) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom('lower', 'upper', 'wide', 'wide-upper'), fc.constantFrom(' ', '  ', '\u3000', '\t')), { minLength: spelling.length, maxLength: spelling.length }),
      fc.constantFrom('', ' ', '\u3000'),
      fc.constantFrom('', ' ', '  '),
    )
    .map(([forms, before, after]) =>
      before +
      [...spelling]
        .map((char, i) => {
          const [form, space] = forms[i]!;
          if (char === ' ') return space;
          const cased = form.endsWith('upper') ? char.toUpperCase() : char.toLowerCase();
          return form.startsWith('wide') ? [...cased].map(fullWidth).join('') : cased;
        })
        .join('') +
      after,
    );

/** A fact's name as a person may write it: its name, a label or alias, in any case or width. */
const keyOf = (def: FactDef) => fc.constantFrom(...factKeyNames(def)).chain((name) => fc.constantFrom(name, name.toUpperCase(), [...name].map(fullWidth).join('')));

const valued = FACTS.filter((def) => def.type === 'enum' || def.type === 'boolean');
const spelled = valued.flatMap((def) => valueSpellings(DECLARED, def).map(([spelling, value]) => ({ def, spelling, value })));
const numeric = FACTS.filter((def) => unitSpellings(def).length > 0);

describe('the one spelling table', () => {
  it('reads every declared spelling of every value, in any case, width and spacing, as that value in every path and in the schema', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...spelled).chain(({ def, spelling, value }) => fc.record({ def: fc.constant(def), value: fc.constant(value), cell: typed(spelling), key: keyOf(def) })),
        ({ def, value, cell, key }) => {
          expect(everyPath(def, key, cell)).toEqual(same({ ok: true, value }));
          expect(schemaAccepts({ [def.name]: cell })).toBe(true);
        },
      ),
      fuzzParams(400),
    );
  });

  it('reads the words for unknown, in any form, as unknown for every fact in every path', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...FACTS),
        fc.constantFrom(...unknownSpellings(DECLARED)).chain(typed),
        (def, cell) => {
          expect(everyPath(def, def.name, cell)).toEqual(same({ ok: true, value: undefined }));
          expect(schemaAccepts({ [def.label.zh]: cell })).toBe(true);
        },
      ),
      fuzzParams(200),
    );
  });

  it('reads a number with any declared unit of its fact, full width or not, converted exactly as declared', () => {
    const cents = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 99 }), fc.boolean());
    fc.assert(
      fc.property(
        fc.constantFrom(...numeric).chain((def) => fc.record({ def: fc.constant(def), unit: fc.constantFrom(...unitSpellings(def)) })),
        cents,
        fc.constantFrom('', ' '),
        fc.boolean(),
        ({ def, unit }, [whole, hundredths, whole_only], space, wide) => {
          const number = whole_only ? String(whole) : `${whole}.${String(hundredths).padStart(2, '0')}`;
          const written = `${number}${space}${unit.spelling}`;
          const cell = wide ? [...written].map(fullWidth).join('') : written;
          // The exact product, by integers: number × 100 × times' digits, then the decimal point put back.
          const [timesWhole, timesFraction = ''] = unit.times.split('.');
          const exact = BigInt(whole_only ? whole * 100 : whole * 100 + hundredths) * BigInt(`${timesWhole}${timesFraction}`);
          const expected = Number(`${exact}e-${2 + timesFraction.length}`) / unit.per;
          const fits = expected >= (def as { min: number }).min && expected <= ((def as { max?: number }).max ?? Infinity) && (def.type !== 'integer' || Number.isInteger(expected));
          const outcome = everyPath(def, def.name, cell);
          if (fits) expect(outcome).toEqual(same({ ok: true, value: expected }));
          else expect(outcome.coerce.ok || outcome.profile.ok || outcome.csv.ok || outcome.set.ok).toBe(false);
          expect(schemaAccepts({ [def.name]: cell })).toBe(true);
        },
      ),
      fuzzParams(400),
    );
  });

  it.each([
    ['degree', '硕士', 'master'],
    ['degree', '硕士研究生', 'master'],
    ['degree', '博士', 'doctorate'],
    ['degree', '博士研究生', 'doctorate'],
    ['degree', '本科', 'bachelor'],
    ['degree', '学士', 'bachelor'],
    ['degree', '大专', 'associate'],
    ['degree', '专科', 'associate'],
    ['employerSize', '小型', 'small'],
    ['employerSize', '微型', 'micro'],
    ['employerSize', '中型', 'medium'],
    ['employerSize', '大型', 'large'],
    ...['是', '对', '有', '√', 'Y', 'y', 'Ｙ'].map((cell) => ['softwareSector', cell, true] as const),
    ...['否', '错', '无', '×', 'N', 'n', 'Ｎ'].map((cell) => ['softwareSector', cell, false] as const),
    ['socialInsuranceMonths', '１２', 12],
    ['socialInsuranceMonths', '6个月', 6],
    ['socialInsuranceMonths', '1年', 12],
    ['contractYears', '1年', 1],
    ['contractYears', '6个月', 0.5],
    ['internRetentionRate', '60%', 0.6],
    ['internRetentionRate', '57％', 0.57],
    ['salaryMultiple', '1.5倍', 1.5],
    ['annualSalary', '60万', 600000],
    ...['不知道', '不清楚', '空'].map((cell) => ['degree', cell, undefined] as const),
  ])('%s %j is %j in a profile (under its zh label too), a CSV cell, --set and the schema', (name, cell, value) => {
    const def = FACT_BY_NAME.get(name)!;
    expect(everyPath(def, def.label.zh, cell)).toEqual(same({ ok: true, value }));
    expect(everyPath(def, def.name, cell)).toEqual(same({ ok: true, value }));
    expect(schemaAccepts({ [def.label.zh]: cell })).toBe(true);
  });

  it.each([
    ['socialInsuranceMonths', '十二', 12],
    ['socialInsuranceMonths', '十二个月', 12],
    ['socialInsuranceMonths', '三十六个月', 36],
    ['socialInsuranceMonths', '二十四', 24],
    ['socialInsuranceMonths', '一百二十', 120],
    ['socialInsuranceMonths', '两年', 24],
    ['socialInsuranceMonths', '十二 个月', 12],
    ['socialInsuranceMonths', '１２个月', 12],
    ['contractYears', '两年', 2],
    ['contractYears', '三十六个月', 3],
    ['contractYears', '六个月', 0.5],
    ['contractYears', '九十九', 99],
    ['yearsSinceGraduation', '十年', 10],
    ['yearsSinceGraduation', '零', 0],
    ['internshipMonths', '三十', 30],
    ['internshipMonths', '一百零五人·月', 105],
    ['annualSalary', '十二万', 120_000],
    ['annualSalary', '一万二千', 12_000],
    ['annualSalary', '五千', 5_000],
    ['annualSalary', '一千零二', 1_002],
    ['annualSalary', '3万', 30_000],
    ['annualSalary', '1.5万', 15_000],
    ['annualSalary', '1.5万元', 15_000],
    ['annualSalary', '十二万元', 120_000],
    ['annualSalary', '两万元', 20_000],
    ['annualSalary', '壹拾贰万元', 120_000],
    // The numeral reads as far as it goes: 一亿零五万 yuan, not 一亿零五 × 万元.
    ['annualSalary', '一亿零五万元', 100_050_000],
    ['annualSalary', '一亿零五万', 100_050_000],
    ['internRetentionRate', '六十%', 0.6],
    ['internRetentionRate', '一', 1],
    ['salaryMultiple', '两倍', 2],
  ])('%s %j in Chinese numerals is %j in a profile, a CSV cell, --set and the schema', (name, cell, value) => {
    const def = FACT_BY_NAME.get(name)!;
    expect(everyPath(def, def.label.zh, cell)).toEqual(same({ ok: true, value }));
    expect(schemaAccepts({ [def.label.zh]: cell })).toBe(true);
  });

  it.each([
    ['socialInsuranceMonths', '十几'],
    ['socialInsuranceMonths', '几个月'],
    ['socialInsuranceMonths', '半年'],
    ['socialInsuranceMonths', '二十五六'],
    ['socialInsuranceMonths', '十十'],
    ['socialInsuranceMonths', '千百'],
    ['socialInsuranceMonths', '一二个月'],
    ['socialInsuranceMonths', '十两个月'],
    ['socialInsuranceMonths', '一年半'],
    ['annualSalary', '一万二'],
    ['annualSalary', '一万二元'],
    ['annualSalary', '三万五'],
    ['annualSalary', '1万2'],
    ['annualSalary', '一千五百万零'],
    ['annualSalary', '九千零七万一千九百九十二亿五千四百七十四万零九百九十二'],
    ['contractYears', '两'.repeat(2)],
    ['contractYears', '六个半月'],
    // A whole number of months in a fact of whole months: 1.5 of 12 months would be 18, 一点五 is not a numeral.
    ['socialInsuranceMonths', '一点五年'],
    ['internRetentionRate', '二'],
  ])('%s %j is refused in every path, saying Chinese numerals are read', (name, cell) => {
    const def = FACT_BY_NAME.get(name)!;
    const outcome = everyPath(def, def.label.zh, cell);
    expect(outcome).toEqual(same({ ok: false, message: `${JSON.stringify(cell)} is not allowed` }));
    expect(throughCoerce(def, cell)).toEqual({ ok: false, message: expect.stringMatching(/^".*" is not allowed; expected an? (whole )?number (≥|from) .*, in digits or Chinese numerals$/) });
  });

  it('says in both languages that a written number may be in digits or Chinese numerals, and not for a value that was not written', () => {
    const months = FACT_BY_NAME.get('socialInsuranceMonths')!;
    expect(coerceFactValue(DECLARED, months, '十几')).toEqual({
      ok: false,
      message: '"十几" is not allowed; expected a whole number ≥ 0, in digits or Chinese numerals',
      zh: '“十几”不是允许的值；应为不小于 0 的整数，阿拉伯数字或中文数字均可',
    });
    expect(throughCsv(months, '十几')).toEqual({ ok: false, message: '"十几" is not allowed; expected a whole number ≥ 0, in digits or Chinese numerals (or with a unit: 个月, 年)' });
    expect(coerceFactValue(DECLARED, months, -3)).toMatchObject({ message: '-3 is not allowed; expected a whole number ≥ 0' });
  });

  it('refuses an ambiguous spelling in every path, naming the values it could mean, in zh and en', () => {
    const degree = FACT_BY_NAME.get('degree')!;
    const refused = { ok: false, message: '"研究生" is ambiguous: it may mean master (硕士) or doctorate (博士); write one of them' };
    expect(throughCoerce(degree, '研究生')).toEqual(refused);
    expect(throughProfile(degree, '学历', ' 研究生 ')).toEqual({ ok: false, message: '" 研究生 " is ambiguous: it may mean master (硕士) or doctorate (博士); write one of them' });
    expect(throughSet(degree, 'degree', '研究生')).toEqual(refused);
    expect(throughCsv(degree, '研究生')).toEqual({ ok: false, message: `${refused.message} (or their labels: 无, 中专/高中, 大专, 本科, 硕士, 博士)` });
    expect(coerceFactValue(DECLARED, degree, '研究生')).toMatchObject({ zh: '“研究生”有歧义：可能是硕士（master）或博士（doctorate），请写明其一' });
    expect(coerceFactValue(DECLARED, FACT_BY_NAME.get('employerSize')!, '小微')).toEqual({
      ok: false,
      message: '"小微" is ambiguous: it may mean micro (微型) or small (小型); write one of them',
      zh: '“小微”有歧义：可能是微型（micro）或小型（small），请写明其一',
    });
    expect(schemaAccepts({ 学历: '研究生' })).toBe(false);
  });

  it('refuses what no declaration gives: a unit of another fact, a unit alone, a number twice over', () => {
    const months = FACT_BY_NAME.get('socialInsuranceMonths')!;
    for (const cell of ['60%', '个月', '6个月个月', '6周', '1.1年', '-1年', '1e3个月', '６ ０']) expect(everyPath(months, '社保月数', cell).coerce.ok, cell).toBe(false);
    expect(throughCoerce(FACT_BY_NAME.get('internRetentionRate')!, '60')).toMatchObject({ ok: false });
  });
});

describe('profile keys', () => {
  it('a fact may be named by its zh or en label, in any case or width, as a CSV header may', () => {
    expect(parseProfile({ 学历: '硕士', 'SOFTWARE SECTOR': '是', 社保月数: '6个月', 见习留用率: '60%' }, DECLARED)).toEqual({
      ok: true,
      value: { degree: 'master', socialInsuranceMonths: 6, softwareSector: true, internRetentionRate: 0.6 },
    });
  });

  it('a fact given under two names is an error naming both, on the later name in declaration order', () => {
    const result = parseProfile({ 学历: '硕士', degree: 'master', disabled: '否' }, DECLARED);
    expect(english(result)).toEqual({ ok: false, problems: [{ path: '学历', message: '"degree" and "学历" both give degree; keep one' }] });
    expect(() => parseSettings(['学历=硕士', 'degree=博士'], DECLARED)).toThrow('"学历" and "degree" both give degree; keep one');
  });

  it('says a fact given twice in Chinese and in English, in a profile and in --set', () => {
    const result = parseProfile({ 学历: '本科', degree: 'bachelor' }, DECLARED);
    const [problem] = result.ok ? [] : result.problems;
    expect(formatProblem(problem!, 'zh')).toBe('学历：“degree”与“学历”是同一事实项（degree）；请只保留一个');
    expect(formatProblem(problem!, 'en')).toBe('学历: "degree" and "学历" both give degree; keep one');
    const thrown = (() => {
      try {
        parseSettings(['学历=本科', 'degree=bachelor'], DECLARED);
      } catch (error) {
        return error as InputError;
      }
      throw new Error('parseSettings took a fact given twice');
    })();
    expect(thrown.problems.map((one) => render(one.message, 'zh'))).toEqual(['“学历”与“degree”是同一事实项（degree）；请只保留一个']);
    expect(thrown.problems.map((one) => formatProblem(one, 'en'))).toEqual(['--set: degree: "学历" and "degree" both give degree; keep one']);
  });
});
