// Punctuation by language, said once: Chinese writes full-width marks with no spaces, English ASCII marks with
// their spaces. The words are the catalogue's (./index.ts); these are only how they are put together.
import type { Lang } from './index.js';

export const PUNCTUATION = {
  /** After a heading or a name: 社保月数：6 / Months: 6. */
  colon: { zh: '：', en: ': ' },
  /** Between the names or values of a list: 硕士、博士 / Master, Doctorate. */
  list: { zh: '、', en: ', ' },
  /** Between clauses, each a sentence of its own (reasons, conditions): …；… / …; …. */
  clauses: { zh: '；', en: '; ' },
  /** Between the parts of one sentence (changes of a scenario or a near miss): …，… / …, …. */
  phrases: { zh: '，', en: ', ' },
  /** Between the notes after an option's help (choices, default): commander's ", " in English; "；" in Chinese, whose choices are listed with ", ". */
  optionNotes: { zh: '；', en: ', ' },
} as const satisfies Record<string, Record<Lang, string>>;

export const colon = (lang: Lang): string => PUNCTUATION.colon[lang];
export const joinList = (parts: readonly string[], lang: Lang): string => parts.join(PUNCTUATION.list[lang]);
export const joinClauses = (parts: readonly string[], lang: Lang): string => parts.join(PUNCTUATION.clauses[lang]);
export const joinPhrases = (parts: readonly string[], lang: Lang): string => parts.join(PUNCTUATION.phrases[lang]);

/** Text in brackets, standing alone: （本地规定） / (local rules). */
export const parenthesised = (text: string, lang: Lang): string => (lang === 'zh' ? `（${text}）` : `(${text})`);
/** Text in brackets after a word: 项目（3） / Items (3); Chinese brackets take no space before them. */
export const aside = (text: string, lang: Lang): string => (lang === 'zh' ? `（${text}）` : ` (${text})`);
