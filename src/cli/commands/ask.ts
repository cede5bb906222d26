import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { checkWithNearMisses } from '../../engine/check-report.js';
import { evaluate, type CheckResult } from '../../engine/evaluate.js';
import { nextQuestion, tickValues, untickedValue } from '../../engine/next-question.js';
import { coerceFactValue } from '../../facts/coerce.js';
import { CHECKLIST_TOPICS, describeAllowed, FACT_BY_NAME, type FactDef, type FactValue, type Label, type NumberFact, type Profile } from '../../facts/facts.js';
import { loadProfile } from '../../facts/profile.js';
import { renderProfileYaml } from '../../facts/profile-writer.js';
import { askStatusOf, renderAskStatus } from '../../report/ask-status.js';
import { renderCheckTable } from '../../report/check-table.js';
import { PLAIN, type Lang, type Style } from '../../report/format.js';
import { renderJson } from '../../report/json.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { inputError } from '../../util/problems.js';
import { canAsk, loadContext, printNotices, styleFor, todayIso, type Context } from '../context.js';
import { pathIn, type Io } from '../io.js';
import type { AskOptions } from '../program.js';
import { DONT_KNOW, SHOW_RESULTS, terminalPrompter, type ChecklistAnswer, type ChecklistOption, type Escape, type Prompter } from '../prompts.js';

export interface QuestionnaireOptions {
  prompter: Prompter;
  /** Facts known before the first question, e.g. from --profile: never asked. */
  profile?: Profile;
  /** Receives the status line after each answer. */
  status?: (line: string) => void;
  style?: Style;
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
  if (lang === 'en') return `${describeAllowed(def)}${unit ? ` (${unit})` : ''}`;
  const kind = def.type === 'integer' ? '整数' : '数';
  const range = def.max === undefined ? `不小于 ${def.min} 的${kind}` : `${def.min} 到 ${def.max} 之间的${kind}`;
  return `${range}${unit ? `（${unit}）` : ''}`;
}

function refusal(text: string, allowed: string, lang: Lang): string {
  return lang === 'zh' ? `“${text}”无效：应为${allowed}` : `"${text}" is not allowed: expected ${allowed}`;
}

/** Asks one fact with the prompt its type calls for; a refused number is asked again with what is allowed. */
async function askFact(def: FactDef, prompter: Prompter, lang: Lang): Promise<FactValue | Escape> {
  const question = { fact: def.name, label: def.label[lang], help: def.help[lang] };
  switch (def.type) {
    case 'enum':
      return prompter.select({ ...question, choices: def.values.map((value) => ({ value, label: def.valueLabels[value]![lang] })) });
    case 'boolean':
      return prompter.yesNo(question);
    case 'number':
    case 'integer': {
      const allowed = allowedText(def, lang);
      let error: string | undefined;
      for (;;) {
        const answer = await prompter.number({ ...question, allowed, ...(error === undefined ? {} : { error }) });
        if (typeof answer === 'symbol') return answer;
        const coerced = coerceFactValue(def, answer);
        if (coerced.ok && coerced.value !== undefined) return coerced.value;
        if (coerced.ok) return DONT_KNOW;
        error = refusal(answer, allowed, lang);
      }
    }
  }
}

const CHECKLIST: Record<'label' | 'help', Label> = {
  label: { zh: '以下哪些情况适用？（勾选所有适用的）', en: 'Which of these apply? (tick all that do)' },
  help: { zh: '未勾选的视为“否”', en: 'unticked ones count as "no"' },
};

/** "Which of these apply?" for the tickable facts, best first: one tick per yes/no fact, one per value of an enum but none. */
const TOPIC_OF = new Map(CHECKLIST_TOPICS.flatMap((topic) => topic.facts.map((fact) => [fact, topic.label] as const)));

