import type { Readings } from '../engine/condition.js';
import { readingNamed } from '../policy/readings.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Lang } from '../report/format.js';
import { msg, type Message } from '../util/messages/index.js';
import { InputError, type Problem } from '../util/problems.js';
import { nearest } from '../util/suggest.js';

/** One choice of a reading as given: `--reading ID=OPTION`, or `ID: OPTION` under readings: in a file. */
export interface ReadingChoice {
  id: string;
  option: unknown;
  /** --reading, or the file's name. */
  where: string;
  line?: number;
}

const did = (suggestion: string | undefined, lang: Lang) => (suggestion === undefined ? '' : lang === 'zh' ? `；是否指“${suggestion}”？` : `; did you mean "${suggestion}"?`);

/** The words of each problem, in the user's language. */
const WORDS = {
  notPair: (pair: string) => ({
    zh: `“${pair}”不是 解读=选项 的形式，例如 m14-6000-employer-size=small-medium-micro`,
    en: `"${pair}" is not id=option, e.g. m14-6000-employer-size=small-medium-micro`,
  }),
  unknownReading: (id: string, suggestion: string | undefined, known: string[], lang: Lang) =>
    lang === 'zh'
      ? `未知的解读“${id}”${did(suggestion, 'zh')}（已声明的解读：${known.join('、') || '无'}；见“subsidy readings”）`
      : `unknown reading "${id}"${did(suggestion, 'en')} (declared: ${known.join(', ') || 'none'}; see "subsidy readings")`,
  unknownOption: (id: string, option: string, suggestion: string | undefined, options: string[], lang: Lang) =>
    lang === 'zh'
      ? `解读“${id}”没有选项“${option}”${did(suggestion, 'zh')}（可选：${options.join('、')}）`
      : `reading "${id}" has no option "${option}"${did(suggestion, 'en')} (its options: ${options.join(', ')})`,
  twice: (id: string, lang: Lang) => (lang === 'zh' ? `解读“${id}”给出了两个不同的选项` : `reading "${id}" is given two different options`),
};

/** A problem's words in both languages, the catalogue's way (rendered in the run's language at the edge). */
const both = (words: (lang: Lang) => string): Message => msg('schema.issue', { detail: { zh: words('zh'), en: words('en') } });

/** `--reading ID=OPTION` pairs as choices; a pair without = is a problem. */
export function readingPairs(pairs: readonly string[], lang: Lang): ReadingChoice[] {
  const problems: Problem[] = [];
  const choices = pairs.flatMap((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      problems.push({ file: '--reading', path: '', message: msg('schema.issue', { detail: WORDS.notPair(pair) }) });
      return [];
    }
    return [{ id: pair.slice(0, eq).trim(), option: pair.slice(eq + 1).trim(), where: '--reading' }];
  });
  if (problems.length > 0) throw new InputError(problems);
  return choices;
}

/**
 * The choices checked against the readings the policy declares: each id a declared reading, each option one of its
 * options, no reading given two options. Every problem is reported, with the nearest id or option suggested.
 */
export function checkReadingChoices(set: PolicySet, choices: readonly ReadingChoice[], lang: Lang): Readings {
  const chosen: Record<string, string> = {};
  const problems: Problem[] = [];
  const known = set.readings.map((reading) => reading.id);
  for (const { id, option, where, line } of choices) {
    const at = { file: where, ...(line !== undefined ? { line } : {}), path: id };
    const reading = readingNamed(set.readings, id);
    if (!reading) {
      problems.push({ ...at, message: both((l) => WORDS.unknownReading(id, nearest(id, known), known, l)) });
      continue;
    }
    const options = reading.options.map((o) => o.id);
    const text = typeof option === 'string' ? option : JSON.stringify(option);
    if (typeof option !== 'string' || !options.includes(option)) {
      problems.push({ ...at, message: both((l) => WORDS.unknownOption(id, text, nearest(text, options), options, l)) });
      continue;
    }
    if (chosen[id] !== undefined && chosen[id] !== option) problems.push({ ...at, message: both((l) => WORDS.twice(id, l)) });
    chosen[id] = option;
  }
  if (problems.length > 0) throw new InputError(problems);
  return chosen;
}
