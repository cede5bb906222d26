import { checkWithNearMisses } from '../../engine/check-report.js';
import { runQuestionnaire, type QuestionnaireOutcome } from '../../engine/questionnaire.js';
import type { Profile } from '../../facts/facts.js';
import { loadProfile } from '../../facts/profile.js';
import { renderProfileYaml } from '../../facts/profile-writer.js';
import { askStatusOf, renderAskStatus } from '../../report/ask-status.js';
import { renderCheckOutput, SLIP_LANG } from '../../report/check-output.js';
import { renderCheckTable } from '../../report/check-table.js';
import { renderJson } from '../../report/json.js';
import { writeOutput } from '../../util/atomic-write.js';
import { checkOutputs } from '../../util/output-paths.js';
import { inputError } from '../../util/problems.js';
import { canAsk, evaluationInputs, inputNotices, loadContext, outputWidth, printNotices, styleFor, todayIso, type Context } from '../context.js';
import { PLAIN } from '../../report/format.js';
import { exactWidths } from '../../report/text-layout.js';
import { pathIn, type Io } from '../io.js';
import type { AskOptions } from '../program.js';
import { terminalPrompter } from '../prompts.js';

/**
 * The questionnaire on this terminal. Prompts and status lines go to stderr, so that stdout stays the report
 * (`ask --json > result.json` works); to stdout only when stderr is redirected and stdout is the terminal.
 */
export async function askOnTerminal(context: Context, io: Io, profile: Profile = {}): Promise<QuestionnaireOutcome> {
  const toStdout = !io.isTTY.stderr && io.isTTY.stdout;
  const output = toStdout ? io.stdout : io.stderr;
  const style = await styleFor(io, toStdout ? 'stdout' : 'stderr');
  const prompter = await terminalPrompter(context.lang, style, { input: io.stdin, output });
  return runQuestionnaire(context.compiled, context.asOf, {
    prompter,
    lang: context.lang,
    profile,
    progress: (result, asked) => output.write(`${renderAskStatus(askStatusOf(result, asked), context.lang, style)}\n`),
  });
}

export async function ask(options: AskOptions, io: Io): Promise<number> {
  if (!canAsk(io) && !options.profile) {
    throw inputError('ask needs a terminal to ask its questions; without one, give the facts in a file with --profile FILE (see "subsidy facts")');
  }
  const [saveTarget, slipTarget] = await checkOutputs(
    [options.save !== undefined ? { flag: '--save', path: options.save } : null, options.slip !== undefined ? { flag: '--slip', path: options.slip } : null],
    evaluationInputs(options, ...(options.profile !== undefined ? [{ what: 'the profile', path: options.profile }] : [])),
    { cwd: io.cwd },
  );
  const context = await loadContext(options, io);
  const start = options.profile ? await loadProfile(pathIn(io, options.profile), context.set.facts, inputNotices(io)) : {};
  const outcome = canAsk(io) ? await askOnTerminal(context, io, start) : null;
  const profile = outcome?.profile ?? start;
  if (saveTarget) {
    await writeOutput(saveTarget, renderProfileYaml(profile, context.set.facts, { date: todayIso(), lang: context.lang, unknown: outcome?.declined ?? [] }), options.save!, io.stdout);
  }
  // The same report check prints for these facts.
  const report = checkWithNearMisses(context.compiled, profile, context.asOf);
  printNotices(report.notices, context.lang, io);
  if (slipTarget) {
    await writeOutput(slipTarget, renderCheckOutput(report, 'html', { lang: context.lang, facts: context.set.facts, slipLang: options.lang ?? SLIP_LANG, style: PLAIN, all: false, params: context.set.params }), options.slip!, io.stdout);
  }
  if (options.json) io.stdout.write(renderJson(report));
  else {
    const style = await styleFor(io, 'stdout');
    io.stdout.write(await exactWidths(() => renderCheckTable(report, { lang: context.lang, facts: context.set.facts, style, all: Boolean(options.all), width: outputWidth(io) })));
  }
  return 0;
}
