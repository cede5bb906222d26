import { Help, type Argument, type Command, type HelpConfiguration, type Option } from 'commander';
import { displayWidth, wrapText } from '../report/text-layout.js';
import { aside, msg, parenthesised, PUNCTUATION, render, t, type Lang, type MessageId } from '../util/messages/index.js';

// Commander's own words (the help's titles, "choices:", "default:", its error messages) in the run's language.
// English is commander's text unchanged; Chinese is made from the same parts.

const TITLES: Record<string, MessageId> = {
  'Usage:': 'cmd.usage',
  'Options:': 'cmd.options',
  'Commands:': 'cmd.commands',
  'Arguments:': 'cmd.arguments',
  'Global Options:': 'cmd.globalOptions',
};

function extras(lang: Lang, choices: readonly string[] | undefined, shownDefault: string | undefined): string[] {
  const out: string[] = [];
  if (choices) out.push(t('cmd.choices', lang, { values: choices.map((choice) => JSON.stringify(choice)).join(', ') }));
  if (shownDefault !== undefined) out.push(t('cmd.default', lang, { value: shownDefault }));
  return out;
}

const withExtras = (description: string, more: string[], lang: Lang) => {
  if (more.length === 0) return description;
  const notes = more.join(PUNCTUATION.optionNotes[lang]);
  return description ? `${description}${aside(notes, lang)}` : parenthesised(notes, lang);
};

/**
 * Below this width a description is left unwrapped (commander's minWidthToWrap, 40 by its default: at 60 columns a
 * command's descriptions would run past the edge). 20 columns still hold ten Chinese characters a line.
 */
const MIN_WRAP_WIDTH = 20;

/** Help overrides for commander's configureHelp: the same layout, its words in the language. */
export function commanderHelp(lang: Lang): HelpConfiguration {
  // Columns as the terminal shows them: a Chinese character takes two, and Chinese text, which has no spaces
  // between words, is broken between characters (commander counts code units and breaks at spaces only).
  const layout: HelpConfiguration = {
    minWidthToWrap: MIN_WRAP_WIDTH,
    displayWidth: (text: string) => displayWidth(text),
    boxWrap: (text: string, width: number) => (width < MIN_WRAP_WIDTH ? text : wrapText(text, width).join('\n')),
  };
  if (lang === 'en') return layout;
  const base = new Help();
  return {
    ...layout,
    styleTitle: (title: string) => (title in TITLES ? t(TITLES[title]!, lang) : title),
    commandUsage: (command: Command) =>
      base.commandUsage(command).replace('[options]', t('cmd.optionsToken', lang)).replace('[command]', t('cmd.commandToken', lang)),
    subcommandTerm: (command: Command) =>
      base.subcommandTerm(command).replace('[options]', t('cmd.optionsToken', lang)).replace('[command]', t('cmd.commandToken', lang)),
    optionDescription: (option: Option) => {
      const showDefault = option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'));
      const shown = showDefault ? (option.defaultValueDescription ?? JSON.stringify(option.defaultValue)) : undefined;
      return withExtras(option.description, extras(lang, option.argChoices, shown), lang);
    },
    argumentDescription: (argument: Argument) => {
      const shown = argument.defaultValue !== undefined ? (argument.defaultValueDescription ?? JSON.stringify(argument.defaultValue)) : undefined;
      return withExtras(argument.description, extras(lang, argument.argChoices, shown), lang);
    },
  };
}

const ERRORS: [RegExp, (m: RegExpMatchArray) => ReturnType<typeof msg>][] = [
  [/^unknown option '(.*)'$/, (m) => msg('cmd.unknownOption', { flag: m[1]! })],
  [/^unknown command '(.*)'$/, (m) => msg('cmd.unknownCommand', { name: m[1]! })],
  [/^missing required argument '(.*)'$/, (m) => msg('cmd.missingArgument', { name: m[1]! })],
  [/^option '(.*)' argument missing$/, (m) => msg('cmd.optionMissingArgument', { flag: m[1]! })],
  [/^option '(.*)' cannot be used with option '(.*)'$/, (m) => msg('cmd.conflictingOption', { flag: m[1]!, other: m[2]! })],
  [/^required option '(.*)' not specified$/, (m) => msg('cmd.mandatoryOption', { flag: m[1]! })],
  [/^option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\.$/, (m) => msg('cmd.invalidChoice', { flag: m[1]!, value: m[2]!, choices: m[3]! })],
  [/^command-argument value '(.*)' is invalid for argument '(.*)'\. Allowed choices are (.*)\.$/, (m) => msg('cmd.invalidArgumentChoice', { value: m[1]!, name: m[2]!, choices: m[3]! })],
  [
    /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => msg('cmd.tooManyArguments', { forCommand: m[1] ? msg('cmd.forCommand', { name: m[1] }) : '', expected: m[2]!, got: m[3]!, argumentWord: m[2] === '1' ? 'argument' : 'arguments' }),
  ],
  [/^\(Did you mean one of (.*)\?\)$/, (m) => msg('cmd.didYouMeanOneOf', { suggestions: m[1]! })],
  [/^\(Did you mean (.*)\?\)$/, (m) => msg('cmd.didYouMean', { suggestion: m[1]! })],
];

