import { factLabel, factNamed, valueLabel, type FactsDeclaration, type FactValue } from '../facts/facts.js';
import type { FactChange, NearMiss } from '../engine/what-if.js';
import { decimal, yuan, type Lang } from './format.js';
import { t } from './messages.js';
import { joinPhrases, PUNCTUATION } from '../util/messages/index.js';

const number = (value: number): string => decimal(value);

/** A fact's value in words, with its unit for numbers: "6 months", "3年", "Senior", "yes". */
export function describeFactValue(facts: FactsDeclaration, fact: string, value: FactValue | null, lang: Lang, withUnit = true): string {
  if (value === null) return t('unknownValue', lang);
  if (typeof value !== 'number') return valueLabel(facts, fact, value, lang);
  const def = factNamed(facts, fact);
  const unit = withUnit && def && (def.type === 'number' || def.type === 'integer') ? def.unit?.[lang] : undefined;
  // "Social-insurance months 5 → 6", not "… 6 months": the label already says what is counted.
  if (!unit || (lang === 'en' && new RegExp(`\\b${unit}\\b`, 'i').test(def!.label.en))) return number(value);
  return lang === 'zh' || unit.length === 1 ? `${number(value)}${unit}` : `${number(value)} ${unit}`;
}

function describeTarget(change: FactChange, lang: Lang, facts: FactsDeclaration): string {
  const bound = change.above ?? change.below;
  if (bound === undefined) return describeFactValue(facts, change.fact, change.to, lang);
  const shown = describeFactValue(facts, change.fact, bound, lang);
  return t(change.above !== undefined ? 'whatIf.moreThan' : 'whatIf.lessThan', lang, { value: shown });
}

/** "Social-insurance months 5 → 6 months", "set Stays in Chongqing to yes", "Contract length 0 → more than 0 years". */
export function describeChange(change: FactChange, lang: Lang, facts: FactsDeclaration): string {
  const label = factLabel(facts, change.fact, lang);
  const target = describeTarget(change, lang, facts);
  if (change.from === null) return t('whatIf.set', lang, { fact: label, value: target });
  return `${label} ${describeFactValue(facts, change.fact, change.from, lang, false)} → ${target}`;
}

/** "Social-insurance months 5 → 6 months: +¥2,000 (measure 14)". */
export function describeNearMiss(miss: NearMiss, lang: Lang, facts: FactsDeclaration): string {
  const changes = joinPhrases(miss.changes.map((change) => describeChange(change, lang, facts)), lang);
  return t('whatIf.gain', lang, { changes, gain: yuan(miss.gainCNY, lang), n: String(miss.measure) });
}

/** The item a near miss would get, and what it would replace: "One-off hiring subsidy (m14-…); replaces m14-…". */
export function describeNearMissItem(miss: NearMiss, lang: Lang): string {
  const replaces = miss.replaces?.length ? `${PUNCTUATION.clauses[lang]}${t('replaces', lang)} ${miss.replaces.join(', ')}` : '';
  return `${miss.title[lang]} (${miss.id})${replaces}`;
}
