import { escapeControl } from '../util/escape.js';
import { langInArgv, msg, render, type Lang } from '../util/messages/index.js';
import { InputError } from '../util/problems.js';
import { langBeforeConfig, langOf } from './config.js';
import { isPromptCancel, STOPS, stoppingOf, type Stopped } from './interrupt.js';
import type { Io } from './io.js';
import type { Outcome } from './program.js';
import { problemLine, setRunLang } from './run-lang.js';

export type { Io } from './io.js';

export const EXIT = { ok: 0, failures: 1, cannotRun: 2, interrupted: STOPS.SIGINT.code } as const;

/** An error that ends a run, as lines of stderr: an input problem says file, place and what is allowed. */
function errorText(error: unknown, lang: Lang, env: Io['env']): string {
  if (error instanceof InputError) return error.problems.map((problem) => problemLine(problem, lang)).join('');
  const line = `${render(msg('cli.prefix'), lang)}${render(msg('cli.unexpected', { detail: escapeControl((error as Error)?.message ?? String(error)) }), lang)}\n`;
  return env.SUBSIDY_DEBUG ? `${line}${(error as Error)?.stack}\n` : line;
}

/** What a stopped run says on stderr: what went wrong in its last tasks (a save that failed), then its one line. */
export function stoppedText(stopped: Stopped, lang: Lang, env: Io['env']): string {
  return `${stopped.errors.map((error) => errorText(error, lang, env)).join('')}${render(msg(STOPS[stopped.cause].line), lang)}\n`;
}

/**
 * The CLI, callable in-process: parses `argv` (the arguments after the program name), runs the command on `io`
 * and resolves to the exit code. It never exits the process; bin/subsidy.js does, with this code.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  // The language of every message of this run, errors in parsing the arguments and help included: --lang as the
  // arguments give it, else the default chain (SUBSIDY_LANG, config files, locale); a broken config says so in it.
  const flag = langInArgv(argv);
  let lang: Lang = flag ?? 'en';
  let code: number = EXIT.ok;
  // Loaded with the program, not before: --version needs neither.
  let commander: typeof import('commander') | undefined;
  const act = async (outcome: () => Outcome) => {
    code = (await outcome()) ?? EXIT.ok;
  };
  try {
    if (flag === undefined) {
      // A broken config file (or SUBSIDY_LANG) is reported in the language known without it.
      lang = langBeforeConfig(io).value;
      lang = await langOf(undefined, io);
    }
    setRunLang(io, lang);
    if (argv.length === 1 && ['-v', '-V', '--version'].includes(argv[0]!)) {
      // Without commander or the flags: the build's note says it all.
      io.stdout.write(await (await import('./version.js')).versionText());
      return EXIT.ok;
    }
    const [{ buildProgram }, loaded] = await Promise.all([import('./program.js'), import('commander')]);
    commander = loaded;
    await buildProgram(io, act, argv[0]).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    // Help and version are "errors" to commander; they ran fine.
    if (commander && error instanceof commander.CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.cannotRun;
    if (isPromptCancel(error)) {
      // Ctrl-C at a question stops the run here: what the command registered runs first (ask --save keeps the
      // answers so far), then one line. A prompt ended by a stop begun outside (the shim's, on a signal) gives its
      // code; whoever began the stop says the line.
      const stopping = stoppingOf(io);
      const outside = stopping.cause !== undefined;
      const stopped = await stopping.stop('SIGINT');
      if (!outside) io.stderr.write(stoppedText(stopped, lang, io.env));
      return STOPS[stopped.cause].code;
    }
    io.stderr.write(errorText(error, lang, io.env));
    return EXIT.cannotRun;
  }
}
