import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { memoryIo } from '../support/memory-io.js';
import { testTempDir } from '../support/temp-dir.js';
import { ask } from '../../src/cli/commands/ask.js';
import { runQuestionnaire, type QuestionnaireOutcome } from '../../src/engine/questionnaire.js';
import { askStatusOf, renderAskStatus } from '../../src/report/ask-status.js';
import type { Context } from '../../src/cli/context.js';
import { BUNDLED_POLICIES } from '../../src/cli/program.js';
import {
  DONT_KNOW,
  numberEscape,
  SHOW_RESULTS,
  terminalPrompter,
  type ChecklistAnswer,
  type ChecklistQuestion,
  type Escape,
  type NumberQuestion,
  type Prompter,
  type Question,
  type SelectQuestion,
} from '../../src/cli/prompts.js';
import { compilePolicy, evaluate, classify } from '../../src/engine/evaluate.js';
import { isTickable } from '../../src/engine/next-question.js';
import type { FactValue, Profile } from '../../src/facts/facts.js';
import { chineseNumeral, usual } from '../support/chinese-numerals.js';
import { DECLARED, FACT_BY_NAME, FACTS } from '../support/facts.js';
import { parseProfileText } from '../../src/facts/profile.js';
import { renderProfileYaml } from '../../src/facts/profile-writer.js';
import { writeFileAtomic } from '../../src/util/atomic-write.js';
import { PLAIN } from '../../src/report/format.js';
import { InputError } from '../../src/util/problems.js';
import { bundledPolicies } from '../support/bundled-policies.js';

const inquirer = vi.hoisted(() => ({ loaded: false }));
vi.mock('@inquirer/prompts', async (importOriginal) => {
  inquirer.loaded = true;
  return importOriginal();
});

const AS_OF = '2024-06-30';

type Call =
  | { kind: 'select'; question: SelectQuestion }
  | { kind: 'yesNo'; question: Question }
  | { kind: 'number'; question: NumberQuestion }
  | { kind: 'checkbox'; question: ChecklistQuestion };
type Answer = FactValue | ChecklistAnswer | Escape;

/** The facts a call asked about: one, or those of a checklist. */
const factsOf = (call: Call): readonly string[] => (call.kind === 'checkbox' ? call.question.facts : [call.question.fact]);
/** The fact of a single question; undefined for a checklist. */
const factOf = (call: Call): string | undefined => (call.kind === 'checkbox' ? undefined : call.question.fact);

/** A prompter that answers from a script and records every question it was asked. */
function scripted(answer: (call: Call, calls: Call[]) => Answer): Prompter & { calls: Call[] } {
  const calls: Call[] = [];
  const respond = async (call: Call) => {
    calls.push(call);
    return answer(call, calls);
  };
  return {
    calls,
    select: (question) => respond({ kind: 'select', question }) as Promise<string | Escape>,
    yesNo: (question) => respond({ kind: 'yesNo', question }) as Promise<boolean | Escape>,
    number: (question) => respond({ kind: 'number', question }) as Promise<string | Escape>,
    checkbox: (question) => respond({ kind: 'checkbox', question }) as Promise<ChecklistAnswer | Escape>,
  };
}

/**
 * A person at the window: answers what their (hidden) profile says, "don't know" for anything it lacks. In a
 * checklist they tick what applies, and say the rest do not apply when they know them all, else "not sure".
 */
function persona(hidden: Profile): Prompter & { calls: Call[] } {
  return scripted((call) => {
    if (call.kind === 'checkbox') {
      const { options, facts } = call.question;
      return { ticked: options.filter((option) => hidden[option.fact] === option.value), unticked: facts.every((fact) => hidden[fact] !== undefined) ? 'no' : 'unknown' };
    }
    const value = hidden[call.question.fact];
    if (value === undefined) return DONT_KNOW;
    return call.kind === 'number' ? String(value) : value;
  });
}

