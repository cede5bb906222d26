import type { PopulationDiff } from '../cases/population-diff.js';
import type { ConditionChange, FieldChange, PolicyDiff } from '../policy/diff.js';
import { factLabel, type FactsDeclaration } from '../facts/facts.js';
import type { AmountInput, Label } from '../policy/schema.js';
import { describeAmount, describeConditionWords, describeRequirement, yuan, type Lang, type Style } from './format.js';

export interface DiffReport {
  base: string;
  head: string;
  rules: PolicyDiff;
  /** Readings in force on the head side that differ from the base side's (--reading): same policies, another reading. */
  readings: { id: string; from: string; to: string }[];
  population: (PopulationDiff & { file: string }) | null;
  /** What --fail-on-change judges: outcomes when a population was given, rules otherwise. */
  changed: boolean;
}

const quoted = (text: string) => `“${text}”`;

function describeValue(field: string, value: unknown, lang: Lang, facts: FactsDeclaration): string {
  if (field === 'validity') {
    const { from, to } = (value ?? {}) as { from?: string; to?: string };
    return [from && `from ${from}`, to && `to ${to}`].filter(Boolean).join(' ') || 'always';
  }
  if (value === null || value === undefined) return 'none';
  if (field === 'amount') return describeAmount(value as AmountInput, lang, facts);
  if (field === 'localRules') {
    const rules = value as { note: Label; params: string[] };
    return rules.params.length > 0 ? `params ${rules.params.join(', ')}` : 'a note only';
  }
  if (typeof value === 'object' && 'zh' in value && 'en' in value) return quoted((value as Label)[lang]);
  if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
  if (typeof value === 'string') return field === 'basis' ? quoted(value) : value;
  return JSON.stringify(value);
}

const CONDITION_CHANGES = {
  requires: { zh: '新增条件：', en: 'now requires: ' },
  'no-longer-requires': { zh: '不再要求：', en: 'no longer requires: ' },
  'also-qualifies': { zh: '新增可选条件：', en: 'now also qualifies: ' },
  'no-longer-qualifies': { zh: '不再可选：', en: 'no longer qualifies: ' },
  'under-not': { zh: '“不得满足”之下：', en: 'under none of: ' },
};

/**
 * A change inside a condition in the operator table's words: "Social-insurance months: must be at least 6 → must be
 * at least 3", "now requires: Disabled must be yes".
 */
export function describeConditionChange(change: ConditionChange, lang: Lang, facts: FactsDeclaration): string {
  switch (change.change) {
    case 'moved': {
      const words = (test: typeof change.before) => describeRequirement({ fact: change.fact, ...test }, lang, facts);
      return `${factLabel(facts, change.fact, lang)}${lang === 'zh' ? '：' : ': '}${words(change.before)} → ${words(change.after)}`;
    }
    case 'under-not':
      return `${CONDITION_CHANGES['under-not'][lang]}${describeConditionChange(change.inner, lang, facts)}`;
    case 'replaced':
      return `${describeConditionWords(change.before, lang, facts)} → ${describeConditionWords(change.after, lang, facts)}`;
    default:
      return `${CONDITION_CHANGES[change.change][lang]}${describeConditionWords(change.condition, lang, facts)}`;
  }
}

/** One field change in words: "amount ¥2,000 per person → ¥3,000 per person"; conditions say what moved inside them. */
export function describeFieldChange(change: FieldChange, lang: Lang, facts: FactsDeclaration): string {
  if (change.details) return change.details.map((detail) => describeConditionChange(detail, lang, facts)).join('; ');
  if (change.field === 'notes') {
    const key = (note: Label) => JSON.stringify([note.zh, note.en]);
    const before = new Set((change.before as Label[]).map(key));
    const after = new Set((change.after as Label[]).map(key));
    const added = [...after].filter((note) => !before.has(note)).length;
    const removed = [...before].filter((note) => !after.has(note)).length;
    return `notes: ${added} added, ${removed} removed`;
  }
  return `${change.field} ${describeValue(change.field, change.before, lang, facts)} → ${describeValue(change.field, change.after, lang, facts)}`;
}

const signed = (value: number, lang: Lang) => (value > 0 ? `+${yuan(value, lang)}` : value < 0 ? `−${yuan(-value, lang)}` : yuan(0, lang));

