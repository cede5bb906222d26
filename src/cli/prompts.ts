import {
  DONT_KNOW,
  SHOW_RESULTS,
  type ChecklistAnswer,
  type ChecklistOption,
  type ChecklistQuestion,
  type Escape,
  type NumberQuestion,
  type Prompter,
  type Question,
  type SelectQuestion,
} from '../engine/questionnaire.js';
import type { FactValue } from '../facts/facts.js';
import type { Lang, Style } from '../report/format.js';
import { t, type MessageKey } from '../report/messages.js';
import { joinList } from '../util/messages/index.js';

// The prompts' shapes are the questionnaire's (src/engine/questionnaire.ts); this file answers them on a terminal.
export { DONT_KNOW, SHOW_RESULTS };
export type { ChecklistAnswer, ChecklistOption, ChecklistQuestion, Escape, NumberQuestion, Prompter, Question, SelectQuestion } from '../engine/questionnaire.js';

/** inquirer's key hints ("↑↓ navigate • ⏎ select") in the chosen language. */
const KEY_ACTIONS: Record<string, MessageKey> = { navigate: 'keys.navigate', select: 'keys.select', submit: 'keys.submit' };

const KEY_NAMES: Record<string, MessageKey> = { space: 'keys.space' };

/** In a checklist the space bar ticks. */
const CHECKLIST_KEY_ACTIONS: Record<string, MessageKey> = { ...KEY_ACTIONS, select: 'keys.tick' };

/** What a typed number answer means besides a number: blank is "don't know", r is "show results now". */
export function numberEscape(text: string): Escape | null {
  const word = text.trim().toLowerCase();
  if (word === '' || word === '?' || word === t('dontKnow', 'zh') || word === "don't know") return DONT_KNOW;
  if (word === 'r' || word === 'results' || word === '结果' || word === t('showResults', 'zh')) return SHOW_RESULTS;
  return null;
}

export interface TerminalStreams {
  input: NodeJS.ReadableStream;
  /** Prompts go to stderr by default, so that stdout stays the report (and --json stays pure data). */
  output: NodeJS.WritableStream;
  /** When aborted, the prompt on screen ends as at Ctrl-C (the run is stopping). */
  signal?: AbortSignal;
}

/**
 * Prompts on a terminal with @inquirer/prompts, loaded only when a questionnaire actually starts so that
 * commands given a profile never pay for it. Ctrl-C rejects with inquirer's ExitPromptError, and `signal` aborted with
 * its AbortPromptError (a stop: exit 130, 143 or 129 in main).
 */
