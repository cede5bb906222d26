import type { Readings } from '../engine/condition.js';
import { readingNamed } from '../policy/readings.js';
import type { PolicySet } from '../policy/policy-set.js';
import type { Lang } from '../report/format.js';
import { msg } from '../util/messages/index.js';
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

/** "; did you mean …?" after a name that is not known, when one is near it. */
const didYouMean = (suggestion: string | undefined) => (suggestion === undefined ? '' : msg('reading.didYouMean', { suggestion }));

/** `--reading ID=OPTION` pairs as choices; a pair without = is a problem. */
export function readingPairs(pairs: readonly string[], lang: Lang): ReadingChoice[] {
  const problems: Problem[] = [];
  const choices = pairs.flatMap((pair) => {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      problems.push({ file: '--reading', path: '', message: msg('reading.notPair', { pair }) });
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
      problems.push({ ...at, message: msg('reading.unknown', { id, suggestion: didYouMean(nearest(id, known)), known: known.length > 0 ? known : msg('none') }) });
      continue;
    }
    const options = reading.options.map((o) => o.id);
    const text = typeof option === 'string' ? option : JSON.stringify(option);
    if (typeof option !== 'string' || !options.includes(option)) {
      problems.push({ ...at, message: msg('reading.unknownOption', { id, option: text, suggestion: didYouMean(nearest(text, options)), options }) });
      continue;
    }
    if (chosen[id] !== undefined && chosen[id] !== option) problems.push({ ...at, message: msg('reading.twice', { id }) });
    chosen[id] = option;
  }
  if (problems.length > 0) throw new InputError(problems);
  return chosen;
}
