import { coerceFactValue, refusalAllowed } from '../facts/coerce.js';
import { factNamed, groupOf, withImplied, type FactDef, type FactsDeclaration, type FactValue, type Label, type NumberFact, type Profile } from '../facts/facts.js';
import { evaluate, type CheckResult, type CompiledPolicy } from './evaluate.js';
import { nextQuestion, tickValues, untickedValue } from './next-question.js';
import { aside, colon, render, t } from '../util/messages/index.js';

type Lang = keyof Label;

/** The answer "don't know": the fact stays unknown and is not asked again. */
export const DONT_KNOW: unique symbol = Symbol('dont-know');
/** The answer "show results now": the questionnaire stops and reports. */
export const SHOW_RESULTS: unique symbol = Symbol('show-results');
export type Escape = typeof DONT_KNOW | typeof SHOW_RESULTS;

export interface Question {
  fact: string;
  /** The fact's label and help in the chosen language. */
  label: string;
  help: string;
}

export interface SelectQuestion extends Question {
  choices: readonly { value: string; label: string }[];
}

export interface NumberQuestion extends Question {
  /** What is allowed, in words of the chosen language: "≥ 0 的数（元）". */
  allowed: string;
  /** Why the previous answer was refused; present when the question is asked again. */
  error?: string;
  /** Why a text typed would be refused (null: it would be taken), for a prompter that checks before accepting. */
  check?: (text: string) => string | null;
}

/** One tick of a checklist: a yes/no fact (value true) or one value of an enum. */
export interface ChecklistOption {
  fact: string;
  value: FactValue;
  label: string;
  help: string;
  /** The heading of the option's topic; a heading is shown where the topic changes. */
  topic: string;
}

export interface ChecklistQuestion {
  /** The facts asked, by topic and best first within one; an enum's values follow each other. */
  facts: readonly string[];
  label: string;
  help: string;
  options: readonly ChecklistOption[];
}

export interface ChecklistAnswer {
  ticked: readonly ChecklistOption[];
  /** The unticked facts do not apply ("no"), or stay unknown ("I'm not sure about the unticked ones"). */
  unticked: 'no' | 'unknown';
  /** "Show results now" was ticked too: the ticks count, the unticked stay unknown, and the questions stop. */
  showResults?: boolean;
}

/**
 * The prompts the questionnaire needs. Injected (the CLI gives a terminal's, tests script the answers); every
 * question offers "don't know" and "show results now". `number` returns the text as typed: the questionnaire
 * validates it.
 */
export interface Prompter {
  select(question: SelectQuestion): Promise<string | Escape>;
  yesNo(question: Question): Promise<boolean | Escape>;
  number(question: NumberQuestion): Promise<string | Escape>;
  /** "Which of these apply?": DONT_KNOW is nothing ticked and the rest unknown; SHOW_RESULTS stops with nothing ticked. */
  checkbox(question: ChecklistQuestion): Promise<ChecklistAnswer | Escape>;
}

export interface QuestionnaireOptions {
  prompter: Prompter;
  lang: Lang;
  /** Facts known before the first question, e.g. from --profile: never asked. */
  profile?: Profile;
  /**
   * Called after each answer with the result so far, how many questions were asked, and the facts so far (kept by
   * `ask --save` when the session is interrupted).
   */
  progress?: (result: CheckResult, asked: number, sofar: Pick<QuestionnaireOutcome, 'profile' | 'declined'> & { implied: readonly string[] }) => void;
}

export interface QuestionnaireOutcome {
  result: CheckResult;
  /** The starting facts plus the answers. */
  profile: Profile;
  /** The questions asked, in order, each as the facts it asked about (one, or the facts of a checklist). */
  asked: string[][];
  /** Facts answered "don't know" (in a checklist: left unticked as "not sure"). */
  declined: string[];
  /** The user chose "show results now" before the questions ran out. */
  stoppedEarly: boolean;
}

function allowedText(def: NumberFact, lang: Lang): string {
  const unit = def.unit?.[lang];
  return `${render(refusalAllowed(def), lang)}${unit ? aside(unit, lang) : ''}`;
}

function refusal(text: string, allowed: string, lang: Lang): string {
  return t('ask.refused', lang, { text, allowed });
}

/** Asks one fact with the prompt its type calls for; a refused number is asked again with what is allowed. */
async function askFact(facts: FactsDeclaration, def: FactDef, prompter: Prompter, lang: Lang): Promise<FactValue | Escape> {
  const question = { fact: def.name, label: def.label[lang], help: def.help[lang] };
  switch (def.type) {
    case 'enum':
      return prompter.select({ ...question, choices: def.values.map((value) => ({ value, label: def.valueLabels[value]![lang] })) });
    case 'boolean':
      return prompter.yesNo(question);
    case 'number':
    case 'integer': {
      const allowed = allowedText(def, lang);
      const check = (text: string) => (coerceFactValue(facts, def, text).ok ? null : refusal(text, allowed, lang));
      let error: string | undefined;
      for (;;) {
        const answer = await prompter.number({ ...question, allowed, check, ...(error === undefined ? {} : { error }) });
        if (typeof answer === 'symbol') return answer;
        const coerced = coerceFactValue(facts, def, answer);
        if (coerced.ok && coerced.value !== undefined) return coerced.value;
        if (coerced.ok) return DONT_KNOW;
        error = refusal(answer, allowed, lang);
      }
    }
  }
}



