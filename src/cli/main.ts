import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { InputError, formatProblem } from '../util/problems.js';
import { askCommand } from './commands/ask.js';
import { batchCommand } from './commands/batch.js';
import { checkCommand } from './commands/check.js';
import { diffCommand } from './commands/diff.js';
import { explainCommand } from './commands/explain.js';
import { factsCommand } from './commands/facts.js';
import { lintCommand } from './commands/lint.js';
import { listCommand } from './commands/list.js';
import { schemaCommand } from './commands/schema.js';
import { testCommand } from './commands/test.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export const EXIT = { ok: 0, failures: 1, cannotRun: 2, interrupted: 130 } as const;

function interrupted(): never {
  process.stderr.write('Interrupted.\n');
  process.exit(EXIT.interrupted);
}

function isPromptCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

const program = new Command('subsidy')
  .description('Eligibility and subsidy calculator for 渝人社发〔2022〕60号 (Chongqing "Mantianxing" software-talent measures)')
  .version(version, '-V, --version')
  .showSuggestionAfterError()
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) })
  .addHelpText('after', '\nExit codes: 0 ran fine; 1 ran but found failures; 2 could not run (bad flags, profile or policy); 130 interrupted.')
  .addCommand(checkCommand())
  .addCommand(batchCommand())
  .addCommand(explainCommand())
  .addCommand(listCommand())
  .addCommand(lintCommand())
  .addCommand(factsCommand())
  .addCommand(askCommand())
  .addCommand(testCommand())
  .addCommand(diffCommand())
  .addCommand(schemaCommand());

for (const command of program.commands) command.exitOverride().showSuggestionAfterError();

process.on('SIGINT', interrupted);
// A reader that stops early (`subsidy list | head`) is not an error: stop writing, quietly. Any other failure to
// write (a full disk) leaves the output incomplete: one line on stderr, if stderr still takes it, and exit 2.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    if (stream === process.stdout) process.stderr.write(`subsidy: cannot write to standard output: ${error.message}\n`);
    process.exit(EXIT.cannotRun);
  });
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are "errors" to commander; they ran fine.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.cannotRun;
  } else if (error instanceof InputError) {
    for (const problem of error.problems) process.stderr.write(`subsidy: ${formatProblem(problem)}\n`);
    process.exitCode = EXIT.cannotRun;
  } else if (isPromptCancel(error)) {
    interrupted();
  } else {
    process.stderr.write(`subsidy: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
    if (process.env.SUBSIDY_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
    process.exitCode = EXIT.cannotRun;
  }
}
