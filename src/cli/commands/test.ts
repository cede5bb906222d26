import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Command, Option } from 'commander';
import { coverageOf } from '../../cases/coverage.js';
import { checkCaseReferences, loadCases } from '../../cases/load-cases.js';
import { runCases } from '../../cases/run-cases.js';
import { expectationChanges, updateCaseText } from '../../cases/update-cases.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { loadPolicies } from '../../policy/load.js';
import { PLAIN, type Style } from '../../report/format.js';
import { renderJson } from '../../report/json.js';
import { renderJunit } from '../../report/junit.js';
import { renderCoverage, renderExpectationChanges, renderTestRun } from '../../report/test-pretty.js';
import { inputError, InputError } from '../../util/problems.js';
import { commonOptions, defaultLang, styleFor } from '../context.js';

const DEFAULT_CASES = 'fixtures/cases';

interface TestOptions {
  policies: string;
  lang?: 'zh' | 'en';
  reporter: 'pretty' | 'junit' | 'json';
  out?: string;
  update?: boolean;
  coverage?: boolean;
}

export function testCommand(): Command {
  return new Command('test')
    .description('Run regression cases: each a profile, a date and the results expected')
    .argument('[paths...]', `case files or folders of them (default: ${DEFAULT_CASES})`)
    .addOption(new Option('--reporter <name>', 'output format').choices(['pretty', 'junit', 'json']).default('pretty'))
    .option('--out <file>', 'write the report to this file (the pretty report still goes to stdout)')
    .option('--update', 'rewrite failing expectations from the current policies, after listing the changes')
    .option('--coverage', 'also list items no case makes eligible or rules out, and condition branches not seen both ways')
    .addOption(commonOptions.lang())
    .addOption(commonOptions.policies())
    .addHelpText(
      'after',
      `
A case file is a YAML list of cases (see "subsidy schema cases"):
  - name: graduate hired by a small software firm
    asOf: 2024-06-30
    profile: {applicantType: employer, softwareSector: true, employerSize: small, ...}
    expect: {eligible: [m14-graduate-hiring-subsidy], estimates: {m14-graduate-hiring-subsidy: 2000}}
Only the items listed are checked.

Exit code 1 when a case fails; 2 when a case file or the policies cannot be read.

Examples:
  $ subsidy test
  $ subsidy test fixtures/cases/m14.yaml --coverage
  $ subsidy test --reporter junit --out test-results/cases.xml`,
    )
    .action(async (paths: string[], options: TestOptions) => {
      if (options.update && options.out) throw inputError('--update rewrites the case files; it takes no --out');
      if (paths.length === 0) {
        if (!existsSync(DEFAULT_CASES)) throw inputError(`no case files given, and there is no ${DEFAULT_CASES} folder here`);
        paths = [DEFAULT_CASES];
      }
      const lang = options.lang ?? defaultLang();
      const set = await loadPolicies(options.policies);
      const files = await loadCases(paths);
      const problems = checkCaseReferences(files, set);
      if (problems.length > 0) throw new InputError(problems);
      const cases = files.flatMap((file) => file.cases);
      const run = runCases(set, cases);

      if (options.update) {
        const changes = expectationChanges(run.cases);
        process.stdout.write(renderExpectationChanges(changes, lang, styleFor(process.stdout)));
        const changedFiles = files.filter((file) => changes.some((change) => change.file === file.file));
        for (const file of changedFiles) {
          // The file is read again so that an edit made while the cases ran is not lost silently.
          const text = await readFile(file.file, 'utf8');
          if (text !== file.text) throw inputError('the file changed while the cases ran; run --update again', file.file);
          await writeFileAtomic(file.file, updateCaseText(text, run.cases.filter((outcome) => outcome.file === file.file)));
        }
        if (changes.length > 0) process.stdout.write(`Updated ${changes.length} expectation${changes.length === 1 ? '' : 's'} in ${changedFiles.length} file${changedFiles.length === 1 ? '' : 's'}.\n`);
        return;
      }

      const coverage = options.coverage ? coverageOf(set, cases) : null;
      const pretty = (style: Style) => renderTestRun(run, lang, style) + (coverage ? renderCoverage(coverage, style) : '');
      const report =
        options.reporter === 'junit'
          ? renderJunit(run, lang)
          : options.reporter === 'json'
            ? renderJson({ passed: run.passed, failed: run.failed, cases: run.cases, ...(coverage ? { coverage } : {}) })
            : pretty(PLAIN);
      if (options.out) {
        await mkdir(dirname(options.out), { recursive: true }).catch(() => undefined); // writing says why, if it cannot
        await writeFileAtomic(options.out, report);
      }
      process.stdout.write(options.out || options.reporter === 'pretty' ? pretty(styleFor(process.stdout)) : report);
      process.exitCode = run.failed > 0 ? 1 : 0;
    });
}