export async function terminalPrompter(lang: Lang, style: Style, streams: TerminalStreams): Promise<Prompter> {
  const { select, input, checkbox, Separator } = await import('@inquirer/prompts');
  const context = { input: streams.input, output: streams.output, signal: streams.signal };
  const escapes = [
    new Separator(),
    { value: DONT_KNOW, name: t('dontKnow', lang) },
    { value: SHOW_RESULTS, name: t('showResults', lang) },
  ] as const;
  const word = (id: MessageKey | undefined, fallback: string) => (id === undefined ? fallback : t(id, lang));
  const keysHelpTip = (actions: Record<string, MessageKey>) => (keys: [string, string][]) =>
    style.dim(keys.map(([key, action]) => `${word(KEY_NAMES[key], key)} ${word(actions[action], action)}`).join(' • '));
  const theme = { style: { keysHelpTip: keysHelpTip(KEY_ACTIONS) } };
  const message = (question: { label: string; help: string }) =>
    question.help && question.help !== question.label ? `${question.label} ${style.dim(`(${question.help})`)}` : question.label;
  // A list taller than the terminal would scroll away as inquirer redraws it.
  const rows = (streams.output as { rows?: number }).rows ?? 24;
  /** An answer typed, as the line that stays on screen shows it: words for "don't know" and "show results now". */
  const answerText = (value: string) => {
    const escape = numberEscape(value);
    return escape === DONT_KNOW ? t('dontKnow', lang) : escape === SHOW_RESULTS ? t('showResults', lang) : value;
  };
  const pageSize = (count: number) => Math.max(5, Math.min(count + escapes.length, 15, rows - 6));
  return {
    async select(question) {
      const choices = [...question.choices.map((choice) => ({ value: choice.value as string | Escape, name: choice.label })), ...escapes];
      return select({ message: message(question), choices, pageSize: pageSize(question.choices.length), loop: false, theme }, context);
    },
    async yesNo(question) {
      const choices = [{ value: true as boolean | Escape, name: t('yes', lang) }, { value: false as boolean | Escape, name: t('no', lang) }, ...escapes];
      return select({ message: message(question), choices, pageSize: pageSize(2), loop: false, theme }, context);
    },
    async number(question) {
      if (question.error) streams.output.write(`${style.yellow(question.error)}\n`);
      // A refused text is refused in place (never shown as answered, ✔), and Enter alone shows as "don't know".
      const check = question.check;
      const text = await input(
        {
          message: `${message(question)} ${style.dim(`[${question.allowed} · ${t('numberKeys', lang)}]`)}`,
          transformer: (value, { isFinal }) => (isFinal ? answerText(value) : value),
          ...(check ? { validate: (value: string) => numberEscape(value) !== null || (check(value) ?? true) } : {}),
        },
        context,
      );
      return numberEscape(text) ?? text;
    },
    async checkbox(question) {
      type Value = ChecklistOption | typeof DONT_KNOW | typeof SHOW_RESULTS;
      const choices = [
        ...question.options.flatMap((option, k) => [
          ...(k === 0 || question.options[k - 1]!.topic !== option.topic ? [new Separator(style.dim(`── ${option.topic} ──`))] : []),
          { value: option as Value, name: option.label, description: option.help },
        ]),
        new Separator(),
        { value: DONT_KNOW as Value, name: t('notSure', lang) },
        { value: SHOW_RESULTS as Value, name: t('showResults', lang) },
      ];
      const validate = (chosen: readonly { value: Value }[]) => {
        const ticked = chosen.flatMap(({ value }) => (typeof value === 'symbol' ? [] : [value]));
        const clashing = ticked.filter((option) => ticked.some((other) => other !== option && other.fact === option.fact));
        return clashing.length === 0 || `${t('oneValueOnly', lang)}${joinList(clashing.map((option) => option.label), lang)}`;
      };
      const list = {
        message: message(question),
        choices,
        pageSize: Math.max(5, Math.min(choices.length, rows - 8)),
        // The list is long: ↑ from the first option reaches "show results now" and "not sure" at its end.
        loop: true,
        validate,
        shortcuts: { all: null, invert: null },
        theme: {
          style: {
            keysHelpTip: keysHelpTip(CHECKLIST_KEY_ACTIONS),
            description: style.dim,
            renderSelectedChoices: (selected: readonly { short: string }[]) =>
              selected.length === 0 ? t('nothingTicked', lang) : joinList(selected.map((choice) => choice.short), lang),
          },
        },
      };
      let chosen: Value[];
      for (;;) {
        chosen = await checkbox(list, context);
        if (chosen.length > 0) break;
        // Enter on an untouched list: "none of these?" before every fact counts as no.
        const none = await select<'no' | 'back' | 'unknown'>(
          {
            message: t('noneOfThese', lang),
            choices: [
              { value: 'no', name: t('noneApply', lang) },
              { value: 'back', name: t('backToList', lang) },
              { value: 'unknown', name: t('notSure', lang) },
            ],
            loop: false,
            theme,
          },
          context,
        );
        if (none === 'no') return { ticked: [], unticked: 'no' };
        if (none === 'unknown') return { ticked: [], unticked: 'unknown' };
      }
      const ticked = chosen.filter((value): value is ChecklistOption => typeof value !== 'symbol');
      const showResults = chosen.includes(SHOW_RESULTS);
      return { ticked, unticked: showResults || chosen.includes(DONT_KNOW) ? 'unknown' : 'no', ...(showResults ? { showResults } : {}) };
    },
  };
}
