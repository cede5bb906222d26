import { english } from '../support/english.js';
import { describe, expect, it } from 'vitest';
import { coerceFactValue } from '../../src/facts/coerce.js';
import { parseFacts } from '../../src/facts/facts-file.js';
import { factNamed, valueLabel, valueSpellings } from '../../src/facts/facts.js';
import { checkFactsFile } from '../../src/policy/load.js';
import { render } from '../../src/util/messages/index.js';

const label = (en: string) => ({ zh: en, en });
const BOOLEANS = {
  true: { label: { zh: '是', en: 'yes' }, aliases: { en: ['1', 'y'] } },
  false: { label: { zh: '否', en: 'no' }, aliases: { en: ['0', 'n'] } },
};
const file = (facts: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ booleanValues: BOOLEANS, groups: { work: label('Work') }, facts, ...extra });
const level = (extra: Record<string, unknown> = {}) => ({
  type: 'enum',
  label: label('Level'),
  help: label('Level'),
  answeredBy: ['person'],
  values: { none: { label: label('None') }, master: { label: { zh: '硕士', en: 'Master' }, aliases: { zh: ['硕士研究生'] } } },
  ...extra,
});
const problemsOf = (input: unknown) => {
  const result = parseFacts(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${english(p.message)}`);
};
const chineseProblemsOf = (input: unknown) => {
  const result = parseFacts(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}：${render(p.message, 'zh')}`);
};