/** What the persona of `hidden` answers to a call that is not a number. */
function answerOf(hidden: Profile, call: Call): Answer {
  if (call.kind === 'checkbox') {
    const { options, facts } = call.question;
    return { ticked: options.filter((option) => hidden[option.fact] === option.value), unticked: facts.every((fact) => hidden[fact] !== undefined) ? 'no' : 'unknown' };
  }
  const value = hidden[call.question.fact];
  return value === undefined ? DONT_KNOW : value;
}

/** Everything a caseworker could say no to: booleans false, enums with a "none" value at none. Numbers stay as given. */
function complete(profile: Profile): Profile {
  const full: Record<string, Profile[string]> = { ...profile };
  for (const def of FACTS) {
    if (full[def.name] !== undefined) continue;
    if (def.type === 'boolean') full[def.name] = false;
    else if (def.type === 'enum' && def.values.includes('none')) full[def.name] = 'none';
  }
  return full;
}

const PERSONAS: Record<string, Profile> = {
  'new graduate hired by a small firm': {
    applicantType: 'person', degree: 'bachelor', title: 'none', softwareSector: true, relevantMajor: true, graduateOfCurrentYear: true,
    yearsSinceGraduation: 0, employerSize: 'small', contractYears: 3, socialInsuranceMonths: 6, annualSalary: 80_000, salaryMultiple: 0.8, chongqingHukou: true,
  },
  'PhD with a senior title': {
    applicantType: 'person', degree: 'doctorate', title: 'senior', softwareSector: true, employerSize: 'medium', contractYears: 5,
    socialInsuranceMonths: 24, salaryMultiple: 3.5, annualSalary: 400_000, yearsSinceGraduation: 6,
  },
  'postdoc leaving the station': {
    applicantType: 'person', degree: 'doctorate', title: 'intermediate', postdoc: 'completed', staysInChongqing: true, softwareSector: true,
    contractYears: 3, socialInsuranceMonths: 2, yearsSinceGraduation: 3,
  },
  'startup founder': {
    applicantType: 'person', startupType: 'small-micro-enterprise', softwareSector: true, degree: 'master', relevantMajor: true,
    yearsSinceGraduation: 1, inIncubationBase: true, startupContestEntrant: true,
  },
  'internship host': {
    applicantType: 'employer', softwareSector: true, employerSize: 'small', relevantMajor: true, internshipMonths: 30, internRetentionRate: 0.6,
  },
};

let context: Context;
beforeAll(async () => {
  context = { set: await bundledPolicies(), compiled: undefined!, asOf: AS_OF, lang: 'en', readings: {} };
  context.compiled = compilePolicy(context.set);
});

const withLang = (lang: 'zh' | 'en'): Context => ({ ...context, lang });

/** The questionnaire for a context, with its status lines rendered as the terminal shows them (without colour). */
const questionnaire = (at: Context, options: { prompter: Prompter; profile?: Profile; status?: (line: string) => void }): Promise<QuestionnaireOutcome> =>
  runQuestionnaire(at.compiled, at.asOf, {
    prompter: options.prompter,
    lang: at.lang,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.status ? { progress: (result, asked) => options.status!(renderAskStatus(askStatusOf(result, asked), at.lang, PLAIN)) } : {}),
  });

/** The "a handful of questions, not thirty". */
const HANDFUL = 10;

