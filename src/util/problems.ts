import { escapeControl } from './escape.js';
import { colon as colonIn, msg, render, type Lang, type Message, type MessageId, type Params } from './messages/index.js';

/** One thing wrong with an input, located as precisely as the input allows; its message is rendered at the edge. */
export interface Problem {
  file?: string;
  line?: number;
  path: string;
  message: Message;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** One line for a person: file:line: path: message, with control characters from the input shown as escapes. */
export function formatProblem(problem: Problem, lang: Lang): string {
  const where = [problem.file, problem.line].filter((part) => part !== undefined).join(':');
  const colon = colonIn(lang);
  const path = problem.path ? `${problem.path}${colon}` : '';
  return escapeControl(`${where ? `${where}${colon}` : ''}${path}${render(problem.message, lang)}`);
}

/** An input the program cannot run on: reported as its problems, exit code 2. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((problem) => formatProblem(problem, 'en')).join('\n'));
    this.name = 'InputError';
  }
}

export function inputError(id: MessageId, params?: Params, file?: string): InputError {
  return new InputError([{ file, path: '', message: msg(id, params) }]);
}

export function problem(path: string, id: MessageId, params?: Params, at: { file?: string; line?: number } = {}): Problem {
  return { ...at, path, message: msg(id, params) };
}
