import { msg, render } from '../../util/messages/index.js';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { readApplicants } from '../../batch/read-applicants.js';
import { diffPopulation } from '../../cases/population-diff.js';
import { compilePolicy } from '../../engine/evaluate.js';
import { writeOutput } from '../../util/atomic-write.js';
import { checkOutputs } from '../../util/output-paths.js';
import { diffPolicies } from '../../policy/diff.js';
import { readPolicySource } from '../../policy/git-source.js';
import { checkPolicyFiles } from '../../policy/load.js';
import type { PolicySet } from '../../policy/policy-set.js';
import { renderDiffReport, type DiffReport } from '../../report/diff-text.js';
import { PLAIN } from '../../report/format.js';
import { renderJson } from '../../report/json.js';
import { inputError, InputError, type Problem } from '../../util/problems.js';
import { evaluationInputs, loadPolicies, parseAsOf, problemLine, resolveSettings, styleFor } from '../context.js';
import { langOf } from '../config.js';
import { pathIn, type Io } from '../io.js';
import type { DiffOptions } from '../program.js';

/** One side: a folder (its compiled set, as every command reads it) or a git revision (its YAML, through git). */
async function policiesFrom(spec: string, option: string, options: DiffOptions, io: Io): Promise<PolicySet> {
  const named = (problems: readonly Problem[]) => new InputError(problems.map((problem) => (problem.file ? problem : { ...problem, file: `${option} ${spec}` })));
  const folder = resolve(io.cwd, spec);
  if ((await stat(folder).catch(() => null))?.isDirectory()) {
    try {
      return await loadPolicies({ policies: folder, cache: options.cache }, io);
    } catch (error) {
      throw error instanceof InputError ? named(error.problems) : error;
    }
  }
  const { set, problems } = checkPolicyFiles(await readPolicySource(spec, { option, policiesDir: options.policies, cwd: io.cwd }));
  if (!set) throw named(problems);
  return set;
}

export async function diff(options: DiffOptions, io: Io): Promise<number> {
  // --reading without --base: the same policies, under their readings and under the readings given.
  const readingDiff = !options.base && (options.reading ?? []).length > 0;
  if (!options.base && !readingDiff) throw inputError('cli.diffNeedsBase');
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 0) throw inputError('cli.limitNotAllowed', { value: options.limit });
  const asOf = parseAsOf(options.asOf);
  const lang = await langOf(options.lang, io);
  const headSpec = options.head ?? options.policies;
  const [outTarget] = await checkOutputs(
    [options.out !== undefined ? { flag: '--out', path: options.out } : null],
    evaluationInputs(
      options,
      ...(options.population !== undefined ? [{ what: msg('input.populationFile'), path: options.population }] : []),
      // A --base or --head that is a git revision names no folder here: nothing is inside it.
      ...(options.base !== undefined ? [{ what: msg('input.basePolicies'), path: options.base }] : []),
      { what: msg('input.headPolicies'), path: headSpec },
    ),
    { createFolders: true, cwd: io.cwd },
  );
  const head = await policiesFrom(headSpec, '--head', options, io);
  const base = readingDiff ? head : await policiesFrom(options.base!, '--base', options, io);
  const rules = diffPolicies(base, head);
  // Both sides under the readings given, except that a reading diff's base keeps the policy's own (and --params').
  // A --base that declares no such reading (an older revision) is read without it.
  const declaredBy = (set: PolicySet) => (options.reading ?? []).filter((pair) => set.readings.some((reading) => reading.id === pair.split('=')[0]!.trim()));
  const [baseSettings, headSettings] = await Promise.all([
    resolveSettings(base, { ...options, reading: readingDiff ? [] : declaredBy(base) }, io),
    resolveSettings(head, options, io),
  ]);
  const [baseCompiled, headCompiled] = [compilePolicy(base, baseSettings.params, baseSettings.readings), compilePolicy(head, headSettings.params, headSettings.readings)];
  const readings = head.readings
    .filter((reading) => baseCompiled.readings[reading.id] !== undefined && baseCompiled.readings[reading.id] !== headCompiled.readings[reading.id])
    .map((reading) => ({ id: reading.id, from: baseCompiled.readings[reading.id]!, to: headCompiled.readings[reading.id]! }));

  let population: DiffReport['population'] = null;
  if (options.population) {
    const rows = readApplicants(
      { path: pathIn(io, options.population) },
      { facts: head.facts, ...(options.encoding ? { encoding: options.encoding } : {}), onWarning: (message) => io.stderr.write(problemLine({ path: '', message }, lang)) },
    );
    const diff = await diffPopulation(baseCompiled, headCompiled, rows, asOf);
    population = { file: options.population, ...diff };
  }

  const headName = options.head ?? (relative(io.cwd, resolve(io.cwd, options.policies)) || '.');
  const report: DiffReport = {
    base: options.base ?? headName,
    head: headName,
    rules,
    readings,
    population,
    changed: population ? population.changedApplicants > 0 : rules.changed || readings.length > 0,
  };
  // In JSON, a skipped row's errors are one sentence in the run's language, as before the messages had ids.
  const json = () =>
    renderJson(
      report.population
        ? { ...report, population: { ...report.population, rowsWithErrors: report.population.rowsWithErrors.map(({ messages, ...row }) => ({ ...row, message: messages.map((m) => render(m, lang)).join(' | ') })) } }
        : report,
    );
  if (outTarget) {
    if (outTarget.kind === 'file') await mkdir(dirname(outTarget.path), { recursive: true }).catch(() => undefined); // writing says why, if it cannot
    await writeOutput(outTarget, options.json ? json() : renderDiffReport(report, head.facts, lang, PLAIN, Infinity), options.out!, io.stdout);
  }
  if (outTarget?.kind !== 'stdout') io.stdout.write(options.json ? json() : renderDiffReport(report, head.facts, lang, await styleFor(io, 'stdout'), limit, options.out ?? null));
  return options.failOnChange && report.changed ? 1 : 0;
}
