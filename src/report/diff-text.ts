import stringWidth from 'string-width';
import { aside, colon, MESSAGES, render, t, type MessageId } from '../util/messages/index.js';
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

/** A field's name in words: in Chinese its label; in English the field as the YAML names it. */
function fieldWord(field: string, lang: Lang): string {
  const id = `field.${field}`;
  return id in MESSAGES ? t(id as MessageId, lang) : field;
}

function describeValue(field: string, value: unknown, lang: Lang, facts: FactsDeclaration): string {
  if (field === 'validity') {
    const { from, to } = (value ?? {}) as { from?: string; to?: string };
    return [from && t('diff.from', lang, { date: from }), to && t('diff.to', lang, { date: to })].filter(Boolean).join(' ') || t('diff.always', lang);
  }
  if (value === null || value === undefined) return t('none', lang);
  if (field === 'amount') return describeAmount(value as AmountInput, lang, facts);
  if (field === 'localRules') {
    const rules = value as { note: Label; params: string[] };
    return rules.params.length > 0 ? t('diff.params', lang, { params: rules.params.join(', ') }) : t('diff.noteOnly', lang);
  }
  if (typeof value === 'object' && 'zh' in value && 'en' in value) return quoted((value as Label)[lang]);
  if (Array.isArray(value)) return `[${value.map(String).join(', ')}]`;
  if (typeof value === 'string') return field === 'basis' ? quoted(value) : value;
  return JSON.stringify(value);
}

const CONDITION_CHANGES = {
  requires: 'diff.requires',
  'no-longer-requires': 'diff.noLongerRequires',
  'also-qualifies': 'diff.alsoQualifies',
  'no-longer-qualifies': 'diff.noLongerQualifies',
  'under-not': 'diff.underNot',
} as const satisfies Record<string, MessageId>;

/**
 * A change inside a condition in the operator table's words: "Social-insurance months: must be at least 6 → must be
 * at least 3", "now requires: Disabled must be yes".
 */
export function describeConditionChange(change: ConditionChange, lang: Lang, facts: FactsDeclaration): string {
  switch (change.change) {
    case 'moved': {
      const words = (test: typeof change.before) => describeRequirement({ fact: change.fact, ...test }, lang, facts);
      return `${factLabel(facts, change.fact, lang)}${colon(lang)}${words(change.before)} → ${words(change.after)}`;
    }
    case 'under-not':
      return t(CONDITION_CHANGES['under-not'], lang, { change: describeConditionChange(change.inner, lang, facts) });
    case 'replaced':
      return `${describeConditionWords(change.before, lang, facts)} → ${describeConditionWords(change.after, lang, facts)}`;
    default:
      return t(CONDITION_CHANGES[change.change], lang, { change: describeConditionWords(change.condition, lang, facts) });
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
    return t('diff.notes', lang, { added, removed });
  }
  return `${fieldWord(change.field, lang)} ${describeValue(change.field, change.before, lang, facts)} → ${describeValue(change.field, change.after, lang, facts)}`;
}

const signed = (value: number, lang: Lang) => (value > 0 ? `+${yuan(value, lang)}` : value < 0 ? `−${yuan(-value, lang)}` : yuan(0, lang));

/** The rule diff in words: one line per item, measure and document change. */
export function renderRuleDiff(diff: PolicyDiff, lang: Lang, style: Style, facts: FactsDeclaration): string[] {
  const out: string[] = [];
  if (!diff.changed) return [t('diff.noChanges', lang)];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push(style.bold(`${title}${aside(String(lines.length), lang)}`), ...lines.map((line) => `  ${line}`), '');
  };
  section(t('diff.itemsAdded', lang), diff.items.added.map((item) => `+ ${item.id}: ${item.title[lang]}`));
  section(t('diff.itemsRemoved', lang), diff.items.removed.map((item) => `- ${item.id}: ${item.title[lang]}`));
  section(t('diff.itemsChanged', lang), diff.items.changed.map((item) => `${item.id}: ${item.changes.map((change) => describeFieldChange(change, lang, facts)).join('; ')}`));
  section(t('diff.measuresAdded', lang), diff.measures.added.map((m) => `+ ${t('diff.measure', lang, { n: m.measure })}: ${m.title[lang]}`));
  section(t('diff.measuresRemoved', lang), diff.measures.removed.map((m) => `- ${t('diff.measure', lang, { n: m.measure })}: ${m.title[lang]}`));
  section(t('diff.measuresChanged', lang), diff.measures.changed.map((m) => `${t('diff.measure', lang, { n: m.measure })}: ${m.changes.map((change) => describeFieldChange(change, lang, facts)).join('; ')}`));
  section(t('diff.documentChanged', lang), diff.document.map((change) => describeFieldChange(change, lang, facts)));
  if (out.at(-1) === '') out.pop();
  return out;
}

