import { mkdir } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { Command, Option } from 'commander';
import { INPUT_ENCODINGS, type InputEncoding } from '../../batch/decode-text.js';
import { readApplicants } from '../../batch/read-applicants.js';
import { diffPopulation } from '../../cases/population-diff.js';
import { compilePolicy } from '../../engine/evaluate.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { diffPolicies } from '../../policy/diff.js';
import { readPolicySource } from '../../policy/git-source.js';
import { checkPolicyFiles } from '../../policy/load.js';
import type { PolicySet } from '../../policy/policy-set.js';
import { renderDiffReport, type DiffReport } from '../../report/diff-text.js';
import { PLAIN } from '../../report/format.js';
import { renderJson } from '../../report/json.js';
import { inputError, InputError } from '../../util/problems.js';
import { addEvaluationOptions, defaultLang, parseAsOf, resolveParams, styleFor, type CommonOptions } from '../context.js';

interface DiffOptions extends CommonOptions {
  base?: string;
  head?: string;
  population?: string;
  encoding?: InputEncoding;
  json?: boolean;
  failOnChange?: boolean;
  out?: string;
  limit: string;
}

async function policiesFrom(spec: string, option: string, policiesDir: string): Promise<PolicySet> {
  const { set, problems } = checkPolicyFiles(await readPolicySource(spec, { option, policiesDir }));
  if (!set) throw new InputError(problems.map((problem) => (problem.file ? problem : { ...problem, file: `${option} ${spec}` })));
  return set;
}

export function diffCommand(): Command {
  return addEvaluationOptions(
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
    .action(async (options: DiffOptions) => {
      if (!options.base) throw inputError('diff needs --base DIR|GITREF: the policies to compare against (e.g. --base main)');
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 0) throw inputError(`--limit: "${options.limit}" is not allowed; expected a whole number ≥ 0`);
      const asOf = parseAsOf(options.asOf);
      const lang = options.lang ?? defaultLang();
      const headSpec = options.head ?? options.policies;
      const [base, head] = await Promise.all([policiesFrom(options.base, '--base', options.policies), policiesFrom(headSpec, '--head', options.policies)]);
      const rules = diffPolicies(base, head);

      let population: DiffReport['population'] = null;
      if (options.population) {
        const [baseParams, headParams] = await Promise.all([resolveParams(base, options), resolveParams(head, options)]);
        const rows = readApplicants(
          { path: options.population },
          { ...(options.encoding ? { encoding: options.encoding } : {}), onWarning: (message) => process.stderr.write(`subsidy: ${message}\n`) },
        );
        const diff = await diffPopulation(compilePolicy(base, baseParams), compilePolicy(head, headParams), rows, asOf);
        population = { file: options.population, ...diff };
      }

      const report: DiffReport = {
        base: options.base,
        head: options.head ?? (relative(process.cwd(), options.policies) || '.'),
        rules,
        population,
        changed: population ? population.changedApplicants > 0 : rules.changed,
      };
      if (options.out) {
        await mkdir(dirname(options.out), { recursive: true }).catch(() => undefined); // writing says why, if it cannot
        await writeFileAtomic(options.out, options.json ? renderJson(report) : renderDiffReport(report, lang, PLAIN, Infinity));
      }
      process.stdout.write(options.json ? renderJson(report) : renderDiffReport(report, lang, styleFor(process.stdout), limit, options.out ?? null));
      process.exitCode = options.failOnChange && report.changed ? 1 : 0;
    });
}
