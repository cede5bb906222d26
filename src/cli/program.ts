import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Argument, Command, Option } from 'commander';
import { INPUT_ENCODINGS, OUTPUT_FORMATS, READER_THREAD_MIN_MIB, type InputEncoding } from '../batch/choices.js';
import type { Lang } from '../report/format.js';
import { CHECK_FORMATS, type CheckFormat } from '../report/check-formats.js';
import type { Io } from './io.js';
import { commanderHelp, commanderError, reflowNotes } from './commander-words.js';
import { runLang } from './run-lang.js';
import { t, type MessageId } from '../util/messages/index.js';

// The commands' flags and help, and nothing else: `--help` and `--version` load this module and commander only.
// Each action imports its command's module (./commands/NAME.js) when it runs, so a run loads only what it uses.

export const { version: VERSION } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
export const BUNDLED_POLICIES = fileURLToPath(new URL('../../policies', import.meta.url));
export const DEFAULT_CASES = 'fixtures/cases';
export const SCHEMA_KINDS = ['policy-measure', 'policy-document', 'facts', 'readings', 'profile', 'cases'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];
export const SCHEMA_ALIASES: Record<string, SchemaKind> = { policy: 'policy-measure' };

export interface CommonOptions {
  policies: string;
  /** false with --no-cache: read the policy YAML, not the compiled set. */
  cache?: boolean;
  asOf?: string;
  lang?: Lang;
  param: string[];
  params?: string;
  /** --reading ID=OPTION: another option of a reading in force (repeatable). */
  reading: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The language of the program being built: buildProgram sets it, synchronously, before any help text is made. */
let helpLang: Lang = 'en';
const h = (id: MessageId, values?: Record<string, string | number>) => t(id, helpLang, values);

/** Options shared by every command that evaluates policies. */
export const commonOptions = {
  policies: () => new Option('--policies <dir>', h('help.opt.policies')).default(BUNDLED_POLICIES, h('help.opt.policiesDefault')),
  noCache: () => new Option('--no-cache', h('help.opt.noCache')),
  asOf: () => new Option('--as-of <date>', h('help.opt.asOf')),
  lang: () => new Option('--lang <lang>', h('help.opt.lang')).choices(['zh', 'en']),
  param: () => new Option('--param <name=value>', h('help.opt.param')).argParser(collect).default([]),
  params: () => new Option('--params <file>', h('help.opt.params')),
  reading: () => new Option('--reading <id=option>', h('help.opt.reading')).argParser(collect).default([]),
};

/** The options of every command that evaluates profiles: language, date, policies and local figures. */
export function addEvaluationOptions(command: Command): Command {
  return command
    .addOption(commonOptions.lang())
    .addOption(commonOptions.asOf())
    .addOption(commonOptions.policies())
    .addOption(commonOptions.noCache())
    .addOption(commonOptions.param())
    .addOption(commonOptions.params())
    .addOption(commonOptions.reading());
}

export interface CheckOptions extends CommonOptions {
  profile?: string;
  json?: boolean;
  format?: CheckFormat;
  out?: string;
  all?: boolean;
  whatIf?: boolean;
  set: string[];
}

export interface BatchOptions extends CommonOptions {
  out?: string;
  /** Without it: xlsx for an --out file named .xlsx, else csv. */
  format?: (typeof OUTPUT_FORMATS)[number];
  errors?: string;
  encoding?: InputEncoding;
  singleThread?: boolean;
  /** --reader-thread: the reader thread whatever the input's size and the CPUs. */
  readerThread?: boolean;
  /** The sheet of an .xlsx input (default: the first). */
  sheet?: string;
  /** Item titles instead of ids in the results. */
  titles?: boolean;
}

export interface ExplainOptions extends CommonOptions {
  profile?: string;
  json?: boolean;
}

export interface AskOptions extends CommonOptions {
  profile?: string;
  save?: string;
  slip?: string;
  json?: boolean;
  all?: boolean;
}

export interface TestOptions {
  policies: string;
  cache?: boolean;
  lang?: Lang;
  reporter: 'pretty' | 'junit' | 'json';
  out?: string;
  update?: boolean;
  coverage?: boolean;
  reading: string[];
}

export const SQL_DIALECT_NAMES = ['duckdb', 'postgres', 'spark'] as const;
export interface SqlOptions extends CommonOptions {
  dialect: (typeof SQL_DIALECT_NAMES)[number];
  table: string;
  columns?: string;
  shape: 'long' | 'wide';
}

export interface DiffOptions extends CommonOptions {
  base?: string;
  head?: string;
  population?: string;
  encoding?: InputEncoding;
  json?: boolean;
  failOnChange?: boolean;
  out?: string;
  limit: string;
}

/** A command's exit code; nothing returned is 0. */
export type Outcome = Promise<number | void>;




/**
 * The program for one run. `act` runs an action and keeps its exit code; the actions import their modules here,
 * when they run. With `invoked` (the run's first argument) naming a command, only that command is built: its
 * options, help and action are all the run can use. Anything else (no command, `help`, a typo) builds them all, for
 * the program's help and its suggestions.
 */
export function buildProgram(io: Io, act: (outcome: () => Outcome) => Promise<void>, invoked?: string): Command {
  helpLang = runLang(io);
  const lang = helpLang;
  // The width commander lays the lists out to (80 when stdout is not a terminal); the notes after them follow it.
  const helpWidth = () => (io.isTTY.stdout ? io.columns : undefined) ?? 80;
  // Help for an error goes to stderr, which commander lays out at 80 columns.
  const notes = (id: MessageId) => {
    const text = h(id);
    return (context: { error: boolean }) => reflowNotes(text, context.error ? 80 : helpWidth());
  };
  const commands: Record<string, () => Command> = {
    check: () =>
      addEvaluationOptions(
        new Command('check')
          .description(h('help.check'))
          .addOption(new Option('--profile <file>', h('help.check.profile')))
          .addOption(new Option('--format <format>', h('help.check.format')).choices(CHECK_FORMATS))
          .option('--json', h('help.check.json'))
          .addOption(new Option('--out <file>', h('help.check.out')))
          .option('--all', h('help.check.all'))
          .option('--what-if', h('help.check.whatIf'))
          .addOption(
            new Option('--set <fact=value>', h('help.check.set'))
              .argParser(collect)
              .default([]),
          ),
      )
        .addHelpText('after', notes('help.check.after'))
        .action((options: CheckOptions) => act(async () => (await import('./commands/check.js')).check(options, io))),
    batch: () =>
      addEvaluationOptions(
        new Command('batch')
          .description(h('help.batch'))
          .argument('<file>', h('help.batch.file'))
          .addOption(new Option('--out <file>', h('help.batch.out')))
          .addOption(new Option('--format <format>', h('help.batch.format')).choices(OUTPUT_FORMATS))
          .addOption(new Option('--sheet <name>', h('help.batch.sheet')))
          .addOption(new Option('--titles', h('help.batch.titles')))
          .addOption(new Option('--errors <file>', h('help.batch.errors')))
          .addOption(new Option('--encoding <encoding>', h('help.batch.encoding')).choices(INPUT_ENCODINGS))
          .addOption(new Option('--single-thread', h('help.batch.singleThread', { mib: READER_THREAD_MIN_MIB })))
          .addOption(new Option('--reader-thread', h('help.batch.readerThread')).conflicts('singleThread')),
      )
        .addHelpText('after', notes('help.batch.after'))
        .action((file: string, options: BatchOptions) => act(async () => (await import('./commands/batch.js')).batch(file, options, io))),
    explain: () =>
      addEvaluationOptions(
        new Command('explain')
          .description(h('help.explain'))
          .argument('<item>', h('help.explain.item'))
          .addOption(new Option('--profile <file>', h('help.explain.profile')))
          .option('--json', h('help.explain.json')),
      )
        .addHelpText('after', notes('help.explain.after'))
        .action((id: string, options: ExplainOptions) => act(async () => (await import('./commands/explain.js')).explain(id, options, io))),
    list: () =>
      new Command('list')
        .description(h('help.list'))
        .option('--json', h('help.list.json'))
        .addOption(commonOptions.lang())
        .addOption(commonOptions.policies())
        .addOption(commonOptions.noCache())
        .addHelpText('after', notes('help.list.after'))
        .action((options: CommonOptions & { json?: boolean }) => act(async () => (await import('./commands/list.js')).list(options, io))),
    lint: () =>
      new Command('lint')
        .description(h('help.lint'))
        .option('--json', h('help.lint.json'))
        .addOption(commonOptions.lang())
        .addOption(commonOptions.policies())
        .addHelpText('after', notes('help.lint.after'))
        .action((options: { policies: string; json?: boolean; lang?: Lang }) => act(async () => (await import('./commands/lint.js')).lint(options, io))),
    facts: () =>
      new Command('facts')
        .description(h('help.facts'))
        .option('--json', h('help.facts.json'))
        .addOption(new Option('--markdown', h('help.facts.markdown')))
        .addOption(commonOptions.lang())
        .addOption(commonOptions.policies())
        .addHelpText('after', notes('help.facts.after'))
        .action((options: { json?: boolean; markdown?: boolean; lang?: Lang; policies: string }) => act(async () => (await import('./commands/facts.js')).facts(options, io))),
    ask: () =>
      addEvaluationOptions(
        new Command('ask')
          .description(h('help.ask'))
          .addOption(new Option('--profile <file>', h('help.ask.profile')))
          .addOption(new Option('--save <file>', h('help.ask.save')))
          .addOption(new Option('--slip <file>', h('help.ask.slip')))
          .option('--json', h('help.ask.json'))
          .option('--all', h('help.check.all')),
      )
        .addHelpText('after', notes('help.ask.after'))
        .action((options: AskOptions) => act(async () => (await import('./commands/ask.js')).ask(options, io))),
    test: () =>
      new Command('test')
        .description(h('help.test'))
        .argument('[paths...]', h('help.test.paths', { folder: DEFAULT_CASES }))
        .addOption(new Option('--reporter <name>', h('help.test.reporter')).choices(['pretty', 'junit', 'json']).default('pretty'))
        .option('--out <file>', h('help.test.out'))
        .option('--update', h('help.test.update'))
        .option('--coverage', h('help.test.coverage'))
        .addOption(commonOptions.reading())
        .addOption(commonOptions.lang())
        .addOption(commonOptions.policies())
        .addOption(commonOptions.noCache())
        .addHelpText('after', notes('help.test.after'))
        .action((paths: string[], options: TestOptions) => act(async () => (await import('./commands/test.js')).test(paths, options, io))),
    diff: () =>
      addEvaluationOptions(
        new Command('diff')
          .description(h('help.diff'))
          .addOption(new Option('--base <dir|gitref>', h('help.diff.base')))
          .addOption(new Option('--head <dir|gitref>', h('help.diff.head')))
          .option('--population <file.csv>', h('help.diff.population'))
          .addOption(new Option('--encoding <name>', h('help.diff.encoding')).choices([...INPUT_ENCODINGS]))
          .option('--json', h('help.diff.json'))
          .option('--fail-on-change', h('help.diff.failOnChange'))
          .option('--out <file>', h('help.diff.out'))
          .option('--limit <n>', h('help.diff.limit'), '20'),
      )
        .addHelpText('after', notes('help.diff.after'))
        .action((options: DiffOptions) => act(async () => (await import('./commands/diff.js')).diff(options, io))),
    readings: () =>
      new Command('readings')
        .description(h('help.readings'))
        .option('--json', h('help.readings.json'))
        .addOption(commonOptions.lang())
        .addOption(commonOptions.policies())
        .addOption(commonOptions.noCache())
        .addHelpText('after', notes('help.readings.after'))
        .action((options: CommonOptions & { json?: boolean }) => act(async () => (await import('./commands/readings.js')).readings(options, io))),
    schema: () =>
      new Command('schema')
        .description(h('help.schema'))
        .addArgument(new Argument('<kind>', h('help.schema.kind')).choices([...Object.keys(SCHEMA_ALIASES), ...SCHEMA_KINDS]))
        .addOption(commonOptions.policies())
        .addHelpText('after', notes('help.schema.after'))
        .action((kind: string, options: { policies: string }) => act(async () => (await import('./commands/schema.js')).schema(SCHEMA_ALIASES[kind] ?? (kind as SchemaKind), options, io))),
    sql: () =>
      addEvaluationOptions(
        new Command('sql')
          .description(h('help.sql'))
          .addOption(new Option('--dialect <dialect>', h('help.sql.dialect')).choices(SQL_DIALECT_NAMES).makeOptionMandatory())
          .addOption(new Option('--table <name>', h('help.sql.table')).default('applicants'))
          .addOption(new Option('--columns <facts>', h('help.sql.columns')))
          .addOption(new Option('--shape <shape>', h('help.sql.shape')).choices(['long', 'wide']).default('long')),
      )
        .addHelpText('after', notes('help.sql.after'))
        .action((options: SqlOptions) => act(async () => (await import('./commands/sql.js')).sql(options, io))),
    config: () =>
      new Command('config')
        .description(h('help.config'))
        .option('--json', h('help.config.json'))
        .addOption(commonOptions.lang())
        .addOption(commonOptions.policies())
        .addOption(commonOptions.param())
        .addOption(commonOptions.params())
        .addHelpText('after', notes('help.config.after'))
        .action((options: CommonOptions & { json?: boolean }, command: Command) =>
          act(async () => (await import('./commands/config.js')).config(options, io, command.getOptionValueSource('policies') === 'cli')),
        ),
  };
  const built = invoked !== undefined && Object.hasOwn(commands, invoked) ? [commands[invoked]!()] : Object.values(commands).map((make) => make());

  const program = new Command('subsidy')
    .description(h('help.program'))
    .version(VERSION, '-v, --version', h('help.version'))
    .addHelpText('after', notes('help.program.after'));
  const output = {
    writeOut: (text: string) => void io.stdout.write(text),
    writeErr: (text: string) => void io.stderr.write(text),
    getOutHelpWidth: helpWidth,
    getErrHelpWidth: () => undefined as unknown as number,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
    outputError: (text: string, write: (text: string) => void) => write(commanderError(text, lang)),
  };
  program.helpCommand('help [command]', h('cmd.helpCommand'));
  // A policy folder named in a config file stands in for the bundled one when --policies is not given.
  program.hook('preAction', async (_program, command) => {
    if (command.getOptionValueSource('policies') !== 'default') return;
    const configured = (await (await import('./config.js')).settingsOf(io, command.getOptionValue('lang') as Lang | undefined)).policies;
    if (configured) command.setOptionValueWithSource('policies', configured.value, 'config');
  });
  for (const command of [program, ...built]) {
    command.exitOverride().showSuggestionAfterError().configureOutput(output).configureHelp(commanderHelp(lang)).helpOption('-h, --help', h('cmd.help'));
    if (command !== program) program.addCommand(command);
  }
  return program;
}
