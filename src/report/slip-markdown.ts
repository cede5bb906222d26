import { colon, joinList } from '../util/messages/index.js';
import type { Slip, SlipItem } from './slip.js';

/** Text as Markdown that shows literally: the characters Markdown reads as syntax are backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()<>#+!|~]/g, (char) => `\\${char}`)
    .replace(/^(\s*)(-|\d+\.)(?=\s)/, (_, space: string, mark: string) => `${space}${mark.replace(/^(\d+)\./, '$1\\.').replace(/^-/, '\\-')}`);
}

const md = escapeMarkdown;

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function itemCell(item: SlipItem): string {
  const notes = [item.localRules, item.outsideTotal].filter((note): note is string => note !== null).map((note) => `<br>${md(note)}`);
  return `${md(item.measure)} ${md(item.title)}<br>\`${item.id.replace(/`/g, '')}\`${notes.join('')}`;
}

/** The slip as Markdown: the same content as the HTML slip, for pasting into a case file or a message. */
export function renderSlipMarkdown(slip: Slip): string {
  const w = slip.words;
  const sep = colon(slip.lang);
  const out = [`# ${md(slip.title)}`, ''];
  out.push(`- ${md(w.document)}${sep}${md(slip.policy.document)}`);
  out.push(`- ${md(w.documentTitle)}${sep}${md(slip.policy.title)}`);
  out.push(`- ${md(w.issued)}${sep}${md(slip.policy.issued)}`);
  out.push(`- ${md(w.asOf)}${sep}${md(slip.asOf)}`, '');
  for (const notice of slip.notices) out.push(md(notice), '');
  out.push(`**${md(slip.disclaimer)}**`, '');

  out.push(`## ${md(w.facts)}`, '');
  if (slip.facts.length === 0 && !slip.factsNo) out.push(md(w.none));
  for (const fact of slip.facts) out.push(`- ${md(fact.label)}${sep}${md(fact.value)}`);
  if (slip.factsNo) out.push(`- ${md(slip.factsNo.label)}${sep}${md(joinList(slip.factsNo.facts, slip.lang))}`);
  out.push('');

  out.push(`## ${md(w.eligible)} (${slip.eligible.length})`, '');
  if (slip.eligible.length === 0) out.push(md(w.noneEligible));
  else {
    out.push(row([w.item, w.recipient, w.amount, w.estimate, w.lead].map(md)), row(['---', '---', '---', '---:', '---']));
    for (const item of slip.eligible) out.push(row([itemCell(item), md(item.recipient), md(item.amount), md(item.estimate ?? '—'), md(item.lead)]));
  }
  out.push('', `**${md(slip.total)}**`);
  if (slip.outsideTotal) out.push('', md(slip.outsideTotal));
  out.push('');

  out.push(`## ${md(w.undetermined)} (${slip.undeterminedCount})`, '');
  if (slip.undetermined.length === 0) out.push(md(w.noneUndetermined), '');
  for (const group of slip.undetermined) {
    out.push(`**${md(w.toConfirm)}${sep}${md(joinList(group.toConfirm, slip.lang))}**`, '');
    for (const item of group.items) out.push(`- ${md(item.measure)} ${md(item.title)} — ${md(item.amount)}`);
    out.push('');
  }

  if (slip.basis.length > 0) {
    out.push(`## ${md(w.basis)}`, '');
    for (const basis of slip.basis) out.push(`- ${md(basis.where)} \`${basis.id.replace(/`/g, '')}\``, `  > ${md(basis.quote)}`);
    out.push('');
  }
  return out.join('\n');
}
