import { describeAllowed, valueSpellings, type FactsDeclaration } from '../../facts/facts.js';
import { unitSpellings, unknownSpellings } from '../../facts/spellings.js';
import { loadFacts } from '../../policy/load.js';
import { renderJson } from '../../report/json.js';
import type { Lang } from '../../report/format.js';
import { langOf } from '../config.js';
import { pathIn, type Io } from '../io.js';

/** The README's facts table and, below it, its spellings table: "subsidy facts --markdown". */
export function factsMarkdown(declared: FactsDeclaration): string {
  const rows = declared.facts.map((f) => `| \`${f.name}\` | ${describeAllowed(f)} | ${f.label.zh} | ${f.label.en} | ${f.help.en} |`);
  return ['| fact | allowed | 中文 | label | meaning |', '|---|---|---|---|---|', ...rows, '', ...spellingsMarkdown(declared), ''].join('\n');
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const listed = (spellings: readonly string[]): string => [...new Set(spellings)].map((spelling) => `\`${cell(spelling)}\``).join(' ');

/** Every spelling the facts declare, beside the canonical value it means (the one table of spellings.ts). */
function spellingsMarkdown(declared: FactsDeclaration): string[] {
  const rows: string[] = [];
  const booleans = declared.facts.find((f) => f.type === 'boolean');
  if (booleans) {
    for (const value of [true, false]) {
      const spellings = valueSpellings(declared, booleans).filter(([, meant]) => meant === value).map(([spelling]) => spelling);
      rows.push(`| every yes/no fact | \`${value}\` | ${listed(spellings)} |`);
    }
  }
  rows.push(`| every fact | unknown (as a blank) | ${listed(unknownSpellings(declared))} |`);
  for (const f of declared.facts) {
    if (f.type === 'enum') {
      for (const value of f.values) rows.push(`| \`${f.name}\` | \`${value}\` | ${listed(valueSpellings(declared, f).filter(([spelling, meant]) => meant === value && spelling !== value).map(([spelling]) => spelling))} |`);
      const ambiguous = new Map<string, string[]>();
      for (const [spelling, candidates] of Object.entries(f.ambiguous ?? {})) ambiguous.set(candidates.join(' or '), [...(ambiguous.get(candidates.join(' or ')) ?? []), spelling]);
      for (const [candidates, spellings] of ambiguous) rows.push(`| \`${f.name}\` | ambiguous (${candidates}): refused with the choices | ${listed(spellings)} |`);
    }
    const units = unitSpellings(f);
    if (units.length > 0) {
      const factor = (times: string, per: number) => (per === 1 ? (times === '1' ? '' : ` ×${times}`) : times === '1' ? ` ÷${per}` : ` ×${times}÷${per}`);
      const groups = new Map<string, string[]>();
      for (const unit of units) groups.set(factor(unit.times, unit.per), [...(groups.get(factor(unit.times, unit.per)) ?? []), unit.spelling]);
      rows.push(`| \`${f.name}\` | a number, then a unit | ${[...groups].map(([by, spellings]) => `${listed(spellings)}${by}`).join('; ')} |`);
    }
  }
  return ['| fact | value | written as (any case, width or spacing) |', '|---|---|---|', ...rows];
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
