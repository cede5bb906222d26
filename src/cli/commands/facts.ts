import { describeAllowed, type FactsDeclaration } from '../../facts/facts.js';
import { loadFacts } from '../../policy/load.js';
import { renderJson } from '../../report/json.js';
import type { Lang } from '../../report/format.js';
import { langOf } from '../config.js';
import { pathIn, type Io } from '../io.js';

/** The README's facts table: "subsidy facts --markdown". */
export function factsMarkdown(declared: FactsDeclaration): string {
  const rows = declared.facts.map((f) => `| \`${f.name}\` | ${describeAllowed(f)} | ${f.label.zh} | ${f.label.en} | ${f.help.en} |`);
  return ['| fact | allowed | 中文 | label | meaning |', '|---|---|---|---|---|', ...rows, ''].join('\n');
}

/** The facts table, from the policy folder's facts.yaml, which also drives validation, the questions and the CSV headers. */
export async function facts(options: { json?: boolean; markdown?: boolean; lang?: Lang; policies: string }, io: Io): Promise<number> {
  const declared = await loadFacts(pathIn(io, options.policies), io.cwd);
  if (options.json) {
    io.stdout.write(renderJson(declared.facts));
  } else if (options.markdown) {
    io.stdout.write(factsMarkdown(declared));
  } else {
    const lang = await langOf(options.lang, io);
    const width = Math.max(...declared.facts.map((f) => f.name.length));
    for (const f of declared.facts) io.stdout.write(`${f.name.padEnd(width)}  ${f.label[lang]} — ${describeAllowed(f)}\n${' '.repeat(width + 2)}${f.help[lang]}\n`);
  }
  return 0;
}
