import { checkPolicyFiles, readPolicyFiles } from '../../policy/load.js';
import { renderJson } from '../../report/json.js';
import { formatProblem } from '../../util/problems.js';
import { inputNotices } from '../context.js';
import { pathIn, type Io } from '../io.js';

export async function lint(options: { policies: string; json?: boolean }, io: Io): Promise<number> {
  const { set, problems } = checkPolicyFiles(await readPolicyFiles(pathIn(io, options.policies), io.cwd, inputNotices(io)));
  const summary = { ok: problems.length === 0, measures: set?.measures.length ?? null, items: set?.items.length ?? null, problems };
  if (options.json) io.stdout.write(renderJson(summary));
  else if (set) io.stdout.write(`${options.policies}: ${set.measures.length} measures, ${set.items.length} items, no problems\n`);
  else io.stdout.write(problems.map((p) => `${formatProblem(p)}\n`).join(''));
  return problems.length === 0 ? 0 : 1;
}