/** "Which of these apply?" for the tickable facts, best first: one tick per yes/no fact, one per value of an enum but none. */
function askChecklist(declared: FactsDeclaration, facts: readonly string[], prompter: Prompter, lang: Lang): Promise<ChecklistAnswer | Escape> {
  const options = facts.flatMap((fact): ChecklistOption[] => {
    const def = factNamed(declared, fact)!;
    const topic = groupOf(declared, fact)?.label[lang] ?? '';
    return tickValues(def).map((value) => ({
      fact,
      value,
      label: def.type === 'enum' ? `${def.label[lang]}${colon(lang)}${def.valueLabels[String(value)]![lang]}` : def.label[lang],
      help: def.help[lang],
      topic,
    }));
  });
  return prompter.checkbox({ facts, label: t('ask.checklist', lang), help: t('ask.checklistHelp', lang), options });
}

interface Answers {
  known: Record<string, FactValue>;
  /** Facts left unknown: "don't know", or unticked and "not sure". */
  unknown: string[];
  /** "Show results now": stop after taking these answers. */
  stop: boolean;
}

function singleAnswers(fact: string, answer: FactValue | Escape): Answers {
  if (answer === SHOW_RESULTS) return { known: {}, unknown: [], stop: true };
  if (answer === DONT_KNOW) return { known: {}, unknown: [fact], stop: false };
  return { known: { [fact]: answer }, unknown: [], stop: false };
}

/** Ticked → that value; unticked → no (false, none) or unknown, as the user said. */
function checklistAnswers(declared: FactsDeclaration, facts: readonly string[], answer: ChecklistAnswer | Escape): Answers {
  if (answer === SHOW_RESULTS) return { known: {}, unknown: [], stop: true };
  const { ticked, unticked, showResults = false } = answer === DONT_KNOW ? { ticked: [], unticked: 'unknown' as const } : answer;
  const answers: Answers = { known: {}, unknown: [], stop: showResults };
  for (const fact of facts) {
    const ticks = ticked.filter((option) => option.fact === fact);
    // Two values of one enum ticked cannot both hold; the terminal refuses it, and any other prompter gets "unknown".
    if (ticks.length === 1) answers.known[fact] = ticks[0]!.value;
    else if (ticks.length === 0 && unticked === 'no') answers.known[fact] = untickedValue(factNamed(declared, fact)!);
    else answers.unknown.push(fact);
  }
  return answers;
}

/**
 * The questionnaire: asks the question whose answer can decide the most still-open items (who is applying
 * first; the yes/no facts and rare enums that matter together as one checklist; see nextQuestion), until no
 * answer could change a result or the user asks for the results. Returns the same result `check` would give for
 * the facts collected.
 */
export async function runQuestionnaire(compiled: CompiledPolicy, asOf: string, options: QuestionnaireOptions): Promise<QuestionnaireOutcome> {
  const { prompter, lang } = options;
  const declared = compiled.set.facts;
  // What an answer implies (facts.yaml's implies) counts as answered: never asked.
  let profile: Profile = withImplied(declared, { ...options.profile });
  const settled = new Set<string>();
  const asked: string[][] = [];
  const declined: string[] = [];
  let stoppedEarly = false;
  for (let question = nextQuestion(compiled, profile, asOf, settled); question !== null; question = nextQuestion(compiled, profile, asOf, settled)) {
    const facts = question.kind === 'fact' ? [question.fact] : question.facts;
    asked.push(facts);
    const answers =
      question.kind === 'fact'
        ? singleAnswers(question.fact, await askFact(declared, factNamed(declared, question.fact)!, prompter, lang))
        : checklistAnswers(declared, facts, await askChecklist(declared, facts, prompter, lang));
    const answered = { ...profile, ...answers.known };
    profile = withImplied(declared, answered);
    // The facts this answer implied (facts.yaml's implies): shown, so that a question not asked is not a mystery.
    const implied = Object.keys(profile).filter((fact) => answered[fact] === undefined);
    for (const fact of answers.unknown) {
      settled.add(fact);
      declined.push(fact);
    }
    // A fact declined earlier may be known now, implied by a later answer.
    for (let i = declined.length - 1; i >= 0; i--) if (profile[declined[i]!] !== undefined) declined.splice(i, 1);
    if (answers.stop) {
      stoppedEarly = true;
      break;
    }
    options.progress?.(evaluate(compiled, profile, asOf), asked.length, { profile, declined: [...declined], implied });
  }
  return { result: evaluate(compiled, profile, asOf), profile, asked, declined, stoppedEarly };
}
