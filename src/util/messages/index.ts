// The one message catalogue: every string a person reads, in Chinese and English, by id. Each layer's entries are
// in their own file here (util is the lowest layer, so policy, facts, batch and cli errors can all name them).
// A message is an id and its parameters until it reaches the screen; it is rendered there, in the user's language.
import { CATALOGUE } from './catalogue.js';
import { formatNumber } from '../number-text.js';
import { joinList } from './punctuation.js';

export { aside, colon, joinClauses, joinList, joinPhrases, parenthesised, PUNCTUATION } from './punctuation.js';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** Every message, by id. */
export const MESSAGES: typeof CATALOGUE = CATALOGUE;

export type MessageId = keyof typeof MESSAGES;
export type ParamValue = string | number | Message | Bilingual | readonly (string | Message | Bilingual)[];
export type Params = Readonly<Record<string, ParamValue>>;

/** A sentence for a person, not yet in a language: the catalogue id and what fills its {placeholders}. */
export interface Message {
  readonly id: MessageId;
  readonly params?: Params;
}

/** Text in both languages that does not come from the catalogue (policy data: titles, notes, labels). */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

export type Text = Message | Bilingual;

export function msg(id: MessageId, params?: Params): Message {
  return params === undefined ? { id } : { id, params };
}

export const isMessage = (value: unknown): value is Message =>
  typeof value === 'object' && value !== null && typeof (value as Message).id === 'string' && (value as Message).id in MESSAGES;

function renderParam(value: ParamValue, lang: Lang): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return lang === 'en' ? formatNumber(value, 3) : String(value);
  if (Array.isArray(value)) return joinList(value.map((part: string | Message | Bilingual) => renderParam(part, lang)), lang);
  return render(value as Text, lang);
}

/** The message in one language, its {placeholders} filled; a placeholder without a value stays as written. */
export function render(text: Text | string, lang: Lang): string {
  if (typeof text === 'string') return text;
  if (!('id' in text)) return text[lang];
  const template: string = MESSAGES[text.id][lang];
  const params = text.params ?? {};
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? renderParam(params[name]!, lang) : whole));
}

/** A sentence already in the one language its writer chose (a config file's error, in the language known then). */
export function fixed(text: string): Message {
  return msg('schema.issue', { detail: { zh: text, en: text } });
}

/** The template of an id in one language, with {placeholders} filled from plain values (the reporters' form). */
export function t(id: MessageId, lang: Lang, values: Record<string, string | number> = {}): string {
  return render(msg(id, values), lang);
}

/** The language a run's arguments ask for with --lang zh|en (or --lang=zh), before commander has parsed them. */
export function langInArgv(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    const value = arg === '--lang' ? argv[i + 1] : arg.startsWith('--lang=') ? arg.slice('--lang='.length) : undefined;
    if (value === 'zh' || value === 'en') return value;
  }
  return undefined;
}
