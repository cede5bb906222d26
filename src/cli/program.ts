import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Argument, Command, Option } from 'commander';
import { INPUT_ENCODINGS, OUTPUT_FORMATS, type InputEncoding } from '../batch/choices.js';
import type { Lang } from '../report/format.js';
import { CHECK_FORMATS, type CheckFormat } from '../report/check-formats.js';
import type { Io } from './io.js';

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

/** Options shared by every command that evaluates policies. */
export const commonOptions = {
  policies: () => new Option('--policies <dir>', 'policy folder').default(BUNDLED_POLICIES, 'the bundled policies'),
  noCache: () => new Option('--no-cache', 'read the policy YAML instead of the compiled policy set kept for the folder'),
  asOf: () => new Option('--as-of <date>', 'evaluate as of this date, YYYY-MM-DD (default: today)'),
  lang: () => new Option('--lang <lang>', 'output language (default: SUBSIDY_LANG, then the config file, then LANG, then the system language; see "subsidy config")').choices(['zh', 'en']),
  param: () => new Option('--param <name=value>', 'a figure the document leaves to local rules (repeatable)').argParser(collect).default([]),
  params: () => new Option('--params <file>', 'a YAML or JSON file of name: value parameters (and readings: {id: option})'),
  reading: () => new Option('--reading <id=option>', 'put another reading of an ambiguous clause in force (repeatable; see "subsidy readings")').argParser(collect).default([]),
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

const BATCH_HELP = `
Input: a CSV whose first row names facts by name or label, in any case (学历 or degree, 社保月数 or
socialInsuranceMonths; see "subsidy facts"). An id or 编号 column passes through; other unknown columns are
ignored with a warning. A blank cell is unknown. UTF-8 with or without BOM; GBK with --encoding gbk, or
detected (with a notice) when the bytes are not valid UTF-8. "-" reads CSV on stdin. An .xlsx workbook (by its
name or its bytes) is read from its first sheet, or --sheet NAME; each cell is read as the CSV cell Excel would
write (numbers as stored, TRUE/FALSE, dates as 2024-06-30, a formula's saved result).

"row" is the applicant's data row: 1 is the first row after the header; blank rows (empty lines, or only empty
cells such as ",,,") are skipped and not counted. A blank id stays blank. A cell may hold up to 1,048,576
characters (a longer one makes its row an error).

Output (stdout, or --out FILE written whole or not at all; CSV files start with a BOM for Excel):
  csv     id,row,status,eligible,eligibleCount,totalEstimateCNY,undetermined,error
          one line per row; item ids are separated by ";"
  long    id,measure,item,recipient,figure,estimate
          one line per applicant and eligible item, for pivot tables (bad rows are in --errors only)
  ndjson  {"row","id","eligible":[{"id","measure","recipient","cny","estimateCNY"}],
           "undetermined":[{"id","measure","cny","missing"}],"totalEstimateCNY"}
          or {"row","id","errors":[{"column","value","message"}, …]} for a bad row
  xlsx    (the default for --out FILE.xlsx) a workbook: the csv columns as a sheet (numbers as numbers, header
          frozen), a sheet of bad cells, a summary per item; every cell a value, never a formula; at most
          1,048,575 rows
With --lang zh the csv, long and xlsx headers, statuses and recipients are in Chinese and item titles stand
beside the ids (--titles: instead of them); --lang en keeps the English headers above for programs.
Cells starting with = + - @ are prefixed with ' in CSV so that Excel does not run them as formulas.

A bad row never stops the batch: each of its bad cells is reported with its row, column, value and what is
allowed, in the output, in --errors FILE (row,id,column,value,message: a line per bad cell) and on stderr.
Summary and progress go to stderr.

Exit codes: 0 every row ok; 1 some rows had errors; 2 could not run (bad flags, unreadable or empty file,
no recognisable header).

Example:
  $ subsidy batch applicants.csv --out results.csv --errors errors.csv --as-of 2024-06-30
  $ subsidy batch - --format ndjson < applicants.csv
  $ subsidy batch applicants.xlsx --lang zh --out results.xlsx`;

const SQL_HELP = `
The table has an id column and one column per fact, named by the fact's name (see "subsidy facts"): booleans
as BOOLEAN, numbers as a numeric type, enums as text holding the value's name; NULL is unknown.

Output (long): id, item, measure, recipient, status ('eligible' or 'undetermined'), figure_cny, estimate_cny:
one row per applicant and item that is eligible or undetermined, as "subsidy check" decides it.
Output (wide): id, one status column per item ('eligible', 'undetermined', 'ineligible'), total_estimate_cny.

Example:
  $ subsidy sql --dialect duckdb --as-of 2024-06-30 > subsidy.sql
  $ subsidy sql --dialect postgres --table hr.applicants --columns applicantType,degree,age --shape wide`;

/**
 * The program for one run. `act` runs an action and keeps its exit code; the actions import their modules here,
 * when they run.
 */
export function buildProgram(io: Io, act: (outcome: () => Outcome) => Promise<void>): Command {
  const check = addEvaluationOptions(
    new Command('check')
      .description('Every subsidy and benefit an applicant can get, with amounts, legal basis and what would get more')
      .addOption(new Option('--profile <file>', 'the applicant\'s facts, as YAML or JSON (without it, on a terminal: asked as "subsidy ask" does)'))
      .addOption(new Option('--format <format>', 'table (default), json, html (a slip to print for the applicant, A4) or markdown (the same slip)').choices(CHECK_FORMATS))
      .option('--json', 'the same as --format json')
      .addOption(new Option('--out <file>', 'write to this file (through a temporary file and a rename) instead of stdout'))
      .option('--all', 'also list the items that do not apply, and why')
      .option('--what-if', 'list every near miss: the smallest change that would get an item (default: the top 3)')
      .addOption(
        new Option('--set <fact=value>', 'try a scenario: change a fact of the profile without editing it; an empty value unsets it (repeatable)')
          .argParser(collect)
          .default([]),
      ),
  )
    .addHelpText(
      'after',
      '\nWithout --profile, on a terminal, check first asks the facts as "subsidy ask" does.\n\nExample:\n  $ subsidy check --profile fixtures/profiles/graduate-small-firm.yaml --as-of 2024-06-30\n  $ subsidy check --profile me.yaml --json --param m03-district-housing-subsidy=100000\n  $ subsidy check --profile me.yaml --format html --out slip.html\n  $ subsidy check --profile me.yaml --set socialInsuranceMonths=6 --what-if',
    )
    .action((options: CheckOptions) => act(async () => (await import('./commands/check.js')).check(options, io)));

  const batch = addEvaluationOptions(
    new Command('batch')
      .description('Check every applicant of a CSV file or an Excel workbook: one result per row, streamed')
      .argument('<file>', 'the applicants CSV or .xlsx workbook, or - for CSV on stdin')
      .addOption(new Option('--out <file>', 'write the results to this file instead of stdout'))
      .addOption(new Option('--format <format>', 'output format (default: xlsx for --out FILE.xlsx, else csv)').choices(OUTPUT_FORMATS))
      .addOption(new Option('--sheet <name>', 'the sheet of an .xlsx input to read (default: the first)'))
      .addOption(new Option('--titles', 'item titles instead of item ids in the results (with --lang zh titles are beside the ids without it)'))
      .addOption(new Option('--errors <file>', 'also write the bad rows to this CSV file'))
      .addOption(new Option('--encoding <encoding>', 'input encoding (default: UTF-8, or GBK when detected)').choices(INPUT_ENCODINGS))
      .addOption(new Option('--single-thread', 'parse the CSV on the main thread too (default: a second thread parses when the machine has more than one CPU)')),
  )
    .addHelpText('after', BATCH_HELP)
    .action((file: string, options: BatchOptions) => act(async () => (await import('./commands/batch.js')).batch(file, options, io)));

  const explain = addEvaluationOptions(
    new Command('explain')
      .description('Why an item applies or not: its conditions node by node, the amount, the legal clause and what would change it')
      .argument('<item>', 'the item id, e.g. m14-graduate-hiring-subsidy (see "subsidy list")')
      .addOption(new Option('--profile <file>', "the applicant's facts, as YAML or JSON"))
      .option('--json', 'print {item, status, condition, trace, reasons, amount, nearMiss?} as JSON'),
  )
    .addHelpText('after', '\nExample:\n  $ subsidy explain m14-graduate-hiring-subsidy --profile me.yaml --lang zh')
    .action((id: string, options: ExplainOptions) => act(async () => (await import('./commands/explain.js')).explain(id, options, io)));

  const list = new Command('list')
    .description('The catalogue: all measures with their items, figures, recipients and basis')
    .option('--json', 'print the catalogue as JSON')
    .addOption(commonOptions.lang())
    .addOption(commonOptions.policies())
    .addOption(commonOptions.noCache())
    .addHelpText('after', '\nExample:\n  $ subsidy list --lang zh\n  $ subsidy list --json | jq \'.measures[] | {measure, items: [.items[].id]}\'')
    .action((options: CommonOptions & { json?: boolean }) => act(async () => (await import('./commands/list.js')).list(options, io)));

  const lint = new Command('lint')
    .description('Check policy files: schema, declared facts and parameters, verbatim quotes, measures present, unique ids')
    .option('--json', 'print {ok, measures, items, problems} as JSON')
    .addOption(commonOptions.policies())
    .addHelpText('after', '\nExit code 1 when a problem is found.\n\nExample:\n  $ subsidy lint --policies policies')
    .action((options: { policies: string; json?: boolean }) => act(async () => (await import('./commands/lint.js')).lint(options, io)));

  const facts = new Command('facts')
    .description('The facts a profile can hold: name, type, allowed values, labels and help')
    .option('--json', 'print the declaration as JSON')
    .addOption(new Option('--markdown', 'print a Markdown table (for the README)'))
    .addOption(commonOptions.lang())
    .addOption(commonOptions.policies())
    .addHelpText('after', "\nThe facts are declared in the policy folder's facts.yaml.\n\nExample:\n  $ subsidy facts --lang zh")
    .action((options: { json?: boolean; markdown?: boolean; lang?: Lang; policies: string }) => act(async () => (await import('./commands/facts.js')).facts(options, io)));

  const ask = addEvaluationOptions(
    new Command('ask')
      .description('Ask only the questions that still matter, then report as "check" does')
      .addOption(new Option('--profile <file>', 'start from the facts in this file; ask only the rest'))
      .addOption(new Option('--save <file>', 'write the answers as a profile that "check --profile" reads'))
      .addOption(new Option('--slip <file>', 'write the slip for the applicant, as "check --format html" does'))
      .option('--json', 'print the result as JSON (prompts go to stderr)')
      .option('--all', 'also list the items that do not apply, and why'),
  )
    .addHelpText(
      'after',
      [
        '',
        'Every question offers "don\'t know" (the fact stays unknown) and "show results now". Ctrl-C stops with exit 130.',
        'The yes/no facts that still matter come together in one checklist: tick (space) what applies, then Enter; unticked',
        'means no, unless you also tick "I\'m not sure about the unticked ones".',
        'Without a terminal on stdin nothing can be asked: give --profile FILE, and ask reports on the facts in it.',
        '',
        'Example:',
        '  $ subsidy ask --lang zh --save me.yaml',
        '  $ subsidy ask --profile partial.yaml --json > result.json',
      ].join('\n'),
    )
    .action((options: AskOptions) => act(async () => (await import('./commands/ask.js')).ask(options, io)));

  const test = new Command('test')
    .description('Run regression cases: each a profile, a date and the results expected')
    .argument('[paths...]', `case files or folders of them (default: ${DEFAULT_CASES})`)
    .addOption(new Option('--reporter <name>', 'output format').choices(['pretty', 'junit', 'json']).default('pretty'))
    .option('--out <file>', 'write the report to this file (the pretty report still goes to stdout)')
    .option('--update', 'rewrite failing expectations from the current policies, after listing the changes')
    .option('--coverage', 'also list items no case makes eligible or rules out, and condition branches not seen both ways')
    .addOption(commonOptions.reading())
    .addOption(commonOptions.lang())
    .addOption(commonOptions.policies())
    .addOption(commonOptions.noCache())
    .addHelpText(
      'after',
      `
A case file is a YAML list of cases (see "subsidy schema cases"):
  - name: graduate hired by a small software firm
    asOf: 2024-06-30
    profile: {applicantType: employer, softwareSector: true, employerSize: small, ...}
    expect: {eligible: [m14-graduate-hiring-subsidy], estimates: {m14-graduate-hiring-subsidy: 2000}}
Only the items listed are checked. A case may put readings in force (readings: {id: option}); --reading puts
one in force for every case that does not choose that reading itself.

Exit code 1 when a case fails; 2 when a case file or the policies cannot be read.

Examples:
  $ subsidy test
  $ subsidy test fixtures/cases/m14.yaml --coverage
  $ subsidy test --reporter junit --out test-results/cases.xml`,
    )
    .action((paths: string[], options: TestOptions) => act(async () => (await import('./commands/test.js')).test(paths, options, io)));

  const diff = addEvaluationOptions(
    new Command('diff')
      .description('What a policy change does: the rules changed, in words, and who gains or loses on a population')
      .addOption(new Option('--base <dir|gitref>', 'the policies before: a folder, or a git revision (branch, tag, commit)'))
      .addOption(new Option('--head <dir|gitref>', 'the policies after (default: the --policies folder as it is)'))
      .option('--population <file.csv>', 'run both over these applicants (as "subsidy batch" reads them) and count who gains or loses each item')
      .addOption(new Option('--encoding <name>', 'encoding of the population CSV (default: UTF-8, or GBK when it is not UTF-8)').choices([...INPUT_ENCODINGS]))
      .option('--json', 'print the report as JSON')
      .option('--fail-on-change', 'exit 1 when anything changed: any applicant\'s result with --population, else any rule')
      .option('--out <file>', 'also write the full report (every changed applicant) to this file')
      .option('--limit <n>', 'changed applicants listed on screen', '20'),
  )
    .addHelpText(
      'after',
      `
A git revision is read with git itself (git ls-tree, git show), at the same path as the --policies folder
inside the repository; the working tree is not touched. A path that exists is taken as a folder.

Exit code 1 with --fail-on-change when something changed; 2 when a side cannot be read.

Examples:
  $ subsidy diff --base main --head policies
  $ subsidy diff --base origin/main --population fixtures/population/sample.csv --as-of 2024-06-30 --out diff.txt
  $ subsidy diff --base v1.0 --head HEAD --population applicants.csv --fail-on-change   # a refactor that must change no outcome`,
    )
    .action((options: DiffOptions) => act(async () => (await import('./commands/diff.js')).diff(options, io)));

  const readings = new Command('readings')
    .description('The clauses the document lets be read more than one way: each reading, its options, the default and why')
    .option('--json', 'print {readings: [{id, measure, clause, question, options: [{id, label}], default, rationale}]} as JSON')
    .addOption(commonOptions.lang())
    .addOption(commonOptions.policies())
    .addOption(commonOptions.noCache())
    .addHelpText(
      'after',
      `
The readings are declared in the policy folder's readings.yaml; conditions test them. Put another option in
force with --reading ID=OPTION on check, ask, explain, batch, test, diff and sql (or readings: in a --params file),
and measure who it affects with "subsidy diff --reading ID=OPTION --population FILE".

Example:
  $ subsidy readings --lang zh
  $ subsidy check --profile me.yaml --reading m14-6000-employer-size=small-medium-micro`,
    )
    .action((options: CommonOptions & { json?: boolean }) => act(async () => (await import('./commands/readings.js')).readings(options, io)));

  const schema = new Command('schema')
    .description('Print the JSON Schema of a policy, facts, readings, profile or case file, generated from the validating schemas')
    .addArgument(new Argument('<kind>', 'which file').choices([...Object.keys(SCHEMA_ALIASES), ...SCHEMA_KINDS]))
    .addOption(commonOptions.policies())
    .addHelpText(
      'after',
      `
"policy" is a measure file (policies/measures/*.yaml), the same as "policy-measure".
The profile, cases and measure schemas name the facts of the --policies folder's facts.yaml.
The schemas/ folder holds these, for editors: a YAML file points at one with a first line like
  # yaml-language-server: $schema=../schemas/profile.schema.json

Example:
  $ subsidy schema cases > schemas/cases.schema.json
  $ subsidy schema profile --policies my-policies > my-policies/profile.schema.json`,
    )
    .action((kind: string, options: { policies: string }) => act(async () => (await import('./commands/schema.js')).schema(SCHEMA_ALIASES[kind] ?? (kind as SchemaKind), options, io)));

  const sql = addEvaluationOptions(
    new Command('sql')
      .description('The policy as one SQL query over a table of applicants, for DuckDB, PostgreSQL or Spark')
      .addOption(new Option('--dialect <dialect>', 'the SQL engine').choices(SQL_DIALECT_NAMES).makeOptionMandatory())
      .addOption(new Option('--table <name>', 'the applicants table: a plain name or schema.table').default('applicants'))
      .addOption(new Option('--columns <facts>', 'the facts the table has, comma-separated (default: every fact); the others are unknown'))
      .addOption(new Option('--shape <shape>', 'long: a row per applicant and item; wide: a row per applicant').choices(['long', 'wide']).default('long')),
  )
    .addHelpText('after', SQL_HELP)
    .action((options: SqlOptions) => act(async () => (await import('./commands/sql.js')).sql(options, io)));

  const config = new Command('config')
    .description('The settings in force (language, policy folder, parameters, readings) and where each came from')
    .option('--json', 'print {lang, policies, params, readings, files} as JSON, each value with its source')
    .addOption(commonOptions.lang())
    .addOption(commonOptions.policies())
    .addOption(commonOptions.param())
    .addOption(commonOptions.params())
    .addHelpText(
      'after',
      `
Defaults come from subsidy.config.yaml in this folder or the nearest folder
above it (up to the git repository's root), then from the user's config.yaml
(%APPDATA%\\subsidy on Windows, else $XDG_CONFIG_HOME/subsidy or ~/.config/…):
  lang: zh
  policies: ./policies            # relative to the config file's folder
  params: {m03-district-housing-subsidy: 100000}
  readings: {reading-id: option}
Flags override the files; SUBSIDY_LANG overrides their lang.

Example:
  $ subsidy config
  $ subsidy config --json`,
    )
    .action((options: CommonOptions & { json?: boolean }, command: Command) =>
      act(async () => (await import('./commands/config.js')).config(options, io, command.getOptionValueSource('policies') === 'cli')),
    );

  const program = new Command('subsidy')
    .description('Eligibility and subsidy calculator for 渝人社发〔2022〕60号 (Chongqing "Mantianxing" software-talent measures)')
    .version(VERSION, '-v, --version', 'print the version of the tool and of the bundled policy document (-V works too)')
    .addHelpText('after', '\nExit codes: 0 ran fine; 1 ran but found failures; 2 could not run (bad flags, profile or policy); 130 interrupted (143 SIGTERM, 129 SIGHUP).');
  const output = {
    writeOut: (text: string) => void io.stdout.write(text),
    writeErr: (text: string) => void io.stderr.write(text),
    // Commander takes undefined as "not a terminal": 80 columns, as before.
    getOutHelpWidth: () => (io.isTTY.stdout ? io.columns : undefined) as number,
    getErrHelpWidth: () => undefined as unknown as number,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
  // A policy folder named in a config file stands in for the bundled one when --policies is not given.
  program.hook('preAction', async (_program, command) => {
    if (command.getOptionValueSource('policies') !== 'default') return;
    const configured = (await (await import('./config.js')).settingsOf(io, command.getOptionValue('lang') as Lang | undefined)).policies;
    if (configured) command.setOptionValueWithSource('policies', configured.value, 'config');
  });
  for (const command of [program, check, batch, explain, list, lint, facts, readings, ask, test, diff, schema, sql, config]) {
    command.exitOverride().showSuggestionAfterError().configureOutput(output);
    if (command !== program) program.addCommand(command);
  }
  return program;
}
