import type { Catalogue } from '../engine/catalogue.js';
import type { FactsDeclaration } from '../facts/facts.js';
import { describeAmount, policyTitle, type Lang, type Style } from './format.js';
import { recipientLabel, t } from './messages.js';

/** The catalogue in words: each measure, its items, their figures and who receives them. */
export function renderCatalogue(catalogue: Catalogue, lang: Lang, style: Style, facts: FactsDeclaration): string {
  const out: string[] = [style.bold(`${catalogue.policy.document} ${policyTitle(catalogue.policy, lang)}`)];
  let section = '';
  for (const measure of catalogue.measures) {
    if (measure.section[lang] !== section) {
      section = measure.section[lang];
      out.push('', style.bold(section));
    }
    const units = [...measure.units.lead, ...measure.units.responsible].join('、');
    out.push(`${style.cyan(`${measure.measure}.`)} ${style.bold(measure.title[lang])} ${style.dim(`— ${units}`)}`);
    if (measure.items.length === 0) out.push(`    ${style.dim(measure.note?.[lang] ?? t('noItems', lang))}`);
    for (const item of measure.items) {
      const local = item.dependsOnLocalRules ? style.yellow(` (${t('localRules', lang)})`) : '';
      out.push(`    ${item.title[lang]}: ${describeAmount(item.amount, lang, facts)} → ${recipientLabel(item.recipient, lang)}${local} ${style.dim(item.id)}`);
    }
  }
  return out.join('\n') + '\n';
}
