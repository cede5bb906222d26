import { msg } from '../../util/messages/index.js';
import { checkWithNearMisses } from '../../engine/check-report.js';
import { evaluate } from '../../engine/evaluate.js';
import { compareScenario, type Scenario } from '../../engine/what-if.js';
import { coercedMessage, coerceFactValue } from '../../facts/coerce.js';
import type { FactsDeclaration, FactValue, Profile } from '../../facts/facts.js';
import { loadProfile, twiceMessage, unknownFactMessage } from '../../facts/profile.js';
import { factCalled } from '../../facts/spellings.js';
import { checkRenderer, SLIP_LANG, type CheckFormat } from '../../report/check-output.js';
import { PLAIN } from '../../report/format.js';
import { exactWidths } from '../../report/text-layout.js';
import { inputError, InputError, type Problem } from '../../util/problems.js';
import { canAsk, evaluationInputs, inputNotices, loadContext, outputWidth, printNotices, styleFor } from '../context.js';
import { pathIn, type Io } from '../io.js';
import type { CheckOptions } from '../program.js';

/** `--set fact=value` pairs → canonical values; an empty value unsets the fact (null). Every problem is reported. */
export function parseSettings(pairs: readonly string[], facts: FactsDeclaration): Scenario['set'] {
  const set: Scenario['set'] = {};
  const problems: Problem[] = [];
  const named = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      problems.push({ file: '--set', path: '', message: msg('cli.setNotPair', { pair }) });
      continue;
    }
    const name = pair.slice(0, eq).trim();
    const def = factCalled(facts, name);
    if (!def) {
      problems.push({ file: '--set', path: name, message: unknownFactMessage(facts, name) });
      continue;
    }
    const earlier = named.get(def.name);
    if (earlier !== undefined && earlier !== name) {
      problems.push({ file: '--set', path: name, message: twiceMessage(def, earlier, name) });
      continue;
    }
    named.set(def.name, name);
    const coerced = coerceFactValue(facts, def, pair.slice(eq + 1));
    if (!coerced.ok) problems.push({ file: '--set', path: def.name, message: coercedMessage(coerced) });
    else set[def.name] = coerced.value ?? null;
  }
  if (problems.length > 0) throw new InputError(problems);
  return set;
}

function withSettings(profile: Profile, set: Scenario['set']): Profile {
  const changed: Record<string, FactValue> = { ...profile };
  for (const [fact, value] of Object.entries(set)) {
    if (value === null) delete changed[fact];
    else changed[fact] = value;
  }
  return changed;
}

export async function check(options: CheckOptions, io: Io): Promise<number> {
  if (!options.profile && !canAsk(io)) {
    throw inputError('cli.checkNeedsProfile');
  }
  if (options.json && options.format && options.format !== 'json') throw inputError('cli.twoFormats', { format: options.format });
  const format: CheckFormat = options.json ? 'json' : (options.format ?? 'table');
  // The output checks and the atomic writer only for --out: a check on the terminal loads neither.
  const output = options.out === undefined ? null : await Promise.all([import('../../util/output-paths.js'), import('../../util/atomic-write.js')]);
  const [outTarget] = output
    ? await output[0].checkOutputs(
        [{ flag: '--out', path: options.out! }],
        evaluationInputs(options, ...(options.profile !== undefined ? [{ what: msg('input.profile'), path: options.profile }] : [])),
        { cwd: io.cwd },
      )
    : [null];
  const context = await loadContext(options, io);
  const settings = options.set.length > 0 ? parseSettings(options.set, context.set.facts) : null;
  const original = options.profile ? await loadProfile(pathIn(io, options.profile), context.set.facts, inputNotices(io)) : (await (await import('./ask.js')).askOnTerminal(context, io)).profile;
  const profile = settings ? withSettings(original, settings) : original;
  const checked = checkWithNearMisses(context.compiled, profile, context.asOf);
  const scenario = settings ? compareScenario(evaluate(context.compiled, original, context.asOf), checked, settings) : null;
  const report = { ...checked, ...(scenario ? { scenario } : {}) };
  printNotices(report.notices, context.lang, io);
  const toFile = options.out !== undefined;
  const style = toFile ? PLAIN : await styleFor(io, 'stdout');
  const render = await checkRenderer(format);
  const text = await exactWidths(() =>
    render(report, {
      lang: context.lang,
      facts: context.set.facts,
      slipLang: options.lang ?? SLIP_LANG,
      style,
      all: Boolean(options.all),
      whatIf: Boolean(options.whatIf),
      width: outputWidth(io, toFile),
      params: context.set.params,
    }),
  );
  if (outTarget) await output![1].writeOutput(outTarget, text, options.out!, io.stdout);
  else io.stdout.write(text);
  return 0;
}
