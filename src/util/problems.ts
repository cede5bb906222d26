import { escapeControl } from './escape.js';

/** One thing wrong with an input, located as precisely as the input allows. */
export interface Problem {
  file?: string;
  line?: number;
  path: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** One line for a person: file:line: path: message, with control characters from the input shown as escapes. */
export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line].filter((part) => part !== undefined).join(':');
  const path = problem.path ? `${problem.path}: ` : '';
  return escapeControl(`${where ? `${where}: ` : ''}${path}${problem.message}`);
}

/** An input the program cannot run on: reported as its problems, exit code 2. */
export class InputError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
  }
}

export function inputError(message: string, file?: string): InputError {
  return new InputError([{ file, path: '', message }]);
}
