import { msg } from '../util/messages/index.js';
import { problemLine, runLang } from './run-lang.js';

export { problemLine, runLang, setRunLang } from './run-lang.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compilePolicy, type CompiledPolicy } from '../engine/evaluate.js';
import type { Params, Readings } from '../engine/condition.js';
import { loadPolicySet } from '../policy/compiled-set.js';
import type { PolicySet } from '../policy/policy-set.js';
import { PLAIN, type Lang, type Style } from '../report/format.js';
import { cacheDirOf } from '../util/cache-dir.cjs';
import { isCalendarDate } from '../util/dates.js';
import { decimalWords, parseDecimal } from '../util/decimal.js';
import { readInputText } from '../util/input-text.js';
import { LIMITS } from '../util/limits.js';
import type { InputRequest } from '../util/output-paths.js';
import { formatProblem, inputError, InputError, type Problem } from '../util/problems.js';
import { nearest } from '../util/suggest.js';
import { langOf, settingsOf } from './config.js';
import { pathIn, type Io } from './io.js';
import { checkReadingChoices, readingPairs, type ReadingChoice } from './reading-choices.js';
import type { CommonOptions } from './program.js';

export function todayIso(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function parseAsOf(value: string | undefined): string {
  if (value === undefined) return todayIso();
  if (!isCalendarDate(value)) {
    throw inputError('cli.asOfNotDate', { value });
  }
  return value;
}

/** A notice about an input (an encoding guessed) on stderr, escaped like every problem. */
export function inputNotices(io: Pick<Io, 'stderr' | 'env'>): (notice: Problem) => void {
  return (notice) => io.stderr.write(problemLine(notice, runLang(io)));
}

/** One parameter value as given, with where: a config file (and line), the --params file, or --param. */
export interface GivenParam {
  name: string;
  value: unknown;
  where: string;
  line?: number;
}

/** The parameters as given, in the order they apply (a later one wins): config files, then --params, then --param. */
export async function givenParams(options: Pick<CommonOptions, 'param' | 'params' | 'lang'>, io: Io, onNotice: (notice: Problem) => void = () => {}): Promise<GivenParam[]> {
  const raw: GivenParam[] = (await settingsOf(io, options.lang)).params.map(({ name, value, source }) => ({ name, value, where: source.file, line: source.line }));
  if (options.params) {
    const { text, notice } = await readInputText(pathIn(io, options.params), { file: options.params, maxBytes: LIMITS.paramsBytes, what: msg('what.params') });
    if (notice) onNotice(notice);
    // The YAML parser only when a file is given: a run without --params does not load it.
    const { parseYaml } = await import('../util/yaml-source.js');
    const parsed = parseYaml(text, options.params);
    if (!parsed.ok) throw new InputError(parsed.problems);
    const data = parsed.source.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw inputError('cli.paramsNotMapping', undefined, options.params);
    // readings: {id: option} in the file are readings, not a parameter (see givenReadings).
    for (const [name, value] of Object.entries(data)) if (name !== 'readings') raw.push({ name, value, where: options.params, line: parsed.source.lineOf([name]) });
  }
  for (const pair of options.param) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw inputError('cli.paramNotPair', { pair });
    raw.push({ name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1), where: '--param' });
  }
  return raw;
}

/**
 * Checks the parameters given (config files, --params, --param; see givenParams) against those the policy declares;
 * values are plain decimals (see parseDecimal). A later one wins: flags override the config files.
 */
export async function resolveParams(
  set: PolicySet,
  options: Pick<CommonOptions, 'param' | 'params' | 'lang'>,
  io: Io,
  onNotice: (notice: Problem) => void = () => {},
): Promise<Params> {
  const raw = await givenParams(options, io, onNotice);
  const declared = new Map(set.params.map((p) => [p.name, p]));
  const params: Record<string, number> = {};
  const problems: Problem[] = [];
  for (const { name, value, where, line } of raw) {
    const declaration = declared.get(name);
    if (!declaration) {
      const suggestion = nearest(name, declared.keys());
      problems.push({ file: where, line, path: name, message: suggestion ? msg('param.unknownSuggest', { suggestion, known: [...declared.keys()].join(', ') }) : msg('param.unknown', { known: [...declared.keys()].join(', ') }) });
      continue;
    }
    const number = typeof value === 'number' ? value : typeof value === 'string' ? parseDecimal(value) : undefined;
    if (number === undefined || number < (declaration.min ?? -Infinity)) {
      problems.push({ file: where, line, path: name, message: msg('value.notAllowed', { value: JSON.stringify(value) ?? String(value), expected: decimalWords(declaration.min) }) });
      continue;
    }
    params[name] = number;
  }
  if (problems.length > 0) throw new InputError(problems);
  return params;
}

/**
 * The readings chosen, in the order they apply (a later one wins): config files (`readings:`), then `readings:` in
 * the --params file, then --reading.
 */
