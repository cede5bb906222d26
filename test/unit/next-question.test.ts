import { beforeAll, describe, expect, it } from 'vitest';
import { factsOf, UNKNOWN } from '../../src/engine/condition.js';
import { classify, compilePolicy, type CompiledPolicy } from '../../src/engine/evaluate.js';
import {
  FIRST_QUESTION,
  isTickable,
  nextQuestion,
  rankQuestions,
  tickValues,
  untickedValue,
  type NextQuestion,
} from '../../src/engine/next-question.js';
import { representatives } from '../../src/policy/operators.js';
import type { FactDef, FactValue, NumberFact, Profile } from '../../src/facts/facts.js';
import { CHECKLIST_TOPICS, FACT_BY_NAME, FACTS } from '../support/facts.js';
import type { ConditionInput } from '../../src/policy/schema.js';
import { inlineItem, inlinePolicySet, label, type ItemInput } from './inline-policy.js';
import { bundledPolicies } from '../support/bundled-policies.js';

const AS_OF = '2024-06-30';
function item(id: string, when: ConditionInput, extra: Partial<ItemInput> = {}): ItemInput {
  return inlineItem(id, when, { recipient: 'person', ...extra });
}

function policy(items: ItemInput[], params: Record<string, number> = {}): CompiledPolicy {
  return compilePolicy(inlinePolicySet(items, ['local-threshold']), params);
}

const fixed = (cny: number) => ({ amount: { kind: 'fixed' as const, cny, unit: 'person' as const } });
const person: Profile = { applicantType: 'person' };
/** The host's internship figures are the employer's to give (answeredBy): tests asking them ask an employer. */
const employer: Profile = { applicantType: 'employer' };

/** The fact of a single question; the facts of a checklist are a failure here. */
function single(compiled: CompiledPolicy, profile: Profile, settled: ReadonlySet<string> = new Set()): string | null {
  const question = nextQuestion(compiled, profile, AS_OF, settled);
  if (question?.kind === 'checklist') throw new Error(`expected one fact, got the checklist ${question.facts.join(', ')}`);
  return question?.fact ?? null;
}