/** Chinese punctuation, and ideographs: lines join with nothing at the one, and between two of the other. */
const CHINESE_PUNCTUATION = /[\u3000-\u303f\uff00-\uffef]/;
const IDEOGRAPH = /[\u4e00-\u9fff]/;
/** A line that ends a sentence or leads into what follows: the next line starts anew. */
const ENDS_LINE = /[.:!?。：！？]$/;
/** A row of a two-column list: two spaces, a term (not a YAML key), two or more spaces, its description. */
const LIST_ROW = /^( {2}\S*[^\s:] {2,})\S/;

/** A space no line is broken at (wrapText breaks at U+0020 only). */
const HELD_SPACE = '\u00a0';

/** A description that is a literal, a CSV header or a JSON shape: it stands alone. */
const LITERAL = /^(?:[^\s\u4e00-\u9fff]*|[{[].*)$/;

/** How two lines written one under the other join: nothing in Chinese, at its punctuation; else a space. */
function joined(before: string, after: string): string {
  const [last, first] = [before.slice(-1), after[0]!];
  const tight = CHINESE_PUNCTUATION.test(last) || CHINESE_PUNCTUATION.test(first) || (IDEOGRAPH.test(last) && IDEOGRAPH.test(first));
  return before + (tight ? '' : ' ') + after;
}

/**
 * The notes after a help's lists (exit codes, inputs, examples) fitted to the terminal as the lists are. They are
 * written in lines of about 110 columns: a line that goes on in the next (it does not end a sentence) is joined to it,
 * then broken again at `width`. Paragraphs are lines that start at column 0. In a list (a term, then its description
 * at a column of its own) a description goes on in the lines indented to that column, unless it is a literal (a CSV
 * header, a JSON shape), which stands alone, and a row with a word too long for its column is kept as written. Any
 * other indented line (an example `$ …`, a YAML or config sample) is kept as written, so that it can be copied; so
 * is a quoted text ("subsidy diff --reading ID=OPTION") inside a paragraph, which moves to the next line whole.
 */
export function reflowNotes(text: string, width: number): string {
  if (width < MIN_WRAP_WIDTH) return text;
  /** Each block: its text, and where its following lines start (null: kept as written). */
  const blocks: { text: string; hang: number | null }[] = [];
  let column = -1;
  for (const line of text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const row = LIST_ROW.exec(line);
    const previous = blocks[blocks.length - 1];
    if (row) column = displayWidth(row[1]!);
    else if (line === '' || lead !== column) column = -1;
    const goesOn = previous !== undefined && previous.text !== '' && line.trim() !== '' && !row && !ENDS_LINE.test(previous.text);
    if (goesOn && lead === 0 && previous.hang === 0) {
      previous.text = joined(previous.text, line);
      continue;
    }
    const description = previous?.text.slice(column).trim() ?? '';
    if (goesOn && column > 0 && previous.hang === column && !LITERAL.test(description)) {
      previous.text = joined(previous.text, line.trimStart());
      continue;
    }
    blocks.push({ text: line, hang: lead === 0 ? 0 : column >= 0 ? column : null });
  }
  return blocks
    .flatMap(({ text: block, hang }) => {
      if (block === '' || hang === null) return [block];
      const lead = block.length - block.trimStart().length;
      if (lead > 0 && block.split(' ').some((word) => !IDEOGRAPH.test(word) && displayWidth(word) > width - hang)) return [block];
      const held = block.trimStart().replace(/"[^"]*"/g, (quoted) => quoted.replaceAll(' ', HELD_SPACE));
      return wrapText(held, width, { indent: lead, hang }).map((line) => line.replaceAll(HELD_SPACE, ' '));
    })
    .join('\n');
}

/** One of commander's error texts ("error: unknown option '--x'\n(Did you mean --y?)\n") in the language. */
export function commanderError(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return text
    .split('\n')
    .map((line) => {
      const body = line.startsWith('error: ') ? line.slice('error: '.length) : line;
      for (const [pattern, make] of ERRORS) {
        const match = pattern.exec(body);
        if (match) return line === body ? render(make(match), lang) : render(msg('cmd.error', { detail: make(match) }), lang);
      }
      return line;
    })
    .join('\n');
}