function askChecklist(facts: readonly string[], prompter: Prompter, lang: Lang): Promise<ChecklistAnswer | Escape> {
  const options = facts.flatMap((fact): ChecklistOption[] => {
    const def = FACT_BY_NAME.get(fact)!;
    const topic = TOPIC_OF.get(fact)?.[lang] ?? '';
    return tickValues(def).map((value) => ({
      fact,
      value,
      label: def.type === 'enum' ? `${def.label[lang]}${lang === 'zh' ? '：' : ': '}${def.valueLabels[String(value)]![lang]}` : def.label[lang],
      help: def.help[lang],
      topic,
    }));
  });
  return prompter.checkbox({ facts, label: CHECKLIST.label[lang], help: CHECKLIST.help[lang], options });
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
function checklistAnswers(facts: readonly string[], answer: ChecklistAnswer | Escape): Answers {
  if (answer === SHOW_RESULTS) return { known: {}, unknown: [], stop: true };
  const { ticked, unticked, showResults = false } = answer === DONT_KNOW ? { ticked: [], unticked: 'unknown' as const } : answer;
  const answers: Answers = { known: {}, unknown: [], stop: showResults };
  for (const fact of facts) {
    const ticks = ticked.filter((option) => option.fact === fact);
    // Two values of one enum ticked cannot both hold; the terminal refuses it, and any other prompter gets "unknown".
    if (ticks.length === 1) answers.known[fact] = ticks[0]!.value;
    else if (ticks.length === 0 && unticked === 'no') answers.known[fact] = untickedValue(FACT_BY_NAME.get(fact)!);
    else answers.unknown.push(fact);
  }
  return answers;
}

/**
 * The questionnaire: asks the question whose answer can decide the most still-open items (who is applying
 * first; the yes/no facts and rare enums that matter together as one checklist), until no answer could change
 * a result or the user asks for the results. Returns the same result `check` would give for the facts collected.
 */
export async function runQuestionnaire(context: Context, options: QuestionnaireOptions): Promise<QuestionnaireOutcome> {
  const { compiled, asOf, lang } = context;
  const style = options.style ?? PLAIN;
  let profile: Profile = { ...options.profile };
  const settled = new Set<string>();
  const asked: string[][] = [];
  const declined: string[] = [];
  let stoppedEarly = false;
  for (let question = nextQuestion(compiled, profile, asOf, settled); question !== null; question = nextQuestion(compiled, profile, asOf, settled)) {
    const facts = question.kind === 'fact' ? [question.fact] : question.facts;
    asked.push(facts);
    const answers =
      question.kind === 'fact'
        ? singleAnswers(question.fact, await askFact(FACT_BY_NAME.get(question.fact)!, options.prompter, lang))
        : checklistAnswers(facts, await askChecklist(facts, options.prompter, lang));
    profile = { ...profile, ...answers.known };
    for (const fact of answers.unknown) {
      settled.add(fact);
      declined.push(fact);
    }
    if (answers.stop) {
      stoppedEarly = true;
      break;
    }
    options.status?.(renderAskStatus(askStatusOf(evaluate(compiled, profile, asOf), asked.length), lang, style));
  }
  return { result: evaluate(compiled, profile, asOf), profile, asked, declined, stoppedEarly };
}

/**
 * The questionnaire on this terminal. Prompts and status lines go to stderr, so that stdout stays the report
 * (`ask --json > result.json` works); to stdout only when stderr is redirected and stdout is the terminal.
 */
export async function askOnTerminal(context: Context, io: Io, profile: Profile = {}): Promise<QuestionnaireOutcome> {
  const toStdout = !io.isTTY.stderr && io.isTTY.stdout;
  const output = toStdout ? io.stdout : io.stderr;
  const style = styleFor(io, toStdout ? 'stdout' : 'stderr');
  const prompter = await terminalPrompter(context.lang, style, { input: io.stdin, output });
  return runQuestionnaire(context, { prompter, profile, style, status: (line) => output.write(`${line}\n`) });
}

async function checkSaveTarget(file: string): Promise<void> {
  const folder = dirname(file);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw inputError(`--save: no such folder "${folder}"`, file);
}

export async function ask(options: AskOptions, io: Io): Promise<number> {
  if (!canAsk(io) && !options.profile) {
    throw inputError('ask needs a terminal to ask its questions; without one, give the facts in a file with --profile FILE (see "subsidy facts")');
  }
  if (options.save) await checkSaveTarget(pathIn(io, options.save));
  const context = await loadContext(options, io);
  const start = options.profile ? await loadProfile(pathIn(io, options.profile)) : {};
  const outcome = canAsk(io) ? await askOnTerminal(context, io, start) : null;
  const profile = outcome?.profile ?? start;
  if (options.save) {
    await writeFileAtomic(pathIn(io, options.save), renderProfileYaml(profile, { date: todayIso(), lang: context.lang, unknown: outcome?.declined ?? [] }));
  }
  // The same report check prints for these facts.
  const report = checkWithNearMisses(context.compiled, profile, context.asOf);
  printNotices(report.notices, context.lang, io);
  io.stdout.write(
    options.json ? renderJson(report) : renderCheckTable(report, { lang: context.lang, style: styleFor(io, 'stdout'), all: Boolean(options.all), width: io.columns }),
  );
  return 0;
}