describe('nextQuestion on a small policy', () => {
  it('asks who is applying first, whatever else is open', () => {
    const compiled = policy([item('m01-a', { fact: 'hongyanPlan', is: true }, fixed(1_000_000)), item('m01-b', { fact: 'disabled', is: true }, fixed(1_000_000))]);
    expect(nextQuestion(compiled, {}, AS_OF, new Set())).toEqual({ kind: 'fact', fact: FIRST_QUESTION });
    expect(nextQuestion(compiled, person, AS_OF, new Set())).toEqual({ kind: 'checklist', facts: ['hongyanPlan', 'disabled'] });
  });

  it('moves on when who is applying is declined, and never asks a declined or known fact again', () => {
    const compiled = policy([item('m01-a', { all: [{ fact: 'contractYears', gte: 1 }, { fact: 'socialInsuranceMonths', gte: 6 }] })]);
    expect(single(compiled, {}, new Set([FIRST_QUESTION]))).toBe('contractYears');
    expect(single(compiled, { contractYears: 2 }, new Set([FIRST_QUESTION]))).toBe('socialInsuranceMonths');
    expect(single(compiled, {}, new Set([FIRST_QUESTION, 'contractYears', 'socialInsuranceMonths']))).toBeNull();
  });

  it('prefers the fact that decides more money, and breaks ties by the order of the facts declaration', () => {
    const small = item('m01-small', { fact: 'contractYears', gte: 1 }, fixed(2_000));
    const large = item('m01-large', { fact: 'socialInsuranceMonths', gte: 6 }, fixed(50_000));
    expect(single(policy([small, large]), person)).toBe('socialInsuranceMonths');
    const even = item('m01-even', { fact: 'socialInsuranceMonths', gte: 6 }, fixed(2_000));
    const order = FACTS.map((def) => def.name);
    expect(order.indexOf('contractYears')).toBeLessThan(order.indexOf('socialInsuranceMonths'));
    expect(single(policy([even, small]), person)).toBe('contractYears');
  });

  it('prefers a fact shared by several items over one that gates a single item of the same worth', () => {
    const a = item('m01-a', { all: [{ fact: 'softwareSector', is: true }, { fact: 'hongyanPlan', is: true }] }, fixed(10_000));
    const b = item('m01-b', { all: [{ fact: 'softwareSector', is: true }, { fact: 'disabled', is: true }] }, fixed(10_000));
    const ranked = rankQuestions(policy([a, b]), person, AS_OF, new Set());
    expect(ranked[0]).toMatchObject({ fact: 'softwareSector', items: [0, 1] });
  });

  it('never asks a fact whose answer cannot change a result', () => {
    // Once softwareSector is false, the item is decided; hongyanPlan no longer matters.
    const compiled = policy([item('m01-a', { all: [{ fact: 'softwareSector', is: true }, { fact: 'hongyanPlan', is: true }] }, fixed(10_000))]);
    expect(nextQuestion(compiled, { ...person, softwareSector: false }, AS_OF, new Set())).toBeNull();
    // A comparison against a parameter nobody supplied can never be decided.
    const local = policy([item('m01-local', { fact: 'salaryMultiple', gte: { param: 'local-threshold' } })]);
    expect(nextQuestion(local, person, AS_OF, new Set())).toBeNull();
    expect(single(policy([item('m01-local', { fact: 'salaryMultiple', gte: { param: 'local-threshold' } })], { 'local-threshold': 3 }), person)).toBe('salaryMultiple');
  });

  it('asks the facts that decide an item only together, and stops once it cannot be decided', () => {
    // Answered "don't know", contractYears keeps the item from holding, but two "no"s can still make it fail.
    const together = { all: [{ fact: 'contractYears', gte: 1 }, { any: [{ fact: 'socialInsuranceMonths', gte: 6 }, { fact: 'yearsSinceGraduation', lte: 2 }] }] };
    const compiled = policy([item('m01-a', together, fixed(5_000))]);
    const settled = new Set(['contractYears']);
    expect(single(compiled, person, settled)).toBe('socialInsuranceMonths');
    expect(single(compiled, { ...person, socialInsuranceMonths: 3 }, settled)).toBe('yearsSinceGraduation');
    expect(nextQuestion(compiled, { ...person, socialInsuranceMonths: 3, yearsSinceGraduation: 5 }, AS_OF, settled)).toBeNull();
    // A "yes" makes the any hold, and then only contractYears could decide the item: nothing left to ask.
    expect(nextQuestion(compiled, { ...person, socialInsuranceMonths: 12 }, AS_OF, settled)).toBeNull();
    // Such a fact scores a share of the item, below one that decides an item of the same worth alone.
    const alone = item('m01-b', { fact: 'internshipMonths', gt: 0 }, fixed(5_000));
    const ranked = rankQuestions(policy([item('m01-a', together, fixed(5_000)), alone]), employer, AS_OF, settled);
    expect(ranked.map((q) => [q.fact, q.score])).toEqual([['internshipMonths', 5_000], ['socialInsuranceMonths', 2_500], ['yearsSinceGraduation', 2_500]]);
  });

  it('looks through a not', () => {
    const compiled = policy([item('m01-a', { all: [{ fact: 'contractYears', gte: 1 }, { not: { all: [{ fact: 'hongyanPlan', is: true }, { fact: 'disabled', is: true }] } }] })]);
    const settled = new Set(['contractYears']);
    // The not fails only if both hold: each "yes" is a step towards deciding it.
    expect(rankQuestions(compiled, person, AS_OF, settled).map((q) => q.fact)).toEqual(['hongyanPlan', 'disabled']);
    expect(nextQuestion(compiled, { ...person, hongyanPlan: false }, AS_OF, settled)).toBeNull();
  });

  it('asks a number whose answer only matters beyond a threshold that is still open', () => {
    const compiled = policy([item('m01-a', { fact: 'socialInsuranceMonths', gte: 6 }, fixed(2_000))]);
    expect(single(compiled, person)).toBe('socialInsuranceMonths');
    expect(nextQuestion(compiled, { ...person, socialInsuranceMonths: 3 }, AS_OF, new Set())).toBeNull();
  });

  it('asks the fact an eligible item needs for its estimate', () => {
    const perMonth = { amount: { kind: 'per-month' as const, cny: 1_300, unit: 'employer-month' as const, months: { fact: 'internshipMonths' } } };
    const compiled = policy([item('m01-internship', { fact: 'relevantMajor', is: true }, perMonth)]);
    expect(single(compiled, employer)).toBe('relevantMajor');
    expect(single(compiled, { ...employer, relevantMajor: true })).toBe('internshipMonths');
    expect(nextQuestion(compiled, { ...employer, relevantMajor: false }, AS_OF, new Set())).toBeNull();
  });

  it('does not ask a person what only the employer can answer (answeredBy), and asks the employer', () => {
    expect(FACT_BY_NAME.get('internshipMonths')!.answeredBy).toEqual(['employer']);
    const compiled = policy([item('m01-host', { all: [{ fact: 'relevantMajor', is: true }, { fact: 'internshipMonths', gt: 0 }] }, fixed(1_300))]);
    expect(single(compiled, { ...person, relevantMajor: true })).toBeNull();
    expect(single(compiled, { ...employer, relevantMajor: true })).toBe('internshipMonths');
    // Who is applying not known yet: anyone may answer.
    expect(single(compiled, { relevantMajor: true }, new Set([FIRST_QUESTION]))).toBe('internshipMonths');
  });

  it('counts an item that a newly eligible one would supersede', () => {
    const base = item('m01-base', { fact: 'softwareSector', is: true }, fixed(2_000));
    const raised = item('m01-raised', { all: [{ fact: 'softwareSector', is: true }, { fact: 'disabled', is: true }] }, { ...fixed(6_000), supersedes: ['m01-base'] });
    const ranked = rankQuestions(policy([base, raised]), { ...person, softwareSector: true }, AS_OF, new Set());
    expect(ranked).toEqual([{ fact: 'disabled', score: 8_000, items: [0, 1] }]);
  });

  it('weighs an item without a sum at the fixed non-monetary weight', () => {
    const ranked = rankQuestions(policy([item('m01-card', { fact: 'disabled', is: true })]), person, AS_OF, new Set());
    expect(ranked).toEqual([{ fact: 'disabled', score: 10_000, items: [0] }]);
  });
});

