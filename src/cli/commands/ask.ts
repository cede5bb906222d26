import { msg } from '../../util/messages/index.js';
import { resolve } from 'node:path';
import { checkWithNearMisses } from '../../engine/check-report.js';
import { runQuestionnaire, type QuestionnaireOutcome } from '../../engine/questionnaire.js';
import { factLabel, valueLabel, type Profile } from '../../facts/facts.js';
import { loadProfile } from '../../facts/profile.js';
import { renderProfileYaml } from '../../facts/profile-writer.js';
import { askStatusOf, renderAskStatus } from '../../report/ask-status.js';
import { checkRenderer, SLIP_LANG } from '../../report/check-output.js';
import { renderCheckTable } from '../../report/check-table.js';
import { renderJson } from '../../report/json.js';
import { writeOutput } from '../../util/atomic-write.js';
import { checkOutputs } from '../../util/output-paths.js';
import { inputError } from '../../util/problems.js';
import { canAsk, evaluationInputs, inputNotices, loadContext, outputWidth, printNotices, styleFor, todayIso, type Context } from '../context.js';
import { PLAIN } from '../../report/format.js';
import { exactWidths } from '../../report/text-layout.js';
import { t } from '../../report/messages.js';
import { stoppingOf, type StopCause } from '../interrupt.js';
import { pathIn, type Io } from '../io.js';
import type { AskOptions } from '../program.js';
import { terminalPrompter } from '../prompts.js';

/** Where the prompts and status lines of this run go: stderr, or stdout when only stdout is the terminal. */
function promptStream(io: Io): { output: NodeJS.WritableStream; toStdout: boolean } {
  const toStdout = !io.isTTY.stderr && io.isTTY.stdout;
  return { output: toStdout ? io.stdout : io.stderr, toStdout };
}

/**
 * The questionnaire on this terminal. Prompts and status lines go to stderr, so that stdout stays the report
 * (`ask --json > result.json` works); to stdout only when stderr is redirected and stdout is the terminal.
 * `onAnswer` is told the facts so far after each answer.
 */
export async function askOnTerminal(
  context: Context,
  io: Io,
  profile: Profile = {},
  onAnswer: (sofar: Pick<QuestionnaireOutcome, 'profile' | 'declined'>) => void = () => {},
): Promise<QuestionnaireOutcome> {
  const { output, toStdout } = promptStream(io);
  const style = await styleFor(io, toStdout ? 'stdout' : 'stderr');
  const prompter = await terminalPrompter(context.lang, style, { input: io.stdin, output, signal: stoppingOf(io).signal });
  return runQuestionnaire(context.compiled, context.asOf, {
    prompter,
    lang: context.lang,
    profile,
    progress: (result, asked, sofar) => {
      onAnswer(sofar);
      for (const fact of sofar.implied) {
        const { facts } = context.set;
        output.write(`${t('askImplied', context.lang, { fact: factLabel(facts, fact, context.lang), value: valueLabel(facts, fact, sofar.profile[fact], context.lang) })}\n`);
      }
      output.write(`${renderAskStatus(askStatusOf(result, asked), context.lang, style)}\n`);
    },
  });
}

export async function ask(options: AskOptions, io: Io): Promise<number> {
  if (!canAsk(io) && !options.profile) {
    throw inputError('cli.askNeedsTerminal');
  }
  const [saveTarget, slipTarget] = await checkOutputs(
    [options.save !== undefined ? { flag: '--save', path: options.save } : null, options.slip !== undefined ? { flag: '--slip', path: options.slip } : null],
    evaluationInputs(options, ...(options.profile !== undefined ? [{ what: msg('input.profile'), path: options.profile }] : [])),
    { cwd: io.cwd },
  );
  const context = await loadContext(options, io);
  const start = options.profile ? await loadProfile(pathIn(io, options.profile), context.set.facts, inputNotices(io)) : {};
  /** Writes the profile to --save, whole or not at all, and says where; `stoppedBy`: unfinished, and why. */
  const save = async (profile: Profile, declined: readonly string[], stoppedBy?: StopCause) => {
    const text = renderProfileYaml(profile, context.set.facts, { date: todayIso(), lang: context.lang, unknown: declined, partial: stoppedBy });
    await writeOutput(saveTarget!, text, options.save!, io.stdout);
    const file = saveTarget!.kind === 'stdout' ? options.save! : resolve(io.cwd, options.save!);
    promptStream(io).output.write(`${t(stoppedBy ? 'askSavedPartial' : 'askSaved', context.lang, { file, n: Object.keys(profile).length })}\n`);
  };
  /** The facts after the last answer; null until a question is answered. */
  const kept: { sofar: Pick<QuestionnaireOutcome, 'profile' | 'declined'> | null } = { sofar: null };
  /** The save of the whole profile, once the questions are over. */
  let saving: Promise<void> | null = null;
  // A stop before the end (Ctrl-C at a question, SIGTERM, SIGHUP) keeps the answers given so far (if any), marked
  // as unfinished; then the run exits 130, 143 or 129. One that comes while the whole profile is saved waits for it
  // (whose failure the run tells).
  if (saveTarget) {
    stoppingOf(io).before(async (cause) => {
      if (saving) await saving.catch(() => undefined);
      else if (kept.sofar) await save(kept.sofar.profile, kept.sofar.declined, cause);
    });
  }
  const outcome = canAsk(io) ? await askOnTerminal(context, io, start, (state) => (kept.sofar = state)) : null;
  const profile = outcome?.profile ?? start;
  if (saveTarget) await (saving = save(profile, outcome?.declined ?? []));
  // The same report check prints for these facts.
  const report = checkWithNearMisses(context.compiled, profile, context.asOf);
  printNotices(report.notices, context.lang, io);
  if (slipTarget) {
    await writeOutput(slipTarget, (await checkRenderer('html'))(report, { lang: context.lang, facts: context.set.facts, slipLang: options.lang ?? SLIP_LANG, style: PLAIN, all: false, params: context.set.params }), options.slip!, io.stdout);
  }
  if (options.json) io.stdout.write(renderJson(report));
  else {
    const style = await styleFor(io, 'stdout');
    io.stdout.write(await exactWidths(() => renderCheckTable(report, { lang: context.lang, facts: context.set.facts, style, all: Boolean(options.all), width: outputWidth(io) })));
  }
  return 0;
}
