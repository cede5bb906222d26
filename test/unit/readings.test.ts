import { describe, expect, it } from 'vitest';
import { loadCases } from '../../src/cases/load-cases.js';
import { classify, compilePolicy } from '../../src/engine/evaluate.js';
import { checkPolicyFiles, type PolicyFiles } from '../../src/policy/load.js';
import { parseReadings } from '../../src/policy/readings-file.js';
import { diffCondition } from '../../src/policy/diff.js';
import { describeCondition } from '../../src/policy/condition-words.js';
import { formatProblem } from '../../src/util/problems.js';
import { DOCUMENT_YAML, grantMeasure } from './small-policy.js';
import { DECLARED } from '../support/facts.js';
import { bundledPolicies } from '../support/bundled-policies.js';

const readingsYaml = (options = 'or: { label: { zh: 或, en: or } }\n      and: { label: { zh: 且, en: and } }', defaultOption = 'or') => `readings:
  m01-both:
    measure: 1
    clause: 硕士及博士
    question: { zh: 是否两者都要？, en: Both? }
    options:
      ${options}
    default: ${defaultOption}
    rationale: { zh: 及是列举, en: 及 lists }
`;

const measureYaml = (when: string) => grantMeasure(` ${when}`, '给予2000元');

const BOTH = `{ any: [{ all: [{ reading: m01-both, is: or }, { any: [{ fact: degree, equals: master }, { fact: postdoc, equals: completed }] }] }, { all: [{ reading: m01-both, is: and }, { fact: degree, equals: master }, { fact: postdoc, equals: completed }] }] }`;

function files(when: string, readings: string | null = readingsYaml()): PolicyFiles {
  return {
    document: { file: 'document.yaml', text: DOCUMENT_YAML },
    readings: readings === null ? null : { file: 'readings.yaml', text: readings },
    measures: [{ file: 'm.yaml', text: measureYaml(when) }],
    sourceText: '对硕士及博士给予2000元/人',
  };
}

const problemsOf = (input: PolicyFiles) => checkPolicyFiles(input).problems.map((problem) => formatProblem(problem, 'en'));

describe('parseReadings', () => {
  it('reads each reading with its options in order, its default and rationale', () => {
    const parsed = parseReadings({
      readings: { 'm01-x': { measure: 1, clause: 'c', question: { zh: '问', en: 'q' }, options: { b: { label: { zh: '乙', en: 'B' } }, a: { label: { zh: '甲', en: 'A' } } }, default: 'a', rationale: { zh: '因', en: 'r' } } },
    });
    expect(parsed).toEqual({
      ok: true,
      value: [{ id: 'm01-x', measure: 1, clause: 'c', question: { zh: '问', en: 'q' }, options: [{ id: 'b', label: { zh: '乙', en: 'B' } }, { id: 'a', label: { zh: '甲', en: 'A' } }], default: 'a', rationale: { zh: '因', en: 'r' } }],
    });
  });

  it('refuses a default that is not an option, and a reading of one option, each on its line', () => {
    expect(problemsOf(files(BOTH, readingsYaml(undefined, 'either')))).toEqual(['readings.yaml:9: readings.m01-both.default: "either" is not one of its options: or, and']);
    expect(problemsOf(files(BOTH, readingsYaml('or: { label: { zh: 或, en: or } }')))).toEqual(['readings.yaml:7: readings.m01-both.options: a reading has two or more options']);
  });

  it('says what is wrong with readings.yaml in Chinese: the default, the options, the ids, the measure', () => {
    const chinese = (input: PolicyFiles) => checkPolicyFiles(input).problems.map((problem) => formatProblem(problem, 'zh'));
    expect(chinese(files(BOTH, readingsYaml(undefined, 'either')))).toEqual(['readings.yaml:9：readings.m01-both.default：“either”不是它的选项；其选项：or、and']);
    expect(chinese(files(BOTH, readingsYaml('or: { label: { zh: 或, en: or } }')))).toEqual(['readings.yaml:7：readings.m01-both.options：一项解读至少要有两个选项']);
    expect(chinese(files(BOTH, readingsYaml().replace('m01-both:', 'M01_both:')))).toEqual(['readings.yaml:3：readings.M01_both：应为短横线连接的解读编号，如 m14-6000-employer-size']);
    const badOption = readingsYaml('Or: { label: { zh: 或, en: or } }\n      and: { label: { zh: 且, en: and } }', 'and').replace('measure: 1', 'measure: 5000');
    expect(chinese(files(BOTH, badOption))).toEqual(['readings.yaml:3：readings.m01-both.measure：最大为 1000', 'readings.yaml:7：readings.m01-both.options.Or：应为短横线连接的选项编号，如 any-size']);
    expect(problemsOf(files(BOTH, badOption))).toEqual(['readings.yaml:3: readings.m01-both.measure: at most 1000', 'readings.yaml:7: readings.m01-both.options.Or: expected a kebab-case option id, e.g. any-size']);
    expect(problemsOf(files('{ reading: m01-both, is: Or }'))).toEqual(['m.yaml:10: items.0.when.is: expected a kebab-case option id, e.g. any-size']);
    expect(chinese(files('{ reading: m01-both, is: Or }'))).toEqual(['m.yaml:10：items.0.when.is：应为短横线连接的选项编号，如 any-size']);
  });
});

