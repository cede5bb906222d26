// Done-when test of issue 14: with --lang zh no English sentence reaches the screen, from any command, error or help.
// Every command and its main error paths run in-process with --lang zh; what they print (help, reports, errors,
// notices) must hold no run of three or more ASCII words once ids, fact and value names, file paths, flags and code
// are set aside. The English counterpart checks that --lang en prints no Chinese outside quotes and policy labels.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../dist/util/messages/index.js';
import { ROOT, runCli, scratch } from './run-cli.js';
import { bundledPolicies } from '../support/bundled-policies.js';

const { dir, write } = scratch('subsidy-zh-');
const PROFILE = 'fixtures/profiles/graduate-five-months.yaml';
const AS_OF = ['--as-of', '2024-06-30'];

/** Words that are names, not English: fact names, value names, operator names, ids, formats and the like. */
let names: Set<string>;

beforeAll(async () => {
  const set = await bundledPolicies();
  names = new Set<string>();
  for (const fact of set.facts.facts) {
    names.add(fact.name.toLowerCase());
    if (fact.type === 'enum') for (const value of fact.values) for (const part of value.split('-')) names.add(part.toLowerCase());
  }
  for (const word of ['true', 'false', 'null', 'yes', 'no', 'csv', 'ndjson', 'long', 'wide', 'json', 'html', 'markdown', 'table', 'yaml', 'gbk', 'utf', 'bom', 'duckdb', 'postgres', 'spark', 'sql', 'pretty', 'junit', 'id', 'subsidy']) {
    names.add(word);
  }
  const head = join(dir, 'head');
  cpSync(join(ROOT, 'policies'), head, { recursive: true });
  const file = join(head, 'measures/14-hiring-subsidies.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('- { fact: socialInsuranceMonths, gte: 6 }', '- { fact: socialInsuranceMonths, gte: 3 }'));
  // A policy folder with a mistake of each kind lint reports: schema, facts, operators, quotes, ids.
  const broken = join(dir, 'broken');
  cpSync(join(ROOT, 'policies'), broken, { recursive: true });
  const measure = join(broken, 'measures/14-hiring-subsidies.yaml');
  const text = readFileSync(measure, 'utf8')
    .replace('- { fact: socialInsuranceMonths, gte: 6 }', '- { fact: socialInsuranceMonth, gte: 6, lte: 12 }')
    .replace('amount: { kind: fixed, cny: 2000, unit: person }', 'amount: { kind: fixed, cny: "2000", unit: person, extra: 1 }');
  writeFileSync(measure, text.replace(/quote: (.*)/, 'quote: 不在原文中的引文'));
  const document = join(broken, 'measures/16-internships.yaml');
  writeFileSync(document, readFileSync(document, 'utf8').replace(/- id: m16-([a-z-]+)/, '- id: m15-$1').replace(/gte: 0\.5/, 'gte: 1.5'));
  const factsFile = join(broken, 'facts.yaml');
  writeFileSync(join(dir, 'broken-facts.yaml'), readFileSync(factsFile, 'utf8'));
  // A policy folder whose facts.yaml means what it cannot: each of the meaning checks lint reports on facts.yaml.
  const badFacts = join(dir, 'bad-facts');
  cpSync(join(ROOT, 'policies'), badFacts, { recursive: true });
  const facts = join(badFacts, 'facts.yaml');
  const replacements: [string, string][] = [
    // A spelling of two values: 本科 is bachelor's label.
    ['master: {label: {zh: 硕士, en: Master}, aliases: {zh: [硕士研究生]}}', 'master: {label: {zh: 硕士, en: Master}, aliases: {zh: [硕士研究生, 本科]}}'],
    // An implication from no value of the fact, to a value the other fact cannot hold; one no fact; one the fact itself.
    ['  title:\n    type: enum\n', '  title:\n    type: enum\n    implies: {maybe: {degree: phd, nope: 1, title: none}}\n'],
    // An applicant type that does not exist.
    ['    answeredBy: [person, employer, district]\n    changeable: true\n', '    answeredBy: [person, robot, district]\n    changeable: true\n'],
    // An enum with one value, and mostlyNone without none.
    ['    ambiguous: {小微: [micro, small], 小微企业: [micro, small]}\n', '    mostlyNone: true\n'],
    ['      small: {label: {zh: 小型, en: Small}, aliases: {zh: [小型企业]}}\n      medium: {label: {zh: 中型, en: Medium}, aliases: {zh: [中型企业]}}\n      large: {label: {zh: 大型, en: Large}, aliases: {zh: [大型企业]}}\n', ''],
    // A group that does not exist, an ambiguous spelling naming no value, max below min, a bad unit factor and unit spelling.
    ['    ambiguous: {研究生: [master, doctorate]}\n', '    ambiguous: {研究生: [master, phd]}\n    group: hobbies\n'],
    ['    min: 0\n    unit: {zh: 倍, en: "×"}\n    units: {x: 1, times: 1}\n', '    min: 5\n    max: 1\n    unit: {zh: 倍, en: "×"}\n    units: {x: 1, times: 0.0000001, 2x: 2, 倍: 3}\n'],
  ];
  let factsText = readFileSync(facts, 'utf8');
  for (const [from, to] of replacements) {
    if (!factsText.includes(from)) throw new Error(`facts.yaml has no ${from}`);
    factsText = factsText.replace(from, to);
  }
  writeFileSync(facts, factsText);
});

/** What a person reads once the names and code are set aside: the sentences, with their words. */
function prose(text: string): string {
  return text
    .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
    .replace(/“[^”\n]*”|"[^"\n]*"|'[^'\n]*'|`[^`\n]*`/g, ' ') // quoted: values, commands, code
    .replace(/\$ subsidy[^\n]*/g, ' ') // example command lines
    .replace(/#[^\n]*/g, ' ') // YAML comments in examples
    .replace(/\{[^{}\n]*\}/g, ' ') // JSON and YAML examples
    .replace(/<[^<>\n]*>|\[[^[\]\n]*\]/g, ' ') // usage placeholders
    .replace(/(^|\s)--?[A-Za-z][\w-]*(=\S*)?/g, ' ') // flags
    .replace(/[\w.~-]*[/\\][\w./\\~:-]*/g, ' ') // file paths
    .replace(/\b[\w-]+\.(ya?ml|json|csv|txt|sql|html|md|xml)\b/g, ' ') // file names
    .replace(/\bm\d{2}-[a-z0-9-]+/g, ' ') // item ids
    .replace(/\b[a-z]+[A-Z]\w*/g, ' ') // camelCase: fact names
    .replace(/\b[a-z0-9]+(-[a-z0-9]+)+\b/g, ' '); // kebab-case: values, parameters, kinds
}

/** Runs of three or more ASCII words in the prose that are not all names. */
function englishRuns(text: string): string[] {
  const runs = prose(text).match(/[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z][A-Za-z'’]*){2,}/g) ?? [];
  return runs.filter((run) => run.split(/\s+/).some((word) => !names.has(word.toLowerCase())));
}

interface Case {
  args: string[];
  input?: string;
  /** The output is data or code (SQL, JSON, CSV rows): only stderr is read. */
  dataOut?: boolean;
  /** Lines "✓ name" name regression cases as their files do (data, like ids): the name is not read. */
  caseNames?: boolean;
}

const file = (name: string, text: string) => () => write(name, text);

const CASES: Record<string, () => Case> = {
  // Help, for the program and every command.
  'help': () => ({ args: ['--help'] }),
  ...Object.fromEntries(
    ['check', 'batch', 'explain', 'list', 'lint', 'facts', 'readings', 'ask', 'test', 'diff', 'schema', 'sql', 'config'].map((command) => [`${command} --help`, () => ({ args: [command, '--help'] })]),
  ),
  'help check': () => ({ args: ['help', 'check'] }),
  'no command': () => ({ args: [] }),
  // Every command at work.
  'check': () => ({ args: ['check', '--profile', PROFILE, ...AS_OF] }),
  'check --all --what-if': () => ({ args: ['check', '--profile', PROFILE, '--all', '--what-if', ...AS_OF] }),
  'check --set': () => ({ args: ['check', '--profile', PROFILE, '--set', 'socialInsuranceMonths=6', ...AS_OF] }),
  'check --format markdown': () => ({ args: ['check', '--profile', PROFILE, '--format', 'markdown', ...AS_OF] }),
  'check past the plan period': () => ({ args: ['check', '--profile', PROFILE, '--as-of', '2026-06-30'] }),
  'explain': () => ({ args: ['explain', 'm14-graduate-hiring-subsidy', '--profile', PROFILE, ...AS_OF] }),
  'explain eligible': () => ({ args: ['explain', 'm14-graduate-hiring-subsidy', '--profile', 'fixtures/profiles/graduate-small-firm.yaml', ...AS_OF] }),
  'list': () => ({ args: ['list'] }),
  'config': () => ({ args: ['config'] }),
  'facts': () => ({ args: ['facts'] }),
  'lint': () => ({ args: ['lint'] }),
  'test': () => ({ args: ['test'], caseNames: true }),
  'test --coverage': () => ({ args: ['test', '--coverage'], caseNames: true }),
  'test, failing': () => ({ args: ['test', file('failing.yaml', '- name: 失败的用例\n  asOf: 2024-06-30\n  profile: {applicantType: employer, softwareSector: true, employerSize: small, graduateOfCurrentYear: true, contractYears: 2, socialInsuranceMonths: 5}\n  expect: {eligible: [m14-graduate-hiring-subsidy], estimates: {m14-graduate-hiring-subsidy: 3000}}\n')()] }),
  'batch': () => ({ args: ['batch', 'fixtures/batch/bad-rows.csv', ...AS_OF], dataOut: true }),
  'batch gbk': () => ({ args: ['batch', 'fixtures/batch/applicants-gbk.csv', ...AS_OF], dataOut: true }),
  'diff': () => ({ args: ['diff', '--base', 'policies', '--head', join(dir, 'head')] }),
  'diff --population': () => ({ args: ['diff', '--base', 'policies', '--head', join(dir, 'head'), '--population', 'fixtures/population/sample.csv', ...AS_OF] }),
  'diff, no change': () => ({ args: ['diff', '--base', 'policies', '--head', 'policies'] }),
  'schema': () => ({ args: ['schema', 'profile'], dataOut: true }),
  'sql': () => ({ args: ['sql', '--dialect', 'duckdb', ...AS_OF], dataOut: true }),
  // Errors: flags, files, values.
  'unknown command': () => ({ args: ['chek'] }),
  'unknown option': () => ({ args: ['check', '--profle', PROFILE] }),
  'bad choice': () => ({ args: ['check', '--format', 'pdf'] }),
  'missing argument': () => ({ args: ['explain'] }),
  'too many arguments': () => ({ args: ['list', 'extra'] }),
  'option argument missing': () => ({ args: ['check', '--profile'] }),
  'mandatory option': () => ({ args: ['sql'] }),
  'conflicting options': () => ({ args: ['batch', 'fixtures/batch/bad-rows.csv', '--single-thread', '--reader-thread'] }),
  'check without profile': () => ({ args: ['check'] }),
  'ask without terminal': () => ({ args: ['ask'] }),
  'explain without profile': () => ({ args: ['explain', 'm14-graduate-hiring-subsidy'] }),
  'unknown item': () => ({ args: ['explain', 'm14-graduate-hiring', '--profile', PROFILE] }),
  'no such profile': () => ({ args: ['check', '--profile', 'nope.yaml'] }),
  'bad profile': () => ({ args: ['check', '--profile', file('bad.yaml', 'degree: PhD\nsocialInsuranceMonth: 6\ntitle: [senior\n')()] }),
  'profile typos': () => ({ args: ['check', '--profile', 'fixtures/invalid/profile-typos.yaml'] }),
  'profile not yaml': () => ({ args: ['check', '--profile', file('broken.yaml', 'a: [1,\n  b: }\n')()] }),
  'profile duplicate key': () => ({ args: ['check', '--profile', file('twice.yaml', 'degree: master\ndegree: doctorate\n')()] }),
  'bad --as-of': () => ({ args: ['check', '--profile', PROFILE, '--as-of', '2024-02-30'] }),
  'bad --set': () => ({ args: ['check', '--profile', PROFILE, '--set', 'socialInsuranceMonth=6', '--set', 'degree=PhD', '--set', 'x'] }),
  'bad --set numeral': () => ({ args: ['check', '--profile', PROFILE, '--set', 'socialInsuranceMonths=十几', '--set', '年薪=一万二'] }),
  'batch numerals': () => ({ args: ['batch', file('numerals.csv', '编号,社保月数,年薪\nA1,十几个月,一万二\nA2,十二个月,十二万\n')(), ...AS_OF], dataOut: true }),
  'bad --param': () => ({ args: ['check', '--profile', PROFILE, '--param', 'nope=1', '--param', 'm03-district-housing-subsidy=lots'] }),
  'param not a pair': () => ({ args: ['check', '--profile', PROFILE, '--param', 'nope'] }),
  'two formats': () => ({ args: ['check', '--profile', PROFILE, '--json', '--format', 'html'] }),
  'out is the input': () => ({ args: ['check', '--profile', PROFILE, '--out', PROFILE] }),
  'out is a folder': () => ({ args: ['check', '--profile', PROFILE, '--out', 'fixtures'] }),
  'out in no folder': () => ({ args: ['check', '--profile', PROFILE, '--out', 'no/such/folder/x.txt'] }),
  'batch no such file': () => ({ args: ['batch', 'nope.csv'] }),
  'batch header': () => ({ args: ['batch', file('header.csv', 'name,age of applicant\nA,3\n')()] }),
  'batch empty': () => ({ args: ['batch', file('empty.csv', '')()] }),
  'batch unknown columns': () => ({ args: ['batch', file('cols.csv', 'id,degre,备注,学历\nA,x,y,硕士\n')(), ...AS_OF], dataOut: true }),
  'lint broken folder': () => ({ args: ['lint', '--policies', 'fixtures'] }),
  'lint broken policies': () => ({ args: ['lint', '--policies', join(dir, 'broken')] }),
  'lint broken policies --json': () => ({ args: ['lint', '--json', '--policies', join(dir, 'broken')] }),
  'lint bad facts': () => ({ args: ['lint', '--policies', join(dir, 'bad-facts')] }),
  'check bad profile: a fact twice': () => ({ args: ['check', '--profile', file('twice-fact.yaml', '学历: 本科\ndegree: bachelor\n')()] }),
  'check bad --set: a fact twice': () => ({ args: ['check', '--profile', PROFILE, '--set', '学历=本科', '--set', 'degree=bachelor'] }),
  'check on broken policies': () => ({ args: ['check', '--profile', PROFILE, '--policies', join(dir, 'broken'), '--no-cache'] }),
  'test no such cases': () => ({ args: ['test', 'nope'] }),
  'test bad case file': () => ({ args: ['test', file('cases.yaml', '- name: x\n  asOf: 2024-13-01\n  profile: {degre: master}\n  expect: {eligible: [m14-nope], elig: []}\n')()] }),
  'diff without base': () => ({ args: ['diff'] }),
  'diff bad limit': () => ({ args: ['diff', '--base', 'policies', '--limit', 'x'] }),
  'diff bad base': () => ({ args: ['diff', '--base', 'no-such-revision-xyz'] }),
  'sql bad columns': () => ({ args: ['sql', '--dialect', 'duckdb', '--columns', 'degre'] }),
  'sql bad table': () => ({ args: ['sql', '--dialect', 'duckdb', '--table', 'a;b'] }),
  'schema bad kind': () => ({ args: ['schema', 'nope'] }),
  // Readings and workbooks.
  'readings': () => ({ args: ['readings'] }),
  'check --reading': () => ({ args: ['check', '--profile', PROFILE, '--reading', 'm14-6000-employer-size=small-medium-micro', ...AS_OF] }),
  'bad --reading': () => ({ args: ['check', '--profile', PROFILE, '--reading', 'm14-6000-employer-siz=x', '--reading', 'm14-6000-employer-size=smal', '--reading', 'nope'] }),
  'diff --reading': () => ({ args: ['diff', '--reading', 'm14-6000-employer-size=small-medium-micro', '--population', 'fixtures/population/sample.csv', ...AS_OF] }),
  'batch xlsx': () => ({ args: ['batch', 'fixtures/batch/applicants.xlsx', ...AS_OF], dataOut: true }),
  'batch xlsx unknown sheet': () => ({ args: ['batch', 'fixtures/batch/applicants.xlsx', '--sheet', 'nope'] }),
  'batch --sheet on CSV': () => ({ args: ['batch', 'fixtures/batch/bad-rows.csv', '--sheet', 'x'] }),
  'batch not a workbook': () => ({ args: ['batch', file('fake.xlsx', 'not a zip')()] }),
  'batch text format into xlsx': () => ({ args: ['batch', 'fixtures/batch/bad-rows.csv', '--format', 'ndjson', '--out', join(dir, 'r.xlsx')] }),
  'batch --errors xlsx': () => ({ args: ['batch', 'fixtures/batch/bad-rows.csv', '--errors', join(dir, 'e.xlsx')] }),
};

describe('--lang zh: no English sentence reaches the screen', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const { args, input, dataOut, caseNames } = CASES[name]!();
    const run = await runCli([...args, '--lang', 'zh'], { input });
    expect(run.code, run.stderr).not.toBeNull();
    const stdout = caseNames ? run.stdout.replace(/^(\s+✓) .*$/gm, '$1') : run.stdout;
    const shown = dataOut ? run.stderr : `${stdout}\n${run.stderr}`;
    expect(englishRuns(shown), shown).toEqual([]);
  });

  it('is caught: the check finds an English sentence, and passes names, paths, flags and code', () => {
    expect(englishRuns('subsidy: the file is empty')).toEqual(['the file is empty']);
    expect(englishRuns('见 "subsidy facts for the list"；m14-graduate-hiring-subsidy socialInsuranceMonths --as-of fixtures/profiles/a.yaml')).toEqual([]);
  });
});

/** Chinese in English output where it would be a bug: outside quotes, the document numbers and the examples of headers. */
function strayChinese(text: string): string[] {
  const rest = text
    .replace(/“[^”\n]*”|"[^"\n]*"|'[^'\n]*'|`[^`\n]*`/g, ' ')
    .replace(/渝人社发〔2022〕60号|渝府办〔2022〕21号/g, ' ')
    .replace(/学历|社保月数|编号|硕士|备注/g, ' ')
    .replace(/[\w.~-]*[/\\][^\s:]*/g, ' ');
  return rest.match(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+/g) ?? [];
}

const ERROR_CASES = Object.keys(CASES).filter((name) => !/help|^check|^explain|^list|^facts|^test$|^test --|^diff$|^diff --|^diff,|^lint$|^batch$|^batch numerals|^batch gbk|^batch xlsx$|^readings$|^schema$|^sql$/.test(name) || /without|bad|unknown|no such|two formats|out |mandatory|missing|too many|broken/.test(name));

describe('--lang en: errors hold no stray Chinese', () => {
  it.each(ERROR_CASES)('%s', async (name) => {
    const { args, input } = CASES[name]!();
    const run = await runCli([...args, '--lang', 'en'], { input });
    expect(strayChinese(run.stderr), run.stderr).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('find stray Chinese in English, and pass quotes and document numbers', () => {
    expect(strayChinese('subsidy: nope.yaml: 无法读取')).toEqual(['无法读取']);
    expect(strayChinese('as of 渝人社发〔2022〕60号: "学历" or “硕士”')).toEqual([]);
  });
});

describe('the catalogue', () => {
  it('has every message in Chinese and in English, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    const entries = Object.entries(MESSAGES as Record<string, { zh?: string; en?: string }>);
    expect(entries.length).toBeGreaterThan(300);
    for (const [id, text] of entries) {
      expect(typeof text.zh === 'string' && typeof text.en === 'string', id).toBe(true);
      expect(text.en!.trim().length > 0 || text.zh!.trim().length === 0, id).toBe(true);
      // Chinese is Chinese: every message with words has a Chinese character (a few are pure layout or code).
      if (/[A-Za-z]{3}/.test(text.en!.replace(/\{\w+\}/g, ''))) expect(text.zh, id).toMatch(/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/);
      // The same placeholders in both, but for English-only words (plurals) and the system's own text of an error.
      const englishOnly = ['expectations', 'fileWord', 'argumentWord', 'caseWord', 'applicantWord', 'rowWord', 'detail'];
      if (id !== 'os.other') expect(placeholders(text.zh!), id).toEqual(placeholders(text.en!).filter((name) => !englishOnly.includes(name!) || text.zh!.includes(`{${name}}`)));
    }
  });
});
