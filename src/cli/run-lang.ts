import { msg, render, type Lang } from '../util/messages/index.js';
import { formatProblem, type Problem } from '../util/problems.js';
import type { Io } from './io.js';

// Small on purpose: main.ts loads it for every run, --help included.

const RUN_LANGS = new WeakMap<object, Lang>();

/** The language of a run, chosen once from its arguments before they are parsed (main.ts); errors use it too. */
export function setRunLang(io: object, lang: Lang): void {
  RUN_LANGS.set(io, lang);
}

/** The language a run's messages are in: --lang as the arguments gave it, else the default from the environment. */
export function runLang(io: Pick<Io, 'env'>): Lang {
  return RUN_LANGS.get(io) ?? 'en';
}

/** One problem as a line of stderr, in the run's language: "subsidy: file:line: path: message". */
export function problemLine(problem: Problem, lang: Lang): string {
  return `${render(msg('cli.prefix'), lang)}${formatProblem(problem, lang)}\n`;
}

