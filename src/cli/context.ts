import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chalk } from 'chalk';
import { compilePolicy, type CompiledPolicy } from '../engine/evaluate.js';
import type { Params, Readings } from '../engine/condition.js';
import { loadPolicySet } from '../policy/compiled-set.js';
import type { PolicySet } from '../policy/policy-set.js';
import { PLAIN, type Lang, type Style } from '../report/format.js';
import { isCalendarDate } from '../util/dates.js';
import { decimalWords, parseDecimal } from '../util/decimal.js';
import { readInputText } from '../util/input-text.js';
import { LIMITS } from '../util/limits.js';
import type { InputRequest } from '../util/output-paths.js';
import { formatProblem, inputError, InputError, type Problem } from '../util/problems.js';
import { parseYaml } from '../util/yaml-source.js';
import { nearest } from '../util/suggest.js';
import { defaultLang, pathIn, type Io } from './io.js';
import { checkReadingChoices, readingPairs, type ReadingChoice } from './reading-choices.js';
import type { CommonOptions } from './program.js';

export function todayIso(now = new Date()): string {
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function parseAsOf(value: string | undefined): string {
  if (value === undefined) return todayIso();
  if (!isCalendarDate(value)) {
    throw inputError(`--as-of: "${value}" is not a date; expected YYYY-MM-DD, e.g. 2024-06-30`);
  }
  return value;
}

/** A notice about an input (an encoding guessed) on stderr, escaped like every problem. */
export function inputNotices(io: Pick<Io, 'stderr'>): (notice: Problem) => void {
  return (notice) => io.stderr.write(`subsidy: ${formatProblem(notice)}\n`);
}

/** Checks --param and --params against the parameters the policy declares; values are plain decimals (see parseDecimal). */
export async function resolveParams(
  set: PolicySet,
  options: Pick<CommonOptions, 'param' | 'params'>,
  io: Pick<Io, 'cwd'>,
  onNotice: (notice: Problem) => void = () => {},
): Promise<Params> {
  return (await resolveSettings(set, { ...options, reading: [] }, io, onNotice)).params;
}

/**
 * What a run compiles the policy with: the parameters (--param, --params) and the readings chosen (--reading, and
 * readings: in the --params file; the command line wins), each checked against what the policy declares.
 */
export async function resolveSettings(
  set: PolicySet,
  options: Pick<CommonOptions, 'param' | 'params' | 'reading' | 'lang'>,
  io: Pick<Io, 'cwd'> & Partial<Pick<Io, 'env'>>,
  onNotice: (notice: Problem) => void = () => {},
): Promise<{ params: Params; readings: Readings }> {
  const lang = options.lang ?? defaultLang(io.env ?? {});
  const raw: { name: string; value: unknown; where: string; line?: number }[] = [];
  const fileReadings: ReadingChoice[] = [];
  if (options.params) {
    const { text, notice } = await readInputText(pathIn(io, options.params), { file: options.params, maxBytes: LIMITS.paramsBytes, what: 'parameters file' });
    if (notice) onNotice(notice);
    const parsed = parseYaml(text, options.params);
    if (!parsed.ok) throw new InputError(parsed.problems);
    const data = parsed.source.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw inputError('expected a mapping of parameter: value', options.params);
    for (const [name, value] of Object.entries(data)) {
      if (name !== 'readings') {
        raw.push({ name, value, where: options.params, line: parsed.source.lineOf([name]) });
        continue;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw new InputError([{ file: options.params, line: parsed.source.lineOf([name]), path: name, message: 'expected a mapping of reading: option (see "subsidy readings")' }]);
      }
      for (const [id, option] of Object.entries(value)) fileReadings.push({ id, option, where: options.params, line: parsed.source.lineOf([name, id]) });
    }
  }
  for (const pair of options.param) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw inputError(`--param: "${pair}" is not name=value, e.g. m03-district-housing-subsidy=100000`);
    raw.push({ name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1), where: '--param' });
  }
  const declared = new Map(set.params.map((p) => [p.name, p]));
  const params: Record<string, number> = {};
  const problems: Problem[] = [];
  for (const { name, value, where, line } of raw) {
    const declaration = declared.get(name);
    if (!declaration) {
      const suggestion = nearest(name, declared.keys());
      problems.push({ file: where, line, path: name, message: `unknown parameter${suggestion ? `; did you mean "${suggestion}"?` : ''}; known: ${[...declared.keys()].join(', ')}` });
      continue;
    }
    const number = typeof value === 'number' ? value : typeof value === 'string' ? parseDecimal(value) : undefined;
    if (number === undefined || number < (declaration.min ?? -Infinity)) {
      problems.push({ file: where, line, path: name, message: `${JSON.stringify(value)} is not allowed; expected ${decimalWords(declaration.min)}` });
      continue;
    }
    params[name] = number;
  }
  if (problems.length > 0) throw new InputError(problems);
  const readings = { ...checkReadingChoices(set, fileReadings, lang), ...checkReadingChoices(set, readingPairs(options.reading ?? [], lang), lang) };
  return { params, readings };
}

/** What a command that evaluates profiles reads besides `more`: the policy folder and a parameters file. */
export function evaluationInputs(options: Pick<CommonOptions, 'policies' | 'params'>, ...more: InputRequest[]): InputRequest[] {
  return [...more, { what: 'the policy folder', path: options.policies }, ...(options.params !== undefined ? [{ what: 'the parameters file', path: options.params }] : [])];
}

export interface Context {
  set: PolicySet;
  compiled: CompiledPolicy;
  asOf: string;
  lang: Lang;
}

/**
 * The user's cache folder for compiled policy sets: SUBSIDY_CACHE_DIR, else %LOCALAPPDATA%\subsidy on Windows,
 * else $XDG_CACHE_HOME/subsidy or ~/.cache/subsidy. Null when the environment names none.
 */
export function cacheDirOf(env: Io['env'], platform: NodeJS.Platform = process.platform): string | null {
  if (env.SUBSIDY_CACHE_DIR) return env.SUBSIDY_CACHE_DIR;
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'subsidy') : null;
  const base = env.XDG_CACHE_HOME || (env.HOME ? join(env.HOME, '.cache') : null);
  return base ? join(base, 'subsidy') : null;
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
  return { set, compiled: compilePolicy(set, params, readings), asOf, lang: options.lang ?? defaultLang(io.env) };
}

/** Whether a questionnaire can run: it needs a terminal on stdin to read the answers from. */
export function canAsk(io: Pick<Io, 'isTTY'>): boolean {
  return io.isTTY.stdin;
}

/** Colours for what goes to this stream of the run: only on a terminal, never with NO_COLOR or TERM=dumb. */
export function styleFor(io: Pick<Io, 'isTTY' | 'env'>, stream: 'stdout' | 'stderr'): Style {
  const colour = io.isTTY[stream] && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
  if (!colour) return PLAIN;
  const chalk = new Chalk({ level: 1 });
  return { bold: chalk.bold, dim: chalk.dim, green: chalk.green, yellow: chalk.yellow, red: chalk.red, cyan: chalk.cyan };
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
