import { describeAllowed, FACTS } from '../../facts/facts.js';
import { renderJson } from '../../report/json.js';
import type { Lang } from '../../report/format.js';
import { defaultLang, type Io } from '../io.js';

/** The facts table, from the one declaration: "subsidy facts --markdown" writes the README's table. */
export async function facts(options: { json?: boolean; markdown?: boolean; lang?: Lang }, io: Io): Promise<number> {
  if (options.json) {
    io.stdout.write(renderJson(FACTS));
  } else if (options.markdown) {
    const rows = FACTS.map((f) => `| \`${f.name}\` | ${describeAllowed(f)} | ${f.label.zh} | ${f.label.en} | ${f.help.en} |`);
    io.stdout.write(['| fact | allowed | 中文 | label | meaning |', '|---|---|---|---|---|', ...rows, ''].join('\n'));
  } else {
    const lang = options.lang ?? defaultLang(io.env);
    const width = Math.max(...FACTS.map((f) => f.name.length));
    for (const f of FACTS) io.stdout.write(`${f.name.padEnd(width)}  ${f.label[lang]} — ${describeAllowed(f)}\n${' '.repeat(width + 2)}${f.help[lang]}\n`);
  }
  return 0;
}
