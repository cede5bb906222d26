import { checkPolicyFiles, readPolicyFiles } from '../../policy/load.js';
import { renderJson } from '../../report/json.js';
import type { Lang } from '../../report/format.js';
import { msg, render } from '../../util/messages/index.js';
import { formatProblem } from '../../util/problems.js';
import { inputNotices, runLang } from '../context.js';
import { pathIn, type Io } from '../io.js';

export async function lint(options: { policies: string; json?: boolean; lang?: Lang }, io: Io): Promise<number> {
  const lang = options.lang ?? runLang(io);
  const { set, problems } = checkPolicyFiles(await readPolicyFiles(pathIn(io, options.policies), io.cwd, inputNotices(io)));
  const rendered = problems.map((problem) => ({ ...problem, message: render(problem.message, lang) }));
  const summary = { ok: problems.length === 0, measures: set?.measures.length ?? null, items: set?.items.length ?? null, problems: rendered };
  if (options.json) io.stdout.write(renderJson(summary));
  else if (set) io.stdout.write(`${render(msg('cli.lintOk', { policies: options.policies, measures: set.measures.length, items: set.items.length }), lang)}\n`);
  else io.stdout.write(problems.map((p) => `${formatProblem(p, lang)}\n`).join(''));
  return problems.length === 0 ? 0 : 1;
}