describe('runQuestionnaire', () => {
  it('asks who is applying first, as a list labelled in Chinese', async () => {
    const prompter = scripted(() => SHOW_RESULTS);
    await questionnaire(withLang('zh'), { prompter });
    const [first] = prompter.calls;
    expect(first?.kind).toBe('select');
    expect(first?.question).toMatchObject({ fact: 'applicantType', label: '申请人类型' });
    const choices = (first as Extract<Call, { kind: 'select' }>).question.choices;
    expect(choices).toContainEqual({ value: 'person', label: '个人' });
    expect(choices).toContainEqual({ value: 'employer', label: '用人单位' });
    const def = FACT_BY_NAME.get('applicantType');
    expect(choices.map((c) => c.value)).toEqual(def?.type === 'enum' ? def.values : 'an enum');
  });

  it('uses the prompt each fact type calls for, with labels and help from the facts declaration', async () => {
    const prompter = persona(PERSONAS['new graduate hired by a small firm']!);
    await questionnaire(withLang('en'), { prompter });
    for (const call of prompter.calls) {
      if (call.kind === 'checkbox') {
        for (const option of call.question.options) {
          const def = FACT_BY_NAME.get(option.fact)!;
          expect(isTickable(def)).toBe(true);
          expect(option.label).toBe(def.type === 'enum' ? `${def.label.en}: ${def.valueLabels[String(option.value)]!.en}` : def.label.en);
          expect(option.help).toBe(def.help.en);
        }
        continue;
      }
      const def = FACT_BY_NAME.get(call.question.fact)!;
      expect(call.kind).toBe(def.type === 'enum' ? 'select' : def.type === 'boolean' ? 'yesNo' : 'number');
      expect(call.question.label).toBe(def.label.en);
      expect(call.question.help).toBe(def.help.en);
    }
    expect(prompter.calls.map((call) => call.kind)).toContain('checkbox');
    const numberCall = prompter.calls.find((call) => call.kind === 'number');
    expect(numberCall?.kind === 'number' && numberCall.question.allowed).toMatch(/number ≥ 0/);
  });

  for (const [name, given] of Object.entries(PERSONAS)) {
    for (const [mode, hidden] of [['knowing only its own facts', given], ['knowing every yes/no and "none"', complete(given)]] as const) {
      it(`asks a ${name} ${mode} a handful of questions, each fact at most once, and reaches the profile's result`, async () => {
        const prompter = persona(hidden);
        const outcome = await questionnaire(context, { prompter });
        const asked = prompter.calls.map(factsOf);
        expect(asked[0]).toEqual(['applicantType']);
        expect(new Set(asked.flat()).size).toBe(asked.flat().length);
        expect(outcome.asked).toEqual(asked);
        expect(asked.length).toBeLessThanOrEqual(HANDFUL);
        expect(outcome.stoppedEarly).toBe(false);
        // Every item ends as the profile would decide it, although far from every fact was asked.
        expect([...classify(context.compiled, outcome.profile, AS_OF)]).toEqual([...classify(context.compiled, hidden, AS_OF)]);
        expect(outcome.result).toEqual(evaluate(context.compiled, outcome.profile, AS_OF));
      });
    }
  }

  it('asks a refused number again with what is allowed, and accepts 1,000', async () => {
    const numbers = ['abc', '-1', '1,000'];
    const prompter = scripted((call, calls) => {
      if (call.kind === 'select' && call.question.fact === 'applicantType') return 'employer';
      if (call.kind === 'number') return numbers.shift() ?? SHOW_RESULTS;
      return calls.some((c) => c.kind === 'number') ? SHOW_RESULTS : DONT_KNOW;
    });
    const outcome = await questionnaire(withLang('en'), { prompter });
    const numberCalls = prompter.calls.filter((call): call is Extract<Call, { kind: 'number' }> => call.kind === 'number');
    expect(numberCalls.slice(0, 3).map((call) => call.question.fact)).toEqual(Array(3).fill(numberCalls[0]!.question.fact));
    const [first, second, third] = numberCalls;
    expect(first!.question.error).toBeUndefined();
    expect(second!.question.error).toBe(`"abc" is not allowed: expected ${first!.question.allowed}`);
    expect(third!.question.error).toContain('"-1"');
    expect(outcome.profile[first!.question.fact]).toBe(1000);
    // A re-asked number is one question, not three.
    expect(outcome.asked.filter((facts) => facts.includes(first!.question.fact))).toHaveLength(1);
  });

  it('takes a number as people type it (full-width digits, the fact\'s unit), and 不知道 as unknown', async () => {
    // Without the social-insurance months, which are asked and answered 不知道 (or "don't know").
    const { socialInsuranceMonths: _unknown, ...hidden } = PERSONAS['new graduate hired by a small firm']!;
    const wide = (text: string) => text.replace(/[0-9.]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
    const typed = persona(hidden);
    const spelled = scripted((call, calls) => {
      if (call.kind !== 'number') return answerOf(hidden, call);
      const value = hidden[call.question.fact];
      const unit = (FACT_BY_NAME.get(call.question.fact) as { unit?: { zh: string } }).unit?.zh ?? '';
      return value === undefined ? '不知道' : `${wide(String(value))}${unit}`;
    });
    const [plain, written] = [await questionnaire(context, { prompter: typed }), await questionnaire(context, { prompter: spelled })];
    expect(written.profile).toEqual(plain.profile);
    expect(spelled.calls.some((call) => call.kind === 'number' && hidden[call.question.fact] === undefined)).toBe(true);
    expect(spelled.calls.filter((call) => call.kind === 'number' && call.question.error !== undefined)).toEqual([]);
  });

  it('takes a whole number in Chinese numerals, with its unit (三十人·月), as its digits, and refuses 十几 in place', async () => {
    const hidden = PERSONAS['internship host']!;
    const vague = ['十几'];
    const spelled = scripted((call) => {
      if (call.kind !== 'number') return answerOf(hidden, call);
      // The first number asked is answered 十几 first; a numeral refused after it ends the session (not a loop).
      if (vague.length > 0) return vague.shift()!;
      if (call.question.error !== undefined && !call.question.error.startsWith('"十几"')) return SHOW_RESULTS;
      const value = hidden[call.question.fact];
      if (value === undefined) return DONT_KNOW;
      const unit = (FACT_BY_NAME.get(call.question.fact) as { unit?: { zh: string } }).unit?.zh ?? '';
      return Number.isInteger(value) ? `${chineseNumeral(value as number, usual)}${unit}` : String(value);
    });
    const [plain, written] = [await questionnaire(context, { prompter: persona(hidden) }), await questionnaire(context, { prompter: spelled })];
    expect(written.profile).toEqual(plain.profile);
    const numbers = spelled.calls.filter((call): call is Extract<Call, { kind: 'number' }> => call.kind === 'number');
    expect(numbers[1]!.question.error).toBe(`"十几" is not allowed: expected ${numbers[0]!.question.allowed}`);
    expect(numbers.filter((call) => call.question.error !== undefined)).toHaveLength(1);
    expect(written.profile).toMatchObject({ internshipMonths: 30 });
  });

  it('says in Chinese why a number was refused', async () => {
    const numbers = ['很多'];
    const prompter = scripted((call, calls) => {
      if (call.kind === 'number') return numbers.shift() ?? SHOW_RESULTS;
      if (factOf(call) === 'applicantType') return 'employer';
      return calls.some((c) => c.kind === 'number') ? SHOW_RESULTS : DONT_KNOW;
    });
    await questionnaire(withLang('zh'), { prompter });
    const refused = prompter.calls.filter((call) => call.kind === 'number')[1];
    expect(refused?.kind === 'number' && refused.question.error).toMatch(/^“很多”无效：应为不小于 0 的/);
  });

  it('leaves a "don\'t know" fact unknown and never asks it again', async () => {
    const prompter = scripted((call) => (factOf(call) === 'applicantType' ? 'person' : DONT_KNOW));
    const outcome = await questionnaire(context, { prompter });
    const asked = prompter.calls.flatMap(factsOf);
    expect(new Set(asked).size).toBe(asked.length);
    expect(outcome.profile).toEqual({ applicantType: 'person' });
    expect(outcome.declined).toEqual(asked.slice(1));
    expect(outcome.result.undetermined.length).toBeGreaterThan(0);
  });

  it('stops at "show results now" with the result of the answers so far', async () => {
    const lines: string[] = [];
    const prompter = scripted((call) => (factOf(call) === 'applicantType' ? 'person' : SHOW_RESULTS));
    const outcome = await questionnaire(context, { prompter, status: (line) => lines.push(line) });
    expect(prompter.calls).toHaveLength(2);
    expect(outcome.stoppedEarly).toBe(true);
    expect(outcome.profile).toEqual({ applicantType: 'person' });
    expect(outcome.result).toEqual(evaluate(context.compiled, { applicantType: 'person' }, AS_OF));
    expect(lines).toHaveLength(1);
  });

  it('starts from the facts it is given and does not ask them', async () => {
    const start: Profile = { applicantType: 'employer', softwareSector: true, employerSize: 'small' };
    const prompter = scripted(() => DONT_KNOW);
    const outcome = await questionnaire(context, { prompter, profile: start });
    const asked = prompter.calls.flatMap(factsOf);
    expect(asked.length).toBeGreaterThan(0);
    for (const fact of Object.keys(start)) expect(asked).not.toContain(fact);
    expect(outcome.profile).toEqual(start);
  });

  it('reports after each answer how many questions were asked, items eligible and undetermined, and the estimates', async () => {
    const lines: string[] = [];
    const outcome = await questionnaire(context, { prompter: persona(complete(PERSONAS['internship host']!)), status: (line) => lines.push(line) });
    expect(lines).toHaveLength(outcome.asked.length);
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^${i + 1} asked · \\d+ eligible · \\d+ undetermined · computable total ¥[\\d,.]+$`)));
    const { result } = outcome;
    expect(lines.at(-1)).toBe(
      `${outcome.asked.length} asked · ${result.eligible.length} eligible · ${result.undetermined.length} undetermined · computable total ¥${result.totalEstimateCNY.toLocaleString('en-US')}`,
    );
    expect(result.totalEstimateCNY).toBeGreaterThan(0);
  });

  it('shows the status line in Chinese', async () => {
    const lines: string[] = [];
    await questionnaire(withLang('zh'), { prompter: scripted((call) => (factOf(call) === 'applicantType' ? 'person' : SHOW_RESULTS)), status: (line) => lines.push(line) });
    // The report's own words: 可享受, 待确定, 可测算金额合计.
    expect(lines[0]).toMatch(/^已问 1 题 · 可享受 \d+ 项 · 待确定 \d+ 项 · 可测算金额合计 [\d,]+元$/);
  });
});

describe('what the facts declare about asking', () => {
  it('never asks a person the host\'s internship figures, and asks an employer them', async () => {
    for (const fact of ['internshipMonths', 'internRetentionRate']) expect(FACT_BY_NAME.get(fact)!.answeredBy).toEqual(['employer']);
    const student: Profile = { ...complete({ applicantType: 'person', relevantMajor: true, softwareSector: true }), internshipMonths: 6 };
    const asked = (await questionnaire(context, { prompter: persona(student) })).asked.flat();
    expect(asked).not.toContain('internshipMonths');
    expect(asked).not.toContain('internRetentionRate');
    const host = (await questionnaire(context, { prompter: persona(complete(PERSONAS['internship host']!)) })).asked.flat();
    expect(host).toContain('internshipMonths');
  });

  it('takes "graduate of the current year" as 0 years since graduation, from the declaration (implies), and never asks it', async () => {
    expect(FACT_BY_NAME.get('graduateOfCurrentYear')!.implies).toEqual({ true: { yearsSinceGraduation: 0 } });
    const graduate = complete({ applicantType: 'person', graduateOfCurrentYear: true, softwareSector: true, relevantMajor: true, degree: 'bachelor' });
    const { yearsSinceGraduation: _never, ...hidden } = graduate;
    const implied: string[][] = [];
    const outcome = await runQuestionnaire(context.compiled, AS_OF, { prompter: persona(hidden), lang: 'en', progress: (_result, _asked, sofar) => implied.push([...sofar.implied]) });
    expect(outcome.asked.flat()).toContain('graduateOfCurrentYear');
    // Said once, after the answer that implied it (ask prints "So: Years since graduation 0 (not asked)").
    expect(implied.flat()).toEqual(['yearsSinceGraduation']);
    expect(implied[outcome.asked.findIndex((facts) => facts.includes('graduateOfCurrentYear'))]).toEqual(['yearsSinceGraduation']);
    expect(outcome.asked.flat()).not.toContain('yearsSinceGraduation');
    expect(outcome.profile).toMatchObject({ graduateOfCurrentYear: true, yearsSinceGraduation: 0 });
    expect(outcome.declined).not.toContain('yearsSinceGraduation');
    // From a starting profile too; an answer given is never overwritten by an implication.
    const started = scripted(() => SHOW_RESULTS);
    const fromStart = await questionnaire(context, { prompter: started, profile: { applicantType: 'person', graduateOfCurrentYear: true } });
    expect(fromStart.profile.yearsSinceGraduation).toBe(0);
    const kept = await questionnaire(context, { prompter: scripted(() => SHOW_RESULTS), profile: { applicantType: 'person', graduateOfCurrentYear: true, yearsSinceGraduation: 1 } });
    expect(kept.profile.yearsSinceGraduation).toBe(1);
    // "No" implies nothing: years since graduation is still worth asking.
    const notGraduate = await questionnaire(context, { prompter: persona(complete(PERSONAS['startup founder']!)) });
    expect(notGraduate.profile.graduateOfCurrentYear).toBe(false);
    expect(notGraduate.asked.flat()).toContain('yearsSinceGraduation');
  });

  it('gives a number prompter the check it refuses a text by, the same the questionnaire applies', async () => {
    const prompter = scripted((call) => (call.kind === 'number' ? SHOW_RESULTS : factOf(call) === 'applicantType' ? 'employer' : DONT_KNOW));
    await questionnaire(withLang('zh'), { prompter });
    const number = prompter.calls.find((call): call is Extract<Call, { kind: 'number' }> => call.kind === 'number')!.question;
    expect(number.check!('abc')).toBe(`“abc”无效：应为${number.allowed}`);
    expect(number.check!('-1')).toMatch(/^“-1”无效/);
    expect(number.check!('1,000')).toBeNull();
  });
});

describe('the checklist', () => {
  /** Who is applying: a person; the first checklist answered by `tick`; every later question "don't know". */
  function firstChecklist(tick: (question: ChecklistQuestion) => ChecklistAnswer | Escape) {
    return scripted((call, calls) => {
      if (factOf(call) === 'applicantType') return 'person';
      if (call.kind === 'checkbox' && calls.filter((c) => c.kind === 'checkbox').length === 1) return tick(call.question);
      return DONT_KNOW;
    });
  }
  const option = (question: ChecklistQuestion, fact: string, value: unknown = true) => question.options.find((o) => o.fact === fact && o.value === value)!;
  const checklistOf = (calls: Call[]) => calls.find((call): call is Extract<Call, { kind: 'checkbox' }> => call.kind === 'checkbox')!.question;

  it('comes right after who is applying, as one question counted once', async () => {
    const lines: string[] = [];
    const prompter = firstChecklist(() => DONT_KNOW);
    const outcome = await questionnaire(context, { prompter, status: (line) => lines.push(line) });
    expect(prompter.calls[1]?.kind).toBe('checkbox');
    const facts = checklistOf(prompter.calls).facts;
    expect(facts.length).toBeGreaterThan(10);
    expect(outcome.asked[1]).toEqual(facts);
    expect(lines[1]).toMatch(/^2 asked · /);
  });

  it('reads ticked as yes (or that value), unticked as no (or none)', async () => {
    const prompter = firstChecklist((question) => ({ ticked: [option(question, 'softwareSector'), option(question, 'postdoc', 'completed')], unticked: 'no' }));
    const outcome = await questionnaire(context, { prompter });
    const { facts } = checklistOf(prompter.calls);
    expect(facts).toEqual(expect.arrayContaining(['softwareSector', 'postdoc', 'hongyanPlan', 'startupType']));
    expect(outcome.profile).toMatchObject({ softwareSector: true, postdoc: 'completed', hongyanPlan: false, startupType: 'none' });
    for (const fact of facts) {
      const def = FACT_BY_NAME.get(fact)!;
      if (fact !== 'softwareSector' && fact !== 'postdoc') expect(outcome.profile[fact], fact).toBe(def.type === 'enum' ? 'none' : false);
    }
    // Answered, so never asked again.
    expect(prompter.calls.slice(2).flatMap(factsOf).filter((fact) => facts.includes(fact))).toEqual([]);
    expect(outcome.declined.filter((fact) => facts.includes(fact))).toEqual([]);
  });

  it('leaves the unticked unknown on "not sure", and does not ask them again', async () => {
    const prompter = firstChecklist((question) => ({ ticked: [option(question, 'softwareSector')], unticked: 'unknown' }));
    const outcome = await questionnaire(context, { prompter });
    const { facts } = checklistOf(prompter.calls);
    expect(outcome.profile.softwareSector).toBe(true);
    for (const fact of facts.filter((fact) => fact !== 'softwareSector')) {
      expect(outcome.profile[fact], fact).toBeUndefined();
      expect(outcome.declined).toContain(fact);
    }
    expect(prompter.calls.slice(2).flatMap(factsOf).filter((fact) => facts.includes(fact))).toEqual([]);
  });

  it('keeps the ticks and stops when "show results now" is ticked too; "don\'t know" leaves every fact unknown', async () => {
    const stopping = firstChecklist((question) => ({ ticked: [option(question, 'softwareSector')], unticked: 'unknown', showResults: true }));
    const stopped = await questionnaire(context, { prompter: stopping });
    expect(stopping.calls).toHaveLength(2);
    expect(stopped.stoppedEarly).toBe(true);
    expect(stopped.profile).toEqual({ applicantType: 'person', softwareSector: true });
    const unsure = firstChecklist(() => DONT_KNOW);
    const outcome = await questionnaire(context, { prompter: unsure });
    expect(outcome.declined).toEqual(expect.arrayContaining([...checklistOf(unsure.calls).facts]));
    expect(Object.keys(outcome.profile)).toEqual(['applicantType']);
  });

  it('leaves an enum unknown when two of its values are ticked', async () => {
    const prompter = firstChecklist((question) => ({ ticked: [option(question, 'postdoc', 'completed'), option(question, 'postdoc', 'in-station')], unticked: 'no' }));
    const outcome = await questionnaire(context, { prompter });
    expect(outcome.profile.postdoc).toBeUndefined();
    expect(outcome.declined).toContain('postdoc');
    expect(outcome.profile.hongyanPlan).toBe(false);
  });

  it('is worded in Chinese, an enum offering each value but none', async () => {
    const prompter = firstChecklist(() => SHOW_RESULTS);
    await questionnaire(withLang('zh'), { prompter });
    const question = checklistOf(prompter.calls);
    expect(question.label).toBe('以下哪些情况适用？（勾选所有适用的）');
    expect(question.options.filter((o) => o.fact === 'postdoc').map((o) => o.label)).toEqual(['博士后：在站（进站）', '博士后：已出站']);
    expect(option(question, 'hongyanPlan')).toMatchObject({ label: '鸿雁计划', help: '入选“鸿雁计划”' });
    // Options follow the facts, best first, each enum's values together.
    expect([...new Set(question.options.map((o) => o.fact))]).toEqual(question.facts);
  });
});

describe('numberEscape', () => {
  it('reads Enter alone as "don\'t know", r as "show results now", and leaves numbers to be checked', () => {
    expect(numberEscape('')).toBe(DONT_KNOW);
    expect(numberEscape('  ')).toBe(DONT_KNOW);
    expect(numberEscape('r')).toBe(SHOW_RESULTS);
    expect(numberEscape('R ')).toBe(SHOW_RESULTS);
    expect(numberEscape('1,000')).toBeNull();
    expect(numberEscape('abc')).toBeNull();
  });
});

describe('the saved profile', () => {
  let outcome: QuestionnaireOutcome;
  beforeAll(async () => {
    // Not sure about staying in Chongqing, so "not sure" about everything left unticked in the checklist.
    const hidden = complete(PERSONAS['postdoc leaving the station']!);
    const { staysInChongqing: _unknown, ...known } = hidden;
    outcome = await questionnaire(context, { prompter: persona(known) });
  });

  it('reads back to the same facts and the same result', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const text = renderProfileYaml(outcome.profile, DECLARED, { date: '2024-07-01', lang, unknown: outcome.declined });
      const parsed = await parseProfileText(text, 'saved.yaml', DECLARED);
      expect(parsed.ok && parsed.value).toEqual(outcome.profile);
      expect(evaluate(context.compiled, parsed.ok ? parsed.value : {}, AS_OF)).toEqual(outcome.result);
    }
  });

  it('says when and by what it was written, and which facts were answered "don\'t know"', () => {
    expect(outcome.declined).toContain('staysInChongqing');
    const zh = renderProfileYaml(outcome.profile, DECLARED, { date: '2024-07-01', lang: 'zh', unknown: outcome.declined });
    expect(zh.split('\n')[0]).toBe('# 申请人事实，由 `subsidy ask` 于 2024-07-01 写入。');
    expect(zh).toMatch(/^# 回答“不知道”：.*staysInChongqing（?.*留（来）渝/m);
    expect(zh).toMatch(/^postdoc: completed # 博士后: 已出站$/m);
    const en = renderProfileYaml(outcome.profile, DECLARED, { date: '2024-07-01', lang: 'en', unknown: outcome.declined });
    expect(en.split('\n')[0]).toBe('# Applicant facts written by `subsidy ask` on 2024-07-01.');
  });

  it('is an empty mapping when nothing is known', async () => {
    const parsed = await parseProfileText(renderProfileYaml({}, DECLARED, { date: '2024-07-01', lang: 'en' }), 'empty.yaml', DECLARED);
    expect(parsed).toEqual({ ok: true, value: {} });
  });
});

describe('writeFileAtomic', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'subsidy-ask-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the whole text and leaves no temporary file', async () => {
    const file = join(dir, 'profile.yaml');
    await writeFileAtomic(file, 'degree: master\n');
    expect(await readFile(file, 'utf8')).toBe('degree: master\n');
    expect(await readdir(dir)).toEqual(['profile.yaml']);
  });

  it('names the file when the folder does not exist', async () => {
    const file = join(dir, 'missing', 'profile.yaml');
    const error = await writeFileAtomic(file, 'x: 1\n').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`${file}: cannot write: no such folder`);
    expect(await readdir(dir)).not.toContain('missing');
  });
});

describe('the prompt library', () => {
  it('is not loaded when ask runs on a profile without a terminal, and is loaded for a terminal prompter', async () => {
    const file = join(testTempDir('subsidy-ask-'), 'profile.yaml');
    await writeFileAtomic(file, 'applicantType: person\n');
    const io = memoryIo();
    expect(await ask({ profile: file, json: true, asOf: AS_OF, policies: BUNDLED_POLICIES, param: [] }, io)).toBe(0);
    expect((JSON.parse(io.stdout.text()) as { profile: Profile }).profile).toEqual({ applicantType: 'person' });
    expect(inquirer.loaded).toBe(false);
    await terminalPrompter('en', PLAIN, { input: io.stdin, output: io.stderr });
    expect(inquirer.loaded).toBe(true);
  });
});