describe('parseFacts', () => {
  it('takes what an answer implies about other facts, and refuses an implication that cannot hold', () => {
    const member = (implies: unknown) => ({ type: 'boolean', label: label('Member'), help: label('Member'), answeredBy: ['person'], implies });
    const years = { type: 'number', label: label('Years'), help: label('Years'), answeredBy: ['person'], min: 0, max: 40 };
    const ok = parseFacts(file({ member: member({ true: { years: 0, level: 'master' } }), years, level: level() }));
    expect(ok.ok && factNamed(ok.value, 'member')?.implies).toEqual({ true: { years: 0, level: 'master' } });
    expect(problemsOf(file({ member: member({ maybe: { years: 0 }, true: { nope: 1, member: false, years: 41, level: 'phd' } }), years, level: level() }))).toEqual([
      'facts.member.implies.maybe: "maybe" is not a value of member; expected one of true, false',
      'facts.member.implies.true.nope: no such fact',
      'facts.member.implies.true.member: a fact cannot imply itself',
      'facts.member.implies.true.years: 41 is not a value years can hold',
      'facts.member.implies.true.level: "phd" is not a value level can hold',
    ]);
    expect(problemsOf(file({ years: { ...years, implies: { '0': { level: 'none' } } }, level: level() }))).toEqual(['facts.years.implies.0: only a yes/no fact or an enum can imply other facts']);
  });

  it('gives the declaration in file order, with the spellings each value accepts', () => {
    const result = parseFacts(file({ level: level({ changeable: true, group: 'work', mostlyNone: true }), member: { type: 'boolean', label: label('Member'), help: label('Member'), answeredBy: ['person'] } }));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const facts = result.value;
    expect(facts.facts.map((def) => def.name)).toEqual(['level', 'member']);
    expect(factNamed(facts, 'level')).toMatchObject({ type: 'enum', values: ['none', 'master'], changeable: true, group: 'work', mostlyNone: true, valueAliases: { master: { zh: ['硕士研究生'], en: [] } } });
    expect(factNamed(facts, 'member')).toMatchObject({ changeable: false });
    expect(coerceFactValue(facts, factNamed(facts, 'level')!, ' 硕士研究生 ')).toEqual({ ok: true, value: 'master' });
    expect(coerceFactValue(facts, factNamed(facts, 'member')!, 'Y')).toEqual({ ok: true, value: true });
    expect(coerceFactValue(facts, factNamed(facts, 'member')!, '对')).toEqual({ ok: false, message: '"对" is not allowed; expected true or false', zh: '“对”不是允许的值；应为是或否' });
    expect(valueLabel(facts, 'member', false, 'zh')).toBe('否');
    expect(valueSpellings(facts, factNamed(facts, 'member')!)).toEqual([['是', true], ['否', false], ['yes', true], ['no', false], ['1', true], ['y', true], ['0', false], ['n', false]]);
  });

  it('refuses what cannot mean one thing: a spelling of two values, a missing group, an unknown applicant type, mostlyNone without none', () => {
    const clash = level({ values: { none: { label: label('None') }, master: { label: label('Master'), aliases: { en: ['NONE'] } } } });
    expect(problemsOf(file({ level: clash }))).toEqual(['facts.level.values.master: "NONE" already means "none"; a spelling means one thing']);
    expect(problemsOf(file({ level: level({ group: 'hobbies' }) }))).toEqual(['facts.level.group: no group "hobbies"; groups: work']);
    const applicantType = { type: 'enum', label: label('Who'), help: label('Who'), answeredBy: ['person'], values: { person: { label: label('Person') }, employer: { label: label('Employer') } } };
    expect(problemsOf(file({ applicantType, level: level({ answeredBy: ['robot'] }) }))).toEqual(['facts.level.answeredBy: "robot" is not an applicant type; expected one of person, employer']);
    expect(problemsOf(file({ level: level({ mostlyNone: true, values: { a: { label: label('A') }, b: { label: label('B') } } }) }))).toEqual(['facts.level.mostlyNone: mostlyNone needs a value named none']);
    expect(problemsOf(file({ months: { type: 'integer', label: label('M'), help: label('M'), answeredBy: ['person'], min: 5, max: 1 } }))).toEqual(['facts.months.max: max 1 is below min 5']);
    expect(problemsOf(file({ level: level() }, { extra: 1 }))).toEqual(['extra: unknown key']);
  });

  it('locates each problem of a facts.yaml on its line', () => {
    const text = 'booleanValues:\n  true: {label: {zh: 是, en: "yes"}}\n  false: {label: {zh: 否, en: "no"}}\ngroups: {}\nfacts:\n  level:\n    type: number\n    label: {zh: L, en: L}\n    help: {zh: L, en: L}\n    answeredBy: [person]\n';
    expect(english(checkFactsFile({ file: 'facts.yaml', text }).problems)).toEqual([{ file: 'facts.yaml', line: 7, path: 'facts.level.min', message: expect.stringContaining('expected number') }]);
  });

  it('refuses a spelling two things claim, compared as cells are read (width, case, spaces), and a bad ambiguity or unit', () => {
    const wide = level({ values: { none: { label: label('None') }, master: { label: label('Master'), aliases: { en: ['\u3000ＮｏＮＥ '] } } } });
    expect(problemsOf(file({ level: wide }))).toEqual(['facts.level.values.master: "ＮｏＮＥ" already means "none"; a spelling means one thing']);
    expect(problemsOf(file({ level: level({ ambiguous: { 硕士: ['none', 'master'] } }) }))).toEqual(['facts.level.ambiguous: "硕士" already means "master"; a spelling means one thing']);
    expect(problemsOf(file({ level: level({ ambiguous: { 研究生: ['master', 'doctorate'] } }) }))).toEqual(['facts.level.ambiguous.研究生: "doctorate" is not a value of level; expected one of none, master']);
    expect(problemsOf(file({ level: level({ ambiguous: { 研究生: ['master'] } }) }))[0]).toMatch(/^facts\.level\.ambiguous\.研究生: /);
    expect(problemsOf(file({ level: level() }, { unknownValues: { zh: ['不知道', '无'] } }))).toEqual([]);
    expect(problemsOf(file({ level: level() }, { unknownValues: { zh: ['不知道', '硕士'] } }))).toEqual(['facts.level.values.master: "硕士" already means unknown (unknownValues); a spelling means one thing']);
    expect(problemsOf(file({ level: level() }, { unknownValues: { en: ['YES'] } }))).toEqual(['booleanValues.true: "yes" already means unknown (unknownValues); a spelling means one thing']);
    const months = (units: Record<string, unknown>) => ({ months: { type: 'integer', label: label('Months'), help: label('M'), answeredBy: ['person'], min: 0, unit: { zh: '个月', en: 'months' }, units } });
    expect(problemsOf(file(months({ 年: 12, year: 12, 'Months ': 1 })))).toEqual([]);
    expect(problemsOf(file(months({ MONTHS: 12 })))).toEqual(['facts.months.units.MONTHS: "MONTHS" already means the unit ×1; a spelling means one thing']);
    expect(problemsOf(file(months({ 年: 1e-7 })))).toEqual(['facts.months.units.年: 1e-7 is not a plain decimal; write it like 0.01 or 12, or as a fraction like 1/12']);
    expect(problemsOf(file(months({ '2年': 24 })))).toEqual(['facts.months.units.2年: a unit has no digits, points or commas: it is written after the number']);
    expect(problemsOf(file(months({ 年: '12/0' })))[0]).toMatch(/^facts\.months\.units\.年: expected a number or a fraction like 1\/12/);
    const other = { type: 'boolean', label: { zh: 'Level', en: 'Other' }, help: label('O'), answeredBy: ['person'] };
    expect(problemsOf(file({ level: level(), other }))).toEqual(['facts.other.label: "Level" already means the fact level; a spelling means one thing']);
  });

  it('says each meaning problem in Chinese, lists joined with 、', () => {
    const years = { type: 'number', label: label('Years'), help: label('Years'), answeredBy: ['person'], min: 0, max: 40 };
    const member = { type: 'boolean', label: label('Member'), help: label('Member'), answeredBy: ['person'], implies: { maybe: { years: 0 }, true: { nope: 1, member: false, years: 41, level: 'phd' } } };
    expect(chineseProblemsOf(file({ member, years: { ...years, implies: { '0': { level: 'none' } } }, level: level() }))).toEqual([
      'facts.member.implies.maybe：“maybe”不是 member 的取值；应为以下之一：true、false',
      'facts.member.implies.true.nope：没有这个事实项',
      'facts.member.implies.true.member：事实项不能推出其自身',
      'facts.member.implies.true.years：41 不是 years 可取的值',
      'facts.member.implies.true.level：“phd” 不是 level 可取的值',
      'facts.years.implies.0：只有是否类或枚举类事实项可以推出其他事实项',
    ]);
    const applicantType = { type: 'enum', label: label('Who'), help: label('Who'), answeredBy: ['person'], values: { person: { label: label('Person') }, employer: { label: label('Employer') } } };
    expect(chineseProblemsOf(file({ applicantType, level: level({ answeredBy: ['robot'], group: 'hobbies', ambiguous: { 研究生: ['master', 'doctorate'] } }) }, { groups: { work: label('Work'), home: label('Home') } }))).toEqual([
      'facts.level.group：没有名为“hobbies”的分组；已有分组：work、home',
      'facts.level.answeredBy：“robot”不是申请人类型；应为以下之一：person、employer',
      'facts.level.ambiguous.研究生：“doctorate”不是 level 的取值；应为以下之一：none、master',
    ]);
    expect(chineseProblemsOf(file({ level: level({ mostlyNone: true, values: { a: { label: label('A') } } }) }))).toEqual(['facts.level.values：枚举类事实项至少需要两个取值', 'facts.level.mostlyNone：mostlyNone 需要一个名为 none 的取值']);
    const months = (units: Record<string, unknown>, range: Record<string, number> = { min: 0 }) => ({ months: { type: 'integer', label: label('Months'), help: label('M'), answeredBy: ['person'], ...range, unit: { zh: '个月', en: 'months' }, units } });
    expect(chineseProblemsOf(file(months({ 年: 1e-7, '2年': 24, MONTHS: 12, 月: '1/1' }, { min: 5, max: 1 })))).toEqual([
      'facts.months.max：最大值 1 小于最小值 5',
      'facts.months.units.年：1e-7 不是普通小数；请写成 0.01、12 这样的数，或 1/12 这样的分数',
      'facts.months.units.2年：单位中不能有数字、小数点或逗号：单位写在数字之后',
      'facts.months.units.MONTHS：“MONTHS”已表示单位 ×1；一种写法只能表示一种含义',
    ]);
    expect(chineseProblemsOf(file(months({ 年: '12/0' })))[0]).toBe('facts.months.units.年：应为数或 1/12 这样的分数');
    // The schema's own words: a key that is not a fact name, a type that is none of the four.
    expect(chineseProblemsOf(file({ Level_2: level() }))).toEqual(['facts.Level_2：应为驼峰式事实项名称，如 socialInsuranceMonths']);
    expect(problemsOf(file({ Level_2: level() }))).toEqual(['facts.Level_2: expected a camelCase fact name, e.g. socialInsuranceMonths']);
    expect(chineseProblemsOf(file({ level: level({ type: 'text' }) }))).toEqual(['facts.level.type：type 应为以下之一：boolean、enum、number、integer']);
  });

  it('says in Chinese what a spelling already means: a value, yes or no, unknown, a fact, an ambiguity, a unit', () => {
    const clash = level({ values: { none: { label: label('None') }, master: { label: label('Master'), aliases: { en: ['NONE'] } } } });
    expect(chineseProblemsOf(file({ level: clash }))).toEqual(['facts.level.values.master：“NONE”已表示取值“none”；一种写法只能表示一种含义']);
    expect(chineseProblemsOf(file({ level: level() }, { unknownValues: { en: ['YES'] } }))).toEqual(['booleanValues.true：“yes”已表示“未知”（unknownValues）；一种写法只能表示一种含义']);
    expect(chineseProblemsOf(file({ level: level() }, { booleanValues: { ...BOOLEANS, false: { label: { zh: '否', en: 'no' }, aliases: { en: ['y'] } } } }))).toEqual(['booleanValues.false：“y”已表示取值 true；一种写法只能表示一种含义']);
    const other = { type: 'boolean', label: { zh: 'Level', en: 'Other' }, help: label('O'), answeredBy: ['person'] };
    expect(chineseProblemsOf(file({ level: level(), other }))).toEqual(['facts.other.label：“Level”已表示事实项 level；一种写法只能表示一种含义']);
    const ambiguous = level({ values: { none: { label: label('None') }, master: { label: label('Master') }, doctorate: { label: label('Doctorate') } }, ambiguous: { pg: ['master', 'doctorate'], ＰＧ: ['none', 'master'] } });
    expect(chineseProblemsOf(file({ level: ambiguous }))).toEqual(['facts.level.ambiguous：“ＰＧ”已表示master、doctorate 之一（有歧义的写法）；一种写法只能表示一种含义']);
    expect(problemsOf(file({ level: ambiguous }))).toEqual(['facts.level.ambiguous: "ＰＧ" already means one of master, doctorate (ambiguous); a spelling means one thing']);
  });

  it('reads units as declared: a factor or a fraction, and the unit itself at factor 1', () => {
    const result = parseFacts(file({ years: { type: 'number', label: label('Years'), help: label('Y'), answeredBy: ['person'], min: 0, unit: { zh: '年', en: 'years' }, units: { 个月: '1/12', '%': 0.01 } } }, { unknownValues: { zh: ['不知道'] } }));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const years = factNamed(result.value, 'years')!;
    expect(years).toMatchObject({ units: [{ spelling: '个月', times: '1', per: 12 }, { spelling: '%', times: '0.01', per: 1 }] });
    expect(['18个月', '1.5 YEARS', '1.5年', '150%', '１８ 个月'].map((cell) => coerceFactValue(result.value, years, cell))).toEqual(Array(5).fill({ ok: true, value: 1.5 }));
    expect(coerceFactValue(result.value, years, ' 不知道 ')).toEqual({ ok: true, value: undefined });
    expect(result.value.unknownValues).toEqual({ zh: ['不知道'], en: [] });
  });
});