/** Who gains and who loses: per item, the total, and the applicants whose results changed (the first `limit`). */
export function renderPopulationDiff(population: PopulationDiff & { file: string }, lang: Lang, style: Style, limit: number, outFile: string | null): string[] {
  const out: string[] = [];
  const errors = population.rowsWithErrors.length;
  const skipped = errors > 0 ? t('diff.skipped', lang, { n: errors, rowWord: errors === 1 ? 'row' : 'rows' }) : '';
  out.push(
    style.bold(
      t('diff.population', lang, { file: population.file, asOf: population.asOf, applicants: population.applicants, applicantWord: population.applicants === 1 ? 'applicant' : 'applicants', changed: population.changedApplicants, skipped }),
    ),
  );
  if (population.items.length > 0) {
    const width = Math.max(4, ...population.items.map((item) => item.id.length));
    const [item, gain, lose, other, change] = t('diff.columns', lang).split('|') as [string, string, string, string, string];
    const pad = (text: string, to: number, start = false) => (start ? ' '.repeat(Math.max(0, to - stringWidth(text))) + text : text + ' '.repeat(Math.max(0, to - stringWidth(text))));
    out.push(`  ${pad(item, width)}  ${pad(gain, 6, true)}  ${pad(lose, 6, true)}  ${pad(other, 6, true)}  ${change}`);
    for (const item of population.items) {
      out.push(
        `  ${item.id.padEnd(width)}  ${String(item.gained).padStart(6)}  ${String(item.lost).padStart(6)}  ${String(item.otherwise).padStart(6)}  ${signed(item.estimateChange, lang)}`,
      );
    }
  }
  const total = population.totalEstimate;
  out.push(t('diff.totalEstimate', lang, { base: yuan(total.base, lang), head: yuan(total.head, lang), change: signed(total.change, lang) }));
  for (const row of population.rowsWithErrors.slice(0, limit)) out.push(style.yellow(t('diff.rowSkipped', lang, { row: row.row, id: row.id ? aside(row.id, lang) : '', why: row.messages.map((m) => render(m, lang)).join(' | ') })));
  if (population.changed.length > 0) {
    const shown = population.changed.slice(0, limit);
    const more = population.changed.length - shown.length;
    const where = outFile ? t('diff.allIn', lang, { file: outFile }) : t('diff.outListsAll', lang);
    const count = more > 0 ? t('diff.firstOf', lang, { shown: shown.length, total: population.changed.length, where }) : aside(String(shown.length), lang);
    out.push('', style.bold(`${t('diff.changedApplicants', lang)}${count}`));
    for (const change of shown) {
      const parts = [
        ...change.gained.map((id) => `+${id}`),
        ...change.lost.map((id) => `-${id}`),
        ...change.otherwise.map((entry) => `${entry.id} ${entry.from} → ${entry.to}`),
        ...change.estimates.map((entry) => `${entry.id} ${yuan(entry.before, lang)} → ${yuan(entry.after, lang)}`),
      ];
      const totals = change.totalBefore === change.totalAfter ? '' : t('diff.rowTotals', lang, { before: yuan(change.totalBefore, lang), after: yuan(change.totalAfter, lang) });
      out.push(t('diff.rowChange', lang, { row: change.row, id: change.id ? aside(change.id, lang) : '', parts: parts.join(', '), totals }));
    }
  }
  return out;
}

/** The whole diff report as text; `limit` caps the lists of applicants (Infinity for --out), whose file is named when written. */
export function renderDiffReport(report: DiffReport, facts: FactsDeclaration, lang: Lang, style: Style, limit: number, outFile: string | null = null): string {
  const out = [style.bold(t('diff.title', lang, { base: report.base, head: report.head })), '', ...renderRuleDiff(report.rules, lang, style, facts)];
  if (report.readings.length > 0) {
    out.push('', style.bold(t('diff.readingsChanged', lang, { n: report.readings.length })), ...report.readings.map((change) => `  ${change.id}: ${change.from} → ${change.to}`));
  }
  if (report.population) out.push('', ...renderPopulationDiff(report.population, lang, style, limit, outFile));
  return `${out.join('\n')}\n`;
}