describe('the checklist', () => {
  const hongyan = item('m01-hongyan', { fact: 'hongyanPlan', is: true }, fixed(3_000));
  const disabled = item('m01-disabled', { fact: 'disabled', is: true }, fixed(5_000));

  it('asks the yes/no facts still worth asking together, by topic and best first within one, and only those', () => {
    const withTitle = item('m01-hukou', { all: [{ fact: 'chongqingHukou', is: true }, { fact: 'title', equals: 'senior' }] }, fixed(1_000));
    const compiled = policy([hongyan, disabled, withTitle]);
    // disabled outranks hongyanPlan, but talent programmes come before the employment groups.
    expect(nextQuestion(compiled, person, AS_OF, new Set())).toEqual({ kind: 'checklist', facts: ['hongyanPlan', 'disabled', 'chongqingHukou'] });
    // With no senior title, chongqingHukou can no longer change anything: it is left out.
    expect(nextQuestion(compiled, { ...person, title: 'none' }, AS_OF, new Set())).toEqual({ kind: 'checklist', facts: ['hongyanPlan', 'disabled'] });
  });

  it('asks a lone yes/no fact as a yes/no question, and leaves out declined ones', () => {
    expect(nextQuestion(policy([hongyan, disabled]), person, AS_OF, new Set(['disabled']))).toEqual({ kind: 'fact', fact: 'hongyanPlan' });
    expect(nextQuestion(policy([hongyan, disabled]), { ...person, hongyanPlan: false }, AS_OF, new Set())).toEqual({ kind: 'fact', fact: 'disabled' });
  });

  it('takes in the enums nearly everyone answers "none" to, and no others', () => {
    const postdoc = item('m01-postdoc', { fact: 'postdoc', equals: 'completed' }, fixed(4_000));
    const senior = item('m01-senior', { fact: 'title', equals: 'senior' }, fixed(1_000));
    expect(nextQuestion(policy([hongyan, postdoc, senior]), person, AS_OF, new Set())).toEqual({ kind: 'checklist', facts: ['postdoc', 'hongyanPlan'] });
    const mostlyNone = FACTS.filter((def) => def.type === 'enum' && def.mostlyNone).map((def) => def.name);
    expect(mostlyNone).toEqual(['postdoc', 'startupType', 'softwareExamLevel', 'digitalEngineerCertificate', 'skillLevel', 'placementType']);
    for (const name of mostlyNone) {
      const def = FACT_BY_NAME.get(name);
      expect(def?.type === 'enum' && def.values.includes('none'), name).toBe(true);
      expect(tickValues(def!)).not.toContain('none');
      expect(untickedValue(def!)).toBe('none');
    }
    expect(isTickable(FACT_BY_NAME.get('title')!)).toBe(false);
    expect(isTickable(FACT_BY_NAME.get('disabled')!)).toBe(true);
    expect(untickedValue(FACT_BY_NAME.get('disabled')!)).toBe(false);
    expect(tickValues(FACT_BY_NAME.get('disabled')!)).toEqual([true]);
  });

  it('competes with single facts by the sum of its members\' scores; a tie goes to the fact declared first', () => {
    // hongyanPlan 3,000 + disabled 5,000 = 8,000 against one number fact.
    const number = (cny: number) => item('m01-number', { fact: 'internshipMonths', gt: 0 }, fixed(cny));
    expect(nextQuestion(policy([hongyan, disabled, number(7_999)]), employer, AS_OF, new Set())?.kind).toBe('checklist');
    expect(nextQuestion(policy([hongyan, disabled, number(8_001)]), employer, AS_OF, new Set())).toEqual({ kind: 'fact', fact: 'internshipMonths' });
    const order = (fact: string) => FACTS.findIndex((def) => def.name === fact);
    expect(order('hongyanPlan')).toBeLessThan(order('internshipMonths'));
    expect(nextQuestion(policy([hongyan, disabled, number(8_000)]), employer, AS_OF, new Set())?.kind).toBe('checklist');
    const late = [item('m01-prize', { fact: 'competitionWinner', is: true }, fixed(3_000)), item('m01-key', { fact: 'keySoftwareEnterprise', is: true }, fixed(5_000))];
    expect(order('internshipMonths')).toBeLessThan(order('competitionWinner'));
    expect(order('internshipMonths')).toBeLessThan(order('keySoftwareEnterprise'));
    expect(nextQuestion(policy([...late, number(8_000)]), employer, AS_OF, new Set())).toEqual({ kind: 'fact', fact: 'internshipMonths' });
  });
});

