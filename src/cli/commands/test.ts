import { msg, render } from '../../util/messages/index.js';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { coverageOf } from '../../cases/coverage.js';
import { checkCaseReferences, loadCases, readCaseText } from '../../cases/load-cases.js';
import { runCases } from '../../cases/run-cases.js';
import { expectationChanges, updateCaseText } from '../../cases/update-cases.js';
import { writeFileAtomic, writeOutput } from '../../util/atomic-write.js';
import { checkOutputs } from '../../util/output-paths.js';
import { PLAIN, type Style } from '../../report/format.js';
import { renderJson } from '../../report/json.js';
import { renderJunit } from '../../report/junit.js';
import { renderCoverage, renderExpectationChanges, renderTestRun } from '../../report/test-pretty.js';
import { inputError, InputError } from '../../util/problems.js';
import { inputNotices, loadPolicies, styleFor } from '../context.js';
import { langOf } from '../config.js';
import { pathIn, type Io } from '../io.js';
import { checkReadingChoices, readingPairs } from '../reading-choices.js';
import { DEFAULT_CASES, type TestOptions } from '../program.js';

export async function test(paths: string[], options: TestOptions, io: Io): Promise<number> {
  if (options.update && options.out !== undefined) throw inputError('cli.updateNoOut');
  if (paths.length === 0) {
    if (!existsSync(pathIn(io, DEFAULT_CASES))) throw inputError('cli.noCases', { folder: DEFAULT_CASES });
    paths = [DEFAULT_CASES];
  }
  // An output inside a case folder is refused too, so that no case file can be overwritten.
  const [outTarget] = await checkOutputs(
    [options.out !== undefined ? { flag: '--out', path: options.out } : null],
    [...paths.map((path) => ({ what: msg('input.caseFileOrFolder'), path })), { what: msg('input.policyFolder'), path: options.policies }],
    { createFolders: true, cwd: io.cwd },
  );
  const lang = await langOf(options.lang, io);
  const set = await loadPolicies(options, io);
  const files = await loadCases(paths.map((path) => pathIn(io, path)), set.facts, io.cwd, inputNotices(io));
  const problems = checkCaseReferences(files, set);
  if (problems.length > 0) throw new InputError(problems);
  const cases = files.flatMap((file) => file.cases);
  const readings = checkReadingChoices(set, readingPairs(options.reading ?? [], lang), lang);
  const run = runCases(set, cases, readings);

  if (options.update) {
    const changes = expectationChanges(run.cases);
    io.stdout.write(renderExpectationChanges(changes, lang, await styleFor(io, 'stdout')));
    const changedFiles = files.filter((file) => changes.some((change) => change.file === file.file));
    for (const file of changedFiles) {
      // The file is read again so that an edit made while the cases ran is not lost silently.
      if (file.encoding !== 'utf-8') throw inputError('cli.updateUtf8', { encoding: file.encoding.toUpperCase() }, file.file);
      const { text } = await readCaseText(pathIn(io, file.file), file.file);
      if (text !== file.text) throw inputError('cli.fileChanged', undefined, file.file);
      await writeFileAtomic(pathIn(io, file.file), updateCaseText(text, run.cases.filter((outcome) => outcome.file === file.file)));
    }
    if (changes.length > 0) {
      // English plurals: the Chinese sentence has no place for them.
      const words = { expectations: changes.length === 1 ? 'expectation' : 'expectations', fileWord: changedFiles.length === 1 ? 'file' : 'files' };
      io.stdout.write(`${render(msg('cli.updated', { count: changes.length, files: changedFiles.length, ...words }), lang)}\n`);
    }
    return 0;
  }

  const coverage = options.coverage ? coverageOf(set, cases, readings) : null;
  const pretty = (style: Style) => renderTestRun(run, lang, style, set.facts) + (coverage ? renderCoverage(coverage, style, lang) : '');
  const report =
    options.reporter === 'junit'
      ? renderJunit(run, lang, set.facts)
      : options.reporter === 'json'
        ? renderJson({ passed: run.passed, failed: run.failed, cases: run.cases, ...(coverage ? { coverage } : {}) })
        : pretty(PLAIN);
  if (outTarget) {
    if (outTarget.kind === 'file') await mkdir(dirname(outTarget.path), { recursive: true }).catch(() => undefined); // writing says why, if it cannot
    await writeOutput(outTarget, report, options.out!, io.stdout);
  }
  if (outTarget?.kind !== 'stdout') io.stdout.write(options.out !== undefined || options.reporter === 'pretty' ? pretty(await styleFor(io, 'stdout')) : report);
  return run.failed > 0 ? 1 : 0;
}