describe('lint of readings', () => {
  it('accepts a reading tested by a condition whose options both matter', () => {
    expect(problemsOf(files(BOTH))).toEqual([]);
  });

  it('names a reading or an option a condition tests that is not declared, with the nearest one', () => {
    expect(problemsOf(files(BOTH.replace('m01-both, is: and', 'm01-bth, is: and')))).toEqual([
      'm.yaml:10: items.0.when.any.1.all.0: reading "m01-bth" is not declared in readings.yaml; did you mean "m01-both"?',
    ]);
    expect(problemsOf(files(BOTH.replace('is: and', 'is: an')))).toEqual([
      'm.yaml:10: items.0.when.any.1.all.0: reading "m01-both" has no option "an"; did you mean "and"?; its options: or, and',
    ]);
  });

  it('finds a reading no condition tests', () => {
    expect(problemsOf(files('{ fact: degree, equals: master }'))).toEqual([
      'readings.yaml:3: readings.m01-both: no condition tests this reading; test it with {reading: ID, is: OPTION} or remove it',
    ]);
  });

  it('finds an option that changes no outcome for any profile', () => {
    // Under "and" the item asks for the same as under "or": the options make no difference.
    const same = `{ any: [{ all: [{ reading: m01-both, is: or }, { fact: degree, equals: master }] }, { all: [{ reading: m01-both, is: and }, { fact: degree, equals: master }] }] }`;
    expect(problemsOf(files(same))).toEqual([
      'readings.yaml:7: readings.m01-both.options.or: with "or" in force no item\'s outcome changes for any profile: the option makes no difference',
      'readings.yaml:8: readings.m01-both.options.and: with "and" in force no item\'s outcome changes for any profile: the option makes no difference',
    ]);
  });

  it('finds a clause that is not in the source text', () => {
    expect(problemsOf(files(BOTH, readingsYaml().replace('clause: 硕士及博士', 'clause: 硕士和博士')))).toEqual([
      'readings.yaml:4: readings.m01-both.clause: the clause does not appear verbatim in the source text',
    ]);
  });
});

describe('a reading test in words and in rule diffs', () => {
  it('is written with its reading, and a change of option is a change of that test', () => {
    expect(describeCondition({ all: [{ reading: 'm01-both', is: 'or' }, { fact: 'degree', equals: 'master' }] })).toBe('all of (m01-both = or; degree = master)');
    expect(diffCondition({ reading: 'm01-both', is: 'or' }, { reading: 'm01-both', is: 'and' })).toEqual([
      { change: 'moved', fact: 'm01-both', before: { op: 'reading', arg: 'or' }, after: { op: 'reading', arg: 'and' } },
    ]);
    expect(diffCondition({ all: [{ reading: 'm01-both', is: 'or' }, { fact: 'degree', equals: 'master' }] }, { all: [{ fact: 'degree', equals: 'master' }] })).toEqual([
      { change: 'no-longer-requires', condition: { reading: 'm01-both', is: 'or' } },
    ]);
    // A reading and a fact of the same name are different subjects: the test is replaced, not moved.
    expect(diffCondition({ reading: 'm01-both', is: 'or' }, { fact: 'm01-both', equals: 'or' })).toEqual([
      { change: 'replaced', before: { reading: 'm01-both', is: 'or' }, after: { fact: 'm01-both', equals: 'or' } },
    ]);
  });
});

describe('the bundled readings', async () => {
  const set = await bundledPolicies();
  const files = await loadCases(['fixtures/cases'], DECLARED);
  const cases = files.flatMap((file) => file.cases);

  it('are the seven the issue names, at least, each with two or more options and its default among them', () => {
    expect(set.readings.length).toBeGreaterThanOrEqual(7);
    for (const reading of set.readings) {
      expect(reading.options.length).toBeGreaterThanOrEqual(2);
      expect(reading.options.map((option) => option.id)).toContain(reading.default);
    }
  });

  it('each alternative changes the result of at least one fixture case that does not choose the reading itself', () => {
    const unchanged: string[] = [];
    for (const reading of set.readings) {
      for (const option of reading.options.filter((o) => o.id !== reading.default)) {
        const changes = cases.some((entry) => {
          if (entry.readings[reading.id] !== undefined) return false;
          const before = classify(compilePolicy(set, entry.params, entry.readings), entry.profile, entry.asOf);
          const after = classify(compilePolicy(set, entry.params, { ...entry.readings, [reading.id]: option.id }), entry.profile, entry.asOf);
          return before.some((status, i) => status !== after[i]);
        });
        if (!changes) unchanged.push(`${reading.id}=${option.id}`);
      }
    }
    expect(unchanged).toEqual([]);
  });
});