describe('representatives of a number fact', () => {
  const number = (type: 'number' | 'integer', min = 0, max?: number): NumberFact => ({ name: 'x', type, label: label('x'), help: label('x'), changeable: false, min, ...(max === undefined ? {} : { max }) });

  it('reaches every side of every threshold', () => {
    const values = representatives(number('number'), [3, 3.5]) as number[];
    for (const test of [(v: number) => v < 3, (v: number) => v === 3, (v: number) => v > 3 && v < 3.5, (v: number) => v === 3.5, (v: number) => v > 3.5]) {
      expect(values.some(test)).toBe(true);
    }
  });

  it('keeps integers whole and within the range', () => {
    const values = representatives(number('integer', 0, 24), [6, 7, 12, 30]) as number[];
    expect(values.every((v) => Number.isInteger(v) && v >= 0 && v <= 24)).toBe(true);
    expect(values).toEqual(expect.arrayContaining([0, 5, 6, 7, 8, 11, 12, 13, 24]));
  });
});

/** Values a fact might take, far denser than the engine tries: an independent check of "cannot change a result". */
function sweep(def: FactDef): FactValue[] {
  if (def.type === 'enum') return [...def.values];
  if (def.type === 'boolean') return [true, false];
  const values: number[] = [];
  for (let v = def.min; v <= Math.min(def.max ?? 60, 60); v += def.type === 'integer' ? 1 : def.max !== undefined && def.max <= 1 ? 0.01 : 0.25) values.push(Math.round(v * 100) / 100);
  return def.max === undefined ? [...values, 100, 1_000, 100_000, 1_000_000] : values;
}