/** The rule diff in words: one line per item, measure and document change. */
export function renderRuleDiff(diff: PolicyDiff, lang: Lang, style: Style, facts: FactsDeclaration): string[] {
  const out: string[] = [];
  if (!diff.changed) return ['No rule changes.'];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push(style.bold(`${title} (${lines.length})`), ...lines.map((line) => `  ${line}`), '');
  };
  section('Items added', diff.items.added.map((item) => `+ ${item.id}: ${item.title[lang]}`));
  section('Items removed', diff.items.removed.map((item) => `- ${item.id}: ${item.title[lang]}`));
  section('Items changed', diff.items.changed.map((item) => `${item.id}: ${item.changes.map((change) => describeFieldChange(change, lang, facts)).join('; ')}`));
  section('Measures added', diff.measures.added.map((m) => `+ measure ${m.measure}: ${m.title[lang]}`));
  section('Measures removed', diff.measures.removed.map((m) => `- measure ${m.measure}: ${m.title[lang]}`));
  section('Measures changed', diff.measures.changed.map((m) => `measure ${m.measure}: ${m.changes.map((change) => describeFieldChange(change, lang, facts)).join('; ')}`));
  section('Document changed', diff.document.map((change) => describeFieldChange(change, lang, facts)));
  if (out.at(-1) === '') out.pop();
  return out;
}

/** Who gains and who loses: per item, the total, and the applicants whose results changed (the first `limit`). */
export function renderPopulationDiff(population: PopulationDiff & { file: string }, lang: Lang, style: Style, limit: number, outFile: string | null): string[] {
  const out: string[] = [];
  const errors = population.rowsWithErrors.length;
  const skipped = errors > 0 ? `; ${errors} ${errors === 1 ? 'row' : 'rows'} with errors skipped` : '';
  out.push(
    style.bold(`Population ${population.file} as of ${population.asOf}: ${population.applicants} applicant${population.applicants === 1 ? '' : 's'}, ${population.changedApplicants} with changed results${skipped}`),
  );
  if (population.items.length > 0) {
    const width = Math.max(4, ...population.items.map((item) => item.id.length));
    out.push(`  ${'item'.padEnd(width)}  ${'gain'.padStart(6)}  ${'lose'.padStart(6)}  ${'other'.padStart(6)}  estimate change`);
    for (const item of population.items) {
      out.push(
        `  ${item.id.padEnd(width)}  ${String(item.gained).padStart(6)}  ${String(item.lost).padStart(6)}  ${String(item.otherwise).padStart(6)}  ${signed(item.estimateChange, lang)}`,
      );
    }
  }
  const total = population.totalEstimate;
  out.push(`  total estimate: ${yuan(total.base, lang)} → ${yuan(total.head, lang)} (${signed(total.change, lang)})`);
  for (const row of population.rowsWithErrors.slice(0, limit)) out.push(style.yellow(`  row ${row.row}${row.id ? ` (${row.id})` : ''} skipped: ${row.message}`));
  if (population.changed.length > 0) {
    const shown = population.changed.slice(0, limit);
    const more = population.changed.length - shown.length;
    const where = outFile ? `all in ${outFile}` : '--out FILE lists all';
    out.push('', style.bold(`Changed applicants${more > 0 ? ` (first ${shown.length} of ${population.changed.length}; ${where})` : ` (${shown.length})`}`));
    for (const change of shown) {
      const parts = [
        ...change.gained.map((id) => `+${id}`),
        ...change.lost.map((id) => `-${id}`),
        ...change.otherwise.map((entry) => `${entry.id} ${entry.from} → ${entry.to}`),
        ...change.estimates.map((entry) => `${entry.id} ${yuan(entry.before, lang)} → ${yuan(entry.after, lang)}`),
      ];
      const totals = change.totalBefore === change.totalAfter ? '' : `; total ${yuan(change.totalBefore, lang)} → ${yuan(change.totalAfter, lang)}`;
      out.push(`  row ${change.row}${change.id ? ` (${change.id})` : ''}: ${parts.join(', ')}${totals}`);
    }
  }
  return out;
}

/** The whole diff report as text; `limit` caps the lists of applicants (Infinity for --out), whose file is named when written. */
export function renderDiffReport(report: DiffReport, facts: FactsDeclaration, lang: Lang, style: Style, limit: number, outFile: string | null = null): string {
  const out = [style.bold(`Policy diff ${report.base} → ${report.head}`), '', ...renderRuleDiff(report.rules, lang, style, facts)];
  if (report.readings.length > 0) {
    const title = lang === 'zh' ? `解读改变（${report.readings.length}）` : `Readings changed (${report.readings.length})`;
    out.push('', style.bold(title), ...report.readings.map((change) => `  ${change.id}: ${change.from} → ${change.to}`));
  }
  if (report.population) out.push('', ...renderPopulationDiff(report.population, lang, style, limit, outFile));
  return `${out.join('\n')}\n`;
}
