import { allowedMessage, describeAllowed, valueSpellings, type FactDef, type FactsDeclaration } from '../../facts/facts.js';
import { unitSpellings, unknownSpellings } from '../../facts/spellings.js';
import { loadFacts } from '../../policy/load.js';
import { renderJson } from '../../report/json.js';
import type { Lang } from '../../report/format.js';
import { langOf } from '../config.js';
import { pathIn, type Io } from '../io.js';
import { render, t } from '../../util/messages/index.js';

/** What a fact accepts, in Chinese: each value's Chinese label with its name, which input accepts alike. */
function chineseAllowed(declared: FactsDeclaration, f: FactDef): string {
  if (f.type === 'enum') return t('allowed.enum', 'zh', { values: f.values.map((value) => `${f.valueLabels[value]?.zh ?? value}（${value}）`).join('、') });
  if (f.type === 'boolean') return `${declared.booleanValues.true.label.zh} 或 ${declared.booleanValues.false.label.zh}（true 或 false）`;
  const unit = f.unit ? `，${t('facts.unit', 'zh', { unit: f.unit.zh })}` : '';
  return `${render(allowedMessage(f), 'zh')}${unit}`;
}

/** The Chinese spellings input also accepts, beside the labels: a value's aliases, or yes and no's. */
function otherSpellings(declared: FactsDeclaration, f: FactDef): string[] {
  if (f.type === 'enum') return f.values.flatMap((value) => (f.valueAliases?.[value]?.zh ?? []).map((alias) => `${alias}（${value}）`));
  if (f.type === 'boolean') return [...declared.booleanValues.true.aliases.zh.map((alias) => `${alias}（true）`), ...declared.booleanValues.false.aliases.zh.map((alias) => `${alias}（false）`)];
  return [];
}

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
    const indent = ' '.repeat(width + 2);
    for (const f of declared.facts) {
      if (lang === 'en') {
        io.stdout.write(`${f.name.padEnd(width)}  ${f.label[lang]} — ${describeAllowed(f)}\n${indent}${f.help[lang]}\n`);
        continue;
      }
      io.stdout.write(`${f.name.padEnd(width)}  ${f.label.zh} —— ${chineseAllowed(declared, f)}\n${indent}${f.help.zh}\n`);
      const others = otherSpellings(declared, f);
      if (others.length > 0) io.stdout.write(`${indent}${t('facts.otherSpellings', 'zh', { spellings: others.join('、') })}\n`);
    }
  }
  return 0;
}
