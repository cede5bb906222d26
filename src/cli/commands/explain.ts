import { explainItem } from '../../engine/explain.js';
import { loadProfile } from '../../facts/profile.js';
import { renderExplanation } from '../../report/explain-text.js';
import { renderJson } from '../../report/json.js';
import { inputError } from '../../util/problems.js';
import { nearest } from '../../util/suggest.js';
import { inputNotices, loadContext, styleFor } from '../context.js';
import { pathIn, type Io } from '../io.js';
import type { ExplainOptions } from '../program.js';

export async function explain(id: string, options: ExplainOptions, io: Io): Promise<number> {
  if (!options.profile) throw inputError('cli.explainNeedsProfile');
  const context = await loadContext(options, io);
  const ids = context.set.items.map((item) => item.id);
  if (!ids.includes(id)) {
    const suggestion = nearest(id, ids);
    throw suggestion ? inputError('cli.unknownItemSuggest', { id, suggestion }) : inputError('cli.unknownItem', { id });
  }
  const profile = await loadProfile(pathIn(io, options.profile), context.set.facts, inputNotices(io));
  const explanation = explainItem(context.compiled, profile, context.asOf, id)!;
  io.stdout.write(options.json ? renderJson(explanation) : renderExplanation(explanation, context.lang, await styleFor(io, 'stdout'), context.compiled.params, context.set.facts));
  return 0;
}
