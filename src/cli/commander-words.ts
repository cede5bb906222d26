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

/** Below this width commander leaves a description unwrapped (its minWidthToWrap). */
const MIN_WRAP_WIDTH = new Help().minWidthToWrap;

/** Help overrides for commander's configureHelp: the same layout, its words in the language. */
export function commanderHelp(lang: Lang): HelpConfiguration {
  // Columns as the terminal shows them: a Chinese character takes two, and Chinese text, which has no spaces
  // between words, is broken between characters (commander counts code units and breaks at spaces only).
  const layout: HelpConfiguration = {
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