async function givenReadings(options: Pick<CommonOptions, 'params' | 'reading' | 'lang'>, io: Io, lang: Lang): Promise<ReadingChoice[][]> {
  const config: ReadingChoice[] = Object.entries((await settingsOf(io, options.lang)).readings).map(([id, { value, source }]) => ({
    id,
    option: value,
    where: source.kind === 'config' ? source.file : 'config',
    ...(source.kind === 'config' && source.line !== undefined ? { line: source.line } : {}),
  }));
  const file: ReadingChoice[] = [];
  if (options.params) {
    const { text } = await readInputText(pathIn(io, options.params), { file: options.params, maxBytes: LIMITS.paramsBytes, what: msg('what.params') });
    const { parseYaml } = await import('../util/yaml-source.js');
    const parsed = parseYaml(text, options.params);
    if (!parsed.ok) throw new InputError(parsed.problems);
    const data = parsed.source.data as Record<string, unknown> | null;
    const value = data && typeof data === 'object' && !Array.isArray(data) ? data.readings : undefined;
    if (value !== undefined) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new InputError([{ file: options.params, line: parsed.source.lineOf(['readings']), path: 'readings', message: msg('params.readingsNotMapping') }]);
      }
      for (const [id, option] of Object.entries(value)) file.push({ id, option, where: options.params, line: parsed.source.lineOf(['readings', id]) });
    }
  }
  return [config, file, readingPairs(options.reading ?? [], lang)];
}

/**
 * What a run compiles the policy with: the parameters (see resolveParams) and the readings chosen (see
 * givenReadings), each checked against what the policy declares: an unknown reading or option stops the run (exit 2)
 * with the nearest one, in the user's language.
 */
export async function resolveSettings(
  set: PolicySet,
  options: Pick<CommonOptions, 'param' | 'params' | 'reading' | 'lang'>,
  io: Io,
  onNotice: (notice: Problem) => void = () => {},
): Promise<{ params: Params; readings: Readings }> {
  const params = await resolveParams(set, options, io, onNotice);
  const lang = await langOf(options.lang, io);
  const readings = Object.assign({}, ...(await givenReadings(options, io, lang)).map((choices) => checkReadingChoices(set, choices, lang))) as Record<string, string>;
  return { params, readings };
}

/** What a command that evaluates profiles reads besides `more`: the policy folder and a parameters file. */
export function evaluationInputs(options: Pick<CommonOptions, 'policies' | 'params'>, ...more: InputRequest[]): InputRequest[] {
  return [...more, { what: msg('input.policyFolder'), path: options.policies }, ...(options.params !== undefined ? [{ what: msg('input.paramsFile'), path: options.params }] : [])];
}

export interface Context {
  set: PolicySet;
  compiled: CompiledPolicy;
  asOf: string;
  lang: Lang;
  /** Every reading's option in force: the defaults, under config files' `readings:`, --params' `readings:` and --reading. */
  readings: Readonly<Record<string, string>>;
}

/** The build's identity (npm run build writes it, with the bundled compiled set); null when running from the sources. */
function buildId(): string | null {
  try {
    return (JSON.parse(readFileSync(new URL('../build.json', import.meta.url), 'utf8')) as { build: string }).build;
  } catch {
    return null;
  }
}

/** The policy set of --policies: compiled once, then read as JSON while the folder stays the same (--no-cache: the YAML). */
export function loadPolicies(options: Pick<CommonOptions, 'policies' | 'cache'>, io: Io): Promise<PolicySet> {
  const compiled = options.cache !== false;
  return loadPolicySet(pathIn(io, options.policies), {
    cwd: io.cwd,
    build: compiled ? buildId() : null,
    cacheDir: cacheDirOf(io.env),
    prebuilt: fileURLToPath(new URL('../policies.json', import.meta.url)),
    onNotice: inputNotices(io),
  });
}

export async function loadContext(options: CommonOptions, io: Io): Promise<Context> {
  const asOf = parseAsOf(options.asOf);
  const set = await loadPolicies(options, io);
  const { params, readings } = await resolveSettings(set, options, io, inputNotices(io));
  const compiled = compilePolicy(set, params, readings);
  return { set, compiled, asOf, lang: await langOf(options.lang, io), readings: compiled.readings };
}

/** Whether a questionnaire can run: it needs a terminal on stdin to read the answers from. */
export function canAsk(io: Pick<Io, 'isTTY'>): boolean {
  return io.isTTY.stdin;
}

/**
 * Colours for what goes to this stream of the run: only on a terminal, never with NO_COLOR or TERM=dumb. chalk is
 * loaded only then.
 */
export async function styleFor(io: Pick<Io, 'isTTY' | 'env'>, stream: 'stdout' | 'stderr'): Promise<Style> {
  const colour = io.isTTY[stream] && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
  if (!colour) return PLAIN;
  const { Chalk } = await import('chalk');
  const chalk = new Chalk({ level: 1 });
  // One argument each: chalk joins all its arguments, so `lines.map(style.dim)` would paint "line 0 line,line".
  return {
    bold: (text) => chalk.bold(text),
    dim: (text) => chalk.dim(text),
    green: (text) => chalk.green(text),
    yellow: (text) => chalk.yellow(text),
    red: (text) => chalk.red(text),
    cyan: (text) => chalk.cyan(text),
  };
}

/** Columns to fit stdout (or a file) in: the terminal's width, or COLUMNS when not a terminal; undefined when neither says. */
export function outputWidth(io: Pick<Io, 'isTTY' | 'columns' | 'env'>, toFile = false): number | undefined {
  if (!toFile && io.isTTY.stdout && io.columns !== undefined && io.columns > 0) return io.columns;
  const columns = Number(io.env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

/** Notices (e.g. the plan period has ended) go to stderr so that stdout stays the data. */
export function printNotices(notices: readonly { zh: string; en: string }[], lang: Lang, io: Pick<Io, 'stderr'>): void {
  for (const notice of notices) io.stderr.write(`${notice[lang]}\n`);
}