function changesSomething(compiled: CompiledPolicy, profile: Profile, fact: string): boolean {
  const base = classify(compiled, profile, AS_OF);
  return sweep(FACT_BY_NAME.get(fact)!).some((value) => {
    const trial = { ...profile, [fact]: value };
    const status = classify(compiled, trial, AS_OF);
    return status.some((s, i) => s !== base[i] || (s === 1 && compiled.items[i]!.estimate(profile) === null && compiled.items[i]!.estimate(trial) !== null));
  });
}

/** Every combination of swept values for a few facts (kept small: only facts left open at the end). */
function combinations(facts: string[]): Profile[] {
  expect(facts.length).toBeLessThanOrEqual(6);
  return facts.reduce<Profile[]>((partial, fact) => partial.flatMap((p) => sweep(FACT_BY_NAME.get(fact)!).map((value) => ({ ...p, [fact]: value }))), [{}]);
}

/**
 * Answers a question from a profile as a person at the window would: a single fact from the profile or
 * "don't know"; a checklist by ticking what the profile has, the rest "no" if the profile knows them all, else
 * "not sure" (unknown). Returns the new profile; unknown facts are added to settled.
 */
function answer(question: NextQuestion, answers: Profile, profile: Profile, settled: Set<string>): Profile {
  const facts = question.kind === 'fact' ? [question.fact] : question.facts;
  const allKnown = facts.every((fact) => answers[fact] !== undefined);
  const next: Record<string, FactValue> = { ...profile };
  for (const fact of facts) {
    const value = answers[fact];
    const ticked = value !== undefined && tickValues(FACT_BY_NAME.get(fact)!).includes(value);
    if (value !== undefined && (question.kind === 'fact' || ticked || allKnown)) next[fact] = value;
    else settled.add(fact);
  }
  return next;
}

