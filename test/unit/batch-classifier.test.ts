import { describe, expect, it } from 'vitest';
import { compileCodedClassifier } from '../../src/batch/compile-classifier.js';
import { classify, compilePolicy, evaluate, type CompiledPolicy } from '../../src/engine/evaluate.js';
import type { FactValue, Profile } from '../../src/facts/facts.js';
import { DECLARED, FACT_BY_NAME, FACTS } from '../support/facts.js';
import { buildPolicySet } from '../../src/policy/policy-set.js';
import type { ConditionInput, DocumentInput, MeasureInput } from '../../src/policy/schema.js';
import { ALL_FACTS, codeProfile, profileEvaluator } from './coded-rows.js';
import { bundledPolicies } from '../support/bundled-policies.js';


function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Profiles over every declared fact: each fact absent a third of the time, else a value near the usual thresholds. */
function randomProfiles(count: number, seed: number): Profile[] {
  const random = seeded(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  return Array.from({ length: count }, () => {
    const profile: Record<string, FactValue | undefined> = {};
    for (const def of FACTS) {
      let value: FactValue | undefined;
      if (random() >= 0.35) {
        if (def.type === 'enum') value = pick(def.values);
        else if (def.type === 'boolean') value = random() < 0.5;
        else if (def.max !== undefined) value = Math.round(random() * def.max * 100) / 100;
        else value = def.type === 'integer' ? Math.floor(random() * 40) : pick([0, 0.5, 1, 1.5, 2, 3, 5, 10, 50_000, 300_000]);
      }
      if (value !== undefined) profile[def.name] = value;
    }
    return profile as Profile;
  });
}

/** The classifier over coded rows of `columns` decides as classify does on the same profiles (restricted to them). */
function expectSameAsClassify(compiled: CompiledPolicy, profiles: readonly Profile[], asOf: string, columns: readonly string[] = ALL_FACTS): void {
  const generated = compileCodedClassifier(compiled, asOf, columns, (name) => FACT_BY_NAME.get(name));
  const status = new Uint8Array(compiled.items.length);
  const words = Math.ceil(compiled.items.length / 32);
  for (const full of profiles) {
    const profile = Object.fromEntries(Object.entries(full).filter(([fact]) => columns.includes(fact))) as Profile;
    generated(codeProfile(columns, profile), 0, status, new Int32Array(words), new Int32Array(words));
    const expected = classify(compiled, profile, asOf);
    if (!status.every((truth, i) => truth === expected[i])) {
      const item = compiled.items.find((_, i) => status[i] !== expected[i])!;
      expect.fail(`${item.item.id} differs for ${JSON.stringify(profile)}: generated ${status[item.index]}, classify ${expected[item.index]}`);
    }
  }
}

const document: DocumentInput = {
  document: {
    number: 'T1',
    title: { zh: '测试', en: 'Test' },
    issuer: '局',
    issued: '2022-12-12',
    parentPlan: { number: 'P1', title: '计划', period: { from: '2022-01-01', to: '2025-12-31' } },
    source: 'source.txt',
    measures: 1,
  },
  params: [],
};

/** One item per construct the generator has to get right, built directly so that no construct is left out. */
function coveragePolicy(): CompiledPolicy {
  const when: Record<string, ConditionInput> = {
    equals: { fact: 'degree', equals: 'master' },
    is: { fact: 'softwareSector', is: false },
    in: { fact: 'employerSize', in: ['micro', 'small'] },
    gte: { fact: 'socialInsuranceMonths', gte: 6 },
    gt: { fact: 'contractYears', gt: 1.5 },
    lte: { fact: 'yearsSinceGraduation', lte: 2 },
    lt: { fact: 'internRetentionRate', lt: 0.5 },
    between: { fact: 'salaryMultiple', between: [1, 3] },
    'param-given': { fact: 'annualSalary', gte: { param: 'm01-floor' } },
    'param-missing': { fact: 'annualSalary', gte: { param: 'm01-unset' } },
    not: { not: { any: [{ fact: 'hardToEmploy', is: true }, { fact: 'disabled', is: true }] } },
    nested: {
      all: [
        { any: [{ fact: 'degree', in: ['master', 'doctorate'] }, { not: { fact: 'title', equals: 'none' } }] },
        { not: { all: [{ fact: 'chongqingHukou', is: true }, { fact: 'socialInsuranceMonths', between: [0, 11] }] } },
      ],
    },
  };
  const items = Object.entries(when).map(([name, condition], index) => ({
    id: `m01-${name}`,
    title: { zh: name, en: name },
    description: { zh: name, en: name },
    recipient: index % 3 === 0 ? ('district' as const) : ('person' as const),
    when: condition,
    basis: { quote: name },
    ...(name === 'gt' ? { validity: { from: '2023-01-01', to: '2024-12-31' } } : {}),
    ...(name === 'nested' ? { supersedes: ['m01-equals', 'm01-in'] } : {}),
  }));
  const measure: MeasureInput = {
    measure: 1,
    section: { zh: '一', en: 'I' },
    title: { zh: '措施', en: 'Measure' },
    units: { lead: ['处'], responsible: [] },
    items: items as MeasureInput['items'],
  };
  return compilePolicy(buildPolicySet(document, [measure], DECLARED), { 'm01-floor': 100_000 });
}

describe('the generated classifier', () => {
  it('agrees with classify on every construct: comparisons, params, not, nesting, validity, audience, supersedes', () => {
    const compiled = coveragePolicy();
    const profiles = randomProfiles(4000, 1);
    for (const asOf of ['2022-06-30', '2022-12-31', '2024-06-30', '2025-06-30']) expectSameAsClassify(compiled, profiles, asOf);
  });

  it('agrees with classify on the bundled policies, with and without local parameters', async () => {
    const set = await bundledPolicies();
    const profiles = randomProfiles(3000, 2);
    const params = Object.fromEntries(set.params.map((param, i) => [param.name, param.unit === 'cny' ? 10_000 * (i + 1) : 1.5]));
    for (const compiled of [compilePolicy(set), compilePolicy(set, params)]) expectSameAsClassify(compiled, profiles, '2024-06-30');
  });

  it('agrees with classify when the file has only some of the facts (the others folded away as unknown)', async () => {
    const set = await bundledPolicies();
    const columns = ['applicantType', 'degree', 'title', 'socialInsuranceMonths', 'softwareSector', 'employerSize', 'currentYearGraduate', 'contractYears'];
    expectSameAsClassify(compilePolicy(set), randomProfiles(3000, 5), '2024-06-30', columns);
    expectSameAsClassify(compilePolicy(set), randomProfiles(3000, 6), '2024-06-30', [...columns].reverse());
  });

  it('yields the eligible and undetermined items, estimates, missing facts and total that evaluate gives', async () => {
    const set = await bundledPolicies();
    const params = Object.fromEntries(set.params.map((param) => [param.name, param.unit === 'cny' ? 20_000 : 2]));
    // With the local parameters and without: a comparison short of its parameter is unknown whatever the fact.
    for (const compiled of [compilePolicy(set, params), compilePolicy(set)]) {
      const evaluateRow = profileEvaluator(compiled, '2024-06-30');
      for (const profile of randomProfiles(1000, 4)) {
        const expected = evaluate(compiled, profile, '2024-06-30');
        const result = evaluateRow(profile);
        const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
        expect(result.eligible.map((entry, k) => ({ id: entry.item.id, estimateCNY: result.estimates[k] })).sort(byId)).toEqual(
          expected.eligible.map((item) => ({ id: item.id, estimateCNY: item.estimateCNY })).sort(byId),
        );
        expect(result.undetermined.map((entry) => entry.item.id).sort()).toEqual(expected.undetermined.map((item) => item.id).sort());
        // Remembered by the states of the item's comparisons: the same evaluator answers every profile.
        expect(Object.fromEntries(result.undetermined.map((entry) => [entry.item.id, result.missingFacts(entry)]))).toEqual(
          Object.fromEntries(expected.undetermined.map((item) => [item.id, item.missing])),
        );
        expect(result.totalEstimateCNY).toBe(expected.totalEstimateCNY);
      }
    }
  });
});