describe('nextQuestion on the bundled policies', () => {
  let compiled: CompiledPolicy;
  beforeAll(async () => {
    compiled = compilePolicy(await bundledPolicies());
  });

  it('starts with who is applying, then the checklist', () => {
    expect(nextQuestion(compiled, {}, AS_OF, new Set())).toEqual({ kind: 'fact', fact: 'applicantType' });
    const second = nextQuestion(compiled, { applicantType: 'person' }, AS_OF, new Set());
    expect(second?.kind).toBe('checklist');
    const facts = second?.kind === 'checklist' ? second.facts : [];
    expect(facts.every((fact) => isTickable(FACT_BY_NAME.get(fact)!))).toBe(true);
    // Topics in their declared order; within a topic, best first.
    const topic = (fact: string) => CHECKLIST_TOPICS.findIndex((t) => t.facts.includes(fact));
    expect(facts.map(topic)).toEqual([...facts.map(topic)].sort((a, b) => a - b));
    const ranked = rankQuestions(compiled, { applicantType: 'person' }, AS_OF, new Set()).filter((q) => facts.includes(q.fact));
    for (let index = 0; index < CHECKLIST_TOPICS.length; index++) {
      expect(ranked.map((q) => q.fact).filter((fact) => topic(fact) === index)).toEqual(facts.filter((fact) => topic(fact) === index));
    }
  });

  for (const [name, answers] of Object.entries<Profile>({
    'an employer answering most questions "don\'t know"': { applicantType: 'employer', softwareSector: true, employerSize: 'small', socialInsuranceMonths: 14, registeredUnemployed: true },
    'a person who knows every yes/no fact': {
      applicantType: 'person',
      ...Object.fromEntries(FACTS.filter(isTickable).map((def) => [def.name, untickedValue(def)])),
      softwareSector: true,
      postdoc: 'completed',
      contractYears: 3,
    },
  })) {
    it(`asks only facts that can change a result, and stops exactly when none can: ${name}`, () => {
      let profile: Profile = {};
      const settled = new Set<string>();
      const asked: string[] = [];
      for (let question = nextQuestion(compiled, profile, AS_OF, settled); question !== null; question = nextQuestion(compiled, profile, AS_OF, settled)) {
        const open = compiled.items.filter((entry) => classify(compiled, profile, AS_OF)[entry.index] === UNKNOWN);
        for (const fact of question.kind === 'fact' ? [question.fact] : question.facts) {
          expect(asked).not.toContain(fact);
          expect(changesSomething(compiled, profile, fact) || open.some((entry) => factsOf(entry.item.when).includes(fact)), fact).toBe(true);
          asked.push(fact);
        }
        profile = answer(question, answers, profile, settled);
      }
      expect(asked[0]).toBe('applicantType');
      // No combination of answers to the facts never asked decides any item still open.
      const status = classify(compiled, profile, AS_OF);
      for (const entry of compiled.items) {
        if (status[entry.index] !== UNKNOWN) continue;
        const open = factsOf(entry.item.when).filter((fact) => profile[fact] === undefined && !settled.has(fact));
        for (const combination of combinations(open)) {
          expect(classify(compiled, { ...profile, ...combination }, AS_OF)[entry.index], `${entry.item.id} with ${JSON.stringify(combination)}`).toBe(UNKNOWN);
        }
      }
    });
  }

  it('asks a district only about what district items depend on', () => {
    const districtFacts = new Set(compiled.items.filter((entry) => entry.audience.has('district')).flatMap((entry) => factsOf(entry.item.when)));
    let profile: Profile = { applicantType: 'district' };
    const settled = new Set<string>();
    for (let question = nextQuestion(compiled, profile, AS_OF, settled); question !== null; question = nextQuestion(compiled, profile, AS_OF, settled)) {
      const facts = question.kind === 'fact' ? [question.fact] : question.facts;
      for (const fact of facts) expect(districtFacts).toContain(fact);
      const answers = Object.fromEntries(
        facts.flatMap((fact): [string, FactValue][] => {
          const def = FACT_BY_NAME.get(fact)!;
          return def.type === 'boolean' ? [[fact, false]] : def.type === 'enum' ? [[fact, def.values[0]!]] : [];
        }),
      );
      profile = answer(question, answers, profile, settled);
    }
    expect(Object.keys(profile).length + settled.size).toBeGreaterThan(1);
  });
});

describe('checklist topics', () => {
  it('put every fact the checklist can ask under exactly one topic', () => {
    const topics = CHECKLIST_TOPICS.flatMap((topic) => topic.facts);
    expect(new Set(topics).size).toBe(topics.length);
    expect(topics.filter((name) => !FACT_BY_NAME.has(name))).toEqual([]);
    expect(FACTS.filter((def) => isTickable(def) && !topics.includes(def.name)).map((def) => def.name)).toEqual([]);
  });
});
